//! What an operator sees of a running server: its log lines and its metrics.
pub mod logs;
pub mod metrics;
