//! Every request the product sends to an address someone typed goes through here:
//! webhooks now; identity providers' discovery documents, keys and back-channel logouts
//! later. The host is resolved here and every address it resolves to is checked against
//! [`OutboundPolicy`]; the connection is then made only to an address that was checked
//! (the HTTP client's resolver is this module's, so a name cannot resolve to a public
//! address for the check and to a private one for the connection). No redirects (a
//! receiver could send the request on inward), no proxy from the environment (it would
//! resolve the name unchecked), a timeout, and a limit on how much of an answer is read.
mod ranges;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

pub use ranges::OutboundPolicy;

/// How long a request may take in all, unless the caller sets its own.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// Why an address is not used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the address must be an http:// or https:// URL with a host")]
    NotHttp,
    #[error("the host name {0} is not known")]
    UnknownHost(String),
    #[error(
        "{host} is {address}, in a private or special-purpose range that \
         OUTBOUND_ALLOW_RANGES does not allow"
    )]
    PrivateAddress { host: String, address: IpAddr },
}

#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
    /// What went wrong, without the URL (it may carry a secret token).
    #[error("{0}")]
    Failed(String),
}

impl OutboundPolicy {
    /// Checks `url` as a request to it would be: an http(s) URL whose host is, or
    /// resolves only to, addresses this policy permits.
    pub async fn check_url(&self, url: &str) -> Result<Url, Refusal> {
        let url = Url::parse(url).map_err(|_| Refusal::NotHttp)?;
        if let Some(name) = self.check_literal(&url)? {
            let port = url.port_or_known_default().unwrap_or(0);
            self.resolve(name, port).await?;
        }
        Ok(url)
    }

    /// Checks the scheme and, when the host is an IP address (which the HTTP client does
    /// not resolve), that address. The host name to resolve, if it is one.
    fn check_literal<'u>(&self, url: &'u Url) -> Result<Option<&'u str>, Refusal> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refusal::NotHttp);
        }
        // The URL parser has written numeric hosts (2130706433, 0x7f.1) as addresses.
        let host = url.host_str().ok_or(Refusal::NotHttp)?;
        let bare = host
            .strip_prefix('[')
            .and_then(|inner| inner.strip_suffix(']'))
            .unwrap_or(host);
        match bare.parse::<IpAddr>() {
            Ok(address) => self.check_address(host, address).map(|()| None),
            Err(_) => Ok(Some(host)),
        }
    }

    fn check_address(&self, host: &str, address: IpAddr) -> Result<(), Refusal> {
        if self.permits(address) {
            Ok(())
        } else {
            Err(Refusal::PrivateAddress {
                host: host.to_owned(),
                address,
            })
        }
    }

    /// Every address `host` resolves to, when the policy permits them all.
    async fn resolve(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, Refusal> {
        let unknown = || Refusal::UnknownHost(host.to_owned());
        let found = tokio::time::timeout(LOOKUP_TIMEOUT, tokio::net::lookup_host((host, port)))
            .await
            .map_err(|_| unknown())?
            .map_err(|_| unknown())?;
        let addresses: Vec<SocketAddr> = found.collect();
        if addresses.is_empty() {
            return Err(unknown());
        }
        for address in &addresses {
            self.check_address(host, address.ip())?;
        }
        Ok(addresses)
    }
}

/// The HTTP client's resolver: it hands the client only addresses that were checked.
struct CheckedResolver(OutboundPolicy);

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses = policy.resolve(&host, 0).await?;
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}

/// An HTTP client for addresses from outside the code (see the module's comment).
#[derive(Clone)]
pub struct Outbound {
    client: reqwest::Client,
    policy: OutboundPolicy,
}

impl Outbound {
    pub fn new(policy: OutboundPolicy, user_agent: &str) -> Result<Self, OutboundError> {
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(CheckedResolver(policy.clone())))
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(DEFAULT_TIMEOUT)
            .user_agent(user_agent)
            .build()
            .map_err(|error| OutboundError::Failed(describe(&error)))?;
        Ok(Self { client, policy })
    }

    pub fn policy(&self) -> &OutboundPolicy {
        &self.policy
    }

    /// Sends `request` (its own timeout, if it has one, replaces [`DEFAULT_TIMEOUT`]).
    pub async fn send(
        &self,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, OutboundError> {
        self.policy.check_literal(request.url())?;
        self.client
            .execute(request)
            .await
            .map_err(|error| match refusal_in(&error) {
                Some(refusal) => OutboundError::Refused(refusal),
                None => OutboundError::Failed(describe(&error.without_url())),
            })
    }
}

/// The body of `response`, refused when it is longer than `limit` bytes (read no
/// further than that, whatever the response claims).
pub async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, OutboundError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(OutboundError::TooLarge(limit));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| OutboundError::Failed(describe(&error.without_url())))?
    {
        if body.len() + chunk.len() > limit {
            return Err(OutboundError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The resolver's refusal, when that is why the request failed.
fn refusal_in(error: &reqwest::Error) -> Option<Refusal> {
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        if let Some(refusal) = error.downcast_ref::<Refusal>() {
            return Some(refusal.clone());
        }
        cause = error.source();
    }
    None
}

/// An error and its causes on one line: "error sending request: … : Connection refused".
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        let more = error.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = error.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> OutboundPolicy {
        OutboundPolicy::allowing(vec!["127.0.0.0/8".parse().unwrap()])
    }

    #[tokio::test]
    async fn urls_are_checked_by_every_address_they_lead_to() {
        let public = OutboundPolicy::public_only();
        for url in [
            "http://127.0.0.1:8080/hooks",
            "http://2130706433/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://localhost:9/hooks",
        ] {
            assert!(
                matches!(
                    public.check_url(url).await,
                    Err(Refusal::PrivateAddress { .. })
                ),
                "{url}"
            );
        }
        assert_eq!(
            public.check_url("ftp://example.com/").await,
            Err(Refusal::NotHttp)
        );
        assert_eq!(
            public.check_url("http://no-such-host.invalid/").await,
            Err(Refusal::UnknownHost("no-such-host.invalid".into()))
        );
        assert!(local()
            .check_url("http://127.0.0.1:8080/hooks")
            .await
            .is_ok());
        assert!(local().check_url("http://[::1]/").await.is_err());
    }

    /// A server on loopback that answers every request with `body`.
    async fn serving(body: &'static str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let router = axum::Router::new().fallback(move || async move { body });
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        url
    }

    #[tokio::test]
    async fn requests_reach_only_permitted_addresses_and_read_only_so_much() {
        let url = serving("a body of some thirty bytes...").await;
        let get = |url: &str| reqwest::Request::new(reqwest::Method::GET, url.parse().unwrap());

        let refused = Outbound::new(OutboundPolicy::public_only(), "test").unwrap();
        assert!(matches!(
            refused.send(get(&url)).await,
            Err(OutboundError::Refused(Refusal::PrivateAddress { .. }))
        ));
        let by_name = url.replace("127.0.0.1", "localhost");
        assert!(matches!(
            refused.send(get(&by_name)).await,
            Err(OutboundError::Refused(Refusal::PrivateAddress { .. }))
        ));

        let allowed = Outbound::new(local(), "test").unwrap();
        let response = allowed.send(get(&url)).await.unwrap();
        assert!(matches!(
            read_limited(response, 10).await,
            Err(OutboundError::TooLarge(10))
        ));
        let response = allowed.send(get(&url)).await.unwrap();
        assert_eq!(read_limited(response, 100).await.unwrap().len(), 30);
    }
}
