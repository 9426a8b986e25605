//! Every Leptos page's Content-Security-Policy, with the nonce its scripts carry.
//!
//! The page's shell also sets the header through Leptos's `ResponseOptions`, but under
//! concurrent load a page rendered for a plain form post was seen answering without it
//! (so the fallback policy, which runs no script, blocked the page's own scripts). So the
//! nonce is also read where Leptos provides it, in the context every render starts with,
//! into a slot the request carries, and this middleware sets the policy on the response
//! from that slot, outside Leptos.
use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;

/// Where a render leaves the nonce of the page it renders.
#[derive(Clone, Default)]
pub struct NonceSlot(Arc<Mutex<Option<String>>>);

/// Call in the context of every page render: keeps the page's nonce for [`set_policy`].
pub fn keep_nonce() {
    let (Some(parts), Some(nonce)) = (
        use_context::<axum::http::request::Parts>(),
        leptos::nonce::use_nonce(),
    ) else {
        return;
    };
    if let Some(slot) = parts.extensions.get::<NonceSlot>() {
        if let Ok(mut kept) = slot.0.lock() {
            *kept = Some(nonce.to_string());
        }
    }
}

/// Gives each request a [`NonceSlot`]; a page that filled it gets its policy.
pub async fn set_policy(mut request: Request, next: Next) -> Response {
    let slot = NonceSlot::default();
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    let nonce = slot.0.lock().ok().and_then(|mut kept| kept.take());
    if let Some(policy) =
        nonce.and_then(|n| HeaderValue::from_str(&app::shell::csp::policy(&n)).ok())
    {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}
