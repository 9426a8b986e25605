//! A portal's home: for a visitor, what the portal is and how to join (the page's own
//! children); for someone signed in here, who they are in it and what they can do
//! next.
use leptos::prelude::*;

use crate::api::{home, HomeView};
use crate::portal::Portal;

#[component]
pub fn PortalHome(portal: Portal, children: ChildrenFn) -> impl IntoView {
    let signed_in = Resource::new_blocking(|| (), |_| home());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let visitor = children.clone();
                Suspend::new(async move {
                    match signed_in.await {
                        Ok(Some(person)) if person.portal == portal => {
                            view! { <SignedInHome portal person /> }.into_any()
                        }
                        _ => visitor().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn SignedInHome(portal: Portal, person: HomeView) -> impl IntoView {
    let is = match (&person.company, person.role.as_str()) {
        (_, "Administrator") => "You are an administrator of Portico.".to_owned(),
        (Some(company), role) => format!("You are a {} of {company}.", role.to_lowercase()),
        (None, _) => format!("Your own account at the {}.", portal.name()),
    };
    let security = if person.has_second_factor {
        "your passkeys, authenticator app and recovery codes."
    } else {
        "add a passkey or an authenticator app, so that a stolen password is not enough to get in."
    };
    let customer_admin = person.role == "Customer administrator";
    view! {
        <h1>{format!("Welcome, {}", person.first_name)}</h1>
        <p class="lead" id="who-you-are">{is}</p>
        <dl class="details">
            {person.company.clone().map(|company| view! { <dt>"Company"</dt> <dd>{company}</dd> })}
            <dt>"Role"</dt>
            <dd>{person.role.clone()}</dd>
            <dt>"Status"</dt>
            <dd>"Active"</dd>
        </dl>
        {person.waiting_requests.map(|waiting| view! {
            <p class="aside" id="waiting-requests">{match waiting {
                0 => "No registration request waits for your decision.".to_owned(),
                1 => "1 registration request waits for your decision.".to_owned(),
                n => format!("{n} registration requests wait for your decision."),
            }}</p>
        })}
        <h2>"What you can do"</h2>
        <ul class="next-steps">
            {customer_admin.then(|| view! {
                <li><a href=portal.path("/approvals") rel="external">"Registration requests"</a>": approve or reject the people who asked to join your company."</li>
                <li><a href=portal.path("/contacts") rel="external">"Contacts"</a>": disable a login, appoint customer administrators, require two-step log-in."</li>
            })}
            {(person.role == "Administrator").then(|| view! {
                <li><a href="/admin" rel="external">"Administration"</a>": company accounts, registrations waiting for a company, people."</li>
            })}
            <li><a href=portal.path("/profile")>"Your profile"</a>": your name, password, email address and sessions."</li>
            <li><a href=portal.path("/security")>"Security"</a>": "{security}</li>
        </ul>
    }
}
