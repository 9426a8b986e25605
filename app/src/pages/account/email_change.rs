//! `/csp/email-change?token=…` (and `/csm/…`): the page the link sent to a new address
//! opens. Opening it changes nothing; the button's POST makes the change, and
//! `/csp/email-changed` says so.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{confirm_email_change, email_change_status, LinkUsed, TokenStatus};
use crate::components::layout::PortalLayout;
use crate::i18n::t;
use crate::pages::account::email_link::{LinkButton, UseLinkForm};
use crate::portal::Portal;
use crate::submission::{opened_link, posted_submission};

#[component]
pub fn EmailChangePage(portal: Portal) -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let posted = posted_submission(move |form| confirm_email_change(portal, form));
    let link = opened_link(token.clone(), email_change_status);
    view! {
        <PortalLayout portal title=t("email-change-title")>
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
                                <h1>{t("email-change-title")}</h1>
                                <p class="lead">{t("email-change-lead")}</p>
                                <UseLinkForm portal link=LinkButton::EmailChange token label=t("email-change-button") />
                            }
                            .into_any(),
                            other => {
                                let (title, lead) = match other {
                                    Ok(TokenStatus::Used) => ("email-change-used-title", "email-change-used-lead"),
                                    Ok(TokenStatus::Expired) => ("email-change-expired-title", "email-change-expired-lead"),
                                    Ok(TokenStatus::Taken) => ("email-change-taken-title", "email-change-taken-lead"),
                                    Err(_) => ("email-change-unchecked-title", "email-change-unchecked-lead"),
                                    _ => ("email-change-unknown-title", "email-change-unknown-lead"),
                                };
                                view! {
                                    <h1>{t(title)}</h1>
                                    <p class="lead">{t(lead)}</p>
                                    <p><a href=portal.path("/profile")>{t("email-change-profile")}</a></p>
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
        <PortalLayout portal title=t("email-change-done-title")>
            <div class="panel panel--success" role="status">
                <h1>{t("email-change-done-title")}</h1>
                <p class="lead">{t("email-change-done-lead")}</p>
            </div>
            <p><a class="button" href=portal.path("/log-in")>{t("email-change-log-in")}</a></p>
        </PortalLayout>
    }
}
