//! Pages that are the same for every visitor who is not logged in, but for two values
//! each response must have its own: the CSP nonce of its scripts, and the Security Code's
//! challenge. The server renders such a page once as a *template* (with the placeholders
//! below in place of those values) and then fills in fresh values for every response
//! (`server/src/http/page_cache.rs`), instead of running the whole render each time.
//! Rendering was nearly all of a register page's cost; see DEVELOPERS.md.
use crate::portal::Portal;

/// Put into a request's extensions by the server: render this page as a template.
#[derive(Clone, Copy, Debug)]
pub struct TemplateRender;

/// Where each response's own nonce goes.
pub const NONCE: &str = "PorticoTemplateNonce";
/// Where each response's own Security Code challenge goes, field by field.
pub const CAPTCHA_TOKEN: &str = "PorticoTemplateCaptchaToken";
pub const CAPTCHA_QUESTION: &str = "PorticoTemplateCaptchaQuestion";
pub const CAPTCHA_SALT: &str = "PorticoTemplateCaptchaSalt";
pub const CAPTCHA_CHALLENGE: &str = "PorticoTemplateCaptchaChallenge";
/// The challenge's difficulty is a number, so its placeholder is one nothing else prints.
pub const CAPTCHA_MAX_NUMBER: u64 = 9_876_543_210_123_456_789;

/// The pages of each portal that show the same thing to every visitor who is not logged
/// in, when asked for without a query.
const SAME_FOR_EVERY_VISITOR_IN_A_PORTAL: [&str; 8] = [
    "/register",
    "/log-in",
    "/login",
    "/reset",
    "/resend",
    "/privacy",
    "/terms",
    "",
];

/// Whether the page at `path` is the same for every visitor who has no session, apart
/// from its nonce and its Security Code. Only pages that read nothing but their path (no
/// query, no database, no session) may be listed: the server keeps one copy of each.
pub fn is_same_for_every_visitor(path: &str) -> bool {
    path == "/"
        || Portal::ALL.into_iter().any(|portal| {
            SAME_FOR_EVERY_VISITOR_IN_A_PORTAL
                .iter()
                .any(|page| path == portal.path(page))
        })
}

/// Whether the page being rendered is a template (only on the server).
pub fn rendering_template() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.extensions.get::<TemplateRender>().is_some())
    }
    #[cfg(not(feature = "ssr"))]
    false
}

/// The challenge a template carries: every field a placeholder.
pub fn placeholder_challenge() -> crate::captcha::CaptchaChallenge {
    crate::captcha::CaptchaChallenge {
        token: CAPTCHA_TOKEN.into(),
        question: CAPTCHA_QUESTION.into(),
        salt: CAPTCHA_SALT.into(),
        challenge: CAPTCHA_CHALLENGE.into(),
        max_number: CAPTCHA_MAX_NUMBER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_that_read_a_session_or_a_token_are_not_templates() {
        assert!(is_same_for_every_visitor("/csp/register"));
        assert!(is_same_for_every_visitor("/csm"));
        assert!(is_same_for_every_visitor("/"));
        for path in [
            "/csp/profile",
            "/csp/verify",
            "/csm/approvals",
            "/admin",
            "/csp/reset/new",
        ] {
            assert!(!is_same_for_every_visitor(path), "{path}");
        }
    }

    #[test]
    fn no_placeholder_contains_another() {
        let all = [
            NONCE,
            CAPTCHA_TOKEN,
            CAPTCHA_QUESTION,
            CAPTCHA_SALT,
            CAPTCHA_CHALLENGE,
            &CAPTCHA_MAX_NUMBER.to_string(),
        ];
        for (i, a) in all.iter().enumerate() {
            for (j, b) in all.iter().enumerate() {
                assert!(i == j || !a.contains(b), "{a} contains {b}");
            }
        }
    }
}
