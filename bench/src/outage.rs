//! An SMTP outage: a server whose SMTP server is down for 60 seconds while people sign
//! up, then comes back. The figure is how long the backlog takes to go out after that.
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;

const WAITING: usize = 20;
const OUTAGE: Duration = Duration::from_secs(60);

pub async fn measure(server_binary: &str) -> anyhow::Result<()> {
    let data = std::env::temp_dir().join(format!("portico-outage-{}", std::process::id()));
    std::fs::create_dir_all(&data)?;
    let (port, smtp_port) = (crate::free_port()?, crate::free_port()?);
    let base = format!("http://127.0.0.1:{port}");
    let mut server = tokio::process::Command::new(server_binary)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/outage.db?mode=rwc", data.display()),
        )
        .env("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .env("PUBLIC_URL", &base)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "error")
        .env("REGISTRATIONS_PER_CLIENT_PER_HOUR", "1000000")
        .env("QUESTION_ANSWERS_PER_CLIENT_PER_HOUR", "1000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {server_binary}"))?;
    let client = reqwest::Client::new();
    crate::wait_until_up(&client, &base).await?;
    let down_since = Instant::now();
    for n in 0..WAITING {
        crate::sign_up(&client, &base, &format!("waiting-{n}@example.com")).await?;
    }
    tokio::time::sleep(OUTAGE.saturating_sub(down_since.elapsed())).await;
    let back = Instant::now();
    let (_, received) = crate::smtp_sink::start_on(smtp_port).await?;
    while received.len() < WAITING && back.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "SMTP outage of {} s with {WAITING} emails waiting: {}/{WAITING} delivered {:.1} s after the SMTP server came back  (target ≤ 10 s)",
        OUTAGE.as_secs(),
        received.len(),
        back.elapsed().as_secs_f64()
    );
    server.kill().await.ok();
    let _ = std::fs::remove_dir_all(&data);
    Ok(())
}
