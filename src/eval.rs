//! Corpus evaluation metrics (placeholder; owned by the CLI work).
