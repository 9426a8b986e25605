//! The texts in the browser: only those the page handed the island (`data-messages`).
use std::cell::RefCell;

use super::MESSAGES_SEPARATOR;

thread_local! {
    static MESSAGES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Learns the texts of a form's `data-messages` (see `i18n::browser_messages`).
pub fn learn_messages(encoded: &str) {
    let mut parts = encoded.split(MESSAGES_SEPARATOR);
    MESSAGES.with_borrow_mut(|messages| {
        while let (Some(key), Some(text)) = (parts.next(), parts.next()) {
            if !messages.iter().any(|(k, _)| k == key) {
                messages.push((key.to_owned(), text.to_owned()));
            }
        }
    });
}

/// A text the page handed over; the key itself if it did not (a bug the tests of the
/// forms' message lists catch). Every text handed over is whole: none has arguments
/// (`i18n::server::tests` checks), so none are filled in here, and the WASM carries no
/// text substitution.
pub(super) fn text(key: &str) -> String {
    MESSAGES.with_borrow(|messages| {
        messages
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| key.to_owned())
    })
}
