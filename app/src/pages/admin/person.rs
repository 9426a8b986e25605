//! `/admin/people/:id`: one person's account, company, status, second factors, sessions
//! and history, with their login disabled or enabled here.
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{person_page, switch_login, PersonRecord};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{ConfirmHint, FormSection};
use crate::i18n::{t, t_with};
use crate::pages::admin::audit::AuditTable;
use crate::pages::admin::AdminLayout;
use crate::submission::posted_submission;

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|id| id.parse::<i32>().ok()))
        .unwrap_or(0);
    let switched = posted_submission(switch_login);
    let record = guarded_resource(move || async move {
        switched.await;
        person_page(id).await
    });
    view! {
        <AdminLayout title=t("admin-person-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let switched = switched.await;
                    let asked = awaiting_confirmation(&switched).is_some();
                    let switched = switched.map(|s| s.outcome);
                    let record = record.await;
                    view! {
                        <p><a href="/admin/people">{t("admin-person-all")}</a></p>
                        {guarded(record, move |record| match record {
                            Some(record) => view! { <Person record switched asked /> }.into_any(),
                            None => view! { <h1>{t("admin-person-missing")}</h1> }.into_any(),
                        })}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Person(
    record: PersonRecord,
    switched: Option<Result<crate::api::ActionOutcome, ServerFnError>>,
    asked: bool,
) -> impl IntoView {
    let person = record.person;
    let here = format!("/admin/people/{}", person.id);
    let named = [
        ("name", person.name.clone()),
        ("email", person.email.clone()),
    ];
    let step = (asked && record.can_disable).then(|| {
        view! {
            <ConfirmStep
                question=t_with("admin-person-disable-question", &named)
                confirm=t_with("admin-person-disable-confirm", &named)
                action=here.clone()
                fields=vec![("form[person]", person.id.to_string()), ("form[change]", "disable".to_owned())]
            />
        }
    });
    view! {
        <h1>{person.name.clone()}</h1>
        <dl class="facts" id="person-facts">
            <dt>{t("admin-person-email")}</dt><dd>{person.email.clone()}</dd>
            <dt>{t("admin-person-who")}</dt><dd>{person.kind.clone()}</dd>
            <dt>{t("admin-person-status")}</dt><dd id="person-status">{person.status.clone()}</dd>
            <dt>{t("admin-person-registered")}</dt><dd>{record.registered}</dd>
            <dt>{t("admin-person-verified")}</dt><dd>{record.verified.unwrap_or_else(|| t("admin-person-not-yet"))}</dd>
            <dt>{t("admin-person-last-log-in")}</dt><dd>{record.last_log_in.unwrap_or_else(|| t("admin-person-never"))}</dd>
            <dt>{t("admin-person-second-factors")}</dt><dd>{person.second_factors.clone()}</dd>
            {record.deletion_due.map(|due| view! { <dt>{t("admin-person-deletion")}</dt><dd>{t_with("admin-person-deletion-due", &[("date", due)])}</dd> })}
        </dl>
        <FormSection outcome=switched>
            {step}
            {record.can_disable.then(|| view! { <ConfirmHint here=here.clone() /> })}
            {(record.can_disable || record.can_enable).then(|| view! {
                <form method="post" data-reload="" action=here.clone()>
                    <input type="hidden" name="form[person]" value=person.id.to_string() />
                    {if record.can_disable {
                        view! { <button class="button button--danger" type="submit" name="form[change]" value="disable">{t("admin-person-disable")}</button> }.into_any()
                    } else {
                        view! { <button class="button" type="submit" name="form[change]" value="enable">{t("admin-person-enable")}</button> }.into_any()
                    }}
                </form>
            })}
        </FormSection>
        <h2>{t("admin-person-sessions")}</h2>
        {if record.sessions.is_empty() {
            view! { <p>{t("admin-person-no-sessions")}</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead><tr><th scope="col">{t("admin-person-browser")}</th><th scope="col">{t("admin-person-started")}</th><th scope="col">{t("admin-person-last-seen")}</th></tr></thead>
                    <tbody>
                        {record.sessions.into_iter().map(|s| view! {
                            <tr><td>{s.browser}</td><td>{s.started}</td><td>{s.last_seen}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        <h2>{t("admin-person-history")}</h2>
        <p>
            <a href=format!("/admin/audit?person={}", crate::portal::query_value(&person.email))>{t("admin-person-history-link")}</a>
        </p>
        <AuditTable entries=record.history />
    }
}
