//! A portal's home: for a visitor, what the portal is and how to join (the page's own
//! children); for someone signed in here, who they are in it and what they can do
//! next.
use leptos::prelude::*;

use crate::api::{home, portal_apps, HomeRole, HomeView, PortalApp};
use crate::i18n::{t, t_with};
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
                            // Only for someone signed in: a visitor's home asks nothing more.
                            let apps = portal_apps().await.unwrap_or_default();
                            view! { <SignedInHome portal person apps /> }.into_any()
                        }
                        _ => visitor().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn SignedInHome(portal: Portal, person: HomeView, apps: Vec<PortalApp>) -> impl IntoView {
    let is_admin = person.role == HomeRole::Administrator;
    let customer_admin = person.role == HomeRole::CustomerAdmin;
    let is = match &person.company {
        _ if is_admin => t("home-is-administrator"),
        Some(company) if customer_admin => {
            t_with("home-is-customer-admin", &[("company", company.clone())])
        }
        Some(company) => t_with("home-is-contact", &[("company", company.clone())]),
        None => t_with("home-own-account", &[("portal", portal.name())]),
    };
    // What the account is for, in the person's words: until apps sign in through Portico,
    // that is the promise and what can be done here meanwhile.
    let for_what = t(match person.role {
        HomeRole::Administrator => "home-for-administrator",
        HomeRole::CustomerAdmin => "home-for-customer-admin",
        HomeRole::Consumer => "home-for-consumer",
        HomeRole::Contact => "home-for-contact",
    });
    let security = if person.has_second_factor {
        t("home-security-has")
    } else {
        t("home-security-add")
    };
    view! {
        <h1>{t_with("home-welcome", &[("name", person.first_name.clone())])}</h1>
        <p class="lead" id="who-you-are">{is}</p>
        <p id="what-it-is-for">{for_what}</p>
        // A business account's facts; a consumer's home shows none of these words.
        {(person.role != HomeRole::Consumer).then(|| view! { <BusinessDetails person=person.clone() /> })}
        {person.waiting_requests.map(|waiting| view! {
            <p class="aside" id="waiting-requests">{match waiting {
                0 => t("home-waiting-none"),
                1 => t("home-waiting-one"),
                n => t_with("home-waiting-many", &[("count", count(n))]),
            }}</p>
        })}
        {(!apps.is_empty()).then(|| view! { <YourApps apps /> })}
        <h2>{t("home-next-title")}</h2>
        <ul class="next-steps">
            {customer_admin.then(|| view! {
                <li><a href=portal.path("/approvals") rel="external">{t("home-next-approvals-link")}</a>": "{t("home-next-approvals")}</li>
                <li><a href=portal.path("/contacts") rel="external">{t("home-next-contacts-link")}</a>": "{t("home-next-contacts")}</li>
            })}
            {is_admin.then(|| view! {
                <li><a href="/admin" rel="external">{t("home-next-admin-link")}</a>": "{t("home-next-admin")}</li>
            })}
            <li><a href=portal.path("/profile")>{t("home-next-profile-link")}</a>": "{t("home-next-profile")}</li>
            <li><a href=portal.path("/security")>{t("home-next-security-link")}</a>": "{security}</li>
        </ul>
    }
}

/// The apps of this portal the person may open: each link starts the app's own sign-in,
/// which comes back here for the log-in (apps without a start address are not listed).
#[component]
fn YourApps(apps: Vec<PortalApp>) -> impl IntoView {
    view! {
        <section aria-labelledby="your-apps">
            <h2 id="your-apps">{t("home-apps-title")}</h2>
            <ul class="next-steps" id="portal-apps">
                {apps.into_iter().map(|app| view! {
                    <li>
                        <a href=app.start rel="external">{app.name}</a>
                        {(!app.description.is_empty()).then(|| view! { ": "{app.description} })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A business person's company and role, and the company's customer administrators:
/// whom to ask for access.
#[component]
fn BusinessDetails(person: HomeView) -> impl IntoView {
    let role_text = t(match person.role {
        HomeRole::Administrator => "home-role-administrator",
        HomeRole::CustomerAdmin => "home-role-customer-admin",
        HomeRole::Consumer => "home-role-consumer",
        HomeRole::Contact => "home-role-contact",
    });
    let company = person.company.clone().unwrap_or_default();
    view! {
        <dl class="details">
            {person.company.clone().map(|company| view! { <dt>{t("home-company")}</dt> <dd>{company}</dd> })}
            <dt>{t("home-role")}</dt>
            <dd>{role_text}</dd>
        </dl>
        {(!person.customer_admins.is_empty()).then(|| view! {
            <section aria-labelledby="whom-to-ask">
                <h2 id="whom-to-ask">{t_with("home-ask-title", &[("company", company)])}</h2>
                <p>{t("home-ask-lead")}</p>
                <ul id="customer-admins">
                    {person.customer_admins.iter().map(|admin| view! {
                        <li>{admin.name.clone()}" · "<a href=format!("mailto:{}", admin.email)>{admin.email.clone()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// A count as the page's language writes it (`1,024`).
fn count(n: u64) -> String {
    #[cfg(feature = "ssr")]
    return crate::i18n::format_number(crate::i18n::lang(), n);
    #[cfg(not(feature = "ssr"))]
    return n.to_string();
}
