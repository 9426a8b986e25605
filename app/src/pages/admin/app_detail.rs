//! `/admin/apps/:client_id`: one app: change it, give it a new secret (shown once; the old
//! one stops working), or remove it with everything it was given.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{
    app_details, delete_app, regenerate_app_secret, update_app, ActionOutcome, AppIssueOutcome,
    AppView,
};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{ConfirmHint, FormSection};
use crate::forms::apps::AppForm;
use crate::i18n::{t, t_with};
use crate::pages::admin::apps::{as_action, issued, kind_name, AppFields, IssuedPanel};
use crate::pages::admin::AdminLayout;
use crate::submission::posted_submission_of;

#[component]
pub fn AppPage() -> impl IntoView {
    let client_id = use_params_map()
        .with_untracked(|p| p.get("client_id"))
        .unwrap_or_default();
    let updated = posted_submission_of(Some("update"), update_app);
    let secret = posted_submission_of(Some("secret"), regenerate_app_secret);
    let deleted = posted_submission_of(Some("delete"), delete_app);
    let id = client_id.clone();
    let detail = guarded_resource(move || {
        let id = id.clone();
        async move {
            updated.await;
            secret.await;
            deleted.await;
            app_details(id).await
        }
    });
    view! {
        <AdminLayout title=t("admin-app-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let updated = updated.await;
                    let typed = updated
                        .as_ref()
                        .filter(|s| !matches!(s.outcome, Ok(ActionOutcome::Done { .. })))
                        .map(|s| s.form.clone());
                    let updated = updated.map(|s| s.outcome);
                    let secret = secret.await;
                    let secret_asked = secret.as_ref().is_some_and(|s| matches!(s.outcome, Ok(AppIssueOutcome::ConfirmFirst)));
                    let secret = secret.map(|s| s.outcome);
                    let deleted = deleted.await;
                    let delete_asked = awaiting_confirmation(&deleted).is_some();
                    let deleted = deleted.map(|s| s.outcome);
                    let detail = detail.await;
                    guarded(detail, move |app| match app {
                        Some(app) => view! {
                            <App
                                app
                                typed=typed.clone()
                                updated=updated.clone()
                                secret=secret.clone()
                                secret_asked
                                deleted=deleted.clone()
                                delete_asked
                            />
                        }
                        .into_any(),
                        None => view! { <Gone deleted=deleted.clone() /> }.into_any(),
                    })
                })}
            </Suspense>
        </AdminLayout>
    }
}

/// No such app (any more): what removing it said, and the way back to the list.
#[component]
fn Gone(deleted: Option<Result<ActionOutcome, ServerFnError>>) -> impl IntoView {
    view! {
        <h1>{t("admin-app-missing")}</h1>
        <FormSection outcome=deleted>
            <p><a href="/admin/apps">{t("admin-app-all")}</a></p>
        </FormSection>
    }
}

fn form_of(app: &AppView) -> AppForm {
    AppForm {
        client_id: app.client_id.clone(),
        app_name: app.name.clone(),
        description: app.description.clone(),
        redirect_uris: app.redirect_uris.join("\n"),
        post_logout_redirect_uris: app.post_logout_redirect_uris.join("\n"),
        backchannel_logout_uri: app.backchannel_logout_uri.clone(),
        initiate_login_uri: app.initiate_login_uri.clone(),
        portal: app.portal.clone(),
        client_type: if app.public { "public" } else { "confidential" }.to_owned(),
        first_party: if app.first_party { "on" } else { "" }.to_owned(),
    }
}

#[component]
fn App(
    app: AppView,
    typed: Option<AppForm>,
    updated: Option<Result<ActionOutcome, ServerFnError>>,
    secret: Option<Result<AppIssueOutcome, ServerFnError>>,
    secret_asked: bool,
    deleted: Option<Result<ActionOutcome, ServerFnError>>,
    delete_asked: bool,
) -> impl IntoView {
    let here = format!("/admin/apps/{}", app.client_id);
    let form = typed.unwrap_or_else(|| form_of(&app));
    let (edit_action, edit_id) = (here.clone(), app.client_id.clone());
    let edit = view! {
        <FormSection outcome=updated>
            <form class="form" method="post" data-reload="" action=edit_action novalidate>
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="form[client_id]" value=edit_id />
                <AppFields form new=false />
                <button class="button" type="submit">{t("admin-app-save")}</button>
            </form>
        </FormSection>
    };
    let secret_section =
        (!app.public).then(|| secret_section(app.clone(), secret.clone(), secret_asked));
    let delete_section = delete_section(app.clone(), deleted, delete_asked);
    view! {
        <p><a href="/admin/apps">{t("admin-app-all")}</a></p>
        <h1>{app.name.clone()}</h1>
        <dl class="details">
            <dt>{t("admin-apps-client-id")}</dt>
            <dd><code id="client-id">{app.client_id.clone()}</code></dd>
            <dt>{t("admin-apps-type")}</dt>
            <dd>{kind_name(&app)}</dd>
            <dt>{t("admin-app-created")}</dt>
            <dd>{app.created.clone()}</dd>
        </dl>
        {issued(&secret).map(|credentials| view! { <IssuedPanel credentials /> })}
        <ConfirmHint here=here.clone() />
        <h2>{t("admin-app-edit-title")}</h2>
        {edit}
        {secret_section}
        {delete_section}
    }
}

/// The page's fields of a form about this app, for its confirmation step.
fn fields_of(intent: &str, app: &AppView) -> Vec<(&'static str, String)> {
    vec![
        ("intent", intent.to_owned()),
        ("form[client_id]", app.client_id.clone()),
    ]
}

/// "New secret", with its second look.
fn secret_section(
    app: AppView,
    secret: Option<Result<AppIssueOutcome, ServerFnError>>,
    asked: bool,
) -> impl IntoView {
    let here = format!("/admin/apps/{}", app.client_id);
    let name = [("name", app.name.clone())];
    let step = asked.then(|| {
        view! {
            <ConfirmStep
                question=t_with("admin-app-secret-question", &name)
                confirm=t("admin-app-secret-confirm")
                action=here.clone()
                fields=fields_of("secret", &app)
            />
        }
    });
    view! {
        <h2>{t("admin-app-secret-title")}</h2>
        <p>{t("admin-app-secret-lead")}</p>
        <FormSection outcome=as_action(&secret)>
            {step}
            <form method="post" data-reload="" action=here.clone()>
                <input type="hidden" name="intent" value="secret" />
                <input type="hidden" name="form[client_id]" value=app.client_id.clone() />
                <button class="button button--secondary" type="submit">{t("admin-app-secret")}</button>
            </form>
        </FormSection>
    }
}

/// "Remove", with its second look.
fn delete_section(
    app: AppView,
    deleted: Option<Result<ActionOutcome, ServerFnError>>,
    asked: bool,
) -> impl IntoView {
    let here = format!("/admin/apps/{}", app.client_id);
    let name = [("name", app.name.clone())];
    let step = asked.then(|| {
        view! {
            <ConfirmStep
                question=t_with("admin-app-delete-question", &name)
                confirm=t_with("admin-app-delete-confirm", &name)
                action=here.clone()
                fields=fields_of("delete", &app)
            />
        }
    });
    view! {
        <h2>{t("admin-app-delete-title")}</h2>
        <p>{t("admin-app-delete-lead")}</p>
        <FormSection outcome=deleted>
            {step}
            <form method="post" data-reload="" action=here.clone()>
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="form[client_id]" value=app.client_id.clone() />
                <button class="button button--secondary" type="submit">{t("admin-app-delete")}</button>
            </form>
        </FormSection>
    }
}
