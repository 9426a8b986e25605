//! The administration's lists at scale: 100,000 people and 10,000 companies seeded into
//! a fresh SQLite database, then each list page timed through the real server, as an
//! administrator loads it (target: each under 50 ms).
use std::time::Instant;

use anyhow::{bail, Context};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::stats::{ms, Latencies};

const PEOPLE: usize = 100_000;
const COMPANIES: usize = 10_000;
/// Requests that came without a company, waiting on `/admin/pending`.
const WITHOUT_COMPANY: usize = 2_000;
const LOADS: usize = 20;
const ADMIN: &str = "admin@bench.example";
const ADMIN_PASSWORD: &str = "a bench administrator's password";

pub async fn measure(server_binary: &str) -> anyhow::Result<()> {
    let data = std::env::temp_dir().join(format!("portico-admin-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data)?;
    let url = format!("sqlite://{}/admin.db?mode=rwc", data.display());

    // The server's own command makes the schema (and the administrator).
    let created = tokio::process::Command::new(server_binary)
        .args(["create-admin", "--email", ADMIN, "--first-name", "Bench"])
        .env("DATABASE_URL", &url)
        .env("PORTICO_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("RUST_LOG", "error")
        .output()
        .await?;
    if !created.status.success() {
        bail!(
            "create-admin failed: {}",
            String::from_utf8_lossy(&created.stderr)
        );
    }
    let seeding = Instant::now();
    seed(&data.join("admin.db")).await?;
    println!(
        "administration at scale: seeded {PEOPLE} people and {COMPANIES} companies in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let port = crate::free_port()?;
    let base = format!("http://localhost:{port}");
    let mut server = tokio::process::Command::new(server_binary)
        .env("DATABASE_URL", &url)
        .env("PUBLIC_URL", &base)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "error")
        .env("ADMIN_TWO_FACTOR", "false")
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("starting the server")?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    crate::wait_until_up(&client, &base).await?;
    let cookie = log_in(&client, &base).await?;

    for (what, path) in [
        ("companies, first page", "/admin"),
        ("companies, page 100", "/admin?page=100"),
        ("companies, searched", "/admin?q=company%200999"),
        ("pending registrations, first page", "/admin/pending"),
        (
            "pending registrations, searched",
            "/admin/pending?q=pending01999",
        ),
        ("people, first page", "/admin/people"),
        ("people, page 1000", "/admin/people?page=1000"),
        (
            "people, searched by part of an address",
            "/admin/people?q=person099",
        ),
    ] {
        let mut times = Vec::with_capacity(LOADS);
        for _ in 0..LOADS {
            let started = Instant::now();
            let response = client
                .get(format!("{base}{path}"))
                .header("cookie", &cookie)
                .send()
                .await?;
            let status = response.status();
            let body = response.text().await?;
            times.push(started.elapsed());
            if !status.is_success() || body.contains("Log in to see this page") {
                bail!("{path} answered {status}");
            }
        }
        let times = Latencies::new(times);
        println!(
            "  {what} ({path}): median {}, slowest {}  (target < 50 ms)",
            ms(times.percentile(50.0)),
            ms(times.percentile(100.0)),
        );
    }
    server.kill().await.ok();
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}

/// Logs the administrator in with the plain form post; the session cookie.
async fn log_in(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let body = format!(
        "form[email]={}&form[password]={}",
        crate::encode(ADMIN),
        crate::encode(ADMIN_PASSWORD)
    );
    let response = client
        .post(format!("{base}/admin/log-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", base)
        .body(body)
        .send()
        .await?;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("portico_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .context("no session cookie after logging in")?;
    Ok(cookie)
}

/// Companies, their contacts and consumers, and requests waiting for a company, written
/// straight into the tables in one transaction.
async fn seed(path: &std::path::Path) -> anyhow::Result<()> {
    let mut db = SqliteConnectOptions::new()
        .filename(path)
        .disable_statement_logging()
        .connect()
        .await?;
    let now = "2026-11-25T10:00:00+00:00";
    let mut tx = db.begin().await?;
    for n in 0..COMPANIES {
        sqlx::query(
            "INSERT INTO accounts (name, registration_code, email_domains, auto_approve, created_at, updated_at, require_two_factor) VALUES (?, ?, '', 0, ?, ?, 0)",
        )
        .bind(format!("Company {n:04}"))
        .bind(format!("BNCH{n:08}"))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    for n in 0..PEOPLE {
        let pending = n < WITHOUT_COMPANY;
        // Half are contacts of a company, half consumers; the first few wait for one.
        let (kind, status, account) = if pending {
            ("contact", "pending_approval", None)
        } else if n % 2 == 0 {
            ("contact", "active", Some((n % COMPANIES) as i64 + 1))
        } else {
            ("consumer", "active", None)
        };
        let email = if pending {
            format!("pending{n:05}@bench.example")
        } else {
            format!("person{n:06}@bench.example")
        };
        let id = sqlx::query(
            "INSERT INTO users (kind, email, email_normalized, first_name, last_name, password_hash, status, created_at, updated_at, account_id, role) VALUES (?, ?, ?, ?, 'Bench', 'no password', ?, ?, ?, ?, 'member')",
        )
        .bind(kind)
        .bind(&email)
        .bind(&email)
        .bind(format!("First{n}"))
        .bind(status)
        .bind(now)
        .bind(now)
        .bind(account)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        if pending {
            sqlx::query(
                "INSERT INTO registration_requests (user_id, account_id, state, created_at) VALUES (?, NULL, 'awaiting_account', ?)",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    db.close().await?;
    Ok(())
}
