//! Text normalisation (placeholder).
