//! The OpenID Connect round trip with a session already open — authorize → code → token
//! exchange → userinfo — from 16 clients, against Portico and against npm `oidc-provider`
//! 9 (`bench/oidc-peer/peer.mjs`) on the same machine, one after the other. Target: Portico
//! at least 3 × the peer's round trips per second, p99 ≤ 20 ms.
//!
//! Both are driven the same way, through the endpoints their discovery documents name: a
//! confidential client (client_secret_basic, PKCE S256), one session per benchmark client
//! made before the clock starts (Portico: the demo customer administrator logs in; the
//! peer: its first authorization's interaction finishes itself).
use std::collections::HashMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::encode;
use crate::stats::{ms, Latencies};

const CLIENTS: usize = 16;
const RUN: Duration = Duration::from_secs(10);
/// Registered for both providers and never followed: the code is read from `Location`.
const REDIRECT_URI: &str = "http://127.0.0.1:9/callback";
/// One PKCE pair for every round trip (each code is new anyway); the challenge is the
/// verifier's SHA-256, base64url, computed once by hand.
const VERIFIER: &str = "bench-pkce-verifier-the-same-for-every-round-trip-0123456789";
const CHALLENGE: &str = "UlzzXOc3axK9ftiqsjhsMeJR6lnMlXtw3bx4hh1Kjss";
const SCOPE: &str = "openid email profile";
/// The peer's client (`bench/oidc-peer/peer.mjs`).
const PEER_CLIENT: (&str, &str) = ("bench", "bench-secret-bench-secret-bench-secret-0123");
/// The demo data's customer administrator (`server/src/bootstrap.rs`).
const PERSON: (&str, &str) = ("carol@acme.example", "acme-demo-password");

/// A provider under load: its endpoints and the benchmark's client there.
#[derive(Clone)]
struct Provider {
    authorize: String,
    token: String,
    userinfo: String,
    client_id: String,
    client_secret: String,
}

pub async fn measure(server_binary: &str) -> anyhow::Result<()> {
    println!(
        "OpenID Connect round trip (authorize with a session → code → token → userinfo), \
         {CLIENTS} clients, {} s each:",
        RUN.as_secs()
    );
    let peer = peer_round_trips().await.context("the oidc-provider peer")?;
    print_rate("npm oidc-provider 9 (the peer)", &peer);
    let portico = portico_round_trips(server_binary)
        .await
        .context("Portico")?;
    print_rate("Portico", &portico);
    println!(
        "  Portico / peer: {:.1} × the round trips per second  (target ≥ 3 ×, p99 ≤ 20 ms)",
        rate(&portico) / rate(&peer).max(1e-9)
    );
    Ok(())
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

async fn peer_round_trips() -> anyhow::Result<Latencies> {
    let port = crate::free_port()?;
    let mut peer = Command::new("node");
    peer.args(["bench/oidc-peer/peer.mjs", &port.to_string()]);
    let _peer = start_and_wait_for_ready(peer).await?;
    let (id, secret) = PEER_CLIENT;
    let http = http_client()?;
    let provider = discover(&http, &format!("http://127.0.0.1:{port}"), id, secret).await?;
    let jars = vec![Jar::default(); CLIENTS];
    load(&http, &provider, jars).await
}

async fn portico_round_trips(server_binary: &str) -> anyhow::Result<Latencies> {
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
    let _server = server.spawn().context("starting the server")?;
    let http = http_client()?;
    crate::wait_until_up(&http, &base).await?;
    let provider = discover(&http, &base, &client_id, &client_secret).await?;
    let mut jars = Vec::with_capacity(CLIENTS);
    for _ in 0..CLIENTS {
        jars.push(log_in(&http, &base).await?);
    }
    let latencies = load(&http, &provider, jars).await;
    let _ = std::fs::remove_dir_all(&data);
    latencies
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
    if !jar.0.contains_key("portico_session") {
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

/// The endpoints from the issuer's discovery document.
async fn discover(
    http: &reqwest::Client,
    issuer: &str,
    client_id: &str,
    client_secret: &str,
) -> anyhow::Result<Provider> {
    let body = http
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let document: serde_json::Value = serde_json::from_slice(&body)?;
    let endpoint = |name: &str| {
        document[name]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("{name} in the discovery document"))
    };
    Ok(Provider {
        authorize: endpoint("authorization_endpoint")?,
        token: endpoint("token_endpoint")?,
        userinfo: endpoint("userinfo_endpoint")?,
        client_id: client_id.to_owned(),
        client_secret: client_secret.to_owned(),
    })
}

/// Each client makes its session's first authorization (not timed), then round trips for
/// [`RUN`]; the latencies of those that succeeded. Failures are counted and the first
/// printed: a provider that fails fast must not look fast.
async fn load(
    http: &reqwest::Client,
    provider: &Provider,
    jars: Vec<Jar>,
) -> anyhow::Result<Latencies> {
    let provider = std::sync::Arc::new(provider.clone());
    let mut tasks = Vec::new();
    for (c, mut jar) in jars.into_iter().enumerate() {
        authorize(http, &provider, &mut jar, &format!("first-{c}")).await?;
        let (http, provider) = (http.clone(), provider.clone());
        tasks.push(tokio::spawn(async move {
            let end = Instant::now() + RUN;
            let (mut samples, mut failures) = (Vec::new(), Vec::new());
            let mut n = 0;
            while Instant::now() < end {
                n += 1;
                let start = Instant::now();
                match round_trip(&http, &provider, &mut jar, &format!("{c}-{n}")).await {
                    Ok(()) => samples.push(start.elapsed()),
                    Err(error) => failures.push(format!("{error:#}")),
                }
            }
            (samples, failures)
        }));
    }
    let (mut all, mut failures) = (Vec::new(), Vec::new());
    for task in tasks {
        let (samples, failed) = task.await?;
        all.extend(samples);
        failures.extend(failed);
    }
    if let Some(first) = failures.first() {
        println!(
            "  {} round trips failed; the first: {first}",
            failures.len()
        );
    }
    Ok(Latencies::new(all))
}

async fn round_trip(
    http: &reqwest::Client,
    provider: &Provider,
    jar: &mut Jar,
    state: &str,
) -> anyhow::Result<()> {
    let code = authorize(http, provider, jar, state).await?;
    let body = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", VERIFIER),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect::<Vec<_>>()
    .join("&");
    let response = http
        .post(&provider.token)
        // client_secret_basic: both halves form-encoded first (RFC 6749 §2.3.1).
        .basic_auth(
            encode(&provider.client_id),
            Some(encode(&provider.client_secret)),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await?;
    let status = response.status();
    let tokens: serde_json::Value = serde_json::from_slice(&response.bytes().await?)?;
    let (Some(access_token), Some(_)) =
        (tokens["access_token"].as_str(), tokens["id_token"].as_str())
    else {
        bail!("the token endpoint answered {status} without both tokens: {tokens}");
    };
    let userinfo = http
        .get(&provider.userinfo)
        .bearer_auth(access_token)
        .send()
        .await?;
    let status = userinfo.status();
    let claims = userinfo.bytes().await?;
    if !status.is_success() {
        bail!("userinfo answered {status}");
    }
    let claims: serde_json::Value = serde_json::from_slice(&claims)?;
    if claims["sub"].as_str().is_none() {
        bail!("userinfo without sub: {claims}");
    }
    Ok(())
}

/// An authorization request, following the provider's own redirects (a first
/// authorization's interaction) until it sends the browser to the app with a code.
async fn authorize(
    http: &reqwest::Client,
    provider: &Provider,
    jar: &mut Jar,
    state: &str,
) -> anyhow::Result<String> {
    let query = [
        ("response_type", "code"),
        ("client_id", provider.client_id.as_str()),
        ("redirect_uri", REDIRECT_URI),
        ("scope", SCOPE),
        ("state", state),
        ("nonce", "bench-nonce"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect::<Vec<_>>()
    .join("&");
    let mut url = reqwest::Url::parse(&format!("{}?{query}", provider.authorize))?;
    for _ in 0..10 {
        let response = http
            .get(url.clone())
            .header("cookie", jar.header())
            .send()
            .await?;
        jar.keep(&response);
        let status = response.status();
        let Some(location) = response.headers().get("location") else {
            bail!("authorize answered {status} without a redirect");
        };
        url = url.join(location.to_str()?)?;
        if url.as_str().starts_with(REDIRECT_URI) {
            return url
                .query_pairs()
                .find(|(k, _)| k == "code")
                .map(|(_, v)| v.into_owned())
                .with_context(|| format!("no code in {url}"));
        }
    }
    bail!("authorize did not come back to the app within 10 redirects (last: {url})")
}

/// A client's cookies, kept by hand: name → value, every path and host alike (one
/// provider per jar).
#[derive(Clone, Default)]
struct Jar(HashMap<String, String>);

impl Jar {
    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, response: &reqwest::Response) {
        for line in response.headers().get_all("set-cookie") {
            let Some(pair) = line.to_str().ok().and_then(|l| l.split(';').next()) else {
                continue;
            };
            match pair.split_once('=') {
                // An emptied cookie is one the server deleted.
                Some((name, "")) => {
                    self.0.remove(name.trim());
                }
                Some((name, value)) => {
                    self.0.insert(name.trim().to_owned(), value.to_owned());
                }
                None => {}
            }
        }
    }
}
