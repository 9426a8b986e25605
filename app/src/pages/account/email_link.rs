//! The button on the pages emailed links open (verify an address, confirm a new one):
//! a plain post of the link's token, which the island sends through the link's server
//! function instead.
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::api::LinkUsed;
use crate::components::fields::ErrorSummary;
#[cfg(feature = "hydrate")]
use crate::enhance::{portal_argument, Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
#[cfg(feature = "hydrate")]
use crate::forms::log_in::VerifyEmailForm;
#[cfg(feature = "hydrate")]
use crate::forms::{Field, FieldErrors};
use crate::portal::Portal;

/// Which emailed link the button uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkButton {
    Verify,
    EmailChange,
}

impl LinkButton {
    fn path(self) -> &'static str {
        match self {
            LinkButton::Verify => "/verify",
            LinkButton::EmailChange => "/email-change",
        }
    }
}

/// The link's button, as a form that works without JavaScript.
#[component]
pub fn UseLinkForm(
    portal: Portal,
    link: LinkButton,
    token: String,
    /// The button's text, in the page's language.
    label: String,
    /// An app's waiting sign-in to go on to afterwards (`log_in::resume_address`).
    #[prop(default = None)]
    resume: Option<String>,
) -> impl IntoView {
    let form = match link {
        LinkButton::Verify => FormKind::Verify,
        LinkButton::EmailChange => FormKind::ConfirmEmailChange,
    };
    view! {
        <Enhanced form portal>
            <ErrorSummary />
            <form method="post" action=portal.path(link.path())>
                <input type="hidden" name="form[token]" value=token />
                {resume.map(|resume| view! { <input type="hidden" name="form[next]" value=resume /> })}
                <button class="button" type="submit">{label}</button>
            </form>
        </Enhanced>
    }
}

/// Pressing the button: the link is used through its server function, and the page
/// that says so is next.
#[cfg(feature = "hydrate")]
fn link_behaviour<S>(portal: Portal) -> Behaviour
where
    S: leptos::server_fn::ServerFn<Output = LinkUsed>,
{
    Behaviour::new::<VerifyEmailForm, S>(
        |_| FieldErrors::new(),
        portal_argument(portal),
        |outcome| match outcome {
            LinkUsed::Done { to } => Reaction::GoTo(to),
            // Used or expired since the page was opened: the page says which, afresh.
            LinkUsed::Dead(_) => {
                Reaction::Errors(FieldErrors::one(Field::Form, "island-link-gone"))
            }
        },
    )
}

#[cfg(feature = "hydrate")]
pub(crate) fn verify_behaviour(portal: Portal) -> Behaviour {
    link_behaviour::<crate::api::VerifyEmail>(portal)
}

#[cfg(feature = "hydrate")]
pub(crate) fn email_change_behaviour(portal: Portal) -> Behaviour {
    link_behaviour::<crate::api::ConfirmEmailChange>(portal)
}
