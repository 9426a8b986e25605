//! The emails about companies: a business contact's request (pending, approved, rejected),
//! the decision it waits for, and an invitation into a company.
use app::forms::Message;
use app::i18n::Lang;
use app::portal::Portal;

use super::{notice, portal_name, Notice};
use crate::mail::Email;

/// To a business contact whose request is approved (by a person or automatically).
pub fn contact_approved(
    lang: Lang,
    to: &str,
    first_name: &str,
    company: &str,
    log_in: String,
) -> Email {
    notice(Notice {
        lang,
        portal: Portal::Csm,
        to,
        first_name,
        subject: Message::from("email-approved-subject"),
        paragraphs: vec![Message::key_with(
            "email-approved-body",
            &[
                ("company", company.to_owned()),
                ("portal", portal_name(lang, Portal::Csm)),
            ],
        )],
        button: Some(("email-button-log-in", log_in)),
    })
}

/// To a business contact whose verified request waits for a decision.
pub fn request_pending(lang: Lang, to: &str, first_name: &str) -> Email {
    notice(Notice {
        lang,
        portal: Portal::Csm,
        to,
        first_name,
        subject: Message::from("email-pending-subject"),
        paragraphs: vec![
            Message::from("email-pending-thanks"),
            Message::from("email-pending-body"),
        ],
        button: None,
    })
}

/// To each customer administrator of a company when a request for it needs a decision.
pub fn approval_needed(
    lang: Lang,
    to: &str,
    first_name: &str,
    contact: &str,
    company: &str,
    approvals: String,
) -> Email {
    notice(Notice {
        lang,
        portal: Portal::Csm,
        to,
        first_name,
        subject: Message::key_with(
            "email-approval-needed-subject",
            &[("company", company.to_owned())],
        ),
        paragraphs: vec![Message::key_with(
            "email-approval-needed-body",
            &[
                ("contact", contact.to_owned()),
                ("company", company.to_owned()),
                ("portal", portal_name(lang, Portal::Csm)),
            ],
        )],
        button: Some(("email-approval-needed-button", approvals)),
    })
}

/// To a business contact whose request was rejected.
pub fn request_rejected(lang: Lang, to: &str, first_name: &str, reason: Option<&str>) -> Email {
    let mut paragraphs = vec![Message::key_with(
        "email-rejected-body",
        &[("portal", portal_name(lang, Portal::Csm))],
    )];
    if let Some(reason) = reason {
        paragraphs.push(Message::key_with(
            "email-rejected-reason",
            &[("reason", reason.to_owned())],
        ));
    }
    paragraphs.push(Message::from("email-rejected-mistake"));
    notice(Notice {
        lang,
        portal: Portal::Csm,
        to,
        first_name,
        subject: Message::from("email-rejected-subject"),
        paragraphs,
        button: None,
    })
}

/// To a person invited into a company: the link to accept, and who sent it.
pub fn invitation(
    lang: Lang,
    to: &str,
    first_name: &str,
    company: &str,
    inviter: &str,
    customer_admin: bool,
    link: String,
) -> Email {
    let args = [
        ("inviter", inviter.to_owned()),
        ("company", company.to_owned()),
        ("portal", portal_name(lang, Portal::Csm)),
    ];
    let invited = if customer_admin {
        "email-invitation-body-admin"
    } else {
        "email-invitation-body"
    };
    notice(Notice {
        lang,
        portal: Portal::Csm,
        to,
        first_name,
        subject: Message::key_with("email-invitation-subject", &args),
        paragraphs: vec![
            Message::key_with(invited, &args),
            Message::from("email-invitation-how"),
        ],
        button: Some(("email-invitation-button", link)),
    })
}
