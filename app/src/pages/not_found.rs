//! The 404 page, in the frame of the part of the site it was asked in: a portal's header
//! and footer (with its language switch and log-in), the administration's, or the
//! chooser's plain page for anything else.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::components::layout::PortalLayout;
use crate::i18n::t;
use crate::portal::Portal;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let here = use_location().pathname.get_untracked();
    // The administration is rendered on the server only (it is never hydrated).
    #[cfg(feature = "ssr")]
    if here == "/admin" || here.starts_with("/admin/") {
        return view! {
            <crate::pages::admin::AdminLayout title=t("not-found-title")>
                <NotFoundText start="/admin" />
            </crate::pages::admin::AdminLayout>
        }
        .into_any();
    }
    if let Some(portal) = Portal::of_path(&here) {
        view! {
            <PortalLayout portal title=t("not-found-title")>
                <NotFoundText start=portal.prefix() />
            </PortalLayout>
        }
        .into_any()
    } else {
        view! {
            <Title text=t("not-found-page-title") />
            <main class="chooser" id="main">
                <NotFoundText start="/" />
            </main>
        }
        .into_any()
    }
}

/// What the page says, with a link to `start` (the start page of where it was asked).
#[component]
fn NotFoundText(start: &'static str) -> impl IntoView {
    view! {
        <h1>{t("not-found-title")}</h1>
        <p>{t("not-found-text")}</p>
        <p>
            <a href=start>{t("not-found-start")}</a>
        </p>
    }
}
