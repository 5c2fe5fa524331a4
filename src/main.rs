//! The `read-the-room` CLI (placeholder).
fn main() {}
