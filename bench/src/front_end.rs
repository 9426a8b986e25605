//! What a visitor's browser gets: each page's first-load bytes, Lighthouse's scores, and
//! how soon a started server answers.
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// Pages and their budgets for a first visit (KB over the wire, brotli).
const PAGES: [(&str, u32); 6] = [
    ("/", 80),
    ("/csp", 80),
    ("/csp/log-in", 80),
    ("/csm/log-in", 80),
    ("/csp/register", 120),
    ("/csm/register", 120),
];

/// Bytes over the wire for a first visit to each page: the HTML and every asset it
/// loads (CSS, JS, WASM), as a browser accepting brotli receives them.
/// In each language a browser may ask for (English is also what a browser that names no
/// language gets).
pub async fn page_weights(client: &reqwest::Client, base: &str) -> anyhow::Result<()> {
    for language in ["en", "de"] {
        println!("first visit in {language}, bytes over the wire (brotli):");
        weights_in(client, base, language).await?;
    }
    Ok(())
}

async fn weights_in(client: &reqwest::Client, base: &str, language: &str) -> anyhow::Result<()> {
    for (path, budget) in PAGES {
        let (html, html_bytes) = fetch(client, base, path, language).await?;
        let mut parts = vec![format!("HTML {:.1}", kb(html_bytes))];
        let mut total = html_bytes;
        for asset in assets_of(&html) {
            let (_, bytes) = fetch(client, base, &asset, language).await?;
            total += bytes;
            let kind = asset.rsplit('.').next().unwrap_or("").to_uppercase();
            parts.push(format!("{kind} {:.1}", kb(bytes)));
        }
        println!(
            "  {path:15} {:6.1} KB  ({})  (budget ≤ {budget} KB)",
            kb(total),
            parts.join(", ")
        );
    }
    Ok(())
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}

/// The size of a GET's body as sent (compressed), and its text when it is a page whose
/// links are to be read.
async fn fetch(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    language: &str,
) -> anyhow::Result<(String, usize)> {
    let response = client
        .get(format!("{base}{path}"))
        .header("Accept-Encoding", "br")
        .header("Accept-Language", language)
        .send()
        .await?;
    let brotli = response
        .headers()
        .get("content-encoding")
        .is_some_and(|v| v.as_bytes() == b"br");
    let body = response.bytes().await?;
    let is_page = !path.starts_with("/pkg/") && !path.ends_with(".svg");
    let text = match (is_page, brotli) {
        (false, _) => String::new(),
        (true, false) => String::from_utf8_lossy(&body).into_owned(),
        (true, true) => {
            let mut decoded = Vec::new();
            brotli::BrotliDecompress(&mut body.as_ref(), &mut decoded)?;
            String::from_utf8_lossy(&decoded).into_owned()
        }
    };
    Ok((text, body.len()))
}

/// The assets a page's head loads: `/pkg/…` links (stylesheet, module, WASM) and the icon.
fn assets_of(html: &str) -> Vec<String> {
    let mut assets: Vec<String> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("/pkg/") || href.ends_with(".svg"))
        .map(str::to_owned)
        .collect();
    assets.dedup();
    assets
}

/// Lighthouse's mobile scores (npm `lighthouse`, in Debian's Chromium) for the pages the
/// front-end issue names.
pub fn lighthouse(base: &str) -> anyhow::Result<()> {
    println!("Lighthouse (mobile), scores out of 100  (target 100 each):");
    for path in ["/csp/register", "/csm/register"] {
        let report =
            std::env::temp_dir().join(format!("portico-lighthouse-{}.json", std::process::id()));
        let status = std::process::Command::new("end2end/node_modules/.bin/lighthouse")
            .arg(format!("{base}{path}"))
            .args(["--quiet", "--output=json", "--only-categories=performance,accessibility,best-practices,seo"])
            .arg(format!("--output-path={}", report.display()))
            .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking")
            .env("CHROME_PATH", std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .context("running end2end/node_modules/.bin/lighthouse (scripts/setup installs it)")?;
        if !status.success() {
            println!("  {path}: lighthouse failed ({status})");
            continue;
        }
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report)?)?;
        let _ = std::fs::remove_file(&report);
        let score = |category: &str| {
            json["categories"][category]["score"]
                .as_f64()
                .map_or("?".to_owned(), |s| format!("{:.0}", s * 100.0))
        };
        println!(
            "  {path:15} performance {}, accessibility {}, best practices {}, SEO {}  (LCP {}, TBT {})",
            score("performance"),
            score("accessibility"),
            score("best-practices"),
            score("seo"),
            json["audits"]["largest-contentful-paint"]["displayValue"].as_str().unwrap_or("?"),
            json["audits"]["total-blocking-time"]["displayValue"].as_str().unwrap_or("?"),
        );
    }
    Ok(())
}

/// From starting the server binary on a migrated database to its first answer (the
/// median of a few starts; the first start, which migrates, is not counted).
pub async fn start_up(server_binary: &str, database_url: &str) -> anyhow::Result<()> {
    let mut times = Vec::new();
    for run in 0..6 {
        let port = crate::free_port()?;
        let started = Instant::now();
        let mut server = tokio::process::Command::new(server_binary)
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let answered = first_answer(port).await?;
        let elapsed = answered.duration_since(started);
        server.kill().await.ok();
        if run > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    println!(
        "start to first response on a migrated database: median {:.0} ms, slowest {:.0} ms  (target ≤ 100 ms)",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
    );
    Ok(())
}

/// Polls the port every millisecond until an HTTP answer comes back.
async fn first_answer(port: u16) -> anyhow::Result<Instant> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .await?;
            let mut first = [0u8; 12];
            if stream.read_exact(&mut first).await.is_ok() && first.starts_with(b"HTTP/1.1") {
                return Ok(Instant::now());
            }
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    bail!("the server did not answer within 10 s")
}
