//! Configuration from the environment (12-factor); `.env` is read first when present.
//! The listen address is Leptos's own `LEPTOS_SITE_ADDR`.
use lettre::message::Mailbox;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portico.db?mode=rwc";
pub const DEFAULT_MAIL_FROM: &str = "Portico <no-reply@localhost>";
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// The SMTP server; unset means the dev mailbox keeps every email.
    pub smtp_url: Option<String>,
    pub mail_from: Mailbox,
    /// The base of links in emails.
    pub public_url: String,
    /// Whether a reverse proxy in front sets the client's address in its headers.
    pub trust_proxy_headers: bool,
    /// Seed the demo company and logins at start-up (development only).
    pub demo_data: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("MAIL_FROM is not an email address with an optional name ({0})")]
    MailFrom(String),
    #[error("PUBLIC_URL must start with http:// or https:// (it is {0:?})")]
    PublicUrl(String),
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
        Ok(Self {
            database_url: lookup("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            smtp_url: lookup("SMTP_URL"),
            mail_from: mail_from
                .parse()
                .map_err(|e: lettre::address::AddressError| ConfigError::MailFrom(e.to_string()))?,
            public_url: public_url.trim_end_matches('/').to_owned(),
            trust_proxy_headers: lookup("TRUST_PROXY_HEADERS").is_some_and(|v| is_yes(&v)),
            demo_data: lookup("PORTICO_DEMO_DATA").is_some_and(|v| is_yes(&v)),
        })
    }

    /// Whether `/dev/mailbox` is on: only when no SMTP server is configured.
    pub fn dev_mailbox(&self) -> bool {
        self.smtp_url.is_none()
    }

    /// Session cookies are `Secure` when the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

fn is_yes(value: &str) -> bool {
    matches!(value.trim(), "1" | "true" | "yes")
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
    fn defaults_give_sqlite_and_the_dev_mailbox() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert!(config.dev_mailbox());
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert!(!config.secure_cookies());
    }

    #[test]
    fn settings_are_read_and_checked() {
        let config = config(&[
            ("SMTP_URL", "smtp://127.0.0.1:1025"),
            ("PUBLIC_URL", "https://portal.example.com/"),
            ("MAIL_FROM", "Help <help@example.com>"),
        ])
        .unwrap();
        assert!(!config.dev_mailbox());
        assert_eq!(config.public_url, "https://portal.example.com");
        assert!(config.secure_cookies());
        assert!(matches!(
            super::Config::from_lookup(|n| (n == "MAIL_FROM").then(|| "nope".to_string())),
            Err(ConfigError::MailFrom(_))
        ));
        assert!(matches!(
            super::Config::from_lookup(|n| (n == "PUBLIC_URL").then(|| "ftp://x".to_string())),
            Err(ConfigError::PublicUrl(_))
        ));
    }
}
