//! `/`: which portal is mine?
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::layout::LanguageSwitcher;
use crate::i18n::t;
use crate::portal::Portal;

#[component]
pub fn Chooser() -> impl IntoView {
    view! {
        <Title text=t("chooser-page-title") />
        <Meta name="description" content=t("chooser-description") />
        <main class="chooser" id="main">
            <div class="chooser__language">
                <LanguageSwitcher />
            </div>
            <h1 class="chooser__title">{t("chooser-title")}</h1>
            <div class="chooser__options">
                <a class="chooser__option portal-csm" href=Portal::Csm.prefix()>
                    <span class="chooser__audience">{Portal::Csm.audience()}</span>
                    <span class="chooser__portal">{Portal::Csm.name()}</span>
                    <span class="chooser__explain">
                        {t("chooser-csm-explain")}
                    </span>
                </a>
                <a class="chooser__option portal-csp" href=Portal::Csp.prefix()>
                    <span class="chooser__audience">{Portal::Csp.audience()}</span>
                    <span class="chooser__portal">{Portal::Csp.name()}</span>
                    <span class="chooser__explain">
                        {t("chooser-csp-explain")}
                    </span>
                </a>
            </div>
        </main>
    }
}
