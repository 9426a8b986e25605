//! One benchmark client's round trips against a provider, and what they share: the
//! provider's endpoints, the authorization request, the client's cookies.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context};

use super::RUN;
use crate::encode;
use crate::stats::Latencies;

/// Registered for both providers and never followed: the code is read from `Location`.
pub const REDIRECT_URI: &str = "http://127.0.0.1:9/callback";
/// One PKCE pair for every round trip (each code is new anyway); the challenge is the
/// verifier's SHA-256, base64url, computed once by hand.
const VERIFIER: &str = "bench-pkce-verifier-the-same-for-every-round-trip-0123456789";
const CHALLENGE: &str = "UlzzXOc3axK9ftiqsjhsMeJR6lnMlXtw3bx4hh1Kjss";
const SCOPE: &str = "openid email profile";

/// A provider under load: its endpoints and the benchmark's client there.
#[derive(Clone)]
pub struct Provider {
    authorize: String,
    token: String,
    userinfo: String,
    client_id: String,
    client_secret: String,
}

/// The endpoints from the issuer's discovery document.
pub async fn discover(
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
pub async fn load(
    http: &reqwest::Client,
    provider: &Provider,
    jars: Vec<Jar>,
) -> anyhow::Result<Latencies> {
    let provider = Arc::new(provider.clone());
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
pub struct Jar(HashMap<String, String>);

impl Jar {
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn keep(&mut self, response: &reqwest::Response) {
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
