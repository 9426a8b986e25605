//! The texts in the browser: only those the page handed the island (`data-messages`).
use std::cell::RefCell;

use super::MESSAGES_SEPARATOR;

thread_local! {
    /// Every `data-messages` learnt, one after another (key, text, key, text…): kept as
    /// they came, and read pair by pair, which is less code than a map.
    static MESSAGES: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Learns the texts of a form's `data-messages` (see `i18n::browser_messages`).
pub fn learn_messages(encoded: &str) {
    MESSAGES.with_borrow_mut(|messages| {
        if !messages.is_empty() {
            messages.push(MESSAGES_SEPARATOR);
        }
        messages.push_str(encoded);
    });
}

/// A text the page handed over; the key itself if it did not (a bug the tests of the
/// forms' message lists catch). Every text handed over is whole: none has arguments
/// (`enhance::kinds` tests check), so none are filled in here, and the WASM carries no
/// text substitution.
pub(super) fn text(key: &str) -> String {
    MESSAGES.with_borrow(|messages| {
        let mut parts = messages.split(MESSAGES_SEPARATOR);
        while let (Some(k), Some(text)) = (parts.next(), parts.next()) {
            if k == key {
                return text.to_owned();
            }
        }
        key.to_owned()
    })
}
