//! Who the client is, for limits per client: the peer's address, or, behind a reverse
//! proxy that sets them (`TRUST_PROXY_HEADERS=true`), the address in its forwarding
//! headers. tower_governor's key extractors read both; trusting the headers without such
//! a proxy would let anyone choose their own address, hence the setting.
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor, SmartIpKeyExtractor};

use app::api::ClientAddress;

/// Whether to read the client's address from a reverse proxy's headers.
#[derive(Clone, Copy)]
pub struct TrustProxyHeaders(pub bool);

/// Puts the client's address into the request, for the services' limits per client.
pub async fn record(
    State(TrustProxyHeaders(trust)): State<TrustProxyHeaders>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = if trust {
        SmartIpKeyExtractor.extract(&request)
    } else {
        PeerIpKeyExtractor.extract(&request)
    };
    if let Ok(address) = address {
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}
