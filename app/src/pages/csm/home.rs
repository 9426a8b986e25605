//! `/csm`: the business portal's home: what it is and how business registration works
//! for a visitor; their company, role and next steps for a contact signed in.
use leptos::prelude::*;

use crate::components::home::PortalHome;
use crate::components::layout::PortalLayout;
use crate::portal::Portal;

#[component]
pub fn CsmHome() -> impl IntoView {
    let portal = Portal::Csm;
    view! {
        <PortalLayout portal title="Home">
            <PortalHome portal>
                <h1>"Customer Service Management portal"</h1>
                <p class="lead">
                    "For the contacts of our business customers: your company's orders, cases and contracts, in one place."
                </p>
                <div class="actions">
                    <a class="button" href=portal.path("/register")>"Register"</a>
                    <a class="button button--secondary" href=portal.path("/log-in")>"Log in"</a>
                </div>
                <h2>"How business registration works"</h2>
                <ol>
                    <li>"Register with your business email address and, if you have one, your company's registration code."</li>
                    <li>"Verify your email address with the link we send you."</li>
                    <li>"Your company's customer administrator approves your request. We email you the decision."</li>
                </ol>
                <p>
                    "Buying for yourself? Consumers use the "
                    <a href=Portal::Csp.prefix()>{Portal::Csp.name()}</a> "."
                </p>
            </PortalHome>
        </PortalLayout>
    }
}
