//! The server binary's `create-admin` command, run as an operator would run it.
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
