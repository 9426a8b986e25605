//! `/csp`: the consumer portal's home.
use leptos::prelude::*;

use crate::components::home_actions::HomeActions;
use crate::components::layout::PortalLayout;
use crate::portal::Portal;

#[component]
pub fn CspHome() -> impl IntoView {
    let portal = Portal::Csp;
    view! {
        <PortalLayout portal title="Home">
            <h1>"Consumer Service Portal"</h1>
            <p class="lead">
                "Your own consumer profile: your orders, your cases and your questions, in one place."
            </p>
            <HomeActions portal />
            <p>
                "Here for your company? Business customers use the "
                <a href=Portal::Csm.prefix()>{Portal::Csm.name()}</a> "."
            </p>
        </PortalLayout>
    }
}
