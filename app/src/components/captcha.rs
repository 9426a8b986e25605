//! The Security Code box and its CAPTCHA, as the server renders it. Without JavaScript,
//! ticking the box reveals a question (through CSS alone). With it, the registration
//! form's island removes the question and ticking the box is the whole check: the
//! proof-of-work solver starts at once and its progress is said in the status beside the
//! label (`crate::enhance::captcha`).
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
    let described = match error {
        true => format!("{id}-hint {id}-error"),
        false => format!("{id}-hint"),
    };
    // The error, like every field's, has a line of its own above the control (the
    // message slot takes the row's whole width, `style/forms.css`).
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
                aria-describedby=described
                data-hint=""
                data-captcha-toggle=""
            />
            <label class="checkbox__label" for=id>
                {t("captcha-label")}
            </label>
            // Empty until the browser's solver works: a polite live region, present
            // from the start so that screen readers announce what is written into it.
            <span class="captcha__status" role="status" aria-live="polite" data-captcha-status=""></span>
            <p class="field__hint captcha__hint" id=format!("{id}-hint")>
                {t("captcha-hint")}
            </p>
            <input type="hidden" name="form[captcha_token]" value=challenge.token data-captcha-token="" />
            <input
                type="hidden"
                name="form[captcha_solution]"
                value=""
                data-captcha-solution=""
                data-salt=challenge.salt
                data-challenge=challenge.challenge
                data-max=challenge.max_number.to_string()
            />
            <div class="captcha__box" id="captcha-box" data-captcha-question="">
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
        </div>
    }
}
