//! The emails' words, as plain text and HTML (maud), in the portal's name and colours.
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::Email;
use app::portal::Portal;

/// The portal's brand colour, as in style/portals.css.
fn accent(portal: Portal) -> &'static str {
    match portal {
        Portal::Csm => "#1d3f72",
        Portal::Csp => "#0b6e69",
    }
}

fn layout(portal: Portal, title: &str, body: Markup) -> String {
    let accent = accent(portal);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
            }
            body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;" {
                table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0;" {
                    tr { td align="center" {
                        table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;overflow:hidden;" {
                            tr { td style=(format!("background:{accent};color:#ffffff;padding:20px 28px;font-size:18px;font-weight:bold;")) { (portal.name()) } }
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

/// The email that proves an address: a greeting by first name and the verification link.
pub fn verification(portal: Portal, to: &str, first_name: &str, link: &str) -> Email {
    let subject = format!("Verify your email address for the {}", portal.name());
    let text = format!(
        "Hello {first_name},\n\n\
         Thank you for registering for the {portal}.\n\n\
         To verify your email address, open this link and select \"Verify email address\":\n\n\
         {link}\n\n\
         The link expires in 24 hours and works once.\n\n\
         If you did not register, ignore this email: no account is activated without the link.\n",
        portal = portal.name(),
    );
    let html = layout(
        portal,
        &subject,
        html! {
            p { "Hello " (first_name) "," }
            p { "Thank you for registering for the " (portal.name()) "." }
            p { "To verify your email address, open this link and select " strong { "Verify email address" } ":" }
            (button(portal, link, "Verify your email address"))
            p style="font-size:14px;color:#4a5360;" { "Or copy this link into your browser:" br; a href=(link) style="color:#1b1f24;word-break:break-all;" { (link) } }
            p style="font-size:14px;color:#4a5360;" { "The link expires in 24 hours and works once. If you did not register, ignore this email" (PreEscaped("&nbsp;")) "— no account is activated without the link." }
        },
    );
    Email {
        to: to.to_owned(),
        subject,
        text,
        html,
    }
}

/// A short message: a greeting, paragraphs, and an optional button with its link.
pub struct Notice<'a> {
    pub portal: Portal,
    pub to: &'a str,
    pub first_name: &'a str,
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub button: Option<(&'a str, String)>,
}

pub fn notice(notice: Notice<'_>) -> Email {
    let mut text = format!("Hello {},\n\n", notice.first_name);
    for paragraph in &notice.paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    if let Some((label, link)) = &notice.button {
        text.push_str(&format!("{label}: {link}\n"));
    }
    let html = layout(
        notice.portal,
        &notice.subject,
        html! {
            p { "Hello " (notice.first_name) "," }
            @for paragraph in &notice.paragraphs { p { (paragraph) } }
            @if let Some((label, link)) = &notice.button { (button(notice.portal, link, label)) }
        },
    );
    Email {
        to: notice.to.to_owned(),
        subject: notice.subject,
        text,
        html,
    }
}

/// To a business contact whose request is approved (by a person or automatically).
pub fn contact_approved(to: &str, first_name: &str, company: &str, log_in: String) -> Email {
    notice(Notice {
        portal: Portal::Csm,
        to,
        first_name,
        subject: "Your registration is approved".into(),
        paragraphs: vec![format!(
            "Your registration for {company} in the {} is approved. You can log in now.",
            Portal::Csm.name()
        )],
        button: Some(("Log in", log_in)),
    })
}

/// To a business contact whose verified request waits for a decision.
pub fn request_pending(to: &str, first_name: &str) -> Email {
    notice(Notice {
        portal: Portal::Csm,
        to,
        first_name,
        subject: "Your registration is pending review".into(),
        paragraphs: vec![
            "Thank you for verifying your email address.".into(),
            "Your request has been submitted and is pending review. You receive an email when your request is processed.".into(),
        ],
        button: None,
    })
}

/// To each customer administrator of a company when a request for it needs a decision.
pub fn approval_needed(
    to: &str,
    first_name: &str,
    contact: &str,
    company: &str,
    approvals: String,
) -> Email {
    notice(Notice {
        portal: Portal::Csm,
        to,
        first_name,
        subject: format!("A registration for {company} needs your decision"),
        paragraphs: vec![format!(
            "{contact} asked to join {company} in the {}. Approve or reject the request on the approvals page.",
            Portal::Csm.name()
        )],
        button: Some(("Review the request", approvals)),
    })
}

/// To a business contact whose request was rejected.
pub fn request_rejected(to: &str, first_name: &str, reason: Option<&str>) -> Email {
    let mut paragraphs = vec![format!(
        "Your registration for the {} was not approved.",
        Portal::Csm.name()
    )];
    if let Some(reason) = reason {
        paragraphs.push(format!("The reason given: {reason}"));
    }
    paragraphs.push(
        "If you think this is a mistake, contact your company's customer administrator.".into(),
    );
    notice(Notice {
        portal: Portal::Csm,
        to,
        first_name,
        subject: "Your registration was not approved".into(),
        paragraphs,
        button: None,
    })
}

/// To a contact whose login was disabled or enabled again.
pub fn login_changed(
    to: &str,
    first_name: &str,
    company: &str,
    enabled: bool,
    log_in: String,
) -> Email {
    let (subject, paragraph, button) = if enabled {
        (
            "Your login is enabled again",
            format!(
                "Your login for {company} in the {} is enabled again.",
                Portal::Csm.name()
            ),
            Some(("Log in", log_in)),
        )
    } else {
        (
            "Your login was disabled",
            format!(
                "Your login for {company} in the {} was disabled by your company. If you think this is a mistake, contact your company's customer administrator.",
                Portal::Csm.name()
            ),
            None,
        )
    };
    notice(Notice {
        portal: Portal::Csm,
        to,
        first_name,
        subject: subject.into(),
        paragraphs: vec![paragraph],
        button,
    })
}

/// A password reset link (works once, for an hour).
pub fn password_reset(portal: Portal, to: &str, first_name: &str, link: String) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: format!("Reset your password for the {}", portal.name()),
        paragraphs: vec![
            "Someone asked to reset the password of your account. If it was you, open this link and choose a new password. The link works once and expires in 1 hour.".into(),
            "If it was not you, ignore this email: your password stays as it is.".into(),
        ],
        button: Some(("Choose a new password", link)),
    })
}

/// After the password changed (by a reset or on the profile page).
pub fn password_changed(portal: Portal, to: &str, first_name: &str, reset: String) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: "Your password was changed".into(),
        paragraphs: vec![
            "The password of your account was just changed, and every other session was logged out.".into(),
            "If you did not do this, reset your password now.".into(),
        ],
        button: Some(("Reset your password", reset)),
    })
}

/// To the new address of an email change: the link that makes the change.
pub fn email_change_link(portal: Portal, to: &str, first_name: &str, link: String) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: format!("Confirm your new email address for the {}", portal.name()),
        paragraphs: vec![
            "You asked to use this address for your account. Open this link to confirm it: the change takes effect only then. The link works once and expires in 24 hours.".into(),
            "If you did not ask for this, ignore this email.".into(),
        ],
        button: Some(("Confirm this address", link)),
    })
}

/// To the old address of an email change: a notice that it was asked for.
pub fn email_change_notice(portal: Portal, to: &str, first_name: &str, new_address: &str) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: "A change of your email address was requested".into(),
        paragraphs: vec![
            format!("Someone logged in to your account asked to change its email address to {new_address}. The change takes effect only when the link sent to that address is used."),
            "If this was not you, log in and change your password now.".into(),
        ],
        button: None,
    })
}

/// What changed in the security of an account, told to its owner: a factor added or
/// removed, recovery codes made or used, factors reset by an administrator.
pub fn security_notice(
    portal: Portal,
    to: &str,
    first_name: &str,
    what: &str,
    security_page: String,
) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: "A change to how you log in".into(),
        paragraphs: vec![
            what.to_owned(),
            "If this was not you, reset your password now and review your second factors.".into(),
        ],
        button: Some(("Review your security settings", security_page)),
    })
}

/// To a person invited into a company: the link to accept, and who sent it.
pub fn invitation(
    to: &str,
    first_name: &str,
    company: &str,
    inviter: &str,
    customer_admin: bool,
    link: String,
) -> Email {
    let role = if customer_admin {
        " as a customer administrator (you will approve your colleagues' registrations and manage the company's contacts)"
    } else {
        ""
    };
    notice(Notice {
        portal: Portal::Csm,
        to,
        first_name,
        subject: format!("{inviter} invited you to {company}"),
        paragraphs: vec![
            format!(
                "{inviter} invited you to join {company} in the {}{role}.",
                Portal::Csm.name()
            ),
            "Open the link, choose a password and agree to our terms: you are logged in at once. The link works for 7 days. If you were not expecting this, ignore this email.".into(),
        ],
        button: Some(("Accept the invitation", link)),
    })
}

/// To a person who asked to delete their account: when, and how to change their mind.
pub fn deletion_scheduled(
    portal: Portal,
    to: &str,
    first_name: &str,
    on: &str,
    log_in: String,
) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: "Your account will be deleted".into(),
        paragraphs: vec![
            format!(
                "You asked us to delete your account in the {}. We will delete it, and everything we hold about you, on {on}.",
                portal.name()
            ),
            "Changed your mind? Log in before then and your account stays as it is.".into(),
        ],
        button: Some(("Log in to keep your account", log_in)),
    })
}

/// To a person who logged in while their account's deletion was scheduled.
pub fn deletion_cancelled(portal: Portal, to: &str, first_name: &str) -> Email {
    notice(Notice {
        portal,
        to,
        first_name,
        subject: "Your account will not be deleted".into(),
        paragraphs: vec![format!(
            "You logged in to the {}, so we cancelled the deletion of your account. If you still want to leave, delete it again from your profile.",
            portal.name()
        )],
        button: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verification_email_greets_by_name_and_carries_the_link_in_both_forms() {
        let link = "http://127.0.0.1:3000/csp/verify?token=abc";
        let email = verification(Portal::Csp, "ada@example.com", "Ada", link);
        assert_eq!(email.to, "ada@example.com");
        assert!(email.subject.contains("Consumer Service Portal"));
        assert!(email.text.contains("Hello Ada,") && email.text.contains(link));
        assert!(email.html.contains("Hello Ada,") && email.html.contains(link));
        assert!(email.html.contains(accent(Portal::Csp)));
    }

    #[test]
    fn names_are_escaped_in_html() {
        let email = verification(Portal::Csp, "a@b.co", "<script>", "http://x/");
        assert!(!email.html.contains("<script>"));
    }

    #[test]
    fn a_rejection_carries_its_reason_escaped() {
        let email = request_rejected("a@b.co", "Ada", Some("<b>not staff</b>"));
        assert!(email.text.contains("The reason given: <b>not staff</b>"));
        assert!(!email.html.contains("<b>not staff</b>"));
        assert!(email.html.contains("&lt;b&gt;not staff&lt;/b&gt;"));
    }
}
