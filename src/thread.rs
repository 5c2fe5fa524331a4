//! Reading the thread (placeholder).
