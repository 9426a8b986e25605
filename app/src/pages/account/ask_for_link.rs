//! `/csp/reset` ("Forgot your password?") and `/csp/resend` (a new verification link),
//! and the same under `/csm`: one address in, one emailed link out. The reset page says
//! the same whether or not the address has an account.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{request_password_reset, resend_verification, LinkRequestOutcome};
use crate::components::fields::{FormErrors, TextField};
use crate::components::layout::PortalLayout;
use crate::components::notice::{notice, provide_form_errors};
use crate::forms::email_links::EmailForm;
use crate::forms::{Field, FieldErrors};
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

    fn title(self) -> &'static str {
        match self {
            LinkKind::PasswordReset => "Reset your password",
            LinkKind::Verification => "Send a new verification link",
        }
    }

    fn lead(self) -> &'static str {
        match self {
            LinkKind::PasswordReset => "Enter the email address of your account. We send you a link to choose a new password.",
            LinkKind::Verification => "Enter the address you registered with. We send a new link, and links sent before stop working.",
        }
    }

    fn button(self) -> &'static str {
        match self {
            LinkKind::PasswordReset => "Send the link",
            LinkKind::Verification => "Send a new link",
        }
    }
}

#[component]
pub fn AskForLinkPage(portal: Portal, link: LinkKind) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form: EmailForm| async move {
        match link {
            LinkKind::PasswordReset => request_password_reset(portal, form).await,
            LinkKind::Verification => resend_verification(portal, form).await,
        }
    });
    view! {
        <PortalLayout portal title=link.title()>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let typed = posted
                        .as_ref()
                        .map(|s| s.form.email.clone())
                        .unwrap_or_else(|| use_query_map().with_untracked(|q| q.get("email").unwrap_or_default()));
                    let notice = link_request_notice(form_errors, posted.map(|s| s.outcome));
                    let form_ref = NodeRef::<leptos::html::Form>::new();
                    let on_submit = form_errors.check_before_posting(
                        form_ref,
                        |form: &EmailForm| form.validate().err().unwrap_or_default(),
                        true,
                    );
                    view! {
                        <h1>{link.title()}</h1>
                        {notice}
                        <p class="lead">{link.lead()}</p>
                        <form class="form" method="post" action=portal.path(link.path()) novalidate node_ref=form_ref on:submit=on_submit>
                            <TextField field=Field::Email label="Email" input_type="email" autocomplete="email" value=typed />
                            <button class="button" type="submit">{link.button()}</button>
                        </form>
                        <p><a href=portal.path("/log-in")>"Back to log in"</a></p>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
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
