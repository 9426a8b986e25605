//! The email of signing in through another provider: the link that proves a Portico
//! account before it is linked to the provider's identity.
use app::forms::Message;
use app::i18n::Lang;
use app::portal::Portal;

use super::{notice, portal_name, Notice};
use crate::mail::Email;

/// To the owner of an account whose address a provider's sign-in gave: the link that
/// links the two (it works only in the browser that signed in).
pub fn link_sign_in(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    provider: &str,
    link: String,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::key_with(
            "email-sso-link-subject",
            &[("portal", portal_name(lang, portal))],
        ),
        paragraphs: vec![
            Message::key_with("email-sso-link-body", &[("provider", provider.to_owned())]),
            Message::from("email-sso-link-ignore"),
        ],
        button: Some(("email-sso-link-button", link)),
    })
}
