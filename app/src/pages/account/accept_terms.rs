//! `/csp/accept-terms` (and `/csm/…`): someone who agreed to older versions of the
//! privacy policy or the terms agrees to the current ones at log-in, before any other
//! page. Until they do they are not logged in; declining logs them out.
use leptos::prelude::*;

use crate::api::{answer_terms, changed_policies, TermsOutcome};
use crate::components::fields::CheckboxField;
use crate::components::layout::PortalLayout;
use crate::components::notice::notice;
use crate::components::notice::provide_form_errors;
use crate::forms::{Field, FieldErrors};
use crate::i18n::{t, t_with};
use crate::pages::failure_as_errors;
use crate::portal::Portal;
use crate::submission::posted_submission;

#[component]
pub fn AcceptTermsPage(portal: Portal) -> impl IntoView {
    let form_errors = provide_form_errors();
    let posted = posted_submission(answer_terms);
    let changed = Resource::new_blocking(|| (), |_| changed_policies());
    view! {
        <PortalLayout portal title=t("accept-terms-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let outcome = posted.await.map(|s| s.outcome);
                    if let Some(Ok(TermsOutcome::LoggedOut { message })) = &outcome {
                        return view! {
                            <h1>{t("accept-terms-logged-out")}</h1>
                            <p class="lead" id="terms-declined">{message.clone()}</p>
                            <p><a class="button" href=portal.path("/log-in")>{t("accept-terms-log-in")}</a></p>
                        }
                        .into_any();
                    }
                    let errors = match &outcome {
                        Some(Ok(TermsOutcome::Rejected { errors })) => errors.clone(),
                        Some(Err(error)) => failure_as_errors(error),
                        _ => FieldErrors::new(),
                    };
                    match changed.await {
                        Ok(Some(policies)) => {
                            let summary = notice(form_errors, None, errors);
                            view! {
                                <h1>{t("accept-terms-heading")}</h1>
                                <p class="lead">{t("accept-terms-lead")}</p>
                                <ul id="changed-policies">
                                    {policies
                                        .into_iter()
                                        .map(|p| view! {
                                            <li>
                                                <a href=p.path>{p.title}</a>
                                                {t_with("accept-terms-version", &[("version", p.version)])}
                                            </li>
                                        })
                                        .collect_view()}
                                </ul>
                                {summary}
                                <form class="form" method="post" data-reload="" action=portal.path("/accept-terms") novalidate>
                                    <CheckboxField field=Field::Consent>
                                        {t("accept-terms-consent")}
                                    </CheckboxField>
                                    <div class="actions">
                                        <button class="button" type="submit" name="form[answer]" value="accept">{t("accept-terms-accept")}</button>
                                        <button class="button button--secondary" type="submit" name="form[answer]" value="decline">{t("accept-terms-decline")}</button>
                                    </div>
                                </form>
                            }
                            .into_any()
                        }
                        _ => view! {
                            <h1>{t("accept-terms-nothing-title")}</h1>
                            <p class="lead">{t("accept-terms-nothing-lead")}</p>
                            <p><a class="button" href=portal.path("/log-in")>{t("accept-terms-log-in")}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </PortalLayout>
    }
}
