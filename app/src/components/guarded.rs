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
    let here = use_location().pathname.get_untracked();
    Resource::new_blocking(
        || (),
        move |_| {
            let data = fetch();
            let here = here.clone();
            async move {
                let data = data.await;
                if opened {
                    respond_with(&data);
                    // The administration's pages show nothing to a visitor: straight on to
                    // its log-in.
                    if matches!(data, Ok(Access::LogInFirst)) && is_administration(&here) {
                        redirect(&log_in_path(&here));
                    }
                }
                data
            }
        },
    )
}

/// The administration's own log-in page (`pages::admin::log_in`, on the server only).
pub const ADMIN_LOG_IN: &str = "/admin/log-in";

fn is_administration(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

/// Where to log in and come back to `here`: the administration's own log-in for its
/// pages, a portal's log-in for the portal's pages.
fn log_in_path(here: &str) -> String {
    let door = if is_administration(here) {
        ADMIN_LOG_IN.to_owned()
    } else {
        Portal::of_path(here).unwrap_or(Portal::Csm).path("/log-in")
    };
    format!("{door}?next={here}")
}

/// Answers with a 303 to `to` (the page still renders, for a client that shows it).
fn redirect(to: &str) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::SEE_OTHER);
        if let Ok(location) = http::HeaderValue::from_str(to) {
            response.insert_header(http::header::LOCATION, location);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = to;
}

/// Shows what the person may see, or why not, with a way to log in and come back.
pub fn guarded<T>(
    access: Result<Access<T>, ServerFnError>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match access {
        Ok(Access::Granted(data)) => show(data),
        Ok(Access::LogInFirst) => {
            let log_in = log_in_path(&use_location().pathname.get_untracked());
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
