//! The emails' words, as plain text and HTML (maud), in the portal's name and colours.
//! Every word is a message of the recipient's language (`email-*` in `locales/`), which
//! the caller chooses (`super::language_of`), not the language of whoever caused the email.
use chrono::{DateTime, Utc};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::Email;
use app::forms::Message;
use app::i18n::{format_date_time, Lang};
use app::portal::Portal;

mod company;
mod sign_in;
pub use company::{
    approval_needed, contact_approved, invitation, request_pending, request_rejected,
};
pub use sign_in::link_sign_in;

/// The portal's brand colour, as in style/portals.css.
fn accent(portal: Portal) -> &'static str {
    match portal {
        Portal::Csm => "#1d3f72",
        Portal::Csp => "#0b6e69",
    }
}

/// The portal's name in the recipient's language.
fn portal_name(lang: Lang, portal: Portal) -> String {
    lang.text(portal.name_key())
}

/// Stands for markup inside a message while the message is looked up; no message has it.
const MARK: &str = "\u{e000}";

/// A message with markup in it: the argument `name` is where `inside` goes, so that each
/// language places it where its word order wants it.
fn with_markup(lang: Lang, key: &str, name: &'static str, inside: Markup) -> Markup {
    let text = lang.text_with(key, &[(name, MARK.to_owned())]);
    let (before, after) = text.split_once(MARK).unwrap_or((text.as_str(), ""));
    html! { (before) (inside) (after) }
}

fn layout(lang: Lang, portal: Portal, title: &str, body: Markup) -> String {
    let accent = accent(portal);
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
            }
            body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;" {
                table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0;" {
                    tr { td align="center" {
                        table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;overflow:hidden;" {
                            tr { td style=(format!("background:{accent};color:#ffffff;padding:20px 28px;font-size:18px;font-weight:bold;")) { (portal_name(lang, portal)) } }
                            tr { td style="padding:28px;font-size:16px;line-height:1.5;" { (body) } }
                        }
                    } }
                }
            }
        }
    }
    .into_string()
}

fn button(portal: Portal, href: &str, label: &str) -> Markup {
    html! {
        p style="margin:28px 0;" {
            a href=(href) style=(format!("background:{};color:#ffffff;padding:12px 22px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block;", accent(portal))) { (label) }
        }
    }
}

fn greeting(lang: Lang, first_name: &str) -> String {
    lang.text_with("email-greeting", &[("first-name", first_name.to_owned())])
}

/// The email that proves an address: a greeting by first name and the verification link.
pub fn verification(lang: Lang, portal: Portal, to: &str, first_name: &str, link: &str) -> Email {
    let name = portal_name(lang, portal);
    let subject = lang.text_with("email-verification-subject", &[("portal", name.clone())]);
    let thanks = lang.text_with("email-verification-thanks", &[("portal", name)]);
    let page_button = lang.text("email-verification-page-button");
    let open = lang.text_with(
        "email-verification-open",
        &[(
            "button",
            lang.text_with("email-quoted", &[("text", page_button.clone())]),
        )],
    );
    let expiry = lang.text("email-verification-expiry");
    let text = format!(
        "{greeting}\n\n\
         {thanks}\n\n\
         {open}\n\n\
         {link}\n\n\
         {expiry}\n\n\
         {ignore}\n",
        greeting = greeting(lang, first_name),
        ignore = lang.text("email-verification-ignore"),
    );
    let html = layout(
        lang,
        portal,
        &subject,
        html! {
            p { (greeting(lang, first_name)) }
            p { (thanks) }
            p { (with_markup(lang, "email-verification-open", "button", html! { strong { (page_button) } })) }
            (button(portal, link, &lang.text("email-verification-button")))
            p style="font-size:14px;color:#4a5360;" { (lang.text("email-copy-link")) br; a href=(link) style="color:#1b1f24;word-break:break-all;" { (link) } }
            p style="font-size:14px;color:#4a5360;" { (expiry) " " (with_markup(lang, "email-verification-ignore-html", "nbsp", PreEscaped("&nbsp;".to_owned()))) }
        },
    );
    Email {
        to: to.to_owned(),
        subject,
        text,
        html,
    }
}

/// A short message: a greeting, paragraphs, and an optional button with its link, all in
/// the recipient's language.
pub struct Notice<'a> {
    pub lang: Lang,
    pub portal: Portal,
    pub to: &'a str,
    pub first_name: &'a str,
    pub subject: Message,
    pub paragraphs: Vec<Message>,
    /// The button's label (a message's key) and its link.
    pub button: Option<(&'static str, String)>,
}

pub fn notice(notice: Notice<'_>) -> Email {
    let lang = notice.lang;
    let greeting = greeting(lang, notice.first_name);
    let subject = notice.subject.text_in(lang);
    let paragraphs: Vec<String> = notice.paragraphs.iter().map(|p| p.text_in(lang)).collect();
    let action = notice
        .button
        .as_ref()
        .map(|(label, link)| (lang.text(label), link.as_str()));
    let mut text = format!("{greeting}\n\n");
    for paragraph in &paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    if let Some((label, link)) = &action {
        text.push_str(&format!("{label}: {link}\n"));
    }
    let html = layout(
        lang,
        notice.portal,
        &subject,
        html! {
            p { (greeting) }
            @for paragraph in &paragraphs { p { (paragraph) } }
            @if let Some((label, link)) = &action { (button(notice.portal, link, label)) }
        },
    );
    Email {
        to: notice.to.to_owned(),
        subject,
        text,
        html,
    }
}

/// To a contact whose login was disabled or enabled again.
pub fn login_changed(
    lang: Lang,
    to: &str,
    first_name: &str,
    company: &str,
    enabled: bool,
    log_in: String,
) -> Email {
    let args = [
        ("company", company.to_owned()),
        ("portal", portal_name(lang, Portal::Csm)),
    ];
    let (subject, paragraph, button) = if enabled {
        (
            "email-login-enabled-subject",
            Message::key_with("email-login-enabled-body", &args),
            Some(("email-button-log-in", log_in)),
        )
    } else {
        (
            "email-login-disabled-subject",
            Message::key_with("email-login-disabled-body", &args),
            None,
        )
    };
    notice(Notice {
        lang,
        portal: Portal::Csm,
        to,
        first_name,
        subject: Message::from(subject),
        paragraphs: vec![paragraph],
        button,
    })
}

/// A password reset link (works once, for an hour).
pub fn password_reset(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    link: String,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::key_with(
            "email-reset-subject",
            &[("portal", portal_name(lang, portal))],
        ),
        paragraphs: vec![
            Message::from("email-reset-body"),
            Message::from("email-reset-ignore"),
        ],
        button: Some(("email-reset-button", link)),
    })
}

/// After the password changed (by a reset or on the profile page).
pub fn password_changed(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    reset: String,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::from("email-password-changed-subject"),
        paragraphs: vec![
            Message::from("email-password-changed-body"),
            Message::from("email-password-changed-not-you"),
        ],
        button: Some(("email-password-changed-button", reset)),
    })
}

/// To the new address of an email change: the link that makes the change.
pub fn email_change_link(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    link: String,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::key_with(
            "email-change-link-subject",
            &[("portal", portal_name(lang, portal))],
        ),
        paragraphs: vec![
            Message::from("email-change-link-body"),
            Message::from("email-change-link-ignore"),
        ],
        button: Some(("email-change-link-button", link)),
    })
}

/// To the old address of an email change: a notice that it was asked for.
pub fn email_change_notice(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    new_address: &str,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::from("email-change-notice-subject"),
        paragraphs: vec![
            Message::key_with(
                "email-change-notice-body",
                &[("address", new_address.to_owned())],
            ),
            Message::from("email-change-notice-not-you"),
        ],
        button: None,
    })
}

/// What changed in the security of an account, told to its owner: a factor added or
/// removed, recovery codes made or used, factors reset by an administrator. `what` is an
/// `email-security-*` message.
pub fn security_notice(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    what: Message,
    security_page: String,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::from("email-security-subject"),
        paragraphs: vec![what, Message::from("email-security-not-you")],
        button: Some(("email-security-button", security_page)),
    })
}

/// To a person who asked to delete their account: when, and how to change their mind.
pub fn deletion_scheduled(
    lang: Lang,
    portal: Portal,
    to: &str,
    first_name: &str,
    on: DateTime<Utc>,
    log_in: String,
) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::from("email-deletion-subject"),
        paragraphs: vec![
            Message::key_with(
                "email-deletion-body",
                &[
                    ("portal", portal_name(lang, portal)),
                    ("date", format_date_time(lang, on)),
                ],
            ),
            Message::from("email-deletion-keep"),
        ],
        button: Some(("email-deletion-button", log_in)),
    })
}

/// To a person who logged in while their account's deletion was scheduled.
pub fn deletion_cancelled(lang: Lang, portal: Portal, to: &str, first_name: &str) -> Email {
    notice(Notice {
        lang,
        portal,
        to,
        first_name,
        subject: Message::from("email-deletion-cancelled-subject"),
        paragraphs: vec![Message::key_with(
            "email-deletion-cancelled-body",
            &[("portal", portal_name(lang, portal))],
        )],
        button: None,
    })
}

#[cfg(test)]
mod tests;
