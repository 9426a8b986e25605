//! Portico's UI and its contract with the server: routes, pages, components, the typed
//! forms and their validation, and the server functions. No database, mail or hashing
//! code lives here: with the `ssr` feature the server functions reach the server's
//! [`api::Services`] through Leptos context.
pub mod api;
pub mod captcha;
pub mod components;
pub mod forms;
pub mod pages;
pub mod policies;
pub mod portal;
pub mod submission;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use pages::chooser::Chooser;
use pages::csm::CsmHome;
use pages::csp::{home::CspHome, log_in::LogInPage, log_out::LogOutPage, register::CspRegister};
use pages::csp::{reset::CspReset, verify::VerifyPage};
use pages::not_found::NotFound;
use pages::policy::{PrivacyPage, TermsPage};
use portal::Portal;

/// The paths whose forms post to themselves (see [`submission`]); the server routes
/// POST requests for these to the page.
pub const FORM_PAGES: [&str; 5] = [
    "/csp/register",
    "/csp/log-in",
    "/csp/login",
    "/csp/verify",
    "/csp/log-out",
];

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every page answers in one piece (no streaming), so that a form's outcome can set
    // the HTTP status and a redirect before the first byte is sent.
    view! {
        <Stylesheet id="leptos" href="/pkg/portico.css" />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Chooser ssr=SsrMode::Async />
                <Route path=path!("/csm") view=CsmHome ssr=SsrMode::Async />
                <Route path=path!("/csp") view=CspHome ssr=SsrMode::Async />
                <Route path=path!("/csp/register") view=CspRegister ssr=SsrMode::Async />
                <Route path=path!("/csp/log-in") view=|| view! { <LogInPage portal=Portal::Csp /> } ssr=SsrMode::Async />
                <Route path=path!("/csp/login") view=|| view! { <LogInPage portal=Portal::Csp /> } ssr=SsrMode::Async />
                <Route path=path!("/csp/log-out") view=|| view! { <LogOutPage portal=Portal::Csp /> } ssr=SsrMode::Async />
                <Route path=path!("/csp/verify") view=|| view! { <VerifyPage portal=Portal::Csp /> } ssr=SsrMode::Async />
                <Route path=path!("/csp/reset") view=CspReset ssr=SsrMode::Async />
                <Route path=path!("/csp/privacy") view=|| view! { <PrivacyPage portal=Portal::Csp /> } ssr=SsrMode::Async />
                <Route path=path!("/csp/terms") view=|| view! { <TermsPage portal=Portal::Csp /> } ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
