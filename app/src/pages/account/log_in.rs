//! `/csp/log-in` and `/csm/log-in`: email and password. A page that needs a logged-in
//! person sends them here with `?next=`, and logging in takes them back.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{log_in, LogIn, LogInOutcome};
use crate::components::fields::{ErrorSummary, FormErrors, TextField};
use crate::components::layout::PortalLayout;
use crate::forms::log_in::LogInForm;
use crate::forms::{Field, FieldErrors};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{latest_outcome, posted_submission, Submission};

#[component]
pub fn LogInPage(portal: Portal) -> impl IntoView {
    let posted = posted_submission(move |form| log_in(portal, form));
    view! {
        <PortalLayout portal title="Log in">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    view! { <LogInFormView portal posted /> }
                })}
            </Suspense>
        </PortalLayout>
    }
}

fn errors_of(outcome: &Option<Result<LogInOutcome, ServerFnError>>) -> FieldErrors {
    match outcome {
        Some(Ok(LogInOutcome::Rejected { errors })) => errors.clone(),
        Some(Err(error)) => failure_as_errors(error),
        _ => FieldErrors::new(),
    }
}

#[component]
fn LogInFormView(
    portal: Portal,
    posted: Option<Submission<LogInForm, LogInOutcome>>,
) -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    let shown = posted.as_ref().map(|s| s.form.clone()).unwrap_or_default();
    let next = if shown.next.is_empty() {
        use_query_map().with_untracked(|q| q.get("next").unwrap_or_default())
    } else {
        shown.next.clone()
    };
    let outcome = latest_outcome(move || action.value().get(), posted);
    let errors = FormErrors::new(errors_of(&outcome.get_untracked()));
    provide_context(errors);
    let form_ref = NodeRef::<leptos::html::Form>::new();

    // The browser's call came back: go on, or show what is wrong.
    Effect::new(move |_| {
        let latest = action.value().get();
        match &latest {
            Some(Ok(LogInOutcome::LoggedIn { to })) => {
                #[cfg(feature = "hydrate")]
                crate::submission::go_to(to);
                #[cfg(not(feature = "hydrate"))]
                let _ = to;
            }
            Some(_) => errors.show(errors_of(&latest)),
            None => {}
        }
    });
    let on_submit = errors.enhance(
        form_ref,
        |form: &LogInForm| form.validate().err().unwrap_or_default(),
        move |form| {
            action.dispatch(LogIn { portal, form });
        },
    );
    let pending = action.pending();

    view! {
        <h1>{format!("Log in to the {}", portal.name())}</h1>
        <ErrorSummary />
        <form
            class="form"
            id="form"
            method="post"
            action=portal.path("/log-in")
            novalidate
            node_ref=form_ref
            on:submit=on_submit
        >
            <TextField
                field=Field::Email
                label="Email"
                input_type="email"
                autocomplete="username"
                value=shown.email
            />
            <TextField
                field=Field::Password
                label="Password"
                input_type="password"
                autocomplete="current-password"
            />
            <input type="hidden" name="form[next]" value=next />
            <button class="button" type="submit" disabled=move || pending.get()>
                "Log in"
            </button>
        </form>
        <p>
            <a href=portal.path("/reset")>"Forgot your password?"</a>
        </p>
        <p>"New here? " <a href=portal.path("/register")>"Register"</a> "."</p>
    }
}
