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
    /// `SSO_SESSION_MAX_HOURS`: the longest a login through another provider lasts
    /// (default 12), unless the provider's session ends sooner.
    pub sso_session_max_hours: u32,
    /// `LOG_FORMAT`: text (the default) or json, one object per line.
    pub log_format: LogFormat,
    /// `RUST_LOG`: which lines are logged.
    pub log_filter: String,
    /// `METRICS_ALLOW`: the addresses (or ranges) that may read `/metrics`.
    pub metrics_allow: Vec<IpNet>,
    /// `LEPTOS_SITE_ADDR`, when set: where the server listens.
    pub listen_address: Option<SocketAddr>,
    /// `PORTICO_SECRETS_KEY`, else the key file `PORTICO_SECRETS_KEY_FILE` (by default
    /// beside the SQLite database): the key that seals secrets stored in the database.
    pub secrets_key: crate::secrets::KeySource,
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
    #[error(transparent)]
    SecretsKey(#[from] crate::secrets::KeySourceError),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads the settings through `lookup`, so that tests need not touch the environment.
    /// The checks run in this order, and the first that fails is the error.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let read = Settings(lookup);
        let mail_from = read
            .get("MAIL_FROM")
            .unwrap_or_else(|| DEFAULT_MAIL_FROM.into());
        let public_url = read.public_url()?;
        let database_url = read.database_url()?;
        if read.get("TRUST_PROXY_HEADERS").is_some() {
            return Err(ConfigError::TrustProxyHeaders);
        }
        let smtp_url = read.get("SMTP_URL");
        if let Some(url) = &smtp_url {
            check_smtp_url(url)?;
        }
        let (log_format, log_filter) = read.logging()?;
        let metrics_allow = read
            .get("METRICS_ALLOW")
            .unwrap_or_else(|| DEFAULT_METRICS_ALLOW.into())
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(parse_address_range)
            .collect::<Result<Vec<_>, _>>()?;
        let (trusted_proxies, forwarded_header) = read.proxies()?;
        let outbound_allow = address_ranges(
            "OUTBOUND_ALLOW_RANGES",
            &read.get("OUTBOUND_ALLOW_RANGES").unwrap_or_default(),
        )?;
        let listen_address = read.listen_address()?;
        let dev_mailbox = read.flag("DEV_MAILBOX")?;
        if dev_mailbox && public_url.starts_with("https://") {
            return Err(ConfigError::DevMailboxInProduction);
        }
        if dev_mailbox && smtp_url.is_some() {
            return Err(ConfigError::DevMailboxWithSmtp);
        }
        let limits = read.limits()?;
        let secrets_key = read.secrets_key(&database_url)?;
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
            demo_data: read.flag("PORTICO_DEMO_DATA")?,
            dev_mailbox,
            limits,
            outbox_retention: chrono::Duration::days(i64::from(read.number(
                "OUTBOX_RETENTION_DAYS",
                30,
                1..=3650,
            )?)),
            captcha_difficulty: u64::from(read.number(
                "CAPTCHA_DIFFICULTY",
                crate::captcha::DEFAULT_MAX_NUMBER as u32,
                1_000..=10_000_000,
            )?),
            captcha_surge: match read.get("CAPTCHA_SURGE") {
                None => true,
                Some(_) => read.flag("CAPTCHA_SURGE")?,
            },
            admin_two_factor: match read.get("ADMIN_TWO_FACTOR") {
                None => !read.flag("PORTICO_DEMO_DATA")?,
                Some(_) => read.flag("ADMIN_TWO_FACTOR")?,
            },
            sso_session_max_hours: read.number("SSO_SESSION_MAX_HOURS", 12, 1..=720)?,
            log_format,
            log_filter,
            metrics_allow,
            listen_address,
            secrets_key,
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

/// The settings as `lookup` gives them, each read and checked on its own.
struct Settings<F>(F);

impl<F: Fn(&str) -> Option<String>> Settings<F> {
    fn get(&self, name: &str) -> Option<String> {
        (self.0)(name)
    }

    fn flag(&self, name: &'static str) -> Result<bool, ConfigError> {
        match self.get(name) {
            None => Ok(false),
            Some(value) => match value.trim() {
                "1" | "true" | "yes" => Ok(true),
                "0" | "false" | "no" => Ok(false),
                _ => Err(ConfigError::NotABoolean(name, value)),
            },
        }
    }

    fn number(
        &self,
        name: &'static str,
        default: u32,
        range: RangeInclusive<u32>,
    ) -> Result<u32, ConfigError> {
        match self.get(name) {
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
        }
    }

    fn public_url(&self) -> Result<String, ConfigError> {
        let public_url = self
            .get("PUBLIC_URL")
            .unwrap_or_else(|| DEFAULT_PUBLIC_URL.into());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::PublicUrl(public_url));
        }
        Ok(public_url)
    }

    fn database_url(&self) -> Result<String, ConfigError> {
        let database_url = self
            .get("DATABASE_URL")
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let known_database = ["sqlite:", "postgres:", "postgresql:"]
            .iter()
            .any(|scheme| database_url.starts_with(scheme));
        if !known_database {
            return Err(ConfigError::DatabaseUrl(database_url));
        }
        Ok(database_url)
    }

    fn logging(&self) -> Result<(LogFormat, String), ConfigError> {
        let log_format = match self.get("LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(ConfigError::LogFormat(other.to_owned())),
        };
        let log_filter = self
            .get("RUST_LOG")
            .unwrap_or_else(|| DEFAULT_FILTER.into());
        if let Err(error) = tracing_subscriber::EnvFilter::try_new(&log_filter) {
            return Err(ConfigError::LogFilter(error.to_string()));
        }
        Ok((log_format, log_filter))
    }

    /// The reverse proxies whose forwarding header is believed, and that header.
    fn proxies(&self) -> Result<(Vec<IpNet>, ForwardedHeader), ConfigError> {
        let trusted_proxies = self.get("TRUSTED_PROXIES").unwrap_or_default();
        if !trusted_proxies.is_empty() && trusted_proxies.trim().bytes().all(|b| b.is_ascii_digit())
        {
            return Err(ConfigError::TrustedProxiesCount(trusted_proxies));
        }
        let trusted_proxies = address_ranges("TRUSTED_PROXIES", &trusted_proxies)?;
        let forwarded_header = match self.get("FORWARDED_HEADER") {
            None => ForwardedHeader::XForwardedFor,
            Some(value) => {
                ForwardedHeader::parse(&value).ok_or(ConfigError::ForwardedHeader(value))?
            }
        };
        Ok((trusted_proxies, forwarded_header))
    }

    fn listen_address(&self) -> Result<Option<SocketAddr>, ConfigError> {
        match self.get("LEPTOS_SITE_ADDR") {
            None => Ok(None),
            Some(value) => value
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| ConfigError::ListenAddress(value)),
        }
    }

    /// Where the key that seals stored secrets comes from (`crate::secrets`).
    fn secrets_key(&self, database_url: &str) -> Result<crate::secrets::KeySource, ConfigError> {
        Ok(crate::secrets::KeySource::from_settings(
            self.get("PORTICO_SECRETS_KEY").as_deref(),
            self.get("PORTICO_SECRETS_KEY_FILE").as_deref(),
            database_url,
        )?)
    }

    fn limits(&self) -> Result<Limits, ConfigError> {
        Ok(Limits {
            registrations: Limit::per_hour(
                "registration",
                self.number(
                    "REGISTRATIONS_PER_CLIENT_PER_HOUR",
                    DEFAULT_REGISTRATIONS_PER_HOUR,
                    1..=1_000_000,
                )?,
            ),
            question_answers: Limit::per_hour(
                "question_answer",
                self.number(
                    "QUESTION_ANSWERS_PER_CLIENT_PER_HOUR",
                    DEFAULT_ANSWERS_PER_HOUR,
                    1..=1_000_000,
                )?,
            ),
            ..Limits::default()
        })
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
mod tests;
