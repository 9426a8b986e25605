//! Every `data-*` attribute that the markup (pages and components), the form islands
//! (`enhance/`), the inline scripts of the shell (`shell.rs`), `public/passkeys.js` and
//! `public/copy.js` share: one constant each, with what it means and who reads it.
//!
//! Rust code that names an attribute (`get_attribute`, `set_attribute`) uses these
//! constants. The `view!` markup cannot (an attribute there is written as a name, not an
//! expression), and CSS selectors (`"[data-form]"`) and the JavaScript write the names out
//! too: a selector is one literal, and building it at run time would cost the WASM bytes.
//! `app/tests/data_attributes.rs` fails when a `data-…` name written anywhere in
//! `app/src`, `frontend/src` or `public/*.js` is not listed here.

// The island's forms (markup by `enhance::Enhanced` and `components::fields`).

/// On a form island's root: which form it is ([`crate::enhance::FormKind`]'s id). The
/// island (`enhance/browser.rs`) attaches to every such root; the shell's script that
/// keeps typed fields across a language switch reads the inputs under it.
pub const FORM: &str = "data-form";
/// Which portal (`csp`, `csm`, or the `Csp`/`Csm` of a passkey place) a form or a
/// passkey place belongs to: read by the island and by `passkeys.js`.
pub const PORTAL: &str = "data-portal";
/// On a form island's root: the field errors of a plain post, encoded, so that the
/// island starts from what the server showed.
pub const ERRORS: &str = "data-errors";
/// On a form island's root: the texts the island may draw, in the page's language
/// (`i18n::browser_messages`; read by `i18n/browser.rs`).
pub const MESSAGES: &str = "data-messages";
/// Set by the island on a root it has attached to: from then on it sends the form
/// itself (the shell's `FORMS_BEFORE_ISLANDS` script stops plain posts until then).
pub const ENHANCED: &str = "data-enhanced";
/// The slot of a form's "done" notice, which the island redraws.
pub const NOTICE: &str = "data-notice";
/// The slot of a form's error summary, which the island redraws.
pub const ERROR_SUMMARY: &str = "data-error-summary";
/// The slot of one field's message; the value is the field's id. The island redraws it.
pub const FIELD: &str = "data-field";
/// On an input that has a hint: the island keeps the hint in its `aria-describedby`.
pub const HINT: &str = "data-hint";
/// A region (with an id) that a form's success changes: the island brings it up to date
/// from a fresh copy of the page.
pub const REFRESH: &str = "data-refresh";
/// On a form that always posts the plain way (its answer changes the whole page): the
/// shell's `FORMS_BEFORE_ISLANDS` script lets it through.
pub const RELOAD: &str = "data-reload";

// The Security Code (markup by `components::captcha`, read by `enhance/captcha.rs`).

/// The box a person ticks to have the browser solve the Security Code; the island starts
/// the solver from it.
pub const CAPTCHA_TOGGLE: &str = "data-captcha-toggle";
/// The hidden input that carries the Security Code's signed challenge.
pub const CAPTCHA_TOKEN: &str = "data-captcha-token";
/// The input the solver writes its answer into (and which carries the challenge).
pub const CAPTCHA_SOLUTION: &str = "data-captcha-solution";
/// Where the solver says how far it is.
pub const CAPTCHA_STATUS: &str = "data-captcha-status";
/// The question asked of a browser without JavaScript, which the island removes.
pub const CAPTCHA_QUESTION: &str = "data-captcha-question";
/// On the solution input: the challenge's salt.
pub const SALT: &str = "data-salt";
/// On the solution input: the hash the solver looks for.
pub const CHALLENGE: &str = "data-challenge";
/// On the solution input: the largest number the solver tries.
pub const MAX: &str = "data-max";

// Passkeys (markup by the log-in, second factor and security pages, read by
// `public/passkeys.js` and the shell's `PASSKEYS_WHEN_NEEDED` loader).

/// A passkey place and what it does: `log-in`, `second-factor` or `add`. The loader
/// imports `passkeys.js` where one is.
pub const PASSKEYS: &str = "data-passkeys";
/// On a log-in place: the page to go on to after a passkey log-in.
pub const NEXT: &str = "data-next";
/// On a passkey place: the message for a browser without passkeys.
pub const MSG_NOT_SUPPORTED: &str = "data-msg-not-supported";
/// On a passkey place: the message for a ceremony that failed.
pub const MSG_FAILED: &str = "data-msg-failed";
/// On a passkey place: the message for a ceremony the person cancelled.
pub const MSG_CANCELLED: &str = "data-msg-cancelled";
/// On the place that adds a passkey: the message for a passkey already on this device.
pub const MSG_ALREADY_ON_DEVICE: &str = "data-msg-already-on-device";
/// On the place that adds a passkey: the words before an error's text.
pub const MSG_ERROR_PREFIX: &str = "data-msg-error-prefix";
/// Where `passkeys.js` writes its messages.
pub const PASSKEY_MESSAGE: &str = "data-passkey-message";
/// The button that starts a passkey ceremony (hidden until passkeys can work).
pub const PASSKEY_ACTION: &str = "data-passkey-action";
/// The form that names and adds a passkey (hidden until passkeys can work).
pub const PASSKEY_FORM: &str = "data-passkey-form";
/// Set by the loader on a passkey button pressed before `passkeys.js` was ready;
/// `passkeys.js` carries the press out once loaded.
pub const PRESSED: &str = "data-pressed";

// The administration (markup by `pages::admin`, read by `public/copy.js`).

/// On a button: the id of the element whose text it copies.
pub const COPY_FROM: &str = "data-copy-from";
/// On a copy button: its text once the copy is done.
pub const COPIED: &str = "data-copied";
