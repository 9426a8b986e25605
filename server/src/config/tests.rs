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
    assert!(config.trusted_proxies[1].contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap()));
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

#[test]
fn the_longest_login_through_a_provider_is_twelve_hours_unless_set() {
    assert_eq!(config(&[]).unwrap().sso_session_max_hours, 12);
    let set = config(&[("SSO_SESSION_MAX_HOURS", "2")]).unwrap();
    assert_eq!(set.sso_session_max_hours, 2);
    assert!(matches!(
        config(&[("SSO_SESSION_MAX_HOURS", "0")]),
        Err(ConfigError::NotANumber("SSO_SESSION_MAX_HOURS", 1, 720, _))
    ));
}
