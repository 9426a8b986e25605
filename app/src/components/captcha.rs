//! The Security Code box and its CAPTCHA. With JavaScript, Verify runs the proof-of-work
//! solver in the browser (WASM); without it, a server-rendered question takes its place.
//! Ticking the box reveals the check through CSS alone, so it works either way.
use std::time::Duration;

use leptos::prelude::*;

use super::fields::{input_name, FormErrors};
use crate::captcha::{solve, CaptchaChallenge};
use crate::forms::{Field, FieldErrors};

#[derive(Clone, Debug, PartialEq)]
enum PowState {
    Unverified,
    Verifying,
    Verified(u64),
    Failed,
}

#[component]
pub fn Captcha(challenge: Signal<CaptchaChallenge>) -> impl IntoView {
    let errors = use_context::<FormErrors>().unwrap_or_else(|| FormErrors::new(FieldErrors::new()));
    let error = Signal::derive(move || {
        errors
            .shown
            .with(|e| e.get(Field::Captcha).map(|e| e.message.clone()))
    });

    // Effects run only in the browser: once one has run, JavaScript is there.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let state = RwSignal::new(PowState::Unverified);
    // A new challenge (after a rejected submission) must be solved afresh.
    Effect::new(move |_| {
        challenge.track();
        state.set(PowState::Unverified);
    });

    let verify = move |_| {
        state.set(PowState::Verifying);
        // Let the browser paint "Verifying…" before the solver takes the thread.
        set_timeout(
            move || {
                let found = challenge.with_untracked(solve);
                state.set(found.map_or(PowState::Failed, PowState::Verified));
                errors
                    .shown
                    .update(|e| e.replace_field(Field::Captcha, &FieldErrors::new()));
            },
            Duration::from_millis(16),
        );
    };

    let id = Field::Captcha.id();
    view! {
        <div class="field captcha" class:field--error=move || error.with(Option::is_some)>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error" id="security_code-error">
                                <span class="visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        }
                    })
            }}
            <input
                class="checkbox__input captcha__toggle"
                type="checkbox"
                id=id
                name=input_name(Field::Captcha)
                value="on"
                aria-controls="captcha-box"
            />
            <label class="checkbox__label" for=id>
                "Security Code"
            </label>
            <div class="captcha__box" id="captcha-box">
                <input
                    type="hidden"
                    name="form[captcha_token]"
                    value=move || challenge.with(|c| c.token.clone())
                />
                {move || {
                    if hydrated.get() {
                        view! {
                            <p class="field__hint">
                                "Select Verify and your browser proves it is not a robot."
                            </p>
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=verify
                                disabled=move || {
                                    matches!(state.get(), PowState::Verifying | PowState::Verified(_))
                                }
                            >
                                "Verify"
                            </button>
                            <span class="captcha__status" role="status">
                                {move || match state.get() {
                                    PowState::Unverified => "",
                                    PowState::Verifying => "Verifying…",
                                    PowState::Verified(_) => "✓ Verified",
                                    PowState::Failed => "The check failed. Reload the page and try again.",
                                }}
                            </span>
                            <input
                                type="hidden"
                                name="form[captcha_solution]"
                                value=move || match state.get() {
                                    PowState::Verified(n) => n.to_string(),
                                    _ => String::new(),
                                }
                            />
                        }
                            .into_any()
                    } else {
                        view! {
                            <label class="field__label" for="captcha_answer">
                                {move || challenge.with(|c| c.question.clone())}
                            </label>
                            <p class="field__hint" id="captcha_answer-hint">
                                "Type the answer in digits, for example 7."
                            </p>
                            <input
                                class="field__input field__input--short"
                                id="captcha_answer"
                                name="form[captcha_answer]"
                                inputmode="numeric"
                                autocomplete="off"
                                aria-describedby="captcha_answer-hint"
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
        </div>
    }
}
