//! Who the client is, for limits per client and for `METRICS_ALLOW`. Without a reverse
//! proxy it is the peer. A forwarding header is believed only when the peer is one of
//! `TRUSTED_PROXIES` (addresses or ranges), and only the header `FORWARDED_HEADER` names:
//! a proxy writes the header it is set up for and passes any other along as the client
//! wrote it. The header's entries are read from the right, the end the proxies append to:
//! each trusted proxy's entry is passed over, and the first address that is not a trusted
//! proxy is the client. Entries left of it are whatever the client sent, and never read.
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use app::api::ClientAddress;

/// The forwarding header the proxies write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, …`: the default, because nginx, HAProxy, Traefik,
    /// Caddy and the cloud load balancers append to it out of the box.
    XForwardedFor,
    /// RFC 7239's `Forwarded: for=client, for=proxy1`, which few proxies write unless told.
    Forwarded,
}

impl ForwardedHeader {
    /// `x-forwarded-for` or `forwarded`, in any case.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::XForwardedFor, Self::Forwarded]
            .into_iter()
            .find(|header| header.name().eq_ignore_ascii_case(value.trim()))
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::XForwardedFor => "x-forwarded-for",
            Self::Forwarded => "forwarded",
        }
    }

    fn other(self) -> Self {
        match self {
            Self::XForwardedFor => Self::Forwarded,
            Self::Forwarded => Self::XForwardedFor,
        }
    }
}

/// The reverse proxies whose forwarding header is believed, and that header.
#[derive(Clone)]
pub struct Proxies {
    trusted: Arc<[IpNet]>,
    header: ForwardedHeader,
    warned: Arc<Warnings>,
}

/// Misconfigurations told once per process, at the first request that shows them.
#[derive(Default)]
struct Warnings {
    no_proxy_configured: AtomicBool,
    other_header: AtomicBool,
}

impl Proxies {
    pub fn new(trusted: Vec<IpNet>, header: ForwardedHeader) -> Self {
        Self {
            trusted: trusted.into(),
            header,
            warned: Arc::default(),
        }
    }

    fn is_trusted(&self, address: IpAddr) -> bool {
        self.trusted.iter().any(|range| range.contains(&address))
    }

    /// The client of a request that came from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d.
        let peer = peer.to_canonical();
        if !self.is_trusted(peer) {
            if self.trusted.is_empty() {
                self.warn_unconfigured(headers);
            }
            return peer;
        }
        let chain = forwarded_chain(headers, self.header);
        if chain.is_empty() {
            self.warn_other_header(headers);
        }
        let mut client = peer;
        for entry in chain.iter().rev() {
            // "unknown" or an obfuscated name: the proxy that wrote it is the client.
            let Some(address) = entry else { break };
            client = address.to_canonical();
            if !self.is_trusted(client) {
                break;
            }
        }
        client
    }

    fn warn_unconfigured(&self, headers: &HeaderMap) {
        let forwarded = [ForwardedHeader::XForwardedFor, ForwardedHeader::Forwarded]
            .iter()
            .any(|header| headers.contains_key(header.name()));
        if forwarded
            && !self
                .warned
                .no_proxy_configured
                .swap(true, Ordering::Relaxed)
        {
            tracing::warn!(
                "requests carry X-Forwarded-For or Forwarded, but TRUSTED_PROXIES is not set: \
                 the header is ignored and each client is the address it connects from. \
                 Behind a reverse proxy that is the proxy for everyone (one log-in limit for \
                 all, and /metrics for whoever METRICS_ALLOW lets the proxy be): set \
                 TRUSTED_PROXIES to the proxy's address"
            );
        }
    }

    fn warn_other_header(&self, headers: &HeaderMap) {
        let other = self.header.other();
        if headers.contains_key(other.name())
            && !self.warned.other_header.swap(true, Ordering::Relaxed)
        {
            tracing::warn!(
                "a trusted proxy sent {} but not {}, the header FORWARDED_HEADER names: the \
                 proxy is taken for the client. Set FORWARDED_HEADER={} if the proxy writes it",
                other.name(),
                self.header.name(),
                other.name()
            );
        }
    }
}

/// Puts the client's address into the request, for the services' limits per client.
pub async fn record(State(proxies): State<Proxies>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = proxies.client(peer, request.headers());
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

/// The entries of `header`, leftmost first, across all its lines: an address, or `None`
/// for an entry that is not one (RFC 7239's "unknown", an obfuscated name, an element
/// without `for=`).
fn forwarded_chain(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let entries = headers
        .get_all(header.name())
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty());
    match header {
        ForwardedHeader::XForwardedFor => entries.map(parse_node).collect(),
        ForwardedHeader::Forwarded => entries
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.trim().split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| parse_node(value.trim().trim_matches('"')))
                        .flatten()
                })
            })
            .collect(),
    }
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or
/// `[2001:db8::1]:4711`.
fn parse_node(entry: &str) -> Option<IpAddr> {
    if let Ok(address) = entry.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = entry.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    entry
        .strip_prefix('[')
        .and_then(|rest| rest.split(']').next())
        .and_then(|inner| inner.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn proxies(trusted: &[&str], header: ForwardedHeader) -> Proxies {
        let trusted = trusted.iter().map(|range| range.parse().unwrap()).collect();
        Proxies::new(trusted, header)
    }

    /// The client of a request from `peer` with these headers.
    fn client(proxies: &Proxies, peer: &str, pairs: &[(&'static str, &'static str)]) -> String {
        proxies
            .client(peer.parse().unwrap(), &headers(pairs))
            .to_string()
    }

    #[test]
    fn a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_sends() {
        let xff = [("x-forwarded-for", "10.1.2.3")];
        let none = proxies(&[], ForwardedHeader::XForwardedFor);
        assert_eq!(client(&none, "192.0.2.99", &xff), "192.0.2.99");
        let elsewhere = proxies(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        assert_eq!(client(&elsewhere, "192.0.2.99", &xff), "192.0.2.99");
        assert_eq!(
            client(&elsewhere, "::ffff:192.0.2.99", &xff),
            "192.0.2.99",
            "an IPv4 peer on a dual-stack listener"
        );
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_address_from_the_right_is_the_client() {
        let one = proxies(&["127.0.0.1/32"], ForwardedHeader::XForwardedFor);
        // The client sent "203.0.113.66" itself; the proxy appended what it saw.
        let chain = [("x-forwarded-for", "203.0.113.66, 198.51.100.5")];
        assert_eq!(client(&one, "127.0.0.1", &chain), "198.51.100.5");
        assert_eq!(client(&one, "127.0.0.1", &[]), "127.0.0.1", "no header");

        let two = proxies(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        let chain = [
            ("x-forwarded-for", "1.2.3.4, 198.51.100.5"),
            ("x-forwarded-for", "10.0.0.1"),
        ];
        assert_eq!(client(&two, "10.0.0.2", &chain), "198.51.100.5");
        let only_proxies = [("x-forwarded-for", "10.0.0.7, 10.0.0.1")];
        assert_eq!(client(&two, "10.0.0.2", &only_proxies), "10.0.0.7");
        let unreadable = [("x-forwarded-for", "198.51.100.5, unknown, 10.0.0.1")];
        assert_eq!(
            client(&two, "10.0.0.2", &unreadable),
            "10.0.0.1",
            "the proxy that passed on an unreadable entry"
        );
    }

    #[test]
    fn only_the_named_header_is_read() {
        let spoofed_other = [
            ("x-forwarded-for", "198.51.100.5"),
            ("forwarded", "for=10.9.9.9"),
        ];
        let xff = proxies(&["127.0.0.1/32"], ForwardedHeader::XForwardedFor);
        assert_eq!(client(&xff, "127.0.0.1", &spoofed_other), "198.51.100.5");
        let forwarded = proxies(&["127.0.0.1/32"], ForwardedHeader::Forwarded);
        assert_eq!(client(&forwarded, "127.0.0.1", &spoofed_other), "10.9.9.9");
        let rfc = [(
            "forwarded",
            r#"for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711""#,
        )];
        assert_eq!(client(&forwarded, "127.0.0.1", &rfc), "2001:db8:cafe::17");
        let without_for = [("forwarded", "for=192.0.2.60, proto=https")];
        assert_eq!(client(&forwarded, "127.0.0.1", &without_for), "127.0.0.1");
    }

    #[test]
    fn header_names_are_settings() {
        assert_eq!(
            ForwardedHeader::parse("X-Forwarded-For"),
            Some(ForwardedHeader::XForwardedFor)
        );
        assert_eq!(
            ForwardedHeader::parse("forwarded"),
            Some(ForwardedHeader::Forwarded)
        );
        assert_eq!(ForwardedHeader::parse("x-real-ip"), None);
    }
}
