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
}
