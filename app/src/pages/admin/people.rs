//! `/admin/people`: find a person by address or name, see their second factors, and
//! remove them for someone who lost them (a phone), once the administrator has checked
//! who is asking.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::Listing;
use crate::api::{delete_person, people, reset_second_factors, PeopleList, PersonForm, PersonView};
use crate::components::confirm_step::{awaiting_confirmation, ConfirmStep};
use crate::components::fields::CheckboxField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::notice::{action_notice, provide_form_errors};
use crate::forms::leaving::AdminDeletionForm;
use crate::forms::Field;
use crate::i18n::{t, t_with};
use crate::pages::admin::{page_of, AdminLayout, Pager, SearchBox};
use crate::portal::{query_value, Portal};
use crate::submission::posted_submission_of;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission_of(Some("factors"), reset_second_factors);
    let deleted = posted_submission_of(Some("delete"), delete_person);
    let (query, page) =
        use_query_map().with_untracked(|q| (q.get("q").unwrap_or_default(), page_of(q)));
    let found = guarded_resource(move || {
        let query = query.clone();
        async move {
            posted.await;
            deleted.await;
            people(query, page).await
        }
    });
    view! {
        <AdminLayout title=t("admin-people-page-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    // The row whose form was posted shows its errors.
                    let posted_person = posted.as_ref().map(|s| s.form.person.trim().to_owned());
                    let deleted = deleted.await;
                    let asked = awaiting_confirmation(&posted)
                        .map(Asked::Reset)
                        .or(awaiting_confirmation(&deleted).map(Asked::Delete));
                    let found = found.await;
                    let notice = action_notice(
                        form_errors,
                        posted.map(|s| s.outcome).or(deleted.map(|s| s.outcome)),
                    );
                    view! {
                        {notice}
                        {guarded(found, move |data| view! { <People data posted_person asked=asked.clone() /> }.into_any())}
                    }
                })}
            </Suspense>
        </AdminLayout>
    }
}

/// A row's action waiting for its second look.
#[derive(Clone)]
enum Asked {
    Reset(PersonForm),
    Delete(AdminDeletionForm),
}

/// The second look at `asked`, naming the person by address; none when they are not on
/// this page of the list (nothing was done either way), or for one's own account.
fn confirmation(asked: Asked, people: &[PersonView], here: &str) -> Option<impl IntoView> {
    let id = match &asked {
        Asked::Reset(form) => form.person.trim().to_owned(),
        Asked::Delete(form) => form.person.trim().to_owned(),
    };
    let person = people.iter().find(|p| p.id.to_string() == id)?;
    let named = [
        ("name", person.name.clone()),
        ("email", person.email.clone()),
    ];
    let (question, confirm, fields) = match asked {
        Asked::Reset(form) => (
            "admin-people-reset-question",
            "admin-people-reset-confirm",
            vec![
                ("intent", "factors".to_owned()),
                ("form[person]", id),
                ("form[identity_checked]", form.identity_checked),
            ],
        ),
        Asked::Delete(_) if person.is_you => return None,
        Asked::Delete(form) => (
            "admin-people-delete-question",
            "admin-people-delete-confirm",
            vec![
                ("intent", "delete".to_owned()),
                ("form[person]", id),
                ("form[reason]", form.reason),
            ],
        ),
    };
    Some(view! {
        <ConfirmStep
            question=t_with(question, &named)
            confirm=t_with(confirm, &named)
            action=here.to_owned()
            fields
        />
    })
}

#[component]
fn People(data: PeopleList, posted_person: Option<String>, asked: Option<Asked>) -> impl IntoView {
    let listing = Listing {
        query: data.query.clone(),
        page: data.page,
        more: data.more,
    };
    let here = if data.query.is_empty() {
        "/admin/people".to_owned()
    } else {
        format!("/admin/people?q={}", query_value(&data.query))
    };
    let confirm = format!(
        "{}?next={}",
        Portal::Csm.path("/confirm"),
        query_value(&here)
    );
    let step = asked.and_then(|asked| confirmation(asked, &data.people, &here));
    view! {
        <h1>{t("admin-people-title")}</h1>
        {step}
        <SearchBox path="/admin/people" label=t("admin-people-search") query=data.query.clone() />
        <p class="field__hint">
            {t("admin-people-hint-before")}
            <a href=confirm>{t("admin-people-hint-link")}</a>
            {t("admin-people-hint-after")}
        </p>
        {if data.people.is_empty() {
            view! { <p>{t("admin-people-empty")}</p> }.into_any()
        } else {
            view! {
                <table class="table table--wide">
                    <thead>
                        <tr>
                            <th scope="col">{t("admin-people-name")}</th>
                            <th scope="col">{t("admin-people-email")}</th>
                            <th scope="col">{t("admin-people-who")}</th>
                            <th scope="col">{t("admin-people-status")}</th>
                            <th scope="col">{t("admin-people-second-factors")}</th>
                            <th scope="col">{t("admin-people-delete-column")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {data
                            .people
                            .into_iter()
                            .map(|person| {
                                let posted = posted_person.as_deref() == Some(person.id.to_string().as_str());
                                view! { <PersonRow person action=here.clone() posted /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        <Pager path="/admin/people" listing />
    }
}

#[component]
fn PersonRow(person: PersonView, action: String, posted: bool) -> impl IntoView {
    view! {
        <tr>
            <td><a href=format!("/admin/people/{}", person.id)>{person.name.clone()}</a></td>
            <td>{person.email.clone()}</td>
            <td>{person.kind.clone()}</td>
            <td>{person.status.clone()}</td>
            <td>
                {person.second_factors.clone()}
                {person.has_second_factors.then(|| view! {
                    <form class="stacked-actions" method="post" action=action.clone()>
                        <input type="hidden" name="intent" value="factors" />
                        <input type="hidden" name="form[person]" value=person.id.to_string() />
                        <CheckboxField
                            field=Field::IdentityChecked
                            id=(!posted).then(|| format!("identity_checked-{}", person.id))
                            quiet=!posted
                        >
                            {t_with("admin-people-identity-checked", &[("name", person.name.clone())])}
                        </CheckboxField>
                        <button
                            class="button button--small button--danger"
                            type="submit"
                            aria-label=t_with("admin-people-reset-label", &[("email", person.email.clone())])
                        >
                            {t("admin-people-reset")}
                        </button>
                    </form>
                })}
            </td>
            <td>
                // One's own account is deleted from one's profile, not from this list.
                {(!person.is_you).then(|| view! {
                <form class="stacked-actions" method="post" data-reload="" action=action>
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="form[person]" value=person.id.to_string() />
                    <label class="field__label" for=format!("reason-{}", person.id)>{t("admin-people-reason")}</label>
                    <input class="field__input" id=format!("reason-{}", person.id) name="form[reason]" type="text" />
                    <button
                        class="button button--small button--danger"
                        type="submit"
                        aria-label=t_with("admin-people-delete-label", &[("email", person.email.clone())])
                    >
                        {t("admin-people-delete")}
                    </button>
                </form>
                })}
            </td>
        </tr>
    }
}
