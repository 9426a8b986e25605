//! Log lines on standard error: human-readable by default, one JSON object per line with
//! `LOG_FORMAT=json`. Lines written while a request is handled carry its request id (the
//! `request` span of `http::request_log`).
use tracing_subscriber::EnvFilter;

/// The default filter: Portico at info, the database drivers only when they warn.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    pub fn name(self) -> &'static str {
        match self {
            LogFormat::Text => "text",
            LogFormat::Json => "json",
        }
    }
}

/// tower-sessions warns "possibly suspicious activity" for every cookie of a session that
/// has ended, as after any log-out and return: `http::session_cookies` counts those and
/// logs them at debug, and this keeps the library's own line out (unless `RUST_LOG`
/// names tower_sessions itself).
const QUIET_SESSION_LOOKUPS: &str = "tower_sessions_core::session=error";

/// `filter` with the directives that keep expected events from being logged as warnings.
pub fn effective_filter(filter: &str) -> String {
    if filter.contains("tower_sessions") {
        filter.to_owned()
    } else if filter.trim().is_empty() {
        QUIET_SESSION_LOOKUPS.to_owned()
    } else {
        format!("{filter},{QUIET_SESSION_LOOKUPS}")
    }
}

/// Installs the global subscriber. `filter` has been checked by the configuration.
pub fn init(format: LogFormat, filter: &str) {
    let filter = EnvFilter::try_new(effective_filter(filter))
        .unwrap_or_else(|_| EnvFilter::new(effective_filter(DEFAULT_FILTER)));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal, not in files and log collectors.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // A second init (tests start several servers in one process) keeps the first.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ended_sessions_are_not_logged_as_warnings_unless_asked_for() {
        assert_eq!(
            effective_filter("warn"),
            "warn,tower_sessions_core::session=error"
        );
        assert_eq!(
            effective_filter("warn,tower_sessions=debug"),
            "warn,tower_sessions=debug"
        );
        for filter in [DEFAULT_FILTER, "debug", ""] {
            assert!(
                EnvFilter::try_new(effective_filter(filter)).is_ok(),
                "{filter}"
            );
        }
    }
}
