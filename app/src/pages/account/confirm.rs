//! `/csp/confirm` and `/csm/confirm` ("Confirm it's you"): the password again before a
//! sensitive change, for a person who last proved who they are more than ten minutes
//! ago. `?next=` is the page to go back to.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "hydrate")]
use crate::api::ConfirmIdentity;
use crate::api::{confirm_identity, Confirmation};
use crate::components::fields::TextField;
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
#[cfg(feature = "hydrate")]
use crate::enhance::{Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
#[cfg(feature = "hydrate")]
use crate::forms::log_in::ConfirmIdentityForm;
use crate::forms::{Field, FieldErrors};
use crate::i18n::t;
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn ConfirmPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(confirm_identity);
    view! {
        <PortalLayout portal title=t("confirm-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let next = posted
                        .as_ref()
                        .map(|s| s.form.next.clone())
                        .unwrap_or_else(|| use_query_map().with_untracked(|q| q.get("next").unwrap_or_default()));
                    let errors = match posted.map(|s| s.outcome) {
                        Some(Ok(Confirmation::Rejected { errors })) => errors,
                        Some(Err(error)) => failure_as_errors(&error),
                        _ => FieldErrors::new(),
                    };
                    view! {
                        <h1>{t("confirm-title")}</h1>
                        <p class="lead">{t("confirm-lead")}</p>
                        <Enhanced form=FormKind::ConfirmIdentity portal errors=errors.clone()>
                            {notice(form_errors, None, errors)}
                            <form class="form" method="post" action=portal.path("/confirm") novalidate>
                                <TextField field=Field::CurrentPassword label=t("confirm-password") input_type="password" autocomplete="current-password" />
                                <input type="hidden" name="form[next]" value=next />
                                <button class="button" type="submit">{t("confirm-submit")}</button>
                            </form>
                        </Enhanced>
                        <p><a href=portal.path("/reset")>{t("confirm-forgot-password")}</a></p>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[cfg(feature = "hydrate")]
pub(crate) fn behaviour() -> Behaviour {
    Behaviour::new::<ConfirmIdentityForm, ConfirmIdentity>(
        |form| form.validate().err().unwrap_or_default(),
        String::new(),
        |outcome| match outcome {
            Confirmation::Confirmed { to } => Reaction::GoTo(to),
            Confirmation::Rejected { errors } => Reaction::Errors(errors),
        },
    )
}
