#![recursion_limit = "256"]
//! Portico's UI and its contract with the server: routes, pages, components, the typed
//! forms and their validation, and the server functions. No database, mail or hashing
//! code lives here: with the `ssr` feature the server functions reach the server's
//! [`api::Services`] through Leptos context.
pub mod api;
pub mod captcha;
pub mod components;
pub mod data_attributes;
pub mod enhance;
pub mod forms;
pub mod i18n;
pub mod page_template;
pub mod pages;
pub mod policies;
pub mod portal;
pub mod shell;
pub mod submission;

pub use shell::shell;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::{path, MatchNestedRoutes, SsrMode, StaticSegment};

use pages::account::{
    ask_for_link::{AskForLinkPage, LinkKind},
    confirm::ConfirmPage,
    email_change::{EmailChangePage, EmailChangedPage},
    log_in::LogInPage,
    log_out::LogOutPage,
    new_password::NewPasswordPage,
    profile::ProfilePage,
    register::{CheckYourEmailPage, RegisterPage},
    second_factor::SecondFactorPage,
    security::{RecoveryCodesPage, SecurityPage, TotpSetupPage},
    status::AccountStatusPage,
    verify::{VerifiedPage, VerifyPage},
};
use pages::chooser::Chooser;
use pages::csm::home::CsmHome;
use pages::csp_home::CspHome;
use pages::not_found::NotFound;
use pages::policy::{PrivacyPage, TermsPage};
use portal::Portal;

/// The pages of each portal whose forms post to themselves (see [`submission`]).
pub const PORTAL_FORM_PAGES: [&str; 16] = [
    "/delete-account",
    "/accept-terms",
    "/register",
    "/confirm",
    "/log-in",
    "/log-in/second-factor",
    "/security",
    "/security/app",
    "/login",
    "/verify",
    "/log-out",
    "/reset",
    "/reset/new",
    "/resend",
    "/email-change",
    "/profile",
];

/// The other pages whose forms post to themselves, in axum's path syntax.
pub const OTHER_FORM_PAGES: [&str; 13] = [
    "/admin/log-in",
    "/admin/people/{id}",
    "/admin/webhooks",
    "/admin/apps",
    "/admin/apps/{client_id}",
    "/admin/outbox",
    "/csm/invitation",
    "/csm/approvals",
    "/csm/contacts",
    "/admin",
    "/admin/people",
    "/admin/accounts/{id}",
    "/admin/pending",
];

/// Every path the server routes plain form posts to the page for.
pub fn form_pages() -> Vec<String> {
    Portal::ALL
        .into_iter()
        .flat_map(|portal| PORTAL_FORM_PAGES.map(|page| portal.path(page)))
        .chain(OTHER_FORM_PAGES.map(str::to_owned))
        .collect()
}

/// Pages that are never hydrated: their forms are plain posts and they need no
/// JavaScript, so their code stays out of the WASM every visitor downloads. Links to them
/// from hydrated pages carry `rel="external"`, so that the browser loads them from the
/// server instead of the client-side router looking for them.
pub fn is_server_only(path: &str) -> bool {
    path == "/admin"
        || path.starts_with("/admin/")
        || path == "/csm/approvals"
        || path == "/csm/contacts"
        || path == "/csm/invitation"
        // The OpenID Connect flow (a log-in's `next` may resume an authorization).
        || path.starts_with("/oidc/")
        || Portal::ALL.into_iter().any(|portal| {
            path == portal.path("/delete-account") || path == portal.path("/accept-terms")
        })
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every page answers in one piece (no streaming), so that a form's outcome can set
    // the HTTP status and a redirect before the first byte is sent.
    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Chooser ssr=SsrMode::Async />
                <Route path=path!("/csm") view=CsmHome ssr=SsrMode::Async />
                <Route path=path!("/csp") view=CspHome ssr=SsrMode::Async />
                <PortalRoutes portal=Portal::Csp />
                <PortalRoutes portal=Portal::Csm />
                <ServerOnlyRoutes />
            </Routes>
        </Router>
    }
}

/// The account pages, the same in both portals: `/csp/register`, `/csm/register`, …
#[component(transparent)]
fn PortalRoutes(portal: Portal) -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=StaticSegment(portal.segment()) view=Outlet ssr=SsrMode::Async>
            <Route path=StaticSegment("register") view=move || view! { <RegisterPage portal /> } ssr=SsrMode::Async />
            <Route path=(StaticSegment("register"), StaticSegment("sent")) view=move || view! { <CheckYourEmailPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("verified") view=move || view! { <VerifiedPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("email-changed") view=move || view! { <EmailChangedPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("log-in") view=move || view! { <LogInPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("login") view=move || view! { <LogInPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("account-status") view=move || view! { <AccountStatusPage portal /> } ssr=SsrMode::Async />
            <Route path=(StaticSegment("log-in"), StaticSegment("second-factor")) view=move || view! { <SecondFactorPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("security") view=move || view! { <SecurityPage portal /> } ssr=SsrMode::Async />
            <Route path=(StaticSegment("security"), StaticSegment("app")) view=move || view! { <TotpSetupPage portal /> } ssr=SsrMode::Async />
            <Route path=(StaticSegment("security"), StaticSegment("recovery-codes")) view=move || view! { <RecoveryCodesPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("log-out") view=move || view! { <LogOutPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("verify") view=move || view! { <VerifyPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("reset") view=move || view! { <AskForLinkPage portal link=LinkKind::PasswordReset /> } ssr=SsrMode::Async />
            <Route path=(StaticSegment("reset"), StaticSegment("new")) view=move || view! { <NewPasswordPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("resend") view=move || view! { <AskForLinkPage portal link=LinkKind::Verification /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("email-change") view=move || view! { <EmailChangePage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("profile") view=move || view! { <ProfilePage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("confirm") view=move || view! { <ConfirmPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("privacy") view=move || view! { <PrivacyPage portal /> } ssr=SsrMode::Async />
            <Route path=StaticSegment("terms") view=move || view! { <TermsPage portal /> } ssr=SsrMode::Async />
        </ParentRoute>
    }
    .into_inner()
}

/// The routes of the [`is_server_only`] pages: on the server only.
#[component(transparent)]
fn ServerOnlyRoutes() -> impl MatchNestedRoutes + Clone {
    #[cfg(feature = "ssr")]
    {
        use pages::account::{accept_terms::AcceptTermsPage, delete_account::DeleteAccountPage};
        use pages::admin::{
            account::AccountPage, accounts::AccountsPage, app_detail::AppPage, apps::AppsPage,
            audit::AuditLogPage, log_in::AdminLogInPage, outbox::OutboxPage, pending::PendingPage,
            people::PeoplePage, person::PersonPage, webhooks::WebhooksPage,
        };
        use pages::csm::{
            approvals::ApprovalsPage, contacts::ContactsPage, invitation::InvitationPage,
        };
        view! {
            <Route path=path!("/csm/invitation") view=InvitationPage ssr=SsrMode::Async />
            <Route path=path!("/csp/delete-account") view=|| view! { <DeleteAccountPage portal=Portal::Csp /> } ssr=SsrMode::Async />
            <Route path=path!("/csm/delete-account") view=|| view! { <DeleteAccountPage portal=Portal::Csm /> } ssr=SsrMode::Async />
            <Route path=path!("/csp/accept-terms") view=|| view! { <AcceptTermsPage portal=Portal::Csp /> } ssr=SsrMode::Async />
            <Route path=path!("/csm/accept-terms") view=|| view! { <AcceptTermsPage portal=Portal::Csm /> } ssr=SsrMode::Async />
            <Route path=path!("/csm/approvals") view=ApprovalsPage ssr=SsrMode::Async />
            <Route path=path!("/csm/contacts") view=ContactsPage ssr=SsrMode::Async />
            <Route path=path!("/admin") view=AccountsPage ssr=SsrMode::Async />
            <Route path=path!("/admin/log-in") view=AdminLogInPage ssr=SsrMode::Async />
            <Route path=path!("/admin/accounts/:id") view=AccountPage ssr=SsrMode::Async />
            <Route path=path!("/admin/pending") view=PendingPage ssr=SsrMode::Async />
            <Route path=path!("/admin/people") view=PeoplePage ssr=SsrMode::Async />
            <Route path=path!("/admin/webhooks") view=WebhooksPage ssr=SsrMode::Async />
            <Route path=path!("/admin/apps") view=AppsPage ssr=SsrMode::Async />
            <Route path=path!("/admin/apps/:client_id") view=AppPage ssr=SsrMode::Async />
            <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async />
            <Route path=path!("/admin/people/:id") view=PersonPage ssr=SsrMode::Async />
            <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async />
        }
        .into_inner()
    }
    #[cfg(not(feature = "ssr"))]
    ()
}
