//! The translations on the server: every `locales/*.ftl`, embedded in the binary.
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use super::{Args, Lang, MESSAGES_SEPARATOR};
use crate::forms::rules;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "en",
        // Every language so far is written left to right; Unicode isolation marks around
        // each argument would only show up in plain-text emails and tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages found in `locales/`, the default first, with their Fluent identifiers.
fn languages() -> &'static [(Lang, LanguageIdentifier)] {
    static LANGUAGES: OnceLock<Vec<(Lang, LanguageIdentifier)>> = OnceLock::new();
    LANGUAGES.get_or_init(|| {
        let mut found: Vec<(Lang, LanguageIdentifier)> = LOCALES
            .locales()
            .map(|id| {
                // Leaked once per language at start: `Lang` is a `Copy` tag.
                let tag: &'static str = Box::leak(id.to_string().into_boxed_str());
                (Lang(tag), id.clone())
            })
            .collect();
        found.sort_by_key(|(lang, _)| (*lang != Lang::DEFAULT, lang.0));
        found
    })
}

impl Lang {
    /// Every language the product speaks, the default first.
    pub fn all() -> impl Iterator<Item = Lang> {
        languages().iter().map(|(lang, _)| *lang)
    }

    /// The language of a tag, if the product speaks it: `de`, `DE`, and `de-AT` are German.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().trim();
        Lang::all().find(|lang| lang.0.eq_ignore_ascii_case(primary))
    }

    /// The language to answer in: the person's own choice if the product speaks it, else
    /// the first of the browser's languages (by their weights) that it speaks, else the
    /// default.
    pub fn negotiate(chosen: Option<&str>, accept_language: Option<&str>) -> Lang {
        chosen
            .and_then(Lang::of_tag)
            .or_else(|| {
                accept_language::parse(accept_language?)
                    .iter()
                    .find_map(|tag| Lang::of_tag(tag))
            })
            .unwrap_or(Lang::DEFAULT)
    }

    /// A message in this language (in the default one where this language lacks it).
    pub fn text(self, key: &str) -> String {
        self.text_with(key, &[])
    }

    /// A message with arguments. The limits the forms' rules check are arguments of every
    /// message, formatted for the language, so that no message repeats a number.
    pub fn text_with(self, key: &str, args: Args<'_>) -> String {
        if args.is_empty() {
            return self.written_out(key);
        }
        self.resolve(key, args)
    }

    /// A message without arguments of its own: written out once, then kept. Its text
    /// depends on nothing else (the limits are constants), and a page asks for about a
    /// hundred of them: looked up in a map, not formatted by Fluent each time.
    fn written_out(self, key: &str) -> String {
        type Texts = RwLock<HashMap<Box<str>, String>>;
        static WRITTEN_OUT: OnceLock<Vec<(Lang, Texts)>> = OnceLock::new();
        let all = WRITTEN_OUT.get_or_init(|| Lang::all().map(|l| (l, Texts::default())).collect());
        let Some((_, texts)) = all.iter().find(|(l, _)| *l == self) else {
            return self.resolve(key, &[]);
        };
        if let Some(text) = texts.read().ok().and_then(|t| t.get(key).cloned()) {
            return text;
        }
        let text = self.resolve(key, &[]);
        // A text with an argument left open (`{$name}`) was asked for without it: not kept.
        if !text.contains('{') {
            if let Ok(mut texts) = texts.write() {
                texts.insert(key.into(), text.clone());
            }
        }
        text
    }

    fn resolve(self, key: &str, args: Args<'_>) -> String {
        let mut values: HashMap<Cow<'static, str>, FluentValue<'static>> = limits(self)
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        for (name, value) in args {
            values.insert(
                Cow::Owned((*name).to_owned()),
                FluentValue::from(value.clone()),
            );
        }
        LOCALES
            .try_lookup_with_args(self.identifier(), key, &values)
            .unwrap_or_else(|| {
                report_missing(key);
                key.to_owned()
            })
    }

    fn identifier(self) -> &'static LanguageIdentifier {
        languages()
            .iter()
            .find(|(lang, _)| *lang == self)
            .map(|(_, id)| id)
            // Never empty: `locales/en.ftl` is embedded at build time.
            .unwrap_or(&languages()[0].1)
    }
}

/// A message that no file has is a bug the key check (`app/tests/translations.rs`)
/// should have caught; the page shows its key rather than nothing.
fn report_missing(key: &str) {
    eprintln!("portico: no translation has the message {key:?}");
}

/// The numbers the rules' messages mention, per language.
fn limits(lang: Lang) -> &'static [(&'static str, String)] {
    type Limits = Vec<(&'static str, String)>;
    static LIMITS: OnceLock<Vec<(Lang, Limits)>> = OnceLock::new();
    let all = LIMITS.get_or_init(|| {
        Lang::all()
            .map(|lang| {
                let numbers = [
                    ("name-max", rules::NAME_MAX_CHARS),
                    ("email-max", rules::EMAIL_MAX_CHARS),
                    ("password-min", rules::PASSWORD_MIN_CHARS),
                    ("password-max", rules::PASSWORD_MAX_CHARS),
                ];
                let values = numbers
                    .into_iter()
                    .map(|(name, n)| (name, format_number(lang, n as u64)))
                    .collect();
                (lang, values)
            })
            .collect()
    });
    all.iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, values)| values)
        .unwrap_or(&all[0].1)
}

/// A whole number with the language's thousands separator (`1,024`, `1.024`).
pub fn format_number(lang: Lang, n: u64) -> String {
    // Looked up without the limits' arguments, which are formatted with this very function.
    let separator = LOCALES
        .try_lookup(lang.identifier(), "number-group-separator")
        .unwrap_or_else(|| ",".to_owned());
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&separator);
        }
        out.push(digit);
    }
    out
}

/// A moment as the language writes it (`4 Dec 2026, 21:45 UTC`, `4. Dez. 2026, 21:45 UTC`):
/// the pattern and chrono's locale are messages of the language's file.
pub fn format_date_time(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    let pattern = lang.text("date-time-format");
    let locale = chrono::Locale::try_from(lang.text("chrono-locale").as_str())
        .unwrap_or(chrono::Locale::en_US);
    at.format_localized(&pattern, locale).to_string()
}

/// The language the server chose for this request (`server::http::language` puts it in
/// the request's extensions), for the components and server functions rendered for it.
pub fn provide_language() {
    let lang = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Lang>().copied())
        .unwrap_or(Lang::DEFAULT);
    leptos::prelude::provide_context(lang);
}

/// The texts the island may draw on a page, as its `data-messages` attribute: each key
/// followed by its text in the page's language.
pub fn browser_messages<'k>(keys: impl IntoIterator<Item = &'k str>) -> String {
    let lang = super::lang();
    let mut out = String::new();
    for key in keys {
        if !out.is_empty() {
            out.push(MESSAGES_SEPARATOR);
        }
        out.push_str(key);
        out.push(MESSAGES_SEPARATOR);
        out.push_str(&lang.text(key));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn german() -> Lang {
        Lang::of_tag("de").expect("locales/de.ftl")
    }

    #[test]
    fn the_languages_are_the_files_with_english_first() {
        let tags: Vec<&str> = Lang::all().map(Lang::tag).collect();
        assert_eq!(tags.first(), Some(&"en"));
        assert!(tags.contains(&"de"));
        assert_eq!(Lang::of_tag("DE-at"), Some(german()));
        assert_eq!(Lang::of_tag("fr"), None);
    }

    #[test]
    fn a_message_is_in_the_language_asked_for_with_its_limits_filled_in() {
        assert_eq!(
            Lang::DEFAULT.text("check-password-too-long"),
            "Password must be 1,024 characters or fewer"
        );
        assert_eq!(
            german().text("check-password-too-long"),
            "Das Passwort darf höchstens 1.024 Zeichen lang sein"
        );
        assert_eq!(Lang::DEFAULT.text("no-such-message"), "no-such-message");
    }

    #[test]
    fn numbers_and_moments_are_written_as_the_language_writes_them() {
        assert_eq!(format_number(Lang::DEFAULT, 1_234_567), "1,234,567");
        assert_eq!(format_number(german(), 1_234_567), "1.234.567");
        assert_eq!(format_number(german(), 999), "999");
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-04T21:05:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(format_date_time(Lang::DEFAULT, at), "4 Mar 2026, 21:05 UTC");
        assert_eq!(format_date_time(german(), at), "4. März 2026, 21:05 UTC");
    }

    #[test]
    fn the_browser_gets_each_key_with_its_whole_text() {
        let handed = browser_messages(["errors-go-to-csp", "check-password-too-short"]);
        let parts: Vec<&str> = handed.split(MESSAGES_SEPARATOR).collect();
        assert_eq!(
            parts,
            [
                "errors-go-to-csp",
                "Log in to the Consumer Service Portal with this address",
                "check-password-too-short",
                "Password must be at least 12 characters"
            ]
        );
    }
}
