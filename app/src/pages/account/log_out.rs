//! `/csp/log-out` and `/csm/log-out`: the header's Log out button posts here without JavaScript.
use leptos::prelude::*;

use crate::api::log_out;
use crate::components::layout::PortalLayout;
use crate::forms::log_in::LogOutForm;
use crate::i18n::t;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn LogOutPage(portal: Portal) -> impl IntoView {
    // A plain post logs out and is sent on (303) to the portal's home.
    let posted = posted_submission(move |_: LogOutForm| log_out(portal));
    view! {
        <PortalLayout portal title=t("log-out-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let _ = posted.await;
                    view! {
                        <h1>{t("log-out-title")}</h1>
                        <form method="post" action=portal.path("/log-out")>
                            <button class="button" type="submit">
                                {t("log-out-submit")}
                            </button>
                        </form>
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}
