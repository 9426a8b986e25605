//! `/csp/resend` and `/csm/resend`: a new verification link for an address whose
//! registration is not verified yet. Links sent before stop working.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::reset::link_request_notice;
use crate::api::resend_verification;
use crate::components::fields::TextField;
use crate::components::layout::PortalLayout;
use crate::components::notice::provide_form_errors;
use crate::forms::email_links::ResendForm;
use crate::forms::Field;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn ResendPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(move |form| resend_verification(portal, form));
    view! {
        <PortalLayout portal title="Send a new verification link">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let typed = posted
                        .as_ref()
                        .map(|s| s.form.email.clone())
                        .unwrap_or_else(|| use_query_map().with_untracked(|q| q.get("email").unwrap_or_default()));
                    let outcome = posted.map(|s| s.outcome);
                    let notice = link_request_notice(form_errors, outcome);
                    let form_ref = NodeRef::<leptos::html::Form>::new();
                    let on_submit = form_errors.check_before_posting(
                        form_ref,
                        |form: &ResendForm| form.validate().err().unwrap_or_default(),
                        true,
                    );
                    view! {
                        <h1>"Send a new verification link"</h1>
                        {notice}
                        <p class="lead">
                            "Enter the address you registered with. We send a new link, and links sent before stop working."
                        </p>
                        <form class="form" method="post" action=portal.path("/resend") novalidate node_ref=form_ref on:submit=on_submit>
                            <TextField field=Field::Email label="Email" input_type="email" autocomplete="email" value=typed />
                            <button class="button" type="submit">"Send a new link"</button>
                        </form>
                        <p><a href=portal.path("/log-in")>"Back to log in"</a></p>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}
