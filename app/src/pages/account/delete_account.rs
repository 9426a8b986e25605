//! `/csp/delete-account` (and `/csm/…`): "Delete my account". It says what happens, asks
//! for the password, and schedules the deletion; a company's last customer administrator
//! is told to appoint another first.
use leptos::prelude::*;

use crate::api::{delete_account, deletion_check, ActionOutcome};
use crate::components::fields::TextField;
use crate::components::guarded::{guarded, guarded_resource};
use crate::components::layout::PortalLayout;
use crate::components::notice::FormSection;
use crate::forms::Field;
use crate::i18n::{t, t_with};
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn DeleteAccountPage(portal: Portal) -> impl IntoView {
    let posted = posted_submission(delete_account);
    let view_data = guarded_resource(move || async move {
        posted.await;
        deletion_check().await
    });
    view! {
        <PortalLayout portal title=t("delete-account-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let outcome = posted.await.map(|s| s.outcome);
                    if let Some(Ok(ActionOutcome::Done { message })) = &outcome {
                        // Scheduled, and logged out: the page says when, and how to undo it.
                        return view! {
                            <div class="panel panel--success" role="status">
                                <h1>{t("delete-account-scheduled")}</h1>
                                <p class="lead" id="deletion-scheduled">{message.clone()}</p>
                            </div>
                        }
                        .into_any();
                    }
                    let data = view_data.await;
                    guarded(data, move |data| {
                        view! {
                            <h1>{t("delete-account-title")}</h1>
                            {match data.blocked {
                                Some(why) => view! {
                                    <p class="lead" id="deletion-blocked">{why}</p>
                                    <p><a class="button button--secondary" href=portal.path("/profile")>{t("delete-account-back-to-profile")}</a></p>
                                }
                                .into_any(),
                                None => view! {
                                    <p class="lead">
                                        {t_with("delete-account-lead", &[("date", data.would_happen.clone())])}
                                    </p>
                                    <p>{t("delete-account-consequences")}</p>
                                    <p>
                                        {t("delete-account-copy-before")}
                                        <a href=format!("{}#your-data", portal.path("/profile"))>{t("delete-account-copy-link")}</a>
                                        {t("delete-account-copy-after")}
                                    </p>
                                    <FormSection outcome=outcome.clone()>
                                        <form class="form" method="post" data-reload="" action=portal.path("/delete-account") novalidate>
                                            <TextField
                                                field=Field::CurrentPassword
                                                label=t("delete-account-password")
                                                input_type="password"
                                                autocomplete="current-password"
                                            />
                                            <button class="button button--danger" type="submit">{t("delete-account-submit")}</button>
                                        </form>
                                    </FormSection>
                                }
                                .into_any(),
                            }}
                        }
                        .into_any()
                    })
                })}
            </Suspense>
        </PortalLayout>
    }
}
