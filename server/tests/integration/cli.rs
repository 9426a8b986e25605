//! The server binary as an operator runs it: its commands, and what it refuses to start
//! with.
use std::process::Command;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::user::{self, UserKind, UserRole, UserStatus};
use server::db::Database;

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

#[test]
fn an_unknown_command_prints_the_usage_and_exits_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("create-admin --email"));
}

/// The server binary with only the settings given (and a fresh database).
fn server_with(dir: &std::path::Path, settings: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env_clear()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/portico.db?mode=rwc", dir.display()),
        )
        .env("RUST_LOG", "warn")
        .current_dir(dir);
    for (name, value) in settings {
        command.env(name, value);
    }
    command
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
    ] {
        let output = server_with(dir.path(), &settings).output().unwrap();
        assert!(!output.status.success(), "{settings:?} was accepted");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(named), "{settings:?}: {stderr}");
    }
}

/// Starts the server on a free port, sends `GET path` once it is up, then stops it:
/// the response's status, and what the server printed (log and messages).
async fn started_and_get(settings: &[(&str, &str)], path: &str) -> (u16, String) {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let mut settings = settings.to_vec();
    settings.push(("LEPTOS_SITE_ADDR", &address));
    let mut server = tokio::process::Command::from(server_with(dir.path(), &settings))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let url = format!("http://{address}{path}");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(response) = client.get(&url).send().await {
            let status = response.status().as_u16();
            server.start_kill().unwrap();
            let output = server.wait_with_output().await.unwrap();
            let printed = [output.stdout, output.stderr].concat();
            return (status, String::from_utf8_lossy(&printed).into_owned());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
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
