//! The buttons on a portal's home: Register and Log in for a visitor; for someone logged
//! in, what they can do next.
use leptos::prelude::*;

use crate::api::Role;
use crate::components::layout::current_user_resource;
use crate::portal::Portal;

#[component]
pub fn HomeActions(portal: Portal) -> impl IntoView {
    let user = current_user_resource();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) if user.portal == portal => {
                        let manage = match user.role {
                            Role::Member => None,
                            Role::CustomerAdmin => Some(view! {
                                <a class="button" href=portal.path("/approvals") rel="external">"Registration requests"</a>
                                <a class="button button--secondary" href=portal.path("/contacts") rel="external">"Contacts"</a>
                            }.into_any()),
                            Role::Admin => Some(view! {
                                <a class="button" href="/admin" rel="external">"Administration"</a>
                            }.into_any()),
                        };
                        view! {
                            <p class="lead">{format!("Welcome, {}. You are logged in.", user.first_name)}</p>
                            <div class="actions">{manage}</div>
                        }
                        .into_any()
                    }
                    _ => view! {
                        <div class="actions">
                            <a class="button" href=portal.path("/register")>"Register"</a>
                            <a class="button button--secondary" href=portal.path("/log-in")>"Log in"</a>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
