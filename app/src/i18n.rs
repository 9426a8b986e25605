//! The words of every page and email, in the visitor's language.
//!
//! Every text a person sees is a message of `locales/<language>.ftl` (Project Fluent),
//! named by a key; components and emails ask for it by key ([`t`], [`Lang::text`]). The
//! languages are the files found there: a third language is one new file, no code.
//!
//! Where the texts come from:
//! - On the server, `fluent-templates` embeds the files in the binary and looks messages
//!   up ([`Lang::text`]). Pages are server components, so nearly every text is rendered
//!   there and none of it reaches the WASM.
//! - In the browser, the one island draws a few texts itself: the errors of its own checks
//!   and the summary around them. The page hands it those texts, already in the page's
//!   language, as the form's `data-messages` ([`browser_messages`]); [`t`] reads them from
//!   there. So the WASM carries no translation code and no language's texts (the budget
//!   of issue 13), and a new language changes nothing in it.
//!
//! How the language is chosen (`server::http::language`): the person's choice (the
//! switcher's cookie, which log-in sets from their profile), then `Accept-Language`, then
//! English ([`Lang::DEFAULT`]).
/// A language the product speaks, by its tag (`en`, `de`): one `locales/<tag>.ftl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lang(&'static str);

impl Lang {
    /// The language of last resort, and the one every other file is checked against.
    pub const DEFAULT: Lang = Lang("en");

    pub fn tag(self) -> &'static str {
        self.0
    }
}

/// A message's arguments: names and values, formatted already for the language.
pub type Args<'a> = &'a [(&'a str, String)];

/// The current page's (or server function's) language.
pub fn lang() -> Lang {
    #[cfg(feature = "ssr")]
    return leptos::prelude::use_context::<Lang>().unwrap_or(Lang::DEFAULT);
    #[cfg(not(feature = "ssr"))]
    return Lang::DEFAULT;
}

/// A message in the current language.
pub fn t(key: &str) -> String {
    t_with(key, &[])
}

/// A message with arguments in the current language.
pub fn t_with(key: &str, args: Args<'_>) -> String {
    #[cfg(feature = "ssr")]
    return lang().text_with(key, args);
    // The browser's texts have no arguments (see `browser::text`).
    #[cfg(not(feature = "ssr"))]
    {
        let _ = args;
        browser::text(key)
    }
}

#[cfg(feature = "ssr")]
mod server;
#[cfg(feature = "ssr")]
pub use server::{browser_messages, format_date_time, format_number, provide_language};

#[cfg(not(feature = "ssr"))]
mod browser;
#[cfg(not(feature = "ssr"))]
pub use browser::learn_messages;

/// Where the language switcher posts its choice (`server::http::language`).
pub const SWITCH_PATH: &str = "/language";

/// The separator of the `data-messages` entries (key, text, key, text…): a character no
/// message contains.
pub const MESSAGES_SEPARATOR: char = '\u{1f}';
