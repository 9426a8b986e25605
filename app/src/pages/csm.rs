//! `/csm`: the business portal. Its registration and approvals come next; until then
//! every page under it says so and points consumers to `/csp`.
use leptos::prelude::*;

use crate::components::layout::PortalLayout;
use crate::portal::Portal;

#[component]
pub fn CsmHome() -> impl IntoView {
    view! {
        <PortalLayout portal=Portal::Csm title="Home">
            <h1>"Customer Service Management portal"</h1>
            <p class="lead">
                "For contacts of our business customers. Business registration, with approval by your company's customer administrator, opens here soon."
            </p>
            <p>
                "Buying for yourself? Register at the "
                <a href=Portal::Csp.prefix()>{Portal::Csp.name()}</a> "."
            </p>
        </PortalLayout>
    }
}
