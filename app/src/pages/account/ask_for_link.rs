//! `/csp/reset` ("Forgot your password?") and `/csp/resend` (a new verification link),
//! and the same under `/csm`: one address in, one emailed link out. The reset page says
//! the same whether or not the address has an account.
use leptos::prelude::*;

use crate::api::{
    carried_address, request_password_reset, resend_verification, LinkRequestOutcome,
};
use crate::components::fields::{FormErrors, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
#[cfg(feature = "hydrate")]
use crate::enhance::{portal_argument, Behaviour, Reaction};
use crate::enhance::{Enhanced, FormKind};
use crate::forms::email_links::EmailForm;
use crate::forms::{Field, FieldErrors};
use crate::i18n::t;
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

/// Which link the page sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    PasswordReset,
    Verification,
}

impl LinkKind {
    fn path(self) -> &'static str {
        match self {
            LinkKind::PasswordReset => "/reset",
            LinkKind::Verification => "/resend",
        }
    }

    fn form(self) -> FormKind {
        match self {
            LinkKind::PasswordReset => FormKind::PasswordResetLink,
            LinkKind::Verification => FormKind::VerificationLink,
        }
    }

    fn title(self) -> String {
        t(match self {
            LinkKind::PasswordReset => "ask-link-reset-title",
            LinkKind::Verification => "ask-link-verification-title",
        })
    }

    fn lead(self) -> String {
        t(match self {
            LinkKind::PasswordReset => "ask-link-reset-lead",
            LinkKind::Verification => "ask-link-verification-lead",
        })
    }

    fn button(self) -> String {
        t(match self {
            LinkKind::PasswordReset => "ask-link-reset-button",
            LinkKind::Verification => "ask-link-verification-button",
        })
    }
}

#[component]
pub fn AskForLinkPage(portal: Portal, link: LinkKind) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form: EmailForm| request_link(portal, link, form));
    let carried = Resource::new_blocking(|| (), |_| carried_address());
    view! {
        <PortalLayout portal title=link.title()>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let typed = match posted.as_ref() {
                        Some(s) => s.form.email.clone(),
                        // The address just registered (or verified), carried over.
                        None => carried.await.ok().flatten().map(|c| c.email).unwrap_or_default(),
                    };
                    let notice = link_request_notice(form_errors, posted.map(|s| s.outcome));
                    view! {
                        <h1>{link.title()}</h1>
                        <Enhanced form=link.form() portal>
                            {notice}
                            <p class="lead">{link.lead()}</p>
                            <form class="form" method="post" action=portal.path(link.path()) novalidate>
                                <TextField field=Field::Email label=t("ask-link-email") input_type="email" autocomplete="email" value=typed />
                                <button class="button" type="submit">{link.button()}</button>
                            </form>
                        </Enhanced>
                        <p><a href=portal.path("/log-in")>{t("ask-link-back-to-log-in")}</a></p>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

async fn request_link(
    portal: Portal,
    link: LinkKind,
    form: EmailForm,
) -> Result<LinkRequestOutcome, ServerFnError> {
    match link {
        LinkKind::PasswordReset => request_password_reset(portal, form).await,
        LinkKind::Verification => resend_verification(portal, form).await,
    }
}

#[cfg(feature = "hydrate")]
fn link_request_behaviour<S>(portal: Portal) -> Behaviour
where
    S: leptos::server_fn::ServerFn<Output = LinkRequestOutcome>,
{
    Behaviour::new::<EmailForm, S>(
        |form| form.validate().err().unwrap_or_default(),
        portal_argument(portal),
        |outcome| match outcome {
            LinkRequestOutcome::Sent { message } => Reaction::Done(message),
            LinkRequestOutcome::Rejected { errors } => Reaction::Errors(errors),
        },
    )
}

#[cfg(feature = "hydrate")]
pub(crate) fn reset_behaviour(portal: Portal) -> Behaviour {
    link_request_behaviour::<crate::api::RequestPasswordReset>(portal)
}

#[cfg(feature = "hydrate")]
pub(crate) fn resend_behaviour(portal: Portal) -> Behaviour {
    link_request_behaviour::<crate::api::ResendVerification>(portal)
}

/// What a request for an emailed link came to: sent (a success panel), or why not (on
/// the field).
fn link_request_notice(
    form_errors: FormErrors,
    outcome: Option<Result<LinkRequestOutcome, ServerFnError>>,
) -> AnyView {
    let (done, errors) = match outcome {
        Some(Ok(LinkRequestOutcome::Sent { message })) => (Some(message), FieldErrors::new()),
        Some(Ok(LinkRequestOutcome::Rejected { errors })) => (None, errors),
        Some(Err(error)) => (None, failure_as_errors(&error)),
        None => (None, FieldErrors::new()),
    };
    notice(form_errors, done, errors)
}
