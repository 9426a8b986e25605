//! Forms that work without JavaScript, and the same forms with it.
//!
//! Without JavaScript a form posts to its page's own URL. The server renders that page
//! with the posted body in context ([`PostedForm`]); the page runs the same server function
//! the browser would have called, in a blocking resource, sets the HTTP status from the
//! outcome, and renders the outcome. The resource carries the outcome (with the form's
//! secrets cleared) to the browser, so a hydrated page shows the same thing.
//! (leptos_axum's own no-JS path redirects back to the Referer and drops the outcome, so
//! the errors could not be shown on their fields; hence this module.)
use std::future::Future;
use std::sync::Arc;

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::forms::Redact;

/// The body of a plain form post to a page, put in context by the server.
#[derive(Clone, Debug)]
pub struct PostedForm(pub Arc<[u8]>);

/// What a server function's outcome means for the HTTP response to a plain form post.
pub trait Outcome {
    fn http_status(&self) -> u16;
    /// Where a plain form post goes next (a 303), if anywhere.
    fn redirect_to(&self) -> Option<String> {
        None
    }
}

/// A form as it was posted, with its secrets cleared, and what came of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submission<F, O> {
    pub form: F,
    pub outcome: Result<O, ServerFnError>,
}

/// Every form's fields travel as `form[...]`: `form` is the argument name of each form's
/// server function, so one struct serves the plain post and the browser's call. A page
/// with several forms tells them apart by a hidden `intent` beside them.
#[derive(Deserialize)]
struct Envelope<F> {
    #[serde(default)]
    form: F,
}

#[derive(Deserialize)]
struct Intent {
    #[serde(default)]
    intent: String,
}

/// The `intent` of a posted body: which of a page's forms was sent.
pub fn posted_intent(body: &[u8]) -> String {
    serde_qs::Config::new(5, false)
        .deserialize_bytes::<Intent>(body)
        .map(|i| i.intent)
        .unwrap_or_default()
}

/// Reads a form-urlencoded body the way server functions read theirs.
pub fn decode_form<F: DeserializeOwned + Default>(body: &[u8]) -> Result<F, String> {
    serde_qs::Config::new(5, false)
        .deserialize_bytes::<Envelope<F>>(body)
        .map(|envelope| envelope.form)
        .map_err(|e| e.to_string())
}

/// The outcome of this page's plain form post, if the request was one. `run` is the
/// form's server function.
pub fn posted_submission<F, O, Fut>(
    run: impl Fn(F) -> Fut + Clone + Send + Sync + 'static,
) -> Resource<Option<Submission<F, O>>>
where
    F: Redact + Default + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    O: Outcome + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<O, ServerFnError>> + Send + 'static,
{
    posted_submission_of(None, run)
}

/// As [`posted_submission`], for one of several forms on a page: it runs only when the
/// post's `intent` is this form's.
pub fn posted_submission_of<F, O, Fut>(
    intent: Option<&'static str>,
    run: impl Fn(F) -> Fut + Clone + Send + Sync + 'static,
) -> Resource<Option<Submission<F, O>>>
where
    F: Redact + Default + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    O: Outcome + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<O, ServerFnError>> + Send + 'static,
{
    let posted = use_context::<PostedForm>()
        .filter(|body| intent.is_none_or(|intent| posted_intent(&body.0) == intent));
    // In the page's language, read while the page's context is at hand (only a plain
    // post, on the server, can need it).
    let unreadable = posted
        .as_ref()
        .map(|_| crate::i18n::t("submission-form-unreadable"))
        .unwrap_or_default();
    #[cfg(feature = "ssr")]
    let response = use_context::<leptos_axum::ResponseOptions>();
    Resource::new_blocking(
        || (),
        move |_| {
            let posted = posted.clone();
            let run = run.clone();
            let unreadable = unreadable.clone();
            #[cfg(feature = "ssr")]
            let response = response.clone();
            async move {
                let body = posted?;
                let submission = match decode_form::<F>(&body.0) {
                    Ok(form) => {
                        let shown = form.redacted();
                        Submission {
                            form: shown,
                            outcome: run(form).await,
                        }
                    }
                    Err(_) => Submission {
                        form: F::default(),
                        outcome: Err(ServerFnError::Args(unreadable)),
                    },
                };
                #[cfg(feature = "ssr")]
                if let Some(response) = response {
                    set_status(&response, &submission.outcome);
                }
                Some(submission)
            }
        },
    )
}

/// What an emailed link's token is, for the page the link opens, loaded with `status`
/// (a server function that looks without using the token). When the page is opened, its
/// HTTP status says what the link is (404 unknown, 410 used or expired); a post to the
/// page sets the status from its own outcome instead.
pub fn opened_link<O, Fut>(
    token: String,
    status: impl Fn(String) -> Fut + Clone + Send + Sync + 'static,
) -> Resource<Result<O, ServerFnError>>
where
    O: Outcome + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<O, ServerFnError>> + Send + 'static,
{
    let opened = use_context::<PostedForm>().is_none();
    Resource::new_blocking(
        || (),
        move |_| {
            let (token, status) = (token.clone(), status.clone());
            async move {
                let found = status(token).await;
                if opened {
                    respond_with(&found);
                }
                found
            }
        },
    )
}

/// Sets this response's status (and redirect) from an outcome. Call it while rendering
/// (it reads the response from context); in the browser it does nothing.
pub fn respond_with<O: Outcome>(outcome: &Result<O, ServerFnError>) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        set_status(&response, outcome);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = outcome;
}

#[cfg(feature = "ssr")]
fn set_status<O: Outcome>(
    response: &leptos_axum::ResponseOptions,
    outcome: &Result<O, ServerFnError>,
) {
    use http::{header, HeaderValue, StatusCode};
    let status = match outcome {
        Ok(outcome) => {
            if let Some(to) = outcome.redirect_to() {
                if let Ok(location) = HeaderValue::from_str(&to) {
                    response.insert_header(header::LOCATION, location);
                }
            }
            outcome.http_status()
        }
        Err(
            ServerFnError::Args(_)
            | ServerFnError::Deserialization(_)
            | ServerFnError::MissingArg(_),
        ) => 400,
        Err(_) => 503,
    };
    response.set_status(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::registration::RegistrationForm;

    #[test]
    fn a_plain_post_decodes_into_the_form_struct() {
        let body =
            b"form%5Bfirst_name%5D=Ada&form%5Bemail%5D=ada%40example.com&form%5Bconsent%5D=on";
        let form: RegistrationForm = decode_form(body).unwrap();
        assert_eq!(form.first_name, "Ada");
        assert_eq!(form.email, "ada@example.com");
        assert_eq!(form.consent, "on");
        assert_eq!(form.security_code, "", "an unticked box is simply absent");
    }

    #[test]
    fn an_empty_post_is_an_empty_form() {
        let form: RegistrationForm = decode_form(b"").unwrap();
        assert_eq!(form, RegistrationForm::default());
    }
}
