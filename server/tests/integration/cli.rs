//! The server binary as an operator runs it: its commands, and what it refuses to start
//! with.
use std::process::Command;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sea_orm_migration::MigratorTrait;
use server::db::entities::user::{self, UserKind, UserRole, UserStatus};
use server::db::migrations::Migrator;
use server::db::Database;

use crate::common::server_process::{command as server_with, ServerProcess};

fn create_admin(database_url: &str, email: &str, password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["create-admin", "--email", email, "--first-name", "Grace"])
        .env("DATABASE_URL", database_url)
        .env("PORTICO_ADMIN_PASSWORD", password)
        .env("RUST_LOG", "error")
        .output()
        .expect("the server binary runs")
}

#[tokio::test]
async fn create_admin_makes_an_active_administrator_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());

    let first = create_admin(&url, "Grace@Example.com", "a long admin password");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        String::from_utf8_lossy(&first.stdout).contains("Created administrator Grace@Example.com")
    );

    let db = Database::connect(&url).await.unwrap();
    let admin = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq("grace@example.com"))
        .one(&db.conn)
        .await
        .unwrap()
        .expect("the administrator");
    assert_eq!(
        (admin.kind, admin.role, admin.status),
        (UserKind::Staff, UserRole::Admin, UserStatus::Active)
    );
    assert_eq!(admin.first_name, "Grace");

    let again = create_admin(&url, "grace@example.com", "a long admin password");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already belongs to an account"));
}

#[test]
fn create_admin_refuses_a_short_password_and_a_malformed_address() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());
    let short = create_admin(&url, "grace@example.com", "short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12 characters"));
    let malformed = create_admin(&url, "grace", "a long admin password");
    assert!(String::from_utf8_lossy(&malformed.stderr).contains("correct format"));
}

fn run(args: &[&str], settings: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = server_with(dir.path(), settings)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn help_and_version_are_printed_and_mistakes_exit_2() {
    let (code, help, _) = run(&["--help"], &[]);
    assert_eq!(code, Some(0));
    for subcommand in ["serve", "create-admin", "migrate", "check-config"] {
        assert!(help.contains(subcommand), "{help}");
    }
    assert!(help.contains("DATABASE_URL"), "the settings are listed");
    let (code, version, _) = run(&["--version"], &[]);
    assert_eq!(code, Some(0));
    assert_eq!(
        version.trim(),
        format!("server {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, _, stderr) = run(&["--frobnicate"], &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("unexpected argument '--frobnicate'"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["frobnicate"], &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unrecognized subcommand"), "{stderr}");
}

#[tokio::test]
async fn migrate_brings_a_new_database_up_to_date_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let output = server_with(dir.path(), &[])
        .arg("migrate")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("up to date"));
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());
    let db = Database::connect(&url).await.unwrap();
    let pending = Migrator::get_pending_migrations(&db.conn).await.unwrap();
    assert!(pending.is_empty());
}

#[test]
fn check_config_says_what_it_would_run_with_and_refuses_typos() {
    let (code, stdout, _) = run(
        &["check-config"],
        &[("SMTP_URL", "smtp://mailer:s3cret@mail.example.com:587")],
    );
    assert_eq!(code, Some(0));
    assert!(stdout.contains("The configuration is valid"), "{stdout}");
    assert!(stdout.contains("mail.example.com"), "{stdout}");
    assert!(
        !stdout.contains("s3cret"),
        "passwords are not printed: {stdout}"
    );
    let (code, _, stderr) = run(&["check-config"], &[("LOG_FORMAT", "xml")]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("LOG_FORMAT"), "{stderr}");
}

#[test]
fn settings_that_cannot_be_right_stop_the_server_with_their_name() {
    let dir = tempfile::tempdir().unwrap();
    for (settings, named) in [
        (vec![("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
        (
            vec![
                ("DEV_MAILBOX", "true"),
                ("PUBLIC_URL", "https://portal.example.com"),
            ],
            "DEV_MAILBOX",
        ),
        (
            vec![("DEV_MAILBOX", "true"), ("SMTP_URL", "smtp://127.0.0.1:25")],
            "DEV_MAILBOX",
        ),
        (vec![("TRUSTED_PROXIES", "many")], "TRUSTED_PROXIES"),
        (vec![("SMTP_URL", "mail.example.com:25")], "SMTP_URL"),
        (vec![("METRICS_ALLOW", "everyone")], "METRICS_ALLOW"),
        (vec![("LOG_FORMAT", "yaml")], "LOG_FORMAT"),
        (vec![("LEPTOS_SITE_ADDR", "localhost")], "LEPTOS_SITE_ADDR"),
        (vec![("RUST_LOG", "info,[")], "RUST_LOG"),
    ] {
        let output = server_with(dir.path(), &settings).output().unwrap();
        assert!(!output.status.success(), "{settings:?} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(named), "{settings:?}: {stderr}");
    }
}

/// Starts the server, sends `GET path` once it is up, then stops it: the response's
/// status, and what the server printed (log and messages).
async fn started_and_get(settings: &[(&str, &str)], path: &str) -> (u16, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), settings).await;
    let status = reqwest::get(server.url(path))
        .await
        .unwrap()
        .status()
        .as_u16();
    server.kill().await;
    (status, server.log())
}

#[tokio::test]
async fn the_dev_mailbox_is_on_only_when_asked_for_and_says_so() {
    let (status, printed) = started_and_get(&[], "/dev/mailbox").await;
    assert_eq!(status, 404, "without SMTP_URL the mailbox stays closed");
    assert!(printed.contains("NOT sent"), "{printed}");

    let (status, printed) = started_and_get(&[("DEV_MAILBOX", "true")], "/dev/mailbox").await;
    assert_eq!(status, 200);
    assert!(printed.contains("DEV MAILBOX IS ON"), "{printed}");
}
