//! `/csp`: the consumer portal's home: what it is for a visitor; what a signed-in
//! consumer can do.
use leptos::prelude::*;

use crate::components::home::PortalHome;
use crate::components::layout::PortalLayout;
use crate::i18n::t;
use crate::portal::Portal;

#[component]
pub fn CspHome() -> impl IntoView {
    let portal = Portal::Csp;
    view! {
        <PortalLayout portal title=t("csp-home-page-title")>
            <PortalHome portal>
                <h1>{portal.name()}</h1>
                <p class="lead">
                    {t("csp-home-lead")}
                </p>
                <div class="actions">
                    <a class="button" href=portal.path("/register")>{t("csp-home-register")}</a>
                    <a class="button button--secondary" href=portal.path("/log-in")>{t("csp-home-log-in")}</a>
                </div>
                <p>
                    {t("csp-home-business-before")} " "
                    <a href=Portal::Csm.prefix()>{Portal::Csm.name()}</a> {t("csp-home-business-after")}
                </p>
            </PortalHome>
        </PortalLayout>
    }
}
