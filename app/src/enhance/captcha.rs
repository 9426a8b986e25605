//! The Security Code in the browser: the question the server renders for browsers
//! without JavaScript gives way to the Verify button, which runs the proof-of-work solver
//! in WASM only when pressed. The challenge lives in the markup's data attributes; a
//! rejected registration comes with a new one, written there, to be solved afresh.
use crate::captcha::CaptchaChallenge;

/// Replaces the page's challenge with a new one (after a rejected registration).
pub fn replace(challenge: &CaptchaChallenge) {
    #[cfg(feature = "hydrate")]
    browser::replace(challenge);
    #[cfg(not(feature = "hydrate"))]
    let _ = challenge;
}

#[cfg(feature = "hydrate")]
pub(super) use browser::attach;

#[cfg(feature = "hydrate")]
mod browser {
    use std::rc::Rc;
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlInputElement};

    use crate::captcha::{solve, CaptchaChallenge};
    use crate::enhance::browser::listen;

    fn part<T: JsCast>(root: &Element, name: &str) -> Option<T> {
        root.query_selector(&format!("[data-captcha-{name}]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<T>().ok())
    }

    /// Swaps the question for the Verify button and wires it; `on_solved` runs once the
    /// check is solved (its error, if shown, goes).
    pub fn attach(root: &HtmlElement, on_solved: impl Fn() + 'static) {
        let (Some(question), Some(verify), Some(button)) = (
            part::<HtmlElement>(root, "question"),
            part::<HtmlElement>(root, "verify"),
            part::<HtmlElement>(root, "button"),
        ) else {
            return;
        };
        // With JavaScript the proof of work replaces the question (and its answer field,
        // which would otherwise be sent too).
        question.remove();
        verify.set_hidden(false);
        let on_solved = Rc::new(on_solved);
        let target: web_sys::EventTarget = button.clone().into();
        listen(&target, "click", move |_| {
            let (Some(status), Some(solution)) = (
                part::<HtmlElement>(&verify, "status"),
                part::<HtmlInputElement>(&verify, "solution"),
            ) else {
                return;
            };
            let _ = button.set_attribute("disabled", "");
            status.set_text_content(Some(&crate::i18n::t("island-captcha-verifying")));
            let challenge = challenge_of(&verify);
            let (button, on_solved) = (button.clone(), on_solved.clone());
            // Let the browser paint "Verifying…" before the solver takes the thread.
            set_timeout(
                move || match solve(&challenge) {
                    Some(number) => {
                        solution.set_value(&number.to_string());
                        status.set_text_content(Some(&crate::i18n::t("island-captcha-verified")));
                        on_solved();
                    }
                    None => {
                        let _ = button.remove_attribute("disabled");
                        status.set_text_content(Some(&crate::i18n::t("island-captcha-failed")));
                    }
                },
                Duration::from_millis(16),
            );
        });
    }

    /// The challenge the markup carries.
    fn challenge_of(verify: &Element) -> CaptchaChallenge {
        CaptchaChallenge {
            salt: verify.get_attribute("data-salt").unwrap_or_default(),
            challenge: verify.get_attribute("data-challenge").unwrap_or_default(),
            max_number: verify
                .get_attribute("data-max")
                .and_then(|m| m.parse().ok())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    pub fn replace(challenge: &CaptchaChallenge) {
        let document = document();
        let Some(root) = document.body() else { return };
        let (Some(verify), Some(token)) = (
            part::<HtmlElement>(&root, "verify"),
            part::<HtmlInputElement>(&root, "token"),
        ) else {
            return;
        };
        token.set_value(&challenge.token);
        let _ = verify.set_attribute("data-salt", &challenge.salt);
        let _ = verify.set_attribute("data-challenge", &challenge.challenge);
        let _ = verify.set_attribute("data-max", &challenge.max_number.to_string());
        if let Some(solution) = part::<HtmlInputElement>(&verify, "solution") {
            solution.set_value("");
        }
        if let Some(status) = part::<HtmlElement>(&verify, "status") {
            status.set_text_content(None);
        }
        if let Some(button) = part::<HtmlElement>(&verify, "button") {
            let _ = button.remove_attribute("disabled");
        }
    }
}
