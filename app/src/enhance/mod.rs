//! What JavaScript adds to a form the server rendered.
//!
//! Every form is rendered whole on the server and works as a plain post. Wrapped in
//! [`Enhanced`], it also gets the one island, [`EnhancedForm`], which adds:
//! - as the person leaves a field, the form's one `validate` checks it (the same
//!   function the server runs) and the error is drawn beside the field — after the
//!   pointer is released, so that nothing moves under a click in progress;
//! - on submit the whole form is checked, then posted to the form's Leptos server
//!   function (no page load), and its typed outcome is shown: errors on their fields, a
//!   done message, or the next page (through the islands router: no page load either).
//!
//! Why one island without props, and this shape: the browser's download is what the
//! pages' budgets are about (measured in the closing note of the front-end issue). An
//! island's props come as JSON, and serde_json with its error formatting weighed more
//! than every form's own code together; ten form islands each carried their own
//! hydration code; and reactive views for the error messages carried view code for each
//! of them. So the island has no props: which form it wraps, the portal and any errors a
//! plain post left are data attributes of the markup; errors are drawn with the markup
//! functions the server renders them with (`components::fields`); and the browser code
//! is one non-generic core (`browser`) to which a form adds only the decoding and
//! checking of its fields and the decoding of its outcome ([`Behaviour::new`]), written
//! with the page the form is on and listed in [`FormKind`].
//!
//! A form is posted to its server function's endpoint as the same url-encoded body the
//! browser would send to the page (plus the function's other arguments), and the answer
//! is decoded as the function's `Output`, which these functions send as postcard: the
//! server function is the one the page runs for a plain post.
use leptos::prelude::*;
use serde::de::DeserializeOwned;

#[cfg(feature = "hydrate")]
use crate::api::ActionOutcome;
use crate::forms::FieldErrors;
use crate::portal::Portal;

#[cfg(feature = "hydrate")]
mod browser;
pub mod captcha;
#[cfg(feature = "hydrate")]
mod dom;
mod kinds;
#[cfg(feature = "hydrate")]
mod navigation;
#[cfg(feature = "hydrate")]
mod pointer;

pub use kinds::FormKind;
#[cfg(feature = "hydrate")]
pub use navigation::go_to;

/// What a form's island does with its server function's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Reaction {
    /// Show these errors on their fields and in the summary.
    Errors(FieldErrors),
    /// Go on to this page (without a page load, where the router can).
    GoTo(String),
    /// Say what was done, next to the form.
    Done(String),
    /// Say what was done, and bring the rest of the page up to date from the server.
    DoneAndRefresh(String),
}

/// A form's fields by name (`email`, not `form[email]`), with their values.
pub type Fields = Vec<(String, String)>;

/// A form's behaviour in the browser, with its types erased.
#[cfg(feature = "hydrate")]
pub struct Behaviour {
    /// Checks the form's `(field, value)` pairs with its `validate`.
    pub(crate) check: Box<dyn Fn(Fields) -> FieldErrors>,
    /// The server function's endpoint.
    pub(crate) endpoint: &'static str,
    /// The arguments it takes besides the form, url-encoded (`portal=Csp`).
    pub(crate) arguments: String,
    /// What the server function's answer (postcard) means for the page.
    pub(crate) react: Box<dyn Fn(Result<Vec<u8>, ServerFnError>) -> Reaction>,
}

#[cfg(feature = "hydrate")]
impl Behaviour {
    /// The behaviour of a form of type `F`, sent to the server function `S` (with
    /// `arguments` besides the form), whose answer `react` interprets.
    pub fn new<F, S>(
        check: fn(&F) -> FieldErrors,
        arguments: String,
        react: fn(S::Output) -> Reaction,
    ) -> Self
    where
        F: DeserializeOwned + 'static,
        S: leptos::server_fn::ServerFn,
        S::Output: DeserializeOwned + 'static,
    {
        Self {
            check: Box::new(move |pairs| match decode::<F>(pairs) {
                Some(form) => check(&form),
                None => unreadable(),
            }),
            endpoint: S::PATH,
            arguments,
            react: Box::new(move |answer| {
                let outcome = answer.and_then(|bytes| {
                    postcard::from_bytes::<S::Output>(&bytes)
                        .map_err(|e| ServerFnError::Deserialization(e.to_string()))
                });
                match outcome {
                    Ok(outcome) => react(outcome),
                    Err(error) => failed(error),
                }
            }),
        }
    }

    /// A form whose server function answers with an [`ActionOutcome`] (the profile's):
    /// done, and the page brought up to date; or errors on the fields.
    pub fn action<F, S>(check: fn(&F) -> FieldErrors) -> Self
    where
        F: DeserializeOwned + 'static,
        S: leptos::server_fn::ServerFn<Output = ActionOutcome>,
    {
        Self::new::<F, S>(check, String::new(), |outcome| match outcome {
            ActionOutcome::Done { message } => Reaction::DoneAndRefresh(message),
            ActionOutcome::Rejected { errors } => Reaction::Errors(errors),
            // No form with an island asks for a second look.
            ActionOutcome::ConfirmFirst => Reaction::Errors(FieldErrors::new()),
        })
    }
}

/// The `portal` argument of the server functions that take one.
pub fn portal_argument(portal: Portal) -> String {
    format!("portal={portal:?}")
}

/// Reads a form's fields into its struct, as its server function will.
pub fn decode<F: DeserializeOwned>(pairs: Fields) -> Option<F> {
    use serde::de::value::{Error, MapDeserializer};
    F::deserialize(MapDeserializer::<_, Error>::new(pairs.into_iter())).ok()
}

#[cfg(feature = "hydrate")]
fn unreadable() -> FieldErrors {
    FieldErrors::one(crate::forms::Field::Form, "island-unreadable")
}

/// A server function's failure (not the person's input), as errors on the form.
#[cfg(feature = "hydrate")]
pub fn failed(error: ServerFnError) -> Reaction {
    Reaction::Errors(crate::pages::failure_as_errors(&error))
}

/// A form (with its error summary and notice, in `children`) and the island that
/// enhances it. `errors` are those a plain post of this form left, if any.
#[component]
pub fn Enhanced(
    form: FormKind,
    portal: Portal,
    #[prop(optional)] errors: FieldErrors,
    children: Children,
) -> impl IntoView {
    view! {
        <EnhancedForm>
            <div
                class="enhanced"
                data-form=form.id()
                data-portal=portal.segment()
                data-errors=(!errors.is_empty()).then(|| encode_errors(&errors))
                data-messages=messages_for(form, portal)
            >
                {children()}
            </div>
        </EnhancedForm>
    }
}

/// The texts the island draws on any form: the error summary, the links some errors
/// carry, and its own notices (and the way to the other portal: [`other_portal_messages`]).
pub const ISLAND_MESSAGES: &[&str] = &[
    "errors-summary-title",
    "errors-error-prefix",
    "errors-send-new-link",
    "errors-log-in",
    "errors-or",
    "errors-reset-password",
    "island-sending",
    "island-unreachable",
    "island-unreadable",
    "page-something-went-wrong",
];

/// The links to a portal that an address of an account there gets elsewhere: a page
/// hands over only those to the other portal.
pub fn other_portal_messages(portal: Portal) -> [&'static str; 2] {
    match portal.other() {
        Portal::Csm => ["errors-go-to-csm", "errors-log-in-to-csm"],
        Portal::Csp => ["errors-go-to-csp", "errors-log-in-to-csp"],
    }
}

/// The texts of a form's island, in the page's language (see `crate::i18n`).
fn messages_for(form: FormKind, portal: Portal) -> String {
    #[cfg(feature = "ssr")]
    return crate::i18n::browser_messages(
        ISLAND_MESSAGES
            .iter()
            .copied()
            .chain(other_portal_messages(portal))
            .chain(form.messages()),
    );
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (form, portal);
        String::new()
    }
}

/// The errors a plain post left, as the island reads them from the markup.
pub fn encode_errors(errors: &FieldErrors) -> String {
    hex::encode(postcard::to_allocvec(errors).unwrap_or_default())
}

pub fn decode_errors(encoded: &str) -> FieldErrors {
    hex::decode(encoded)
        .ok()
        .and_then(|bytes| postcard::from_bytes(&bytes).ok())
        .unwrap_or_default()
}

/// The island around every enhanced form. Once hydrated, the forms it finds described in
/// the markup get their behaviour (also those the islands router brings in later).
#[island]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async { browser::attach_all() });
    children()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::log_in::LogInForm;
    use crate::forms::{ErrorKind, Field, Message};

    #[test]
    fn a_form_is_read_from_its_fields_as_the_server_reads_it() {
        let pairs = vec![
            ("email".to_owned(), "ada@example.com".to_owned()),
            ("password".to_owned(), "secret".to_owned()),
            ("unknown".to_owned(), "ignored".to_owned()),
        ];
        let form: LogInForm = decode(pairs).unwrap();
        assert_eq!(form.email, "ada@example.com");
        assert_eq!(form.next, "", "missing fields are empty");
    }

    #[test]
    fn the_portal_argument_is_named_as_the_server_reads_it() {
        assert_eq!(portal_argument(Portal::Csm), "portal=Csm");
    }

    #[test]
    fn errors_left_by_a_plain_post_travel_in_the_markup_intact() {
        let mut errors = FieldErrors::one(Field::Password, Message::text_of("Enter a password"));
        errors.add_kind(
            Field::Email,
            Message::text_of("Log in there"),
            ErrorKind::EmailInPortal(Portal::Csm),
        );
        assert_eq!(decode_errors(&encode_errors(&errors)), errors);
        let key = FieldErrors::one(Field::Password, "check-password-missing");
        assert_eq!(
            decode_errors(&encode_errors(&key)),
            FieldErrors::one(Field::Password, Message::text_of("Enter a password")),
            "a key goes out written in the page's language"
        );
        assert_eq!(decode_errors("not hex"), FieldErrors::new());
    }
}
