//! Configuration from the environment (12-factor); `.env` is read first when present.
//! The listen address is Leptos's own `LEPTOS_SITE_ADDR`. Every setting is checked
//! here: a value that cannot be right stops the server with a message that names it.
use std::ops::RangeInclusive;

use std::net::SocketAddr;

use ipnet::IpNet;
use lettre::message::Mailbox;

use crate::http::client_address::ForwardedHeader;
use crate::limits::{Limit, Limits, DEFAULT_ANSWERS_PER_HOUR, DEFAULT_REGISTRATIONS_PER_HOUR};
use crate::observability::logs::{LogFormat, DEFAULT_FILTER};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portico.db?mode=rwc";
pub const DEFAULT_MAIL_FROM: &str = "Portico <no-reply@localhost>";
/// `localhost`, not `127.0.0.1`: passkeys need a domain name (an IP address cannot be a
/// WebAuthn relying party), and `http://localhost` is a secure context for browsers.
pub const DEFAULT_PUBLIC_URL: &str = "http://localhost:3000";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// The SMTP server; unset, emails stay in the outbox.
    pub smtp_url: Option<String>,
    pub mail_from: Mailbox,
    /// The base of links in emails.
    pub public_url: String,
    /// `TRUSTED_PROXIES`: the addresses (or ranges) of the reverse proxies whose
    /// forwarding header is believed; none (the default) reads the peer's address.
    pub trusted_proxies: Vec<IpNet>,
    /// `FORWARDED_HEADER`: the header those proxies write.
    pub forwarded_header: ForwardedHeader,
    /// `OUTBOUND_ALLOW_RANGES`: private or special ranges that outbound requests
    /// (webhooks) may reach all the same, for receivers on the premises.
    pub outbound_allow: Vec<IpNet>,
    /// Seed the demo company and logins at start-up (development only).
    pub demo_data: bool,
    /// Show every email at `/dev/mailbox` instead of sending it (development only).
    pub dev_mailbox: bool,
    /// Limits on attempts.
    pub limits: Limits,
    /// `OUTBOX_RETENTION_DAYS`: how long a sent email's row (without its body) is kept.
    pub outbox_retention: chrono::Duration,
    /// The Security Code's base proof of work: the solver tries up to this many numbers.
    pub captcha_difficulty: u64,
    /// Whether the proof of work grows harder while sign-ups surge.
    pub captcha_surge: bool,
    /// Whether administrators must log in with a second factor: on unless turned off, and
    /// off by default with the demo data (whose administrator has none).
    pub admin_two_factor: bool,
    /// `LOG_FORMAT`: text (the default) or json, one object per line.
    pub log_format: LogFormat,
    /// `RUST_LOG`: which lines are logged.
    pub log_filter: String,
    /// `METRICS_ALLOW`: the addresses (or ranges) that may read `/metrics`.
    pub metrics_allow: Vec<IpNet>,
    /// `LEPTOS_SITE_ADDR`, when set: where the server listens.
    pub listen_address: Option<SocketAddr>,
}

/// Loopback only, unless `METRICS_ALLOW` says otherwise.
pub const DEFAULT_METRICS_ALLOW: &str = "127.0.0.0/8,::1/128";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("MAIL_FROM is not an email address with an optional name ({0})")]
    MailFrom(String),
    #[error("PUBLIC_URL must start with http:// or https:// (it is {0:?})")]
    PublicUrl(String),
    #[error("DATABASE_URL must start with sqlite:, postgres: or postgresql: (it is {0:?})")]
    DatabaseUrl(String),
    #[error(
        "SMTP_URL is not an SMTP URL such as smtp://host:25 or smtps://user:password@host ({0})"
    )]
    SmtpUrl(String),
    #[error("LOG_FORMAT must be text or json (it is {0:?})")]
    LogFormat(String),
    #[error("RUST_LOG is not a log filter such as info or warn,server=debug ({0})")]
    LogFilter(String),
    #[error("METRICS_ALLOW must list addresses or ranges such as 127.0.0.1,10.0.0.0/8 ({0:?} is neither)")]
    MetricsAllow(String),
    #[error("LEPTOS_SITE_ADDR must be an address and port such as 0.0.0.0:3000 (it is {0:?})")]
    ListenAddress(String),
    #[error("{0} must be true or false (it is {1:?})")]
    NotABoolean(&'static str, String),
    #[error("{0} must be a whole number from {1} to {2} (it is {3:?})")]
    NotANumber(&'static str, u32, u32, String),
    #[error(
        "DEV_MAILBOX=true shows every email, password reset links included, to anyone who \
         opens /dev/mailbox: it is for development only and cannot be used with an https \
         PUBLIC_URL"
    )]
    DevMailboxInProduction,
    #[error("DEV_MAILBOX=true keeps emails in the server, and SMTP_URL sends them: set only one")]
    DevMailboxWithSmtp,
    #[error(
        "TRUST_PROXY_HEADERS is replaced by TRUSTED_PROXIES, the addresses of the reverse \
         proxies in front of the server (such as 127.0.0.1 or 10.0.0.0/8)"
    )]
    TrustProxyHeaders,
    #[error(
        "TRUSTED_PROXIES lists the reverse proxies' addresses or ranges, such as \
         127.0.0.1 or 10.0.0.0/8, no longer how many there are (it is {0:?})"
    )]
    TrustedProxiesCount(String),
    #[error("{0} must list addresses or ranges such as 127.0.0.1,10.0.0.0/8 ({1:?} is neither)")]
    AddressRanges(&'static str, String),
    #[error("FORWARDED_HEADER must be x-forwarded-for or forwarded (it is {0:?})")]
    ForwardedHeader(String),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads the settings through `lookup`, so that tests need not touch the environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mail_from = lookup("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into());
        let public_url = lookup("PUBLIC_URL").unwrap_or_else(|| DEFAULT_PUBLIC_URL.into());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::PublicUrl(public_url));
        }
        let database_url = lookup("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let known_database = ["sqlite:", "postgres:", "postgresql:"]
            .iter()
            .any(|scheme| database_url.starts_with(scheme));
        if !known_database {
            return Err(ConfigError::DatabaseUrl(database_url));
        }
        if lookup("TRUST_PROXY_HEADERS").is_some() {
            return Err(ConfigError::TrustProxyHeaders);
        }
        let flag = |name: &'static str| match lookup(name) {
            None => Ok(false),
            Some(value) => match value.trim() {
                "1" | "true" | "yes" => Ok(true),
                "0" | "false" | "no" => Ok(false),
                _ => Err(ConfigError::NotABoolean(name, value)),
            },
        };
        let number =
            |name: &'static str, default: u32, range: RangeInclusive<u32>| match lookup(name) {
                None => Ok(default),
                Some(value) => value
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or(ConfigError::NotANumber(
                        name,
                        *range.start(),
                        *range.end(),
                        value,
                    )),
            };
        let smtp_url = lookup("SMTP_URL");
        if let Some(url) = &smtp_url {
            check_smtp_url(url)?;
        }
        let log_format = match lookup("LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(ConfigError::LogFormat(other.to_owned())),
        };
        let log_filter = lookup("RUST_LOG").unwrap_or_else(|| DEFAULT_FILTER.into());
        if let Err(error) = tracing_subscriber::EnvFilter::try_new(&log_filter) {
            return Err(ConfigError::LogFilter(error.to_string()));
        }
        let metrics_allow = lookup("METRICS_ALLOW")
            .unwrap_or_else(|| DEFAULT_METRICS_ALLOW.into())
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(parse_address_range)
            .collect::<Result<Vec<_>, _>>()?;
        let trusted_proxies = lookup("TRUSTED_PROXIES").unwrap_or_default();
        if !trusted_proxies.is_empty() && trusted_proxies.trim().bytes().all(|b| b.is_ascii_digit())
        {
            return Err(ConfigError::TrustedProxiesCount(trusted_proxies));
        }
        let trusted_proxies = address_ranges("TRUSTED_PROXIES", &trusted_proxies)?;
        let forwarded_header = match lookup("FORWARDED_HEADER") {
            None => ForwardedHeader::XForwardedFor,
            Some(value) => {
                ForwardedHeader::parse(&value).ok_or(ConfigError::ForwardedHeader(value))?
            }
        };
        let outbound_allow = address_ranges(
            "OUTBOUND_ALLOW_RANGES",
            &lookup("OUTBOUND_ALLOW_RANGES").unwrap_or_default(),
        )?;
        let listen_address = match lookup("LEPTOS_SITE_ADDR") {
            None => None,
            Some(value) => Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError::ListenAddress(value))?,
            ),
        };
        let dev_mailbox = flag("DEV_MAILBOX")?;
        if dev_mailbox && public_url.starts_with("https://") {
            return Err(ConfigError::DevMailboxInProduction);
        }
        if dev_mailbox && smtp_url.is_some() {
            return Err(ConfigError::DevMailboxWithSmtp);
        }
        let limits = Limits {
            registrations: Limit::per_hour(
                "registration",
                number(
                    "REGISTRATIONS_PER_CLIENT_PER_HOUR",
                    DEFAULT_REGISTRATIONS_PER_HOUR,
                    1..=1_000_000,
                )?,
            ),
            question_answers: Limit::per_hour(
                "question_answer",
                number(
                    "QUESTION_ANSWERS_PER_CLIENT_PER_HOUR",
                    DEFAULT_ANSWERS_PER_HOUR,
                    1..=1_000_000,
                )?,
            ),
            ..Limits::default()
        };
        Ok(Self {
            database_url,
            smtp_url,
            mail_from: mail_from
                .parse()
                .map_err(|e: lettre::address::AddressError| ConfigError::MailFrom(e.to_string()))?,
            public_url: public_url.trim_end_matches('/').to_owned(),
            trusted_proxies,
            forwarded_header,
            outbound_allow,
            demo_data: flag("PORTICO_DEMO_DATA")?,
            dev_mailbox,
            limits,
            outbox_retention: chrono::Duration::days(i64::from(number(
                "OUTBOX_RETENTION_DAYS",
                30,
                1..=3650,
            )?)),
            captcha_difficulty: u64::from(number(
                "CAPTCHA_DIFFICULTY",
                crate::captcha::DEFAULT_MAX_NUMBER as u32,
                1_000..=10_000_000,
            )?),
            captcha_surge: match lookup("CAPTCHA_SURGE") {
                None => true,
                Some(_) => flag("CAPTCHA_SURGE")?,
            },
            admin_two_factor: match lookup("ADMIN_TWO_FACTOR") {
                None => !flag("PORTICO_DEMO_DATA")?,
                Some(_) => flag("ADMIN_TWO_FACTOR")?,
            },
            log_format,
            log_filter,
            metrics_allow,
            listen_address,
        })
    }

    /// Session cookies are `Secure` when the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The site's origin as browsers send it in `Origin`: scheme, host and port.
    pub fn public_origin(&self) -> String {
        origin_of(&self.public_url)
    }
}

/// Refuses what lettre could not send through, before the server starts.
fn check_smtp_url(url: &str) -> Result<(), ConfigError> {
    if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
        return Err(ConfigError::SmtpUrl(
            "it must start with smtp:// or smtps://".into(),
        ));
    }
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
        .map(|_| ())
        .map_err(|error| ConfigError::SmtpUrl(error.to_string()))
}

/// `10.0.0.0/8`, or one address (`127.0.0.1`, `::1`).
fn parse_address_range(entry: &str) -> Result<IpNet, ConfigError> {
    entry
        .parse::<IpNet>()
        .or_else(|_| entry.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| ConfigError::MetricsAllow(entry.to_owned()))
}

/// A comma-separated list of ranges or addresses, for the setting `name`.
fn address_ranges(name: &'static str, value: &str) -> Result<Vec<IpNet>, ConfigError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            parse_address_range(entry)
                .map_err(|_| ConfigError::AddressRanges(name, entry.to_owned()))
        })
        .collect()
}

/// `https://portal.example.com` of `https://portal.example.com/base`.
pub fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => url[..after_scheme + slash].to_owned(),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_give_sqlite_and_no_dev_mailbox() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert!(
            !config.dev_mailbox,
            "the dev mailbox is on only when asked for"
        );
        assert_eq!(config.public_url, "http://localhost:3000");
        assert!(!config.secure_cookies());
        assert!(config.trusted_proxies.is_empty());
        assert_eq!(config.forwarded_header, ForwardedHeader::XForwardedFor);
        assert!(config.outbound_allow.is_empty());
        assert_eq!(config.limits, Limits::default());
    }

    #[test]
    fn settings_are_read_and_checked() {
        let config = config(&[
            ("SMTP_URL", "smtp://127.0.0.1:1025"),
            ("PUBLIC_URL", "https://portal.example.com/"),
            ("MAIL_FROM", "Help <help@example.com>"),
            ("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
            ("FORWARDED_HEADER", "Forwarded"),
            ("OUTBOUND_ALLOW_RANGES", "192.168.10.0/24"),
        ])
        .unwrap();
        assert_eq!(config.public_url, "https://portal.example.com");
        assert_eq!(config.public_origin(), "https://portal.example.com");
        assert!(config.secure_cookies());
        assert_eq!(config.trusted_proxies.len(), 2);
        assert!(
            config.trusted_proxies[1].contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap())
        );
        assert_eq!(config.forwarded_header, ForwardedHeader::Forwarded);
        assert_eq!(
            config.outbound_allow,
            vec!["192.168.10.0/24".parse::<IpNet>().unwrap()]
        );
        assert!(matches!(
            super::Config::from_lookup(|n| (n == "MAIL_FROM").then(|| "nope".to_string())),
            Err(ConfigError::MailFrom(_))
        ));
        assert!(matches!(
            super::Config::from_lookup(|n| (n == "PUBLIC_URL").then(|| "ftp://x".to_string())),
            Err(ConfigError::PublicUrl(_))
        ));
    }

    #[test]
    fn the_dev_mailbox_is_refused_with_https_or_smtp() {
        assert!(config(&[("DEV_MAILBOX", "true")]).unwrap().dev_mailbox);
        assert_eq!(
            config(&[
                ("DEV_MAILBOX", "true"),
                ("PUBLIC_URL", "https://portal.example.com")
            ])
            .unwrap_err(),
            ConfigError::DevMailboxInProduction
        );
        assert_eq!(
            config(&[("DEV_MAILBOX", "true"), ("SMTP_URL", "smtp://127.0.0.1:25")]).unwrap_err(),
            ConfigError::DevMailboxWithSmtp
        );
        assert!(matches!(
            config(&[("DEV_MAILBOX", "maybe")]),
            Err(ConfigError::NotABoolean("DEV_MAILBOX", _))
        ));
    }

    #[test]
    fn typos_are_refused_with_the_name_of_the_setting() {
        let error = config(&[("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert!(error.to_string().starts_with("DATABASE_URL"));
        for (name, value) in [
            ("TRUSTED_PROXIES", "yes"),
            ("TRUSTED_PROXIES", "1"),
            ("TRUSTED_PROXIES", "10.0.0.0/33"),
            ("FORWARDED_HEADER", "x-real-ip"),
            ("OUTBOUND_ALLOW_RANGES", "intranet"),
        ] {
            let error = config(&[(name, value)]).unwrap_err();
            assert!(
                error.to_string().starts_with(name),
                "{name}={value}: {error}"
            );
        }
        assert_eq!(
            config(&[("TRUST_PROXY_HEADERS", "true")]).unwrap_err(),
            ConfigError::TrustProxyHeaders
        );
        let error = config(&[("REGISTRATIONS_PER_CLIENT_PER_HOUR", "0")]).unwrap_err();
        assert!(error
            .to_string()
            .contains("REGISTRATIONS_PER_CLIENT_PER_HOUR"));
    }

    #[test]
    fn operations_settings_are_checked() {
        let defaults = config(&[]).unwrap();
        assert_eq!(defaults.log_format, LogFormat::Text);
        assert!(defaults
            .metrics_allow
            .iter()
            .any(|range| range.contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap())));
        let set = config(&[
            ("LOG_FORMAT", "json"),
            ("METRICS_ALLOW", "10.0.0.0/8, 192.168.1.7"),
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
            ("RUST_LOG", "warn,server=debug"),
        ])
        .unwrap();
        assert_eq!(set.log_format, LogFormat::Json);
        assert_eq!(set.metrics_allow.len(), 2);
        assert_eq!(set.listen_address, Some("0.0.0.0:8080".parse().unwrap()));
        for (name, value) in [
            ("LOG_FORMAT", "yaml"),
            ("METRICS_ALLOW", "localhost"),
            ("LEPTOS_SITE_ADDR", "3000"),
            ("RUST_LOG", "info,,=="),
            ("SMTP_URL", "mailto:x"),
            ("SMTP_URL", "smtp://host:port"),
        ] {
            let error = config(&[(name, value)]).unwrap_err();
            assert!(
                error.to_string().starts_with(name),
                "{name}={value}: {error}"
            );
        }
    }

    #[test]
    fn limits_per_hour_are_settings() {
        let config = config(&[
            ("REGISTRATIONS_PER_CLIENT_PER_HOUR", "1000"),
            ("QUESTION_ANSWERS_PER_CLIENT_PER_HOUR", "7"),
        ])
        .unwrap();
        assert_eq!(config.limits.registrations.burst, 1000);
        assert_eq!(config.limits.question_answers.burst, 7);
    }

    #[test]
    fn sent_emails_are_kept_30_days_unless_set() {
        assert_eq!(config(&[]).unwrap().outbox_retention.num_days(), 30);
        let set = config(&[("OUTBOX_RETENTION_DAYS", "7")]).unwrap();
        assert_eq!(set.outbox_retention.num_days(), 7);
        let error = config(&[("OUTBOX_RETENTION_DAYS", "0")]).unwrap_err();
        assert!(error.to_string().starts_with("OUTBOX_RETENTION_DAYS"));
    }

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        assert_eq!(origin_of("http://localhost:3100"), "http://localhost:3100");
        assert_eq!(
            origin_of("https://example.com/portal"),
            "https://example.com"
        );
    }
}
