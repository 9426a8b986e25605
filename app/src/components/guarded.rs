//! Pages that only some people may see: customer administrators (their company's
//! approvals and contacts) and administrators (`/admin`).
use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::Access;
use crate::i18n::t;
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::{respond_with, PostedForm};

/// What a guarded page shows, loaded by `fetch` (which awaits the page's form post first,
/// so that the list shows its effect). When the page is opened, not posted to, its status
/// says whether the person may see it: 401 log in first, 403 not theirs.
pub fn guarded_resource<T, Fut>(
    fetch: impl Fn() -> Fut + Send + Sync + 'static,
) -> Resource<Result<Access<T>, ServerFnError>>
where
    T: Clone + serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<Access<T>, ServerFnError>> + Send + 'static,
{
    let opened = use_context::<PostedForm>().is_none();
    Resource::new_blocking(
        || (),
        move |_| {
            let data = fetch();
            async move {
                let data = data.await;
                if opened {
                    respond_with(&data);
                }
                data
            }
        },
    )
}

/// Shows what the person may see, or why not, with a way to log in and come back.
pub fn guarded<T>(
    access: Result<Access<T>, ServerFnError>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match access {
        Ok(Access::Granted(data)) => show(data),
        Ok(Access::LogInFirst) => {
            let here = use_location().pathname.get_untracked();
            // A portal's own page logs in there; the management pages in the CSM.
            let portal = Portal::of_path(&here).unwrap_or(Portal::Csm);
            let log_in = format!("{}?next={here}", portal.path("/log-in"));
            view! {
                <h1>{t("guarded-log-in-title")}</h1>
                <p class="lead">{t("guarded-log-in-lead")}</p>
                <p><a class="button" href=log_in>{t("guarded-log-in")}</a></p>
            }
            .into_any()
        }
        Ok(Access::Denied) => view! {
            <h1>{t("guarded-denied-title")}</h1>
            <p class="lead">{t("guarded-denied-lead")}</p>
        }
        .into_any(),
        Err(error) => {
            let message = failure_as_errors(&error)
                .iter()
                .map(|e| e.message.text())
                .collect::<String>();
            view! {
                <h1>{t("guarded-failed-title")}</h1>
                <p class="lead">{message}</p>
            }
            .into_any()
        }
    }
}
