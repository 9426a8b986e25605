//! `/csp/email-change?token=…` (and `/csm/…`): the page the link sent to a new address
//! opens. Opening it changes nothing; the button's POST makes the change, and
//! `/csp/email-changed` says so.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{confirm_email_change, email_change_status, LinkUsed, TokenStatus};
use crate::components::layout::PortalLayout;
use crate::pages::account::email_link::{LinkButton, UseLinkForm};
use crate::portal::Portal;
use crate::submission::{opened_link, posted_submission};

#[component]
pub fn EmailChangePage(portal: Portal) -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let posted = posted_submission(move |form| confirm_email_change(portal, form));
    let link = opened_link(token.clone(), email_change_status);
    view! {
        <PortalLayout portal title="Confirm your new email address">
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        let status = match posted.await.map(|s| s.outcome) {
                            Some(Ok(LinkUsed::Dead(status))) => Ok(status),
                            Some(Err(error)) => Err(error),
                            _ => link.await,
                        };
                        match status {
                            Ok(TokenStatus::Valid | TokenStatus::Verified(_)) => view! {
                                <h1>"Confirm your new email address"</h1>
                                <p class="lead">"Select the button to use this address for your account from now on."</p>
                                <UseLinkForm portal link=LinkButton::EmailChange token label="Use this address" />
                            }
                            .into_any(),
                            other => {
                                let (title, lead) = match other {
                                    Ok(TokenStatus::Used) => ("This link has already been used", "If you used it, your address is changed."),
                                    Ok(TokenStatus::Expired) => ("This link has expired", "Ask for the change again on your profile page."),
                                    Ok(TokenStatus::Taken) => ("This address belongs to another account now", "Choose another address on your profile page."),
                                    Err(_) => ("The link could not be checked", "Something went wrong on our side. Please try again in a moment."),
                                    _ => ("We do not recognise this link", "Check that you opened the whole link from the email."),
                                };
                                view! {
                                    <h1>{title}</h1>
                                    <p class="lead">{lead}</p>
                                    <p><a href=portal.path("/profile")>"Your profile"</a></p>
                                }
                                .into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </PortalLayout>
    }
}

/// `/csp/email-changed`: the new address is the account's.
#[component]
pub fn EmailChangedPage(portal: Portal) -> impl IntoView {
    view! {
        <PortalLayout portal title="Your email address is changed">
            <div class="panel panel--success" role="status">
                <h1>"Your email address is changed"</h1>
                <p class="lead">"From now on, log in with your new address."</p>
            </div>
            <p><a class="button" href=portal.path("/log-in")>"Log in"</a></p>
        </PortalLayout>
    }
}
