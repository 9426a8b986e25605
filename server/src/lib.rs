//! Portico's server: configuration, database, services, password hashing, email and the
//! HTTP surface. `main.rs` only calls [`run`].
pub mod bootstrap;
pub mod captcha;
pub mod config;
pub mod db;
pub mod factors;
pub mod http;
pub mod janitor;
pub mod limits;
pub mod mail;
pub mod memory;
pub mod password;
pub mod password_rules;
pub mod services;
pub mod sign_up_surge;
pub mod tokens;
pub mod webhooks;

use std::sync::Arc;

use anyhow::Context;
use leptos::config::get_configuration;
use tokio::net::TcpListener;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::SessionStore;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::captcha::CaptchaIssuer;
use crate::config::Config;
use crate::db::{Database, Pool};
use crate::http::{AppState, HttpSettings};
use crate::mail::outbox::{DeliveryWorker, OutboxSignal};
use crate::password::PasswordHasher;
use crate::services::Portico;

/// What the binary was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Serve until Ctrl-C or SIGTERM (no arguments).
    Serve,
    /// `create-admin --email … [--first-name …] [--last-name …]`
    CreateAdmin {
        email: String,
        first_name: String,
        last_name: String,
    },
}

pub const USAGE: &str = "usage: server                      serve Portico
       server create-admin --email ADDRESS [--first-name NAME] [--last-name NAME]
                                   create an administrator; the password is read from
                                   PORTICO_ADMIN_PASSWORD, else asked for on the terminal";

impl Command {
    /// Reads the command line. Two flags and one subcommand do not need an argument
    /// parser crate.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let mut args = args.into_iter();
        match args.next().as_deref() {
            None => Ok(Command::Serve),
            Some("create-admin") => {
                let (mut email, mut first_name, mut last_name) = (None, None, None);
                while let Some(flag) = args.next() {
                    let value = args.next().ok_or(format!("{flag} needs a value"))?;
                    match flag.as_str() {
                        "--email" => email = Some(value),
                        "--first-name" => first_name = Some(value),
                        "--last-name" => last_name = Some(value),
                        other => return Err(format!("unknown option {other}")),
                    }
                }
                Ok(Command::CreateAdmin {
                    email: email.ok_or("--email is required")?,
                    first_name: first_name.unwrap_or_else(|| "Portico".into()),
                    last_name: last_name.unwrap_or_else(|| "Administrator".into()),
                })
            }
            Some(other) => Err(format!("unknown command {other}")),
        }
    }
}

/// Runs a command: serves until Ctrl-C or SIGTERM, or creates an administrator.
pub async fn run(command: Command) -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();

    let config = Config::from_env()?;
    let limits = config.limits.clone();

    let database = Database::connect(&config.database_url)
        .await
        .with_context(|| format!("opening the database at {}", config.database_url))?;
    let captcha_key = db::settings::secret_key(&database.conn, "captcha_key").await?;
    let signal = OutboxSignal::default();
    let portico = Portico::new(
        database.conn.clone(),
        PasswordHasher::per_core()?,
        CaptchaIssuer::new(captcha_key).with_max_number(config.captcha_difficulty),
        signal.clone(),
        &config.public_url,
    )
    .with_limits(limits)
    .with_surge(config.captcha_surge)
    .with_administrators_needing_two_factors(config.admin_two_factor);
    if portico.passkeys.is_none() {
        tracing::warn!(
            "passkeys are off: PUBLIC_URL ({}) has no domain name, and an IP address cannot \
             be a WebAuthn relying party (use http://localhost:PORT in development)",
            config.public_url
        );
    }
    if let Command::CreateAdmin {
        email,
        first_name,
        last_name,
    } = command
    {
        let password = admin_password()?;
        let person = bootstrap::NewPerson::parse(&email, &first_name, &last_name, &password)?;
        let admin = bootstrap::create_admin(&portico, person).await?;
        println!(
            "Created administrator {}. Log in at {}/csm/log-in, then open /admin.",
            admin.email, config.public_url
        );
        return Ok(());
    }
    if config.demo_data {
        bootstrap::seed_demo(&portico).await?;
    }
    let mut leptos_options = get_configuration(None)
        .context("reading the Leptos configuration")?
        .leptos_options;
    // cargo-leptos builds the assets with content hashes in their names and writes the
    // hashes beside the binary; a server started without it (in production, in the tests)
    // learns that from the file.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(&*leptos_options.hash_file)))
            .is_some_and(|file| file.exists());
    }
    let address = leptos_options.site_addr;

    match &config.smtp_url {
        Some(url) => {
            let worker =
                DeliveryWorker::new(database.conn.clone(), url, config.mail_from.clone(), signal)
                    .context("SMTP_URL is not a valid SMTP URL")?;
            tokio::spawn(worker.run());
            tracing::info!("emails go out through the SMTP server in SMTP_URL");
        }
        None if config.dev_mailbox => warn_dev_mailbox(&config.public_url),
        None => tracing::warn!(
            "SMTP_URL is not set: emails are kept in the outbox table and NOT sent. Set SMTP_URL \
             to send them (or DEV_MAILBOX=true, in development, to read them at /dev/mailbox)."
        ),
    }
    tokio::spawn(janitor::run(database.conn.clone()));
    tokio::spawn(webhooks::WebhookWorker::new(database.conn.clone()).run());

    let settings = HttpSettings {
        dev_mailbox: config.dev_mailbox,
        secure_cookies: config.secure_cookies(),
        trusted_proxies: config.trusted_proxies,
        site_origin: config.public_origin(),
    };
    let listener = TcpListener::bind(address)
        .await
        .with_context(|| format!("listening on {address}"))?;
    tracing::info!("Portico is at http://{address}");
    let state = |portico: Portico| AppState {
        leptos_options,
        services: Arc::new(portico),
        db: database.conn.clone(),
    };
    match database.pool.clone() {
        Pool::Sqlite(pool) => {
            let store = SqliteStore::new(pool);
            store.migrate().await?;
            let portico = portico.with_session_store(Arc::new(store.clone()));
            tokio::spawn(janitor::carry_out_deletions(portico.clone()));
            serve(listener, state(portico), store, settings).await
        }
        Pool::Postgres(pool) => {
            let store = PostgresStore::new(pool);
            store.migrate().await?;
            let portico = portico.with_session_store(Arc::new(store.clone()));
            tokio::spawn(janitor::carry_out_deletions(portico.clone()));
            serve(listener, state(portico), store, settings).await
        }
    }
}

async fn serve<S: SessionStore + ExpiredDeletion + Clone>(
    listener: TcpListener,
    state: AppState,
    store: S,
    settings: HttpSettings,
) -> anyhow::Result<()> {
    tokio::spawn(janitor::expire_sessions(store.clone()));
    let app = http::router(state, store, settings);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
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

/// The new administrator's password: from the environment for scripts, else typed twice
/// on the terminal without echo.
fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var(bootstrap::ADMIN_PASSWORD_VARIABLE) {
        return Ok(password);
    }
    let password = rpassword::prompt_password("Password for the new administrator: ")
        .context("reading the password (or set PORTICO_ADMIN_PASSWORD)")?;
    let again = rpassword::prompt_password("The same password again: ")?;
    anyhow::ensure!(password == again, "the passwords do not match");
    Ok(password)
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
    tracing::info!("shutting down");
}
