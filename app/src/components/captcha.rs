//! The Security Code box and its CAPTCHA, as the server renders it. Ticking the box
//! reveals the check through CSS alone. Without JavaScript the check is a question; with
//! it, the registration form's island swaps the question for the Verify button, whose
//! proof-of-work solver runs in WASM (`crate::enhance::captcha`).
use leptos::prelude::*;

use super::fields::{form_errors, input_name, FieldMessage};
use crate::captcha::CaptchaChallenge;
use crate::forms::Field;
use crate::i18n::t;

#[component]
pub fn Captcha(challenge: CaptchaChallenge) -> impl IntoView {
    let error = form_errors()
        .shown
        .with_untracked(|e| e.get(Field::Captcha).is_some());
    let id = Field::Captcha.id();
    view! {
        <div class="field captcha" class:field--error=error>
            <FieldMessage field=Field::Captcha portal=None />
            <input
                class="checkbox__input captcha__toggle"
                type="checkbox"
                id=id
                name=input_name(Field::Captcha)
                value="on"
                aria-controls="captcha-box"
            />
            <label class="checkbox__label" for=id>
                {t("captcha-label")}
            </label>
            <div class="captcha__box" id="captcha-box">
                <input type="hidden" name="form[captcha_token]" value=challenge.token data-captcha-token="" />
                <div data-captcha-question="">
                    <label class="field__label" for="captcha_answer">
                        {challenge.question}
                    </label>
                    <p class="field__hint" id="captcha_answer-hint">
                        {t("captcha-answer-hint")}
                    </p>
                    <input
                        class="field__input field__input--short"
                        id="captcha_answer"
                        name="form[captcha_answer]"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-describedby="captcha_answer-hint"
                    />
                </div>
                <div
                    data-captcha-verify=""
                    data-salt=challenge.salt
                    data-challenge=challenge.challenge
                    data-max=challenge.max_number.to_string()
                    hidden
                >
                    <p class="field__hint">{t("captcha-verify-hint")}</p>
                    <button type="button" class="button button--secondary" data-captcha-button="">
                        {t("captcha-verify")}
                    </button>
                    <span class="captcha__status" role="status" data-captcha-status=""></span>
                    <input type="hidden" name="form[captcha_solution]" value="" data-captcha-solution="" />
                </div>
            </div>
        </div>
    }
}
