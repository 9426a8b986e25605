//! `/csm`: the business portal's home: what it is and how business registration works
//! for a visitor; their company, role and next steps for a contact signed in.
use leptos::prelude::*;

use crate::components::home::PortalHome;
use crate::components::layout::PortalLayout;
use crate::i18n::t;
use crate::portal::Portal;

#[component]
pub fn CsmHome() -> impl IntoView {
    let portal = Portal::Csm;
    view! {
        <PortalLayout portal title=t("csm-home-page-title")>
            <PortalHome portal>
                <h1>{portal.name()}</h1>
                <p class="lead">
                    {t("csm-home-lead")}
                </p>
                <div class="actions">
                    <a class="button" href=portal.path("/register")>{t("csm-home-register")}</a>
                    <a class="button button--secondary" href=portal.path("/log-in")>{t("csm-home-log-in")}</a>
                </div>
                <h2>{t("csm-home-how-title")}</h2>
                <ol>
                    <li>{t("csm-home-step-register")}</li>
                    <li>{t("csm-home-step-verify")}</li>
                    <li>{t("csm-home-step-approve")}</li>
                </ol>
                <p>
                    {t("csm-home-consumers-before")} " "
                    <a href=Portal::Csp.prefix()>{Portal::Csp.name()}</a> {t("csm-home-consumers-after")}
                </p>
            </PortalHome>
        </PortalLayout>
    }
}
