//! `/csm/account-status` (and `/csp/…`): where a person stands whose right password met a
//! registration still undecided, or refused. A state, not an error: who decides, what
//! happens next, and (after a "no") why, by whom, and what they can do.
use leptos::prelude::*;

use crate::api::{registration_status, AccountState, AccountStatus};
use crate::components::layout::PortalLayout;
use crate::i18n::{t, t_with};
use crate::portal::Portal;

#[component]
pub fn AccountStatusPage(portal: Portal) -> impl IntoView {
    let status = Resource::new_blocking(|| (), |_| registration_status());
    view! {
        <PortalLayout portal title=t("status-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(Some(status)) => view! { <StatusView portal status /> }.into_any(),
                        // Nobody's status waits in this session (it lasts 10 minutes):
                        // logging in again shows it.
                        _ => view! {
                            <h1>{t("status-title")}</h1>
                            <p class="lead">{t("status-none")}</p>
                            <p><a class="button" href=portal.path("/log-in")>{t("status-log-in")}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}

#[component]
fn StatusView(portal: Portal, status: AccountStatus) -> impl IntoView {
    let name = [("name", status.first_name.clone())];
    match status.state {
        AccountState::AwaitingCompany { company } => {
            let company = [("company", company)];
            view! {
                <div class="panel" role="status" id="account-status">
                    <h1>{t("status-waiting-title")}</h1>
                    <p class="lead">{t_with("status-waiting-company", &company)}</p>
                </div>
                <h2>{t("status-next-title")}</h2>
                <p>{t_with("status-waiting-company-next", &company)}</p>
                <p>{t_with("status-thanks", &name)}</p>
            }
            .into_any()
        }
        AccountState::AwaitingStaff => view! {
            <div class="panel" role="status" id="account-status">
                <h1>{t("status-waiting-title")}</h1>
                <p class="lead">{t("status-waiting-staff")}</p>
            </div>
            <h2>{t("status-next-title")}</h2>
            <p>{t("status-waiting-staff-next")}</p>
            <p>{t_with("status-thanks", &name)}</p>
        }
        .into_any(),
        AccountState::Rejected {
            company,
            reason,
            may_register_again,
        } => {
            let by = match &company {
                Some(company) => t_with(
                    "status-rejected-by-company",
                    &[("company", company.clone())],
                ),
                None => t("status-rejected-by-staff"),
            };
            let why = match reason {
                Some(reason) => t_with("status-rejected-reason", &[("reason", reason)]),
                None => t("status-rejected-no-reason"),
            };
            let what_now = match &company {
                Some(company) => t_with(
                    "status-rejected-contact-company",
                    &[("company", company.clone())],
                ),
                None => t("status-rejected-contact-us"),
            };
            view! {
                <div class="panel" role="status" id="account-status">
                    <h1>{t("status-rejected-title")}</h1>
                    <p class="lead">{by}</p>
                    <p>{why}</p>
                </div>
                <h2>{t("status-rejected-what-now")}</h2>
                <p>{what_now}</p>
                {if may_register_again {
                    view! {
                        <p>
                            {t("status-rejected-register-again")}
                            " "
                            <a href=portal.path("/register")>{t("status-rejected-register-link")}</a>
                        </p>
                    }
                    .into_any()
                } else {
                    view! { <p>{t("status-rejected-same-address")}</p> }.into_any()
                }}
            }
            .into_any()
        }
    }
}
