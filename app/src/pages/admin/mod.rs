//! `/admin`: internal administration, in its own plain layout.
pub mod account;
pub mod accounts;
pub mod outbox;
pub mod pending;
pub mod people;
pub mod webhooks;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::portal::Portal;

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
