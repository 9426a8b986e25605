//! `/admin`: internal administration, in its own plain layout.
pub mod account;
pub mod accounts;
pub mod audit;
pub mod outbox;
pub mod pending;
pub mod people;
pub mod person;
pub mod webhooks;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::Listing;
use crate::portal::{query_value, Portal};

/// A list's search box (a GET to the list's own page).
#[component]
pub fn SearchBox(path: &'static str, label: &'static str, query: String) -> impl IntoView {
    view! {
        <form class="search" method="get" action=path role="search">
            <label class="field__label" for="q">{label}</label>
            <input class="field__input" id="q" name="q" type="search" value=query />
            <button class="button button--secondary" type="submit">"Search"</button>
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
            <nav class="pager" aria-label="Pages">
                {(page > 0).then(|| view! { <a href=link(page - 1) rel="prev">"Previous page"</a> })}
                <span>{format!(" Page {} ", page + 1)}</span>
                {listing.more.then(|| view! { <a href=link(page + 1) rel="next">"Next page"</a> })}
            </nav>
        }
    })
}

/// The `page` of a list's address (0 for the first).
pub fn page_of(query: &leptos_router::params::ParamsMap) -> u64 {
    query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0)
}

#[component]
pub fn AdminLayout(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=format!("{title} · Portico administration") />
        <div class="page admin">
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header class="admin-header">
                <div class="admin-header__inner">
                    <a class="admin-header__brand" href="/admin">"Portico administration"</a>
                    <nav class="admin-header__nav" aria-label="Administration">
                        <a href="/admin">"Accounts"</a>
                        <a href="/admin/pending">"Pending registrations"</a>
                        <a href="/admin/people">"People"</a>
                        <a href="/admin/webhooks">"Webhooks"</a>
                        <a href="/admin/outbox">"Outbox"</a>
                        <a href="/admin/audit">"Audit log"</a>
                        <a href=Portal::Csm.path("/security")>"Your security"</a>
                        <a href=Portal::Csm.prefix()>"Customer portal"</a>
                        <form method="post" action=Portal::Csm.path("/log-out")>
                            <button class="admin-header__button" type="submit">"Log out"</button>
                        </form>
                    </nav>
                </div>
            </header>
            <main class="site-main" id="main">
                {children()}
            </main>
            // The administration is not hydrated: its one script copies registration codes.
            <script src="/copy.js" defer></script>
        </div>
    }
}
