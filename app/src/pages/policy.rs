//! The privacy policy and the terms, one page per portal.
use leptos::prelude::*;

use crate::components::layout::PortalLayout;
use crate::i18n::{t, t_with};
use crate::policies::{Policy, PRIVACY_POLICY, TERMS};
use crate::portal::Portal;

#[component]
fn PolicyPage(portal: Portal, policy: Policy, children: Children) -> impl IntoView {
    view! {
        <PortalLayout portal title=policy.title()>
            <article class="policy">
                <h1>{policy.title()}</h1>
                <p class="policy__version">
                    {t_with(
                        "policy-version",
                        &[("version", policy.version.to_owned()), ("published", policy.published())],
                    )}
                </p>
                {children()}
            </article>
        </PortalLayout>
    }
}

#[component]
pub fn PrivacyPage(portal: Portal) -> impl IntoView {
    view! {
        <PolicyPage portal policy=PRIVACY_POLICY>
            <p>{t("policy-privacy-intro")}</p>
            <ul>
                <li>{t("policy-privacy-name")}</li>
                <li>{t("policy-privacy-password")}</li>
                <li>{t("policy-privacy-consent")}</li>
            </ul>
            <p>{t("policy-privacy-trackers")}</p>
        </PolicyPage>
    }
}

#[component]
pub fn TermsPage(portal: Portal) -> impl IntoView {
    view! {
        <PolicyPage portal policy=TERMS>
            <p>{t("policy-terms-intro")}</p>
            <ul>
                <li>{t("policy-terms-password")}</li>
                <li>{t("policy-terms-courteous")}</li>
                <li>{t("policy-terms-tell-us")}</li>
            </ul>
        </PolicyPage>
    }
}
