//! The profile's "Connected apps": the apps the person has signed in to with Portico, and
//! "Disconnect", which ends what the app was given (its tokens stop working) and forgets
//! their consent, so that the app must ask again. A plain post with a full load
//! (`data-reload`): the section has no island.
use leptos::prelude::*;

use crate::api::{ActionOutcome, ConnectedApp};
use crate::components::notice::FormSection;
use crate::i18n::{t, t_with};
use crate::portal::Portal;

#[component]
pub fn ConnectedApps(
    portal: Portal,
    apps: Vec<ConnectedApp>,
    posted: Option<Result<ActionOutcome, ServerFnError>>,
) -> impl IntoView {
    let list = if apps.is_empty() {
        view! { <p>{t("profile-apps-none")}</p> }.into_any()
    } else {
        view! {
            <table class="table" id="connected-apps">
                <thead>
                    <tr>
                        <th scope="col">{t("profile-apps-name")}</th>
                        <th scope="col">{t("profile-apps-since")}</th>
                        <th scope="col">{t("profile-apps-disconnect-column")}</th>
                    </tr>
                </thead>
                <tbody>
                    {apps.into_iter().map(|app| view! {
                        <tr>
                            <td>{app.name.clone()}</td>
                            <td>{app.since}</td>
                            <td>
                                <form method="post" data-reload="" action=portal.path("/profile")>
                                    <input type="hidden" name="intent" value="disconnect-app" />
                                    <input type="hidden" name="form[client_id]" value=app.client_id />
                                    <button class="button button--small button--secondary" type="submit" aria-label=t_with("profile-apps-disconnect-label", &[("name", app.name)])>{t("profile-apps-disconnect")}</button>
                                </form>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h2 id="connected-apps-title">{t("profile-apps-title")}</h2>
        <p>{t("profile-apps-lead")}</p>
        <FormSection outcome=posted>{list}</FormSection>
    }
}
