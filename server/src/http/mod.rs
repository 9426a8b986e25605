//! The HTTP surface: Leptos pages and server functions, plain form posts to pages,
//! static files, the dev mailbox, and the layers around them.
mod anonymous_sessions;
mod body_limit;
pub mod client_address;
mod data_export;
mod form_pages;
pub mod language;
mod lingering_close;
pub mod listener;
pub mod oidc;
pub mod operations;
pub mod page_cache;
pub mod page_policy;
pub mod request_log;
mod request_target;
pub mod same_origin;
mod server_fn_errors;
mod session_cookies;
pub mod static_files;

use axum::extract::FromRef;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer, SessionStore};

use app::api::SharedServices;
use app::portal::Portal;
use app::{form_pages, shell, App};

/// Pages are never stored by the browser or a cache: they show who is signed in, tokens
/// from emailed links, secrets being set up. (Assets under `/pkg` are cached for good;
/// see `static_files`.)
async fn pages_are_not_stored(mut response: axum::response::Response) -> axum::response::Response {
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if is_page && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The Content-Security-Policy of responses that are not Leptos pages.
pub const NO_SCRIPT_POLICY: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The largest request body accepted: forms are a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: SharedServices,
    /// The same services, for the OpenID Connect endpoints, which are not server functions
    /// and so not part of the pages' contract.
    pub provider: std::sync::Arc<crate::services::Portico>,
    pub db: DatabaseConnection,
    pub operations: operations::Operations,
}

pub struct HttpSettings {
    pub dev_mailbox: bool,
    pub secure_cookies: bool,
    /// The reverse proxies in front whose forwarding header names the client.
    pub proxies: client_address::Proxies,
    /// This site's origin, which state-changing requests must come from.
    pub site_origin: String,
}

pub fn router<S: SessionStore + Clone>(
    state: AppState,
    store: S,
    settings: HttpSettings,
) -> Router {
    let context = page_context(state.services.clone());
    // Pages the router does not know (the 404) get the same context: their layout shows
    // who is logged in.
    let not_found_context = context.clone();
    let page_cache = page_cache::PageCache::new(state.services.clone());
    let sessions = SessionManagerLayer::new(session_cookies::CountingUnknown(store))
        .with_name(session_cookie_name(settings.secure_cookies))
        .with_secure(settings.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));

    // Relying parties call these from other sites and servers, with no session.
    let protocol = oidc::server_to_server()
        .with_state(state.clone())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn(body_limit::refuse_oversized));
    let router = routes(&state, &settings, context)
        .merge(oidc::browser_flow())
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(not_found_context, shell))
        .with_state(state)
        .layer(middleware::from_fn(server_fn_errors::bad_input_is_4xx))
        .layer(middleware::from_fn(page_policy::set_policy))
        .layer(middleware::from_fn_with_state(
            page_cache,
            page_cache::answer_from_templates,
        ))
        .layer(middleware::from_fn_with_state(
            language::SecureCookies(settings.secure_cookies),
            language::choose,
        ))
        .layer(middleware::from_fn_with_state(
            settings.proxies,
            client_address::record,
        ))
        .layer(middleware::from_fn(anonymous_sessions::keep_briefly))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            same_origin::SiteOrigin(settings.site_origin),
            same_origin::refuse_cross_site,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn(body_limit::refuse_oversized));
    around_every_response(protocol.merge(router))
}

/// What every page and server function finds in Leptos' context.
fn page_context(services: SharedServices) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(services.clone());
        app::i18n::provide_language();
        if app::page_template::rendering_template() {
            provide_context(leptos::nonce::Nonce::from_value(app::page_template::NONCE));
        }
        page_policy::keep_nonce();
    }
}

/// The pages, the posts to them, the assets, the language switch and the operations'
/// endpoints.
fn routes(
    state: &AppState,
    settings: &HttpSettings,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Router<AppState> {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let mut router =
        Router::<AppState>::new()
            .leptos_routes_with_context(state, routes, context, move || shell(options.clone()));
    for portal in Portal::ALL {
        router = router.route(&portal.path(data_export::PATH), get(data_export::download));
    }
    for path in form_pages() {
        router = router.route(&path, post(form_pages::post_to_page));
    }
    let pkg = std::path::Path::new(&*state.leptos_options.site_root)
        .join(&*state.leptos_options.site_pkg_dir);
    router = router.nest_service(
        &format!("/{}", state.leptos_options.site_pkg_dir),
        static_files::router(&pkg),
    );
    router = router.route(
        app::i18n::SWITCH_PATH,
        post(language::switch).with_state((
            state.services.clone(),
            language::SecureCookies(settings.secure_cookies),
        )),
    );
    router = router
        .route("/healthz", get(operations::healthz))
        .route("/readyz", get(operations::readyz))
        .route("/metrics", get(operations::metrics));
    if settings.dev_mailbox {
        router = router.route("/dev/mailbox", get(crate::mail::dev_mailbox::page));
    }
    router
}

/// The outermost layers: compression, the safety headers every response carries, a
/// panic's plain 500, and the request log.
fn around_every_response(router: Router) -> Router {
    router
        // Brotli at quality 5 rather than tower-http's 4: a log-in page's HTML is 6 % smaller
        // (6.6 KB to 6.2 KB) for about 0.05 ms more per response (measured; issue 13's
        // closing note).
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(5)))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(middleware::map_response(pages_are_not_stored))
        // Emailed links carry tokens in their address: no page tells another site where
        // it was.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        // Leptos pages set their own policy, with the response's nonce; every other
        // response (the dev mailbox, errors, assets) runs no script at all.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NO_SCRIPT_POLICY),
        ))
        // A panic is a bug, but it answers its own request with a plain 500 instead of
        // dropping the connection, and is logged with the request's id.
        .layer(CatchPanicLayer::custom(panic_is_a_plain_500))
        .layer(middleware::from_fn(
            request_target::refuse_targets_without_a_path,
        ))
        .layer(middleware::from_fn(request_log::observe))
}

fn panic_is_a_plain_500(
    panic: Box<dyn std::any::Any + Send + 'static>,
) -> axum::response::Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(%message, "a handler panicked");
    axum::response::IntoResponse::into_response((
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on our side. Please try again in a moment.\n",
    ))
}

/// The session cookie's name. Over https it carries the `__Host-` prefix, which browsers
/// accept only with `Secure`, `Path=/` and no `Domain`: a sibling subdomain, or a page
/// served over plain http, cannot then plant a session cookie for this site.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portico_session"
    } else {
        "portico_session"
    }
}
