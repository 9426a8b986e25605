//! The browser half of a form's island: reading the form, checking it as fields are left
//! and on submit, posting it to its server function, and drawing what comes back into
//! the server's markup. Not generic: every form shares this code.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlFormElement};

use super::dom::{elements, listen};
use super::navigation::go_to;
use super::pointer::PointerWatch;
use super::{Behaviour, FormKind, Reaction};
use crate::components::fields::{done_notice, error_summary, field_message};
use crate::data_attributes as attribute;
use crate::forms::{Field, FieldErrors};
use crate::portal::Portal;

/// A form in the browser: its elements, what it shows, and how it behaves.
struct EnhancedForm {
    root: HtmlElement,
    form: HtmlFormElement,
    portal: Option<Portal>,
    behaviour: Behaviour,
    errors: RefCell<FieldErrors>,
    /// The summary shows once the person has tried to submit.
    submitted: Cell<bool>,
    done: RefCell<Option<String>>,
    sending: Cell<bool>,
}

/// Attaches every form described in the page that has no behaviour yet.
pub(super) fn attach_all() {
    let Some(body) = document().body() else {
        return;
    };
    for described in elements(&body, "[data-form]:not([data-enhanced])") {
        attach(described);
    }
}

fn attach(described: HtmlElement) {
    let (Some(kind), Some(form)) = (
        described
            .get_attribute(attribute::FORM)
            .and_then(|id| FormKind::of_id(&id)),
        elements(&described, "form")
            .into_iter()
            .next()
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok()),
    ) else {
        return;
    };
    if let Some(messages) = described.get_attribute(attribute::MESSAGES) {
        crate::i18n::learn_messages(&messages);
    }
    let portal = described
        .get_attribute(attribute::PORTAL)
        .and_then(|segment| Portal::ALL.into_iter().find(|p| p.segment() == segment));
    let errors = described
        .get_attribute(attribute::ERRORS)
        .map(|encoded| super::decode_errors(&encoded))
        .unwrap_or_default();
    let enhanced = Rc::new(EnhancedForm {
        submitted: Cell::new(!errors.is_empty()),
        errors: RefCell::new(errors),
        // A message the server rendered for a plain post (sent before this island took
        // over) stays: it is read back from the markup.
        done: RefCell::new(
            described
                .query_selector("[data-notice] .lead")
                .ok()
                .flatten()
                .and_then(|notice| notice.text_content())
                .filter(|text| !text.is_empty()),
        ),
        sending: Cell::new(false),
        behaviour: kind.behaviour(portal.unwrap_or(Portal::Csp)),
        root: described,
        form,
        portal,
    });
    if !elements(&enhanced.root, "[data-captcha-toggle]").is_empty() {
        let on_solved = enhanced.clone();
        super::captcha::attach(&enhanced.root, move || on_solved.clear(Field::Captcha));
    }

    let pointer = PointerWatch::start();
    let on_leave = enhanced.clone();
    listen(&enhanced.root, "focusout", move |event: Event| {
        let Some(field) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|element| element.get_attribute("name"))
            .and_then(|name| field_of(&name))
        else {
            return;
        };
        // The Security Code being solved is not incomplete: its solver says when done.
        if field == Field::Captcha && super::captcha::is_solving(&on_leave.root) {
            return;
        }
        let form = on_leave.clone();
        pointer.when_released(move || form.recheck(field));
    });
    let on_submit = enhanced.clone();
    listen(&enhanced.root, "submit", move |event: Event| {
        event.prevent_default();
        on_submit.clone().submit();
    });
    // From now on this island sends the form (see `shell::FORMS_BEFORE_ISLANDS`).
    let _ = enhanced.root.set_attribute(attribute::ENHANCED, "");
}

impl EnhancedForm {
    /// The form's fields, by name (`form[email]` is `email`).
    fn fields(&self) -> Vec<(String, String)> {
        form_body(&self.form)
            .map(|body| {
                body.split('&')
                    .filter_map(|pair| {
                        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                        let name = decode_component(name)?;
                        let field = name.strip_prefix("form[")?.strip_suffix(']')?.to_owned();
                        Some((field, decode_component(value)?))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Checks one field as the person leaves it.
    fn recheck(&self, field: Field) {
        let fresh = (self.behaviour.check)(self.fields());
        self.errors.borrow_mut().replace_field(field, &fresh);
        self.draw();
    }

    fn clear(&self, field: Field) {
        self.errors
            .borrow_mut()
            .replace_field(field, &FieldErrors::new());
        self.draw();
    }

    fn submit(self: Rc<Self>) {
        if self.sending.get() {
            return;
        }
        // Sign Up waits for the Security Code's solver, then goes on by itself.
        if super::captcha::is_solving(&self.root) {
            self.sending.set(true);
            let label = self.set_busy(None);
            super::captcha::when_solved(move || {
                self.sending.set(false);
                self.set_busy(label);
                self.submit();
            });
            return;
        }
        let errors = (self.behaviour.check)(self.fields());
        if !errors.is_empty() {
            self.show_errors(errors);
            return;
        }
        let Some(body) = form_body(&self.form) else {
            return;
        };
        let body = match self.behaviour.arguments.as_str() {
            "" => body,
            arguments => format!("{body}&{arguments}"),
        };
        self.sending.set(true);
        let label = self.set_busy(None);
        leptos::task::spawn_local(async move {
            let answer = post(self.behaviour.endpoint, body).await;
            self.sending.set(false);
            self.set_busy(label);
            match (self.behaviour.react)(answer) {
                Reaction::Errors(errors) => self.show_errors(errors),
                Reaction::GoTo(to) => go_to(&to),
                Reaction::Done(message) => self.show_done(message),
                Reaction::DoneAndRefresh(message) => {
                    self.show_done(message);
                    refresh();
                }
            }
        });
    }

    fn show_errors(&self, errors: FieldErrors) {
        let rejected = !errors.is_empty();
        *self.done.borrow_mut() = None;
        *self.errors.borrow_mut() = errors;
        self.submitted.set(true);
        self.draw();
        if rejected {
            // The summary takes focus so that a screen reader announces it.
            if let Some(summary) = document()
                .get_element_by_id("error-summary")
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = summary.focus();
            }
        }
    }

    /// A submission was done: its message shows, the errors go, and the passwords typed
    /// are cleared (the server never shows them back either).
    fn show_done(&self, message: String) {
        *self.errors.borrow_mut() = FieldErrors::new();
        self.submitted.set(false);
        *self.done.borrow_mut() = Some(message);
        self.draw();
        for input in elements(&self.form, "input[type='password']") {
            if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
                input.set_value("");
            }
        }
    }

    /// Draws what the form shows into the server's markup: each field's error, the
    /// summary, the done message, and the inputs' error state.
    fn draw(&self) {
        let errors = self.errors.borrow();
        for slot in elements(&self.root, "[data-field]") {
            if let Some(field) = slot
                .get_attribute(attribute::FIELD)
                .and_then(|id| Field::of_id(&id))
            {
                redraw(&slot, field_message(field, errors.get(field), self.portal));
            }
        }
        for slot in elements(&self.root, "[data-error-summary]") {
            redraw(&slot, error_summary(&errors, self.submitted.get()));
        }
        for slot in elements(&self.root, "[data-notice]") {
            redraw(&slot, done_notice(self.done.borrow().as_deref()));
        }
        for input in elements(&self.form, "[name^='form[']") {
            let Some(field) = input.get_attribute("name").and_then(|n| field_of(&n)) else {
                continue;
            };
            mark_input(&input, field, errors.get(field).is_some());
        }
    }

    /// While the form is being sent its submit button is disabled and says so; returns
    /// the button's label to put back.
    fn set_busy(&self, restore: Option<String>) -> Option<String> {
        let button = elements(&self.form, "button[type='submit']")
            .into_iter()
            .next()?;
        match restore {
            None => {
                let label = button.text_content();
                let _ = button.set_attribute("disabled", "");
                button.set_text_content(Some(&crate::i18n::t("island-sending")));
                label
            }
            Some(label) => {
                let _ = button.remove_attribute("disabled");
                button.set_text_content(Some(&label));
                None
            }
        }
    }
}

/// Draws `markup` into `slot` if it shows something else: redrawing the same would
/// replace the elements, and the focus on one of them (the summary's) would be lost.
fn redraw(slot: &HtmlElement, markup: maud::Markup) {
    let markup = markup.into_string();
    if slot.inner_html() != markup {
        slot.set_inner_html(&markup);
    }
}

/// An input's `aria-invalid`, `aria-describedby` and its field's error style, as the
/// server renders them.
fn mark_input(input: &HtmlElement, field: Field, error: bool) {
    if input.get_attribute("type").as_deref() == Some("hidden") {
        return;
    }
    let id = field.id();
    let mut described = Vec::new();
    if input.has_attribute(attribute::HINT) {
        described.push(format!("{id}-hint"));
    }
    if error {
        described.push(format!("{id}-error"));
        let _ = input.set_attribute("aria-invalid", "true");
    } else {
        let _ = input.remove_attribute("aria-invalid");
    }
    let _ = match described.is_empty() {
        true => input.remove_attribute("aria-describedby"),
        false => input.set_attribute("aria-describedby", &described.join(" ")),
    };
    if let Ok(Some(field_element)) = input.closest(".field") {
        let _ = field_element
            .class_list()
            .toggle_with_force("field--error", error);
    }
}

/// The form url-encoded, as the browser would post it.
fn form_body(form: &HtmlFormElement) -> Option<String> {
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let params =
        web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.unchecked_ref()).ok()?;
    Some(params.to_string().into())
}

/// Posts a url-encoded body to a server function; its answer, or what failed.
async fn post(endpoint: &str, body: String) -> Result<Vec<u8>, ServerFnError> {
    let failed =
        |_| -> ServerFnError { ServerFnError::Request(crate::i18n::t("island-unreachable")) };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&body.into());
    let headers = web_sys::Headers::new().map_err(failed)?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .map_err(failed)?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(endpoint, &init).map_err(failed)?;
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window().fetch_with_request(&request))
            .await
            .map_err(failed)?
            .unchecked_into();
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if response.ok() {
        Ok(bytes)
    } else {
        // server_fn sends its errors as text ("ServerError|…").
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Err(leptos::server_fn::error::FromServerFnError::de(text.into()))
    }
}

/// Brings the parts of the page that a form's success changes (marked `data-refresh`,
/// with an id) up to date from a fresh copy of the page, leaving the rest — the forms and
/// what they show — as it is.
fn refresh() {
    leptos::task::spawn_local(async {
        let Ok(href) = window().location().href() else {
            return;
        };
        let Ok(page) = fetch_text(&href).await else {
            return;
        };
        let Ok(parser) = web_sys::DomParser::new() else {
            return;
        };
        let Ok(fresh) = parser.parse_from_string(&page, web_sys::SupportedType::TextHtml) else {
            return;
        };
        let Some(body) = document().body() else {
            return;
        };
        for region in elements(&body, "[data-refresh][id]") {
            if let Some(new) = fresh.get_element_by_id(&region.id()) {
                region.set_inner_html(&new.inner_html());
            }
        }
    });
}

async fn fetch_text(href: &str) -> Result<String, wasm_bindgen::JsValue> {
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(href))
            .await?
            .unchecked_into();
    Ok(wasm_bindgen_futures::JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default())
}

fn decode_component(encoded: &str) -> Option<String> {
    js_sys::decode_uri_component(&encoded.replace('+', " "))
        .ok()
        .map(String::from)
}

/// The field an input's name (`form[email]`) stands for.
fn field_of(name: &str) -> Option<Field> {
    Field::of_id(name.strip_prefix("form[")?.strip_suffix(']')?)
}
