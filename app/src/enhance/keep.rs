//! Switching language reloads the page in the other language (the switcher is a plain
//! post), which would empty a half-filled form. With JavaScript, what the person typed
//! into the page's forms is kept across that reload in the tab's `sessionStorage` (never
//! in a URL), passwords and hidden fields excepted, and put back once. Without
//! JavaScript the switch shows the forms empty again.
use leptos::prelude::{document, window};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement};

use super::browser::elements;

const KEY: &str = "portico-kept-fields";

thread_local! {
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the page's fields whenever a language switcher is submitted. One listener for
/// the module's life, on the window while capturing: the shell's own capturing listener
/// on the document stops a `data-reload` form's submit from reaching the form itself.
pub(super) fn keep_on_switch() {
    if LISTENING.with(|listening| listening.replace(true)) {
        return;
    }
    let on_submit = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        let is_switch = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|form| form.get_attribute("action"))
            .is_some_and(|action| action == crate::i18n::SWITCH_PATH);
        if is_switch {
            save();
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "submit",
        on_submit.as_ref().unchecked_ref(),
        true,
    );
    on_submit.forget();
}

/// What may be kept: what the person typed or ticked, never a password, nor what the
/// page set (hidden fields: tokens, the Security Code's challenge).
fn keepable_inputs() -> Vec<HtmlInputElement> {
    let Some(body) = document().body() else {
        return Vec::new();
    };
    elements(&body, "[data-form] input")
        .into_iter()
        .filter_map(|element| element.dyn_into::<HtmlInputElement>().ok())
        .filter(|input| {
            let name = input.name();
            // The Security Code is solved afresh for each page's challenge.
            !name.is_empty()
                && !name.contains("captcha")
                && !name.contains("security_code")
                && !matches!(
                    input.type_().as_str(),
                    "password" | "hidden" | "submit" | "button" | "file"
                )
        })
        .collect()
}

fn is_choice(input: &HtmlInputElement) -> bool {
    matches!(input.type_().as_str(), "checkbox" | "radio")
}

/// The page's path, then one `name=value` a line (both URI-encoded).
fn save() {
    let mut kept = path();
    for input in keepable_inputs() {
        let value = input.value();
        if value.is_empty() || (is_choice(&input) && !input.checked()) {
            continue;
        }
        kept.push('\n');
        kept.push_str(&String::from(js_sys::encode_uri_component(&input.name())));
        kept.push('=');
        kept.push_str(&String::from(js_sys::encode_uri_component(&value)));
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, &kept);
    }
}

/// Puts back what was kept for this page, once.
pub(super) fn restore() {
    let Some(storage) = storage() else {
        return;
    };
    let Ok(Some(kept)) = storage.get_item(KEY) else {
        return;
    };
    let _ = storage.remove_item(KEY);
    let mut lines = kept.lines();
    if lines.next() != Some(path().as_str()) {
        return;
    }
    let values: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once('='))
        .filter_map(|(name, value)| Some((decode(name)?, decode(value)?)))
        .collect();
    for input in keepable_inputs() {
        let name = input.name();
        let mut kept = values.iter().filter(|(n, _)| *n == name).map(|(_, v)| v);
        if is_choice(&input) {
            let value = input.value();
            input.set_checked(kept.any(|v| *v == value));
        } else if let Some(value) = kept.next() {
            input.set_value(value);
        }
    }
}

fn path() -> String {
    window().location().pathname().unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn decode(encoded: &str) -> Option<String> {
    js_sys::decode_uri_component(encoded)
        .ok()
        .and_then(|s| s.as_string())
}
