//! Who the client is, for limits per client. Without a reverse proxy it is the peer's
//! address. Behind `TRUSTED_PROXIES` = n proxies, each of which appends the address it
//! received the request from to `X-Forwarded-For` (or RFC 7239's `Forwarded`), it is the
//! n-th address from the right: the one the outermost trusted proxy added. Addresses
//! further left are whatever the client chose to send, so they are never read.
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

use app::api::ClientAddress;

/// How many reverse proxies in front of the server append to the forwarding headers.
#[derive(Clone, Copy)]
pub struct TrustedProxies(pub usize);

/// Puts the client's address into the request, for the services' limits per client.
pub async fn record(
    State(TrustedProxies(proxies)): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let address = match proxies {
        0 => peer,
        n => forwarded_for(request.headers())
            .and_then(|chain| chain.len().checked_sub(n).map(|i| chain[i]))
            .or(peer),
    };
    if let Some(address) = address {
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}

/// The addresses the proxies appended, leftmost first: `X-Forwarded-For` if the request
/// has one, else the `for=` of each `Forwarded` element. An entry that is not an address
/// (RFC 7239's "unknown" or an obfuscated name) makes the chain unreadable.
fn forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|entry| entry.trim().to_owned())
            .filter(|entry| !entry.is_empty())
            .collect()
    };
    let forwarded_for = values("x-forwarded-for");
    let chain: Vec<String> = if !forwarded_for.is_empty() {
        forwarded_for
    } else {
        values("forwarded")
            .iter()
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.trim().split_once('=')?;
                    key.eq_ignore_ascii_case("for")
                        .then(|| value.trim_matches('"').to_owned())
                })
            })
            .collect()
    };
    if chain.is_empty() {
        return None;
    }
    chain.iter().map(|entry| parse_node(entry)).collect()
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
    use axum::body::Body;
    use axum::http::HeaderValue;
    use axum::routing::get;
    use axum::{middleware, Extension, Router};
    use tower::ServiceExt;

    /// The address the services see for a request from `peer` with these headers.
    async fn seen(proxies: usize, forwarded: &[&'static str]) -> String {
        let app = Router::new()
            .route(
                "/",
                get(
                    |Extension(ClientAddress(address)): Extension<ClientAddress>| async move {
                        address.to_string()
                    },
                ),
            )
            .layer(middleware::from_fn_with_state(
                TrustedProxies(proxies),
                record,
            ))
            // What axum's `into_make_service_with_connect_info` puts into each request.
            .layer(Extension(ConnectInfo(SocketAddr::from((
                [192, 0, 2, 99],
                4711,
            )))));
        let mut request = Request::builder().uri("/");
        for value in forwarded {
            request = request.header("x-forwarded-for", *value);
        }
        let response = app
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        String::from_utf8(body.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn the_address_the_trusted_proxy_added_is_the_client() {
        // The client sent "203.0.113.66" itself; the one proxy appended what it saw.
        let chain = ["203.0.113.66, 198.51.100.5"];
        assert_eq!(seen(1, &chain).await, "198.51.100.5");
        assert_eq!(seen(2, &chain).await, "203.0.113.66");
        assert_eq!(seen(0, &chain).await, "192.0.2.99", "no proxy: the peer");
        assert_eq!(
            seen(3, &chain).await,
            "192.0.2.99",
            "a chain too short: the peer"
        );
        assert_eq!(seen(1, &[]).await, "192.0.2.99");
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_chain_is_read_from_every_forwarding_header() {
        let chain = forwarded_for(&headers(&[
            ("x-forwarded-for", "203.0.113.9, 198.51.100.2"),
            ("x-forwarded-for", "192.0.2.1"),
        ]))
        .unwrap();
        let expected: Vec<IpAddr> = ["203.0.113.9", "198.51.100.2", "192.0.2.1"]
            .iter()
            .map(|a| a.parse().unwrap())
            .collect();
        assert_eq!(chain, expected);
        let chain = forwarded_for(&headers(&[(
            "forwarded",
            r#"for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711""#,
        )]))
        .unwrap();
        assert_eq!(chain[1], "2001:db8:cafe::17".parse::<IpAddr>().unwrap());
        assert_eq!(
            forwarded_for(&headers(&[("forwarded", "for=unknown")])),
            None
        );
    }
}
