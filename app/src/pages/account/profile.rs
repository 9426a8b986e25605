//! `/csp/profile` and `/csm/profile`: the person's details, name, password, address and
//! sessions. Each section is its own plain form (told apart by its `intent`).
use leptos::prelude::*;

use crate::api::{
    change_password, end_other_sessions, profile, request_email_change, update_name, ProfileView,
};
use crate::components::fields::form_errors;
use crate::components::fields::TextField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::layout::PortalLayout;
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::profile::{EmailChangeForm, NameForm, PasswordChangeForm};
use crate::forms::Field;
use crate::portal::Portal;
use crate::submission::posted_submission_of;

#[component]
pub fn ProfilePage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let name = posted_submission_of(Some("name"), update_name);
    let password = posted_submission_of(Some("password"), change_password);
    let email = posted_submission_of(Some("email"), request_email_change);
    let sessions = posted_submission_of(Some("sessions"), end_other_sessions);
    let data = guarded_resource(move || async move {
        name.await;
        password.await;
        email.await;
        sessions.await;
        profile().await
    });
    view! {
        <PortalLayout portal title="Your profile">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let typed_email = email.await.map(|s| (s.form.new_email.clone(), s.outcome));
                    let outcome = name
                        .await
                        .map(|s| s.outcome)
                        .or(password.await.map(|s| s.outcome))
                        .or(typed_email.as_ref().map(|(_, o)| o.clone()))
                        .or(sessions.await.map(|s| s.outcome));
                    let notice = action_notice(form_errors, outcome);
                    let new_email = typed_email
                        .filter(|(_, o)| !matches!(o, Ok(crate::api::ActionOutcome::Done { .. })))
                        .map(|(typed, _)| typed)
                        .unwrap_or_default();
                    let data = data.await;
                    view! {
                        {notice}
                        {guarded(data, move |profile| view! { <Profile portal profile new_email /> }.into_any())}
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn Profile(portal: Portal, profile: ProfileView, new_email: String) -> impl IntoView {
    let here = portal.path("/profile");
    // Each form is checked in the browser before it is posted (the server checks again).
    let errors = form_errors();
    let (name_form, password_form, email_form) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    let check_name = errors.check_before_posting(
        name_form,
        |f: &NameForm| f.validate().err().unwrap_or_default(),
        false,
    );
    let check_password = errors.check_before_posting(
        password_form,
        |f: &PasswordChangeForm| f.validate().err().unwrap_or_default(),
        false,
    );
    let check_email = errors.check_before_posting(
        email_form,
        |f: &EmailChangeForm| f.validate().err().unwrap_or_default(),
        false,
    );
    view! {
        <h1>"Your profile"</h1>
        <dl class="details">
            <dt>"Email"</dt>
            <dd>{profile.email.clone()}</dd>
            {profile.company.clone().map(|company| view! { <dt>"Company"</dt> <dd>{company}</dd> })}
            <dt>"Registered"</dt>
            <dd>{profile.registered.clone()}</dd>
            <dt>"Last log-in"</dt>
            <dd>{profile.last_log_in.clone().unwrap_or_else(|| "Never".into())}</dd>
        </dl>

        <h2>"Your name"</h2>
        <form class="form" method="post" action=here.clone() novalidate node_ref=name_form on:submit=check_name>
            <input type="hidden" name="intent" value="name" />
            <TextField field=Field::FirstName label="First name" autocomplete="given-name" value=profile.first_name.clone() />
            <TextField field=Field::LastName label="Last name" autocomplete="family-name" value=profile.last_name.clone() />
            <button class="button" type="submit">"Save name"</button>
        </form>

        <h2>"Change password"</h2>
        <form class="form" method="post" action=here.clone() novalidate node_ref=password_form on:submit=check_password>
            <input type="hidden" name="intent" value="password" />
            <TextField field=Field::CurrentPassword label="Current password" input_type="password" autocomplete="current-password" />
            <TextField
                field=Field::Password
                label="New password"
                input_type="password"
                autocomplete="new-password"
                hint="At least 12 characters. Your other sessions are logged out."
            />
            <TextField field=Field::ConfirmPassword label="Confirm new password" input_type="password" autocomplete="new-password" />
            <button class="button" type="submit">"Change password"</button>
        </form>

        <h2 id="email-address">"Change email address"</h2>
        {profile.pending_email.clone().map(|pending| view! {
            <p class="aside">{format!("A change to {pending} waits for its link to be opened.")}</p>
        })}
        {(!profile.recently_authenticated).then(|| view! {
            <p>
                "For your security, confirm it's you before you change your email address. "
                <a class="button button--secondary" href=format!("{}?next={}", portal.path("/confirm"), portal.path("/profile"))>"Confirm it's you"</a>
            </p>
        })}
        {profile.recently_authenticated.then(|| view! {
            <form class="form" method="post" action=here.clone() novalidate node_ref=email_form on:submit=check_email>
                <input type="hidden" name="intent" value="email" />
                <TextField
                    field=Field::NewEmail
                    label="New email address"
                    input_type="email"
                    autocomplete="email"
                    hint="We send a link to the new address; the change takes effect when you open it. Your other sessions are logged out."
                    value=new_email
                />
                <button class="button" type="submit">"Send a confirmation link"</button>
            </form>
        })}

        <h2>"Sessions"</h2>
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">"Browser"</th>
                    <th scope="col">"Started"</th>
                    <th scope="col">"Last seen"</th>
                </tr>
            </thead>
            <tbody>
                {profile
                    .sessions
                    .into_iter()
                    .map(|s| view! {
                        <tr>
                            <td>{s.browser} {s.current.then_some(" (this session)")}</td>
                            <td>{s.started}</td>
                            <td>{s.last_seen}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
        <form method="post" action=here>
            <input type="hidden" name="intent" value="sessions" />
            <button class="button button--secondary" type="submit">"Log out everywhere else"</button>
        </form>
    }
}
