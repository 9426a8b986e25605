//! The OpenID Connect round trip with a session already open — authorize → code → token
//! exchange → userinfo — from 16 clients, against Portico and against npm `oidc-provider`
//! 9 (`bench/oidc-peer/peer.mjs`) on the same machine, one after the other. Target: Portico
//! at least 3 × the peer's round trips per second, p99 ≤ 20 ms.
//!
//! Both are driven the same way, through the endpoints their discovery documents name: a
//! confidential client (client_secret_basic, PKCE S256), one session per benchmark client
//! made before the clock starts (Portico: the demo customer administrator logs in; the
//! peer: its first authorization's interaction finishes itself).
use std::process::Stdio;
use std::time::Duration;

use anyhow::{bail, Context};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::encode;
use crate::stats::{ms, Latencies};

mod round_trip;

use round_trip::{discover, load, Jar, REDIRECT_URI};

const CLIENTS: usize = 16;
const RUN: Duration = Duration::from_secs(10);
/// The peer's client (`bench/oidc-peer/peer.mjs`).
const PEER_CLIENT: (&str, &str) = ("bench", "bench-secret-bench-secret-bench-secret-0123");
/// The demo data's customer administrator (`server/src/bootstrap.rs`).
const PERSON: (&str, &str) = ("carol@acme.example", "acme-demo-password");

pub async fn measure(server_binary: &str) -> anyhow::Result<()> {
    println!(
        "OpenID Connect round trip (authorize with a session → code → token → userinfo), \
         {CLIENTS} clients, {} s each:",
        RUN.as_secs()
    );
    let peer = peer_round_trips().await.context("the oidc-provider peer")?;
    print_rate("npm oidc-provider 9 (the peer)", &peer.latencies);
    let portico = portico_round_trips(server_binary)
        .await
        .context("Portico")?;
    print_rate("Portico", &portico.latencies);
    println!(
        "  Portico / peer: {:.1} × the round trips per second  (target ≥ 3 ×, p99 ≤ 20 ms)",
        rate(&portico.latencies) / rate(&peer.latencies).max(1e-9)
    );
    let signature = crate::signature_cost::micros(server_binary, "RS256")?;
    print_cpu_shares(&peer, &portico, signature);
    Ok(())
}

/// A provider's round trips and the CPU time its process used meanwhile.
struct Loaded {
    latencies: Latencies,
    cpu_seconds: f64,
    /// This benchmark's own CPU time meanwhile: its clients share the machine's cores.
    clients_cpu_seconds: f64,
}

impl Loaded {
    fn cpu_micros_per_round_trip(&self) -> f64 {
        self.cpu_seconds * 1e6 / (self.latencies.count().max(1) as f64)
    }

    fn clients_cpu_micros_per_round_trip(&self) -> f64 {
        self.clients_cpu_seconds * 1e6 / (self.latencies.count().max(1) as f64)
    }
}

/// Where the time goes: each provider's CPU per round trip, the RS256 signature's share
/// of Portico's, and what the target rate would leave Portico of the machine's cores once
/// the benchmark's own clients have had theirs.
fn print_cpu_shares(peer: &Loaded, portico: &Loaded, signature_micros: f64) {
    let cores = crate::cores() as f64;
    let portico_micros = portico.cpu_micros_per_round_trip();
    let clients_micros = portico.clients_cpu_micros_per_round_trip();
    println!(
        "  CPU per round trip (user + system time): peer {:.0} µs, Portico {portico_micros:.0} µs, \
         this benchmark's clients {clients_micros:.0} µs (driving Portico)",
        peer.cpu_micros_per_round_trip(),
    );
    let target_rate = 3.0 * rate(&peer.latencies);
    let left_for_portico = cores * 1e6 / target_rate - clients_micros;
    println!(
        "  Portico's RS256 signature ({signature_micros:.0} µs) is {:.0} % of its CPU. At 3 × \
         the peer's rate ({target_rate:.0}/s) the {cores} cores would leave Portico \
         {left_for_portico:.0} µs a round trip after the clients' share",
        100.0 * signature_micros / portico_micros.max(1e-9),
    );
}

/// Loads `provider` from [`CLIENTS`] clients, counting the CPU time of process `pid`.
async fn load_measured(
    http: &reqwest::Client,
    provider: &round_trip::Provider,
    jars: Vec<Jar>,
    pid: Option<u32>,
) -> anyhow::Result<Loaded> {
    let pid = pid.context("the provider's process id")?.to_string();
    let (before, clients_before) = (crate::cpu_seconds(&pid), crate::cpu_seconds("self"));
    let latencies = load(http, provider, jars).await?;
    Ok(Loaded {
        latencies,
        cpu_seconds: crate::cpu_seconds(&pid) - before,
        clients_cpu_seconds: crate::cpu_seconds("self") - clients_before,
    })
}

fn rate(latencies: &Latencies) -> f64 {
    latencies.count() as f64 / RUN.as_secs_f64()
}

fn print_rate(who: &str, latencies: &Latencies) {
    println!(
        "  {who}: {:.0} round trips/s, p50 {}, p99 {}",
        rate(latencies),
        ms(latencies.percentile(50.0)),
        ms(latencies.percentile(99.0))
    );
}

async fn peer_round_trips() -> anyhow::Result<Loaded> {
    let port = crate::free_port()?;
    let mut peer = Command::new("node");
    peer.args(["bench/oidc-peer/peer.mjs", &port.to_string()]);
    let peer = start_and_wait_for_ready(peer).await?;
    let (id, secret) = PEER_CLIENT;
    let http = http_client()?;
    let provider = discover(&http, &format!("http://127.0.0.1:{port}"), id, secret).await?;
    let jars = vec![Jar::default(); CLIENTS];
    load_measured(&http, &provider, jars, peer.id()).await
}

async fn portico_round_trips(server_binary: &str) -> anyhow::Result<Loaded> {
    let data = std::env::temp_dir().join(format!("portico-oidc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data)?;
    let database = format!("sqlite://{}/oidc.db?mode=rwc", data.display());
    let port = crate::free_port()?;
    // A name, not an address: passkeys need PUBLIC_URL's host to be one.
    let base = format!("http://localhost:{port}");
    let (client_id, client_secret) = register_app(server_binary, &database, &base).await?;
    let mut server = Command::new(server_binary);
    server
        .env("DATABASE_URL", &database)
        .env("PUBLIC_URL", &base)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("PORTICO_DEMO_DATA", "true")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .kill_on_drop(true);
    let server = server.spawn().context("starting the server")?;
    let http = http_client()?;
    crate::wait_until_up(&http, &base).await?;
    let provider = discover(&http, &base, &client_id, &client_secret).await?;
    let mut jars = Vec::with_capacity(CLIENTS);
    for _ in 0..CLIENTS {
        jars.push(log_in(&http, &base).await?);
    }
    let loaded = load_measured(&http, &provider, jars, server.id()).await;
    let _ = std::fs::remove_dir_all(&data);
    loaded
}

/// `server apps create` for a first-party confidential app (no consent screen).
async fn register_app(
    server_binary: &str,
    database: &str,
    base: &str,
) -> anyhow::Result<(String, String)> {
    for args in [
        vec!["migrate"],
        vec![
            "apps",
            "create",
            "--name",
            "Benchmark",
            "--redirect-uri",
            REDIRECT_URI,
            "--first-party",
            "--portal",
            "both",
        ],
    ] {
        let output = Command::new(server_binary)
            .args(&args)
            .env("DATABASE_URL", database)
            .env("PUBLIC_URL", base)
            .env("RUST_LOG", "error")
            .output()
            .await
            .with_context(|| format!("running {server_binary} {}", args.join(" ")))?;
        if !output.status.success() {
            bail!(
                "server {} failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        if args[0] == "apps" {
            let created: serde_json::Value = serde_json::from_slice(&output.stdout)
                .context("apps create prints one JSON object")?;
            let field = |name: &str| created[name].as_str().map(str::to_owned);
            return Ok((
                field("client_id").context("client_id")?,
                field("client_secret").context("client_secret")?,
            ));
        }
    }
    bail!("apps create did not run")
}

/// The demo customer administrator logs in with the plain form post: a jar holding the
/// session cookie.
async fn log_in(http: &reqwest::Client, base: &str) -> anyhow::Result<Jar> {
    let (email, password) = PERSON;
    let response = http
        .post(format!("{base}/csm/log-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", base)
        .body(format!(
            "form[email]={}&form[password]={}",
            encode(email),
            encode(password)
        ))
        .send()
        .await?;
    let mut jar = Jar::default();
    jar.keep(&response);
    if !jar.has("portico_session") {
        bail!("no session cookie after logging in ({})", response.status());
    }
    Ok(jar)
}

async fn start_and_wait_for_ready(mut command: Command) -> anyhow::Result<Child> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("starting node (is it on PATH?)")?;
    let stdout = child.stdout.take().context("the peer's output")?;
    let mut lines = BufReader::new(stdout).lines();
    let ready = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await? {
            if line.starts_with("ready") {
                return Ok(());
            }
        }
        bail!("the peer exited before it was ready")
    });
    ready.await.context("the peer did not start in 30 s")??;
    // oidc-provider goes on printing notices: a closed pipe would kill it (EPIPE).
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(child)
}

fn http_client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(4 * CLIENTS)
        .build()?)
}
