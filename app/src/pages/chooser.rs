//! `/`: which portal is mine?
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::portal::Portal;

#[component]
pub fn Chooser() -> impl IntoView {
    view! {
        <Title text="Portico · Choose your portal" />
        <Meta name="description" content="Customer service for businesses and for consumers: choose the portal that is yours, and register or log in there." />
        <main class="chooser" id="main">
            <h1 class="chooser__title">"Welcome. Which describes you?"</h1>
            <div class="chooser__options">
                <a class="chooser__option portal-csm" href=Portal::Csm.prefix()>
                    <span class="chooser__audience">{Portal::Csm.audience()}</span>
                    <span class="chooser__portal">{Portal::Csm.name()}</span>
                    <span class="chooser__explain">
                        "For business customers: you work for a company that buys from us, and your company's customer administrator approves your access."
                    </span>
                </a>
                <a class="chooser__option portal-csp" href=Portal::Csp.prefix()>
                    <span class="chooser__audience">{Portal::Csp.audience()}</span>
                    <span class="chooser__portal">{Portal::Csp.name()}</span>
                    <span class="chooser__explain">
                        "For consumers: you buy for yourself, and you can register on your own in a minute."
                    </span>
                </a>
            </div>
        </main>
    }
}
