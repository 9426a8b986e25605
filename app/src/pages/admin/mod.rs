//! `/admin`: internal administration, in its own plain layout.
pub mod account;
pub mod accounts;
pub mod app_detail;
pub mod apps;
pub mod audit;
pub mod company_sign_in;
pub mod log_in;
pub mod outbox;
pub mod pending;
pub mod people;
pub mod person;
pub mod webhooks;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::Listing;
use crate::api::Role;
use crate::components::layout::{current_user_resource, AccountMenu, LanguageSwitcher};
use crate::i18n::{format_number, lang, t, t_with};
use crate::portal::{query_value, Portal};

/// A list's search box (a GET to the list's own page).
#[component]
pub fn SearchBox(path: &'static str, #[prop(into)] label: String, query: String) -> impl IntoView {
    view! {
        <form class="search" method="get" action=path role="search">
            <label class="field__label" for="q">{label}</label>
            <input class="field__input" id="q" name="q" type="search" value=query />
            <button class="button button--secondary" type="submit">{t("admin-search")}</button>
        </form>
    }
}

/// Links to a list's previous and next pages, keeping its search.
#[component]
pub fn Pager(path: &'static str, listing: Listing) -> impl IntoView {
    let link = move |page: u64| {
        let mut href = format!("{path}?page={page}");
        if !listing.query.is_empty() {
            href.push_str(&format!("&q={}", query_value(&listing.query)));
        }
        href
    };
    let page = listing.page;
    (page > 0 || listing.more).then(|| {
        view! {
            <nav class="pager" aria-label=t("admin-pager-label")>
                {(page > 0).then(|| view! { <a href=link(page - 1) rel="prev">{t("admin-pager-previous")}</a> })}
                <span>{format!(" {} ", page_number(page))}</span>
                {listing.more.then(|| view! { <a href=link(page + 1) rel="next">{t("admin-pager-next")}</a> })}
            </nav>
        }
    })
}

/// "Page 2" for the list's page 1 (the first is 0).
pub fn page_number(page: u64) -> String {
    t_with(
        "admin-pager-page",
        &[("number", format_number(lang(), page + 1))],
    )
}

/// The `page` of a list's address (0 for the first).
pub fn page_of(query: &leptos_router::params::ParamsMap) -> u64 {
    query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0)
}

/// The administration's pages.
fn admin_section_links() -> impl IntoView {
    view! {
        <a href="/admin">{t("admin-nav-accounts")}</a>
        <a href="/admin/pending">{t("admin-nav-pending")}</a>
        <a href="/admin/people">{t("admin-nav-people")}</a>
        <a href="/admin/apps">{t("admin-nav-apps")}</a>
        <a href="/admin/webhooks">{t("admin-nav-webhooks")}</a>
        <a href="/admin/outbox">{t("admin-nav-outbox")}</a>
        <a href="/admin/audit">{t("admin-nav-audit")}</a>
    }
}

/// The administrator's own account: security, the customer portal, log out.
fn admin_account_links() -> impl IntoView {
    view! {
        <a href=Portal::Csm.path("/security")>{t("admin-nav-security")}</a>
        <a href=Portal::Csm.prefix()>{t("admin-nav-customer-portal")}</a>
        <form method="post" action=Portal::Csm.path("/log-out")>
            <button class="admin-header__button" type="submit">{t("admin-log-out")}</button>
        </form>
    }
}

#[component]
pub fn AdminLayout(#[prop(into)] title: String, children: Children) -> impl IntoView {
    let user = current_user_resource();
    view! {
        <Title text=t_with("admin-page-title", &[("page", title)]) />
        <div class="page admin">
            <a class="skip-link" href="#main">{t("admin-skip-link")}</a>
            // On a wide screen the sections get a row of their own under the account's
            // links; on a phone both are behind one "Menu" (components::layout).
            <header class="admin-header">
                <div class="admin-header__inner">
                    <a class="admin-header__brand" href="/admin">{t("admin-brand")}</a>
                    <LanguageSwitcher />
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let user = user.await.ok().flatten();
                            user.is_some_and(|user| user.role == Role::Admin)
                                .then(|| view! { <AdminNav /> })
                        })}
                    </Suspense>
                </div>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let user = user.await.ok().flatten();
                        user.is_some_and(|user| user.role == Role::Admin)
                            .then(|| view! { <AdminSections /> })
                    })}
                </Suspense>
            </header>
            <main class="site-main" id="main">
                {children()}
            </main>
            // The administration is not hydrated: its one script copies registration codes.
            <script src="/copy.js" defer></script>
        </div>
    }
}

/// The administrator's account links, and on a phone everything behind one menu: for
/// administrators only (logged out, the header holds the brand and the language switch).
#[component]
fn AdminNav() -> impl IntoView {
    view! {
        <nav class="admin-header__nav" aria-label=t("layout-account-nav")>
            <div class="account-nav__row">{admin_account_links()}</div>
            <AccountMenu>{admin_section_links()} {admin_account_links()}</AccountMenu>
        </nav>
    }
}

/// The administration's sections, in a row of their own above 60em.
#[component]
fn AdminSections() -> impl IntoView {
    view! {
        <nav class="admin-sections account-nav__row" aria-label=t("admin-nav-label")>
            <div class="admin-sections__inner">{admin_section_links()}</div>
        </nav>
    }
}
