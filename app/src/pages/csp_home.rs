//! `/csp`: the consumer portal's home: what it is for a visitor; what a signed-in
//! consumer can do.
use leptos::prelude::*;

use crate::components::home::PortalHome;
use crate::components::layout::PortalLayout;
use crate::portal::Portal;

#[component]
pub fn CspHome() -> impl IntoView {
    let portal = Portal::Csp;
    view! {
        <PortalLayout portal title="Home">
            <PortalHome portal>
                <h1>"Consumer Service Portal"</h1>
                <p class="lead">
                    "Your own consumer profile: your orders, your cases and your questions, in one place."
                </p>
                <div class="actions">
                    <a class="button" href=portal.path("/register")>"Register"</a>
                    <a class="button button--secondary" href=portal.path("/log-in")>"Log in"</a>
                </div>
                <p>
                    "Here for your company? Business customers use the "
                    <a href=Portal::Csm.prefix()>{Portal::Csm.name()}</a> "."
                </p>
            </PortalHome>
        </PortalLayout>
    }
}
