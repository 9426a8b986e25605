//! `/csp/profile` and `/csm/profile`: the person's details, name, password, address and
//! sessions. Each section is its own form (told apart by its `intent` when posted without
//! JavaScript), with its own island.
use leptos::prelude::*;

use crate::api::{
    change_password, connected_apps, disconnect_app, end_other_sessions, profile,
    request_email_change, update_name, ActionOutcome, ProfileView, SessionView,
};
#[cfg(feature = "hydrate")]
use crate::api::{ChangePassword, EndOtherSessions, RequestEmailChange, UpdateName};
use crate::components::fields::TextField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::layout::PortalLayout;
use crate::components::notice::{errors_of, FormSection};
#[cfg(feature = "hydrate")]
use crate::enhance::Behaviour;
use crate::enhance::{Enhanced, FormKind};
use crate::forms::profile::EndOtherSessionsForm;
#[cfg(feature = "hydrate")]
use crate::forms::profile::{EmailChangeForm, NameForm, PasswordChangeForm};
use crate::forms::Field;
#[cfg(feature = "hydrate")]
use crate::forms::FieldErrors;
use crate::i18n::{t, t_with};
use crate::pages::account::connected_apps::ConnectedApps;
use crate::portal::Portal;
use crate::submission::posted_submission_of;

type Posted = Option<Result<ActionOutcome, ServerFnError>>;

#[component]
pub fn ProfilePage(portal: Portal) -> impl IntoView {
    let name = posted_submission_of(Some("name"), update_name);
    let password = posted_submission_of(Some("password"), change_password);
    let email = posted_submission_of(Some("email"), request_email_change);
    let sessions = posted_submission_of(Some("sessions"), |_: EndOtherSessionsForm| {
        end_other_sessions()
    });
    let disconnected = posted_submission_of(Some("disconnect-app"), disconnect_app);
    let data = guarded_resource(move || async move {
        name.await;
        password.await;
        email.await;
        sessions.await;
        disconnected.await;
        profile().await
    });
    view! {
        <PortalLayout portal title=t("profile-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let typed_email = email.await.map(|s| (s.form.new_email.clone(), s.outcome));
                    let posted = Outcomes {
                        name: name.await.map(|s| s.outcome),
                        password: password.await.map(|s| s.outcome),
                        email: typed_email.as_ref().map(|(_, o)| o.clone()),
                        sessions: sessions.await.map(|s| s.outcome),
                    };
                    // A refused address is shown back to be corrected.
                    let new_email = typed_email
                        .filter(|(_, o)| !matches!(o, Ok(ActionOutcome::Done { .. })))
                        .map(|(typed, _)| typed)
                        .unwrap_or_default();
                    let disconnected = disconnected.await.map(|s| s.outcome);
                    let data = data.await;
                    // After the profile, whose guard has answered for a visitor already.
                    let apps = match connected_apps().await {
                        Ok(access) => access.granted::<()>().unwrap_or_default(),
                        Err(_) => Vec::new(),
                    };
                    guarded(data, move |profile| view! {
                        <Profile portal profile posted new_email />
                        <ConnectedApps portal apps=apps.clone() posted=disconnected.clone() />
                    }.into_any())
                })}
            </Suspense>
        </PortalLayout>
    }
}

/// What a plain post to the page did, per form.
#[derive(Clone, Default)]
struct Outcomes {
    name: Posted,
    password: Posted,
    email: Posted,
    sessions: Posted,
}

#[component]
fn Profile(
    portal: Portal,
    profile: ProfileView,
    posted: Outcomes,
    new_email: String,
) -> impl IntoView {
    view! {
        <h1>{t("profile-title")}</h1>
        <dl class="details" id="profile-details" data-refresh="">
            <dt>{t("profile-email")}</dt>
            <dd>{profile.email.clone()}</dd>
            {profile.company.clone().map(|company| view! { <dt>{t("profile-company")}</dt> <dd>{company}</dd> })}
            <dt>{t("profile-registered")}</dt>
            <dd>{profile.registered.clone()}</dd>
            <dt>{t("profile-last-log-in")}</dt>
            <dd>{profile.last_log_in.clone().unwrap_or_else(|| t("profile-never"))}</dd>
        </dl>

        {name_and_password(portal, profile.clone(), posted.clone())}
        {email_and_data(portal, profile.clone(), posted.clone(), new_email)}
        {security_and_sessions(portal, profile.sessions, posted)}
    }
}

/// The name's and the password's forms.
fn name_and_password(portal: Portal, profile: ProfileView, posted: Outcomes) -> impl IntoView {
    view! {
        <h2>{t("profile-name-title")}</h2>
        <Enhanced form=FormKind::ProfileName portal errors=errors_of(&posted.name)>
            <FormSection outcome=posted.name.clone()>
                <form class="form" method="post" action=portal.path("/profile") novalidate>
                    <input type="hidden" name="intent" value="name" />
                    <TextField field=Field::FirstName label=t("profile-first-name") autocomplete="given-name" value=profile.first_name.clone() />
                    <TextField field=Field::LastName label=t("profile-last-name") autocomplete="family-name" value=profile.last_name.clone() />
                    <button class="button" type="submit">{t("profile-name-submit")}</button>
                </form>
            </FormSection>
        </Enhanced>

        <h2>{t("profile-password-title")}</h2>
        <Enhanced form=FormKind::ProfilePassword portal errors=errors_of(&posted.password)>
            <FormSection outcome=posted.password.clone()>
                <form class="form" method="post" action=portal.path("/profile") novalidate>
                    <input type="hidden" name="intent" value="password" />
                    <TextField field=Field::CurrentPassword label=t("profile-current-password") input_type="password" autocomplete="current-password" />
                    <TextField
                        field=Field::Password
                        label=t("profile-new-password")
                        input_type="password"
                        autocomplete="new-password"
                        hint=t("profile-new-password-hint")
                    />
                    <TextField field=Field::ConfirmPassword label=t("profile-confirm-new-password") input_type="password" autocomplete="new-password" />
                    <button class="button" type="submit">{t("profile-password-submit")}</button>
                </form>
            </FormSection>
        </Enhanced>
    }
}

/// The email address's form (or the offer to confirm first), and the data download.
fn email_and_data(
    portal: Portal,
    profile: ProfileView,
    posted: Outcomes,
    new_email: String,
) -> impl IntoView {
    view! {
        <h2 id="email-address">{t("profile-email-title")}</h2>
        <div id="pending-email" data-refresh="">
            {profile.pending_email.clone().map(|pending| view! {
                <p class="aside">{t_with("profile-email-pending", &[("email", pending)])}</p>
            })}
        </div>
        {if profile.recently_authenticated {
            view! {
                <Enhanced form=FormKind::ProfileEmail portal errors=errors_of(&posted.email)>
                    <FormSection outcome=posted.email.clone()>
                        <form class="form" method="post" action=portal.path("/profile") novalidate>
                            <input type="hidden" name="intent" value="email" />
                            <TextField
                                field=Field::NewEmail
                                label=t("profile-new-email")
                                input_type="email"
                                autocomplete="email"
                                hint=t("profile-new-email-hint")
                                value=new_email
                            />
                            <button class="button" type="submit">{t("profile-email-submit")}</button>
                        </form>
                    </FormSection>
                </Enhanced>
            }
            .into_any()
        } else {
            view! {
                <p>
                    {t("profile-email-confirm-first")}
                    " "
                    <a class="button button--secondary" href=format!("{}?next={}", portal.path("/confirm"), portal.path("/profile"))>{t("profile-confirm")}</a>
                </p>
            }
            .into_any()
        }}

        <h2 id="your-data">{t("profile-data-title")}</h2>
        {if profile.recently_authenticated {
            view! {
                <p>
                    {t("profile-data-lead")}
                    " "
                    <a class="button button--secondary" href=portal.path("/profile/data.json") download="portico-my-data.json">{t("profile-data-download")}</a>
                </p>
            }
            .into_any()
        } else {
            view! {
                <p>
                    {t("profile-data-confirm-first")}
                    " "
                    <a class="button button--secondary" href=format!("{}?next={}", portal.path("/confirm"), portal.path("/profile"))>{t("profile-confirm")}</a>
                </p>
            }
            .into_any()
        }}
    }
}

/// The link to the security page, the sessions, and the way to delete the account.
fn security_and_sessions(
    portal: Portal,
    sessions: Vec<SessionView>,
    posted: Outcomes,
) -> impl IntoView {
    view! {
        <h2>{t("profile-security-title")}</h2>
        <p>
            {t("profile-security-lead")}
            " "
            <a class="button button--secondary" href=portal.path("/security")>{t("profile-security-link")}</a>
        </p>

        <h2>{t("profile-sessions-title")}</h2>
        <div id="sessions" data-refresh="">
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">{t("profile-sessions-browser")}</th>
                    <th scope="col">{t("profile-sessions-started")}</th>
                    <th scope="col">{t("profile-sessions-last-seen")}</th>
                </tr>
            </thead>
            <tbody>
                {sessions
                    .into_iter()
                    .map(|s| view! {
                        <tr>
                            <td>{s.browser} {s.current.then(|| format!(" {}", t("profile-sessions-this-session")))}</td>
                            <td>{s.started}</td>
                            <td>{s.last_seen}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
        <Enhanced form=FormKind::EndOtherSessions portal>
            <FormSection outcome=posted.sessions.clone()>
                <form method="post" action=portal.path("/profile")>
                    <input type="hidden" name="intent" value="sessions" />
                    <button class="button button--secondary" type="submit">{t("profile-sessions-end-others")}</button>
                </form>
            </FormSection>
        </Enhanced>

        <h2 id="delete-account">{t("profile-delete-title")}</h2>
        <p>
            {t("profile-delete-lead")}
            " "
            <a class="button button--warning" href=portal.path("/delete-account") rel="external">{t("profile-delete-link")}</a>
        </p>
    }
}

#[cfg(feature = "hydrate")]
pub(crate) fn name_behaviour() -> Behaviour {
    Behaviour::action::<NameForm, UpdateName>(|f| f.validate().err().unwrap_or_default())
}

#[cfg(feature = "hydrate")]
pub(crate) fn password_behaviour() -> Behaviour {
    Behaviour::action::<PasswordChangeForm, ChangePassword>(|f| {
        f.validate().err().unwrap_or_default()
    })
}

#[cfg(feature = "hydrate")]
pub(crate) fn email_behaviour() -> Behaviour {
    Behaviour::action::<EmailChangeForm, RequestEmailChange>(|f| {
        f.validate().err().unwrap_or_default()
    })
}

/// "Log out everywhere else": no fields; done, the list of sessions is brought up to date.
#[cfg(feature = "hydrate")]
pub(crate) fn sessions_behaviour() -> Behaviour {
    Behaviour::action::<EndOtherSessionsForm, EndOtherSessions>(|_| FieldErrors::new())
}
