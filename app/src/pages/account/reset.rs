//! `/csp/reset` and `/csm/reset`: password reset arrives with the account lifecycle; until then this page
//! says so, because the "address taken" error links here.
use leptos::prelude::*;

use crate::components::layout::PortalLayout;
use crate::portal::Portal;

#[component]
pub fn ResetPage(portal: Portal) -> impl IntoView {
    view! {
        <PortalLayout portal title="Reset your password">
            <h1>"Reset your password"</h1>
            <p class="lead">"Password reset by email is not available yet."</p>
            <p>
                "If you remember your password, " <a href=portal.path("/log-in")>"log in"</a>
                "."
            </p>
        </PortalLayout>
    }
}
