//! `/admin/apps`: the apps that sign people in with Portico (OpenID Connect clients), and
//! a form to register one. A new app's secret is shown here once, never again.
use leptos::prelude::*;

use crate::api::{
    apps_list, create_app, ActionOutcome, AppIssueOutcome, AppView, IssuedCredentials,
};
use crate::components::fields::{input_name, FieldMessage, TextField};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{ConfirmHint, FormSection};
use crate::forms::apps::AppForm;
use crate::forms::{is_ticked, Field};
use crate::i18n::t;
use crate::pages::admin::AdminLayout;
use crate::submission::posted_submission_of;

/// An app form's outcome as the page's notice draws it: only its errors (what was issued
/// is drawn by [`IssuedPanel`]).
pub fn as_action(
    outcome: &Option<Result<AppIssueOutcome, ServerFnError>>,
) -> Option<Result<ActionOutcome, ServerFnError>> {
    match outcome {
        Some(Ok(AppIssueOutcome::Rejected { errors })) => Some(Ok(ActionOutcome::Rejected {
            errors: errors.clone(),
        })),
        Some(Err(error)) => Some(Err(error.clone())),
        _ => None,
    }
}

/// What was issued, if the form's outcome was that.
pub fn issued(
    outcome: &Option<Result<AppIssueOutcome, ServerFnError>>,
) -> Option<IssuedCredentials> {
    match outcome {
        Some(Ok(AppIssueOutcome::Issued(credentials))) => Some(credentials.clone()),
        _ => None,
    }
}

#[component]
pub fn AppsPage() -> impl IntoView {
    let created = posted_submission_of(Some("create"), create_app);
    let list = guarded_resource(move || async move {
        created.await;
        apps_list().await
    });
    view! {
        <AdminLayout title=t("admin-apps-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let created = created.await;
                    let outcome = created.as_ref().map(|s| s.outcome.clone());
                    let outcome = outcome.map(|o| o.map_err(|e| e.clone()));
                    let typed = created
                        .filter(|s| !matches!(s.outcome, Ok(AppIssueOutcome::Issued(_))))
                        .map(|s| s.form)
                        .unwrap_or_default();
                    let list = list.await;
                    guarded(list, move |apps| view! { <Apps apps outcome=outcome.clone() typed=typed.clone() /> }.into_any())
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Apps(
    apps: Vec<AppView>,
    outcome: Option<Result<AppIssueOutcome, ServerFnError>>,
    typed: AppForm,
) -> impl IntoView {
    let issued = issued(&outcome);
    view! {
        <h1>{t("admin-apps-title")}</h1>
        <p class="lead">{t("admin-apps-lead")}</p>
        {issued.map(|credentials| view! { <IssuedPanel credentials /> })}
        {app_table(apps)}
        <h2 id="add-app">{t("admin-apps-add-title")}</h2>
        <ConfirmHint here="/admin/apps".to_owned() />
        <FormSection outcome=as_action(&outcome)>
            <form class="form" method="post" data-reload="" action="/admin/apps" novalidate>
                <input type="hidden" name="intent" value="create" />
                <AppFields form=typed new=true />
                <button class="button" type="submit">{t("admin-apps-add")}</button>
            </form>
        </FormSection>
    }
}

fn app_table(apps: Vec<AppView>) -> AnyView {
    if apps.is_empty() {
        return view! { <p>{t("admin-apps-empty")}</p> }.into_any();
    }
    view! {
        <table class="table table--wide" id="apps">
            <thead>
                <tr>
                    <th scope="col">{t("admin-apps-name")}</th>
                    <th scope="col">{t("admin-apps-client-id")}</th>
                    <th scope="col">{t("admin-apps-portal")}</th>
                    <th scope="col">{t("admin-apps-type")}</th>
                </tr>
            </thead>
            <tbody>
                {apps.into_iter().map(|app| view! {
                    <tr>
                        <td><a href=format!("/admin/apps/{}", app.client_id)>{app.name.clone()}</a></td>
                        <td><code>{app.client_id.clone()}</code></td>
                        <td>{portal_name(&app.portal)}</td>
                        <td>{kind_name(&app)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

pub fn portal_name(portal: &str) -> String {
    t(match portal {
        "csp" => "admin-apps-portal-csp",
        "csm" => "admin-apps-portal-csm",
        _ => "admin-apps-portal-both",
    })
}

pub fn kind_name(app: &AppView) -> String {
    let kind = t(if app.public {
        "admin-apps-public"
    } else {
        "admin-apps-confidential"
    });
    let party = t(if app.first_party {
        "admin-apps-first-party"
    } else {
        "admin-apps-third-party"
    });
    format!("{kind}, {party}")
}

/// The client id, and the secret this once, with a note to copy it now.
#[component]
pub fn IssuedPanel(credentials: IssuedCredentials) -> impl IntoView {
    view! {
        <section class="notice notice--success" id="issued" role="status" aria-labelledby="issued-title">
            <h2 id="issued-title">{t("admin-apps-issued-title")}</h2>
            <dl class="details">
                <dt>{t("admin-apps-client-id")}</dt>
                <dd><code id="issued-client-id">{credentials.client_id}</code></dd>
                {credentials.client_secret.map(|secret| view! {
                    <dt>{t("admin-apps-client-secret")}</dt>
                    <dd>
                        <code id="issued-client-secret">{secret}</code>" "
                        <button
                            class="button button--small button--secondary"
                            type="button"
                            data-copy-from="issued-client-secret"
                            data-copied=t("admin-account-copied")
                        >
                            {t("admin-account-copy")}
                        </button>
                    </dd>
                })}
            </dl>
            <p><strong>{t("admin-apps-copy-now")}</strong></p>
        </section>
    }
}

/// A list of addresses, one a line.
#[component]
fn UriList(
    field: Field,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    value: String,
) -> impl IntoView {
    let id = field.id();
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            <p class="field__hint" id=format!("{id}-hint")>{hint}</p>
            <FieldMessage field portal=None />
            <textarea class="field__input" id=id name=input_name(field) rows="3" aria-describedby=format!("{id}-hint {id}-error")>{value}</textarea>
        </div>
    }
}

/// One choice of a group of radio buttons.
fn radio(field: Field, value: &'static str, label: String, chosen: bool) -> impl IntoView {
    let id = format!("{}-{value}", field.id());
    view! {
        <div class="checkbox">
            <input class="checkbox__input" type="radio" id=id.clone() name=input_name(field) value=value checked=chosen />
            <label class="checkbox__label" for=id>{label}</label>
        </div>
    }
}

/// The fields of an app, registering it (`new`: its type can be chosen) or changing it.
#[component]
pub fn AppFields(form: AppForm, new: bool) -> impl IntoView {
    let portal = if form.portal.is_empty() {
        "both".to_owned()
    } else {
        form.portal.clone()
    };
    let public = form.client_type == "public";
    view! {
        <TextField field=Field::AppName label=t("admin-apps-name") value=form.app_name.clone() />
        <TextField field=Field::Description label=t("admin-apps-description") hint=t("admin-apps-description-hint") value=form.description.clone() />
        <UriList field=Field::RedirectUris label=t("admin-apps-redirect-uris") hint=t("admin-apps-uris-hint") value=form.redirect_uris.clone() />
        <UriList field=Field::PostLogoutRedirectUris label=t("admin-apps-post-logout-uris") hint=t("admin-apps-uris-hint") value=form.post_logout_redirect_uris.clone() />
        <TextField field=Field::BackchannelLogoutUri label=t("admin-apps-backchannel-uri") hint=t("admin-apps-backchannel-uri-hint") input_type="url" value=form.backchannel_logout_uri.clone() />
        <TextField field=Field::InitiateLoginUri label=t("admin-apps-start-uri") hint=t("admin-apps-start-uri-hint") input_type="url" value=form.initiate_login_uri.clone() />
        <fieldset class="field" id="portal">
            <legend class="field__label">{t("admin-apps-portal")}</legend>
            <FieldMessage field=Field::AppPortal portal=None />
            {radio(Field::AppPortal, "both", t("admin-apps-portal-both"), portal == "both")}
            {radio(Field::AppPortal, "csp", t("admin-apps-portal-csp"), portal == "csp")}
            {radio(Field::AppPortal, "csm", t("admin-apps-portal-csm"), portal == "csm")}
        </fieldset>
        {new.then(|| view! {
            <fieldset class="field" id="client_type">
                <legend class="field__label">{t("admin-apps-type")}</legend>
                <FieldMessage field=Field::ClientType portal=None />
                {radio(Field::ClientType, "confidential", t("admin-apps-confidential-choice"), !public)}
                {radio(Field::ClientType, "public", t("admin-apps-public-choice"), public)}
            </fieldset>
        })}
        <div class="field field--checkbox">
            <div class="checkbox">
                <input class="checkbox__input" type="checkbox" id="first_party" name="form[first_party]" value="on" checked=is_ticked(&form.first_party) />
                <label class="checkbox__label" for="first_party">{t("admin-apps-first-party-choice")}</label>
            </div>
        </div>
    }
}
