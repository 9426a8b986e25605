//! Portico's server: configuration, database, services, password hashing, email and the
//! HTTP surface. `main.rs` only calls [`run`].
pub mod apps_command;
pub mod backchannel;
pub mod bootstrap;
pub mod captcha;
pub mod cli;
pub mod companies_command;
pub mod config;
pub mod db;
pub mod factors;
pub mod http;
pub mod janitor;
pub mod limits;
pub mod mail;
pub mod memory;
pub mod observability;
pub mod outbound;
pub mod password;
pub mod password_rules;
pub mod relying_party;
pub mod secrets;
pub mod services;
pub mod sign_up_surge;
pub mod signing;
pub mod tokens;
pub mod webhooks;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use leptos::config::{get_configuration, LeptosOptions};
use sea_orm_migration::MigratorTrait;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::SessionStore;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::captcha::CaptchaIssuer;
pub use crate::cli::{Command, KeysAction};
use crate::config::Config;
use crate::db::{Database, Pool};
use crate::http::operations::Operations;
use crate::http::{AppState, HttpSettings};
use crate::mail::outbox::{DeliveryWorker, OutboxSignal};
use crate::observability::metrics::Metrics;
use crate::password::PasswordHasher;
use crate::services::Portico;

/// How long requests in flight, and the email being sent, may take to finish once a
/// shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// Runs a command; `serve` returns after a graceful shutdown.
pub async fn run(command: Command) -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let config = Config::from_env()?;
    observability::logs::init(config.log_format, &config.log_filter);
    match command {
        Command::CheckConfig => check_config(&config),
        Command::Migrate => {
            let database = connect(&config).await?;
            let applied = db::migrations::Migrator::get_applied_migrations(&database.conn).await?;
            println!(
                "The database is up to date: {} migrations applied.",
                applied.len()
            );
            Ok(())
        }
        Command::CreateAdmin {
            email,
            first_name,
            last_name,
        } => {
            let database = connect(&config).await?;
            let portico = portico(&config, &database, OutboxSignal::default()).await?;
            let password = bootstrap::admin_password()?;
            let person = bootstrap::NewPerson::parse(&email, &first_name, &last_name, &password)?;
            let admin = bootstrap::create_admin(&portico, person).await?;
            println!(
                "Created administrator {}. Log in at {}/csm/log-in, then open /admin.",
                admin.email, config.public_url
            );
            Ok(())
        }
        Command::Keys {
            action: KeysAction::Rotate,
        } => signing::command::rotate(&connect(&config).await?.conn, &config.secrets_key).await,
        Command::Keys {
            action: KeysAction::SignatureCost,
        } => signing::command::print_signature_cost(),
        Command::Apps { action } => apps_command::run(&config, action).await,
        Command::Companies { action } => companies_command::run(&config, action).await,
        Command::Serve => serve(config).await,
    }
}

/// Opens the database and brings its schema up to date.
async fn connect(config: &Config) -> anyhow::Result<Database> {
    Database::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database at {}", config.database_url))
}

async fn portico(
    config: &Config,
    database: &Database,
    signal: OutboxSignal,
) -> anyhow::Result<Portico> {
    let captcha_key = db::settings::secret_key(&database.conn, "captcha_key").await?;
    let secrets = secrets::open_at_start(&config.secrets_key, &database.conn).await?;
    Ok(Portico::new(
        database.conn.clone(),
        PasswordHasher::per_core()?,
        CaptchaIssuer::new(captcha_key).with_max_number(config.captcha_difficulty),
        signal,
        &config.public_url,
        secrets,
    )
    .with_limits(config.limits.clone())
    .with_surge(config.captcha_surge)
    .with_administrators_needing_two_factors(config.admin_two_factor)
    .with_sso_session_max_hours(config.sso_session_max_hours)
    .with_outbound_policy(outbound::OutboundPolicy::allowing(
        config.outbound_allow.clone(),
    )))
}

/// The Leptos options, with the listen address from the configuration.
fn leptos_options(config: &Config) -> anyhow::Result<LeptosOptions> {
    let mut options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    if let Some(address) = config.listen_address {
        options.site_addr = address;
    }
    // cargo-leptos builds the assets with content hashes in their names and writes the
    // hashes beside the binary; a server started without it (in production, in the tests)
    // learns that from the file.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(&*options.hash_file)))
            .is_some_and(|file| file.exists());
    }
    Ok(options)
}

/// `check-config`: everything `serve` would refuse is refused here; the rest is printed
/// (without the passwords in URLs).
fn check_config(config: &Config) -> anyhow::Result<()> {
    let options = leptos_options(config)?;
    let mail = match (&config.smtp_url, config.dev_mailbox) {
        (Some(url), _) => format!("sent through {}", without_password(url)),
        (None, true) => "kept and shown at /dev/mailbox (development only)".into(),
        (None, false) => "kept in the outbox, not sent (SMTP_URL is not set)".into(),
    };
    let ranges = |ranges: &[ipnet::IpNet]| -> String {
        let ranges: Vec<String> = ranges.iter().map(|r| r.to_string()).collect();
        ranges.join(", ")
    };
    let proxies = match config.trusted_proxies.as_slice() {
        [] => "none: each client is the address it connects from".to_owned(),
        trusted => format!("{} ({})", ranges(trusted), config.forwarded_header.name()),
    };
    let outbound = match config.outbound_allow.as_slice() {
        [] => "public addresses only".to_owned(),
        allowed => format!("public addresses and {}", ranges(allowed)),
    };
    println!("The configuration is valid.");
    println!(
        "  database        {}",
        without_password(&config.database_url)
    );
    println!("  listening on    {}", options.site_addr);
    println!("  public URL      {}", config.public_url);
    println!("  emails          {mail}, from {}", config.mail_from);
    println!("  metrics for     {}", ranges(&config.metrics_allow));
    println!("  proxies         {proxies}");
    println!("  webhooks to     {outbound}");
    println!("  secrets key     {}", config.secrets_key.describe());
    println!(
        "  log             {}, {}",
        config.log_format.name(),
        config.log_filter
    );
    Ok(())
}

/// `scheme://user:secret@host/…` without the secret.
fn without_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &url[..scheme_end],
                &rest[..colon],
                &rest[at..]
            ),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Serves until Ctrl-C or SIGTERM, then stops accepting, lets requests in flight and the
/// email being sent finish (for up to [`SHUTDOWN_GRACE`]), and returns.
async fn serve(config: Config) -> anyhow::Result<()> {
    let database = connect(&config).await?;
    let signal = OutboxSignal::default();
    let portico = portico(&config, &database, signal.clone()).await?;
    // Made if missing, and opened: a key that no longer opens stops the start here.
    let keys = portico.keys.ring(&portico.db, chrono::Utc::now()).await;
    keys.context("loading the keys that sign ID tokens")?;
    if portico.passkeys.is_none() {
        tracing::warn!(
            "passkeys are off: PUBLIC_URL ({}) has no domain name, and an IP address cannot \
             be a WebAuthn relying party (use http://localhost:PORT in development)",
            config.public_url
        );
    }
    if config.demo_data {
        bootstrap::seed_demo(&portico).await?;
    }
    let leptos_options = leptos_options(&config)?;
    let address = leptos_options.site_addr;

    let shutdown = CancellationToken::new();
    tokio::spawn(cancel_on_signal(shutdown.clone()));
    let delivery = deliver_emails(&config, &database, signal, &shutdown)?;
    tokio::spawn(janitor::run(database.conn.clone(), config.outbox_retention));
    webhooks::start_worker(database.conn.clone(), &config, portico.secrets.clone())?;
    backchannel::start_worker(database.conn.clone(), &config, portico.secrets.clone())?;

    let settings = http_settings(&config);
    let listener = TcpListener::bind(address)
        .await
        .with_context(|| format!("listening on {address}"))?;
    tracing::info!("Portico is at http://{address}");
    let operations = Operations {
        db: database.conn.clone(),
        metrics: Metrics::install(
            database.conn.clone(),
            database.pool.clone(),
            portico.hasher.clone(),
        ),
        metrics_allow: config.metrics_allow.clone().into(),
    };
    let state = |portico: Portico| {
        let portico = Arc::new(portico);
        AppState {
            leptos_options,
            services: portico.clone(),
            provider: portico,
            db: database.conn.clone(),
            operations,
        }
    };
    let served = match database.pool.clone() {
        Pool::Sqlite(pool) => {
            let store = SqliteStore::new(pool);
            store.migrate().await?;
            let portico = portico.with_session_store(Arc::new(store.clone()));
            tokio::spawn(janitor::carry_out_deletions(portico.clone()));
            serve_http(listener, state(portico), store, settings, shutdown.clone()).await
        }
        Pool::Postgres(pool) => {
            let store = PostgresStore::new(pool);
            store.migrate().await?;
            let portico = portico.with_session_store(Arc::new(store.clone()));
            tokio::spawn(janitor::carry_out_deletions(portico.clone()));
            serve_http(listener, state(portico), store, settings, shutdown.clone()).await
        }
    };
    if let Some(delivery) = delivery {
        if tokio::time::timeout(SHUTDOWN_GRACE, delivery)
            .await
            .is_err()
        {
            tracing::warn!("the email being sent did not finish in time");
        }
    }
    tracing::info!("stopped");
    served
}

/// Starts what sends the outbox's emails: the SMTP worker, or the dev mailbox, or
/// nothing (then the emails wait in the outbox, and the log says so).
fn deliver_emails(
    config: &Config,
    database: &Database,
    signal: OutboxSignal,
    shutdown: &CancellationToken,
) -> anyhow::Result<Option<tokio::task::JoinHandle<()>>> {
    Ok(match &config.smtp_url {
        Some(url) => {
            let worker =
                DeliveryWorker::new(database.conn.clone(), url, config.mail_from.clone(), signal)
                    .context("SMTP_URL is not a valid SMTP URL")?
                    .stopping_on(shutdown.clone());
            tracing::info!("emails go out through the SMTP server in SMTP_URL");
            Some(tokio::spawn(worker.run()))
        }
        None => {
            if config.dev_mailbox {
                warn_dev_mailbox(&config.public_url);
                Some(tokio::spawn(mail::dev_mailbox::run(
                    database.conn.clone(),
                    signal,
                    shutdown.clone(),
                )))
            } else {
                tracing::warn!(
                    "SMTP_URL is not set: emails are kept in the outbox table and NOT sent. Set \
                     SMTP_URL to send them (or DEV_MAILBOX=true, in development, to read them \
                     at /dev/mailbox)."
                );
                None
            }
        }
    })
}

fn http_settings(config: &Config) -> HttpSettings {
    HttpSettings {
        dev_mailbox: config.dev_mailbox,
        secure_cookies: config.secure_cookies(),
        proxies: http::client_address::Proxies::new(
            config.trusted_proxies.clone(),
            config.forwarded_header,
        ),
        site_origin: config.public_origin(),
    }
}

async fn serve_http<S: SessionStore + ExpiredDeletion + Clone>(
    listener: TcpListener,
    state: AppState,
    store: S,
    settings: HttpSettings,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    tokio::spawn(janitor::expire_sessions(store.clone()));
    let app = http::router(state, store, settings);
    http::listener::serve(listener, app, shutdown, SHUTDOWN_GRACE).await;
    Ok(())
}

/// The dev mailbox shows every email (password reset links too) to anyone: say so where
/// nobody can miss it.
fn warn_dev_mailbox(public_url: &str) {
    let banner = format!(
        "\n{line}\n  DEV MAILBOX IS ON (DEV_MAILBOX=true): emails are not sent; anyone who can open\n  \
         {public_url}/dev/mailbox reads every one of them, password reset links included.\n  \
         For development only. Unset DEV_MAILBOX and set SMTP_URL in production.\n{line}",
        line = "!".repeat(86)
    );
    eprintln!("{banner}");
    tracing::warn!("the dev mailbox is on: every email is readable at /dev/mailbox");
}

async fn cancel_on_signal(shutdown: CancellationToken) {
    shutdown_signal().await;
    shutdown.cancel();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
