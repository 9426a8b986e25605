//! The privacy policy and the terms, one page per portal.
use leptos::prelude::*;

use crate::components::layout::PortalLayout;
use crate::policies::{Policy, PRIVACY_POLICY, TERMS};
use crate::portal::Portal;

#[component]
fn PolicyPage(portal: Portal, policy: Policy, children: Children) -> impl IntoView {
    view! {
        <PortalLayout portal title=policy.title>
            <article class="policy">
                <h1>{policy.title}</h1>
                <p class="policy__version">{format!("Version {}, in effect since {}", policy.version, policy.published)}</p>
                {children()}
            </article>
        </PortalLayout>
    }
}

#[component]
pub fn PrivacyPage(portal: Portal) -> impl IntoView {
    view! {
        <PolicyPage portal policy=PRIVACY_POLICY>
            <p>
                "This placeholder policy will be replaced by your organisation's own. It says what we keep about you and why:"
            </p>
            <ul>
                <li>"your name and email address, to run your account;"</li>
                <li>"a one-way hash of your password, never the password itself;"</li>
                <li>"when you agreed to this policy and to the terms, and which versions."</li>
            </ul>
            <p>"We use no third-party trackers, and the security check runs on our own servers."</p>
        </PolicyPage>
    }
}

#[component]
pub fn TermsPage(portal: Portal) -> impl IntoView {
    view! {
        <PolicyPage portal policy=TERMS>
            <p>
                "This placeholder text will be replaced by your organisation's community terms and conditions."
            </p>
            <ul>
                <li>"Keep your password to yourself."</li>
                <li>"Be courteous in the community."</li>
                <li>"Tell us if something looks wrong."</li>
            </ul>
        </PolicyPage>
    }
}
