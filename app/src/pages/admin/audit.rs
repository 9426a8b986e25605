//! `/admin/audit`: the audit log, newest first, filtered by person, company, action and
//! dates, 50 entries a page.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{audit_entries, AuditFilter, AuditPage, AuditView};
use crate::components::guarded::{guarded, guarded_resource};
use crate::pages::admin::{page_of, AdminLayout};
use crate::portal::query_value;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let filter = use_query_map().with_untracked(|q| AuditFilter {
        person: q.get("person").unwrap_or_default(),
        company: q.get("company").unwrap_or_default(),
        action: q.get("action").unwrap_or_default(),
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
        page: page_of(q),
    });
    let page = guarded_resource(move || audit_entries(filter.clone()));
    view! {
        <AdminLayout title="Audit log">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    guarded(page.await, |page| view! { <Audit page /> }.into_any())
                })}
            </Suspense>
        </AdminLayout>
    }
}

#[component]
fn Audit(page: AuditPage) -> impl IntoView {
    let filter = page.filter;
    let link = {
        let filter = filter.clone();
        move |to_page: u64| {
            let mut href = format!("/admin/audit?page={to_page}");
            for (name, value) in [
                ("person", &filter.person),
                ("company", &filter.company),
                ("action", &filter.action),
                ("from", &filter.from),
                ("to", &filter.to),
            ] {
                if !value.is_empty() {
                    href.push_str(&format!("&{name}={}", query_value(value)));
                }
            }
            href
        }
    };
    let number = filter.page;
    view! {
        <h1>"Audit log"</h1>
        <form class="filters" method="get" action="/admin/audit" role="search">
            <div class="field">
                <label class="field__label" for="person">"Person (part of a name or address)"</label>
                <input class="field__input" id="person" name="person" type="search" value=filter.person.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="company">"Company"</label>
                <input class="field__input" id="company" name="company" type="search" value=filter.company.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="action">"Action"</label>
                <select class="field__input" id="action" name="action">
                    <option value="">"Any"</option>
                    {page.actions.into_iter().map(|action| {
                        let chosen = action == filter.action;
                        view! { <option value=action.clone() selected=chosen>{action.replace('_', " ")}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="from">"From"</label>
                <input class="field__input" id="from" name="from" type="date" value=filter.from.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="to">"To"</label>
                <input class="field__input" id="to" name="to" type="date" value=filter.to.clone() />
            </div>
            <button class="button button--secondary" type="submit">"Filter"</button>
        </form>
        {page.problem.map(|problem| view! { <p class="field__error" role="alert">{problem}</p> })}
        <AuditTable entries=page.entries />
        {(number > 0 || page.more).then(|| view! {
            <nav class="pager" aria-label="Pages">
                {(number > 0).then(|| view! { <a href=link(number - 1) rel="prev">"Newer"</a> })}
                <span>{format!(" Page {} ", number + 1)}</span>
                {page.more.then(|| view! { <a href=link(number + 1) rel="next">"Older"</a> })}
            </nav>
        })}
    }
}

/// Audit entries, newest first.
#[component]
pub fn AuditTable(entries: Vec<AuditView>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>"Nothing recorded."</p> }.into_any();
    }
    view! {
        <table class="table table--wide" id="audit-entries">
            <thead>
                <tr>
                    <th scope="col">"When"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"About"</th>
                    <th scope="col">"Company"</th>
                    <th scope="col">"Detail"</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{e.at}</td>
                        <td>{e.actor}</td>
                        <td>{e.action}</td>
                        <td>{e.subject.unwrap_or_default()}</td>
                        <td>{e.company.unwrap_or_default()}</td>
                        <td>{e.detail.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
