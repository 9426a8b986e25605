//! The translation files and the code agree: every language has every message, every key
//! the code names exists, and no component writes a text of its own (a simple reading of
//! the source, as the issue that brought languages asked for).
#![cfg(feature = "ssr")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Each language file's tag and the ids of its messages.
fn languages() -> Vec<(String, BTreeSet<String>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(workspace().join("locales")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let source = std::fs::read_to_string(&path).unwrap();
            let resource =
                fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| {
                    panic!("{} does not parse: {errors:?}", path.display())
                });
            let ids = resource
                .body
                .iter()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            let tag = path.file_stem().unwrap().to_string_lossy().into_owned();
            found.push((tag, ids));
        }
    }
    found.sort();
    found
}

fn english() -> BTreeSet<String> {
    languages()
        .into_iter()
        .find(|(tag, _)| tag == "en")
        .expect("locales/en.ftl")
        .1
}

#[test]
fn every_language_has_exactly_the_messages_of_english() {
    let english = english();
    let all = languages();
    assert!(all.len() >= 2, "English and German at least");
    for (tag, ids) in all {
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locales/{tag}.ftl lacks {missing:?} and has {extra:?} that English does not"
        );
    }
}

/// The Rust files of the app and the server, with their paths.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&workspace().join("app/src"), &mut out);
    walk(&workspace().join("server/src"), &mut out);
    out
}

/// The string literals of a source that name a message: key-shaped, beginning like the
/// keys of the files do, and given to what looks a message up (or listed with the
/// messages of the browser's checks).
fn named_keys(source: &str, prefixes: &BTreeSet<String>) -> Vec<String> {
    const GIVEN_TO: &[&str] = &[
        "t(",
        "t_with(",
        "text(",
        "text_with(",
        "key_with(",
        "key(",
        "with(",
        "refused(",
        "forbidden(",
        "rejected(",
        "detail_message(",
        "detail_in_words(",
        "Err(",
        "one(",
        "add(",
        "&str =",
        "&'static str =",
    ];
    const LISTED: &[&str] = &["check-", "island-", "errors-"];
    let mut keys = Vec::new();
    let mut offset = 0;
    while let Some(start) = source[offset..].find('"') {
        let start = offset + start;
        let Some(end) = source[start + 1..].find('"') else {
            break;
        };
        let end = start + 1 + end;
        let literal = &source[start + 1..end];
        let before = source[..start].trim_end();
        let is_key_shaped = literal.contains('-')
            && literal
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        let prefix = literal.split('-').next().unwrap_or_default();
        // The opener as a whole word: `t(`, not `StaticSegment(`.
        let given = GIVEN_TO.iter().any(|opener| {
            before.strip_suffix(opener).is_some_and(|rest| {
                !opener.starts_with(|c: char| c.is_alphabetic())
                    || !rest.ends_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        }) || before.ends_with(',')
            && before
                .rsplit(['(', ' ', '\n'])
                .next()
                .is_some_and(|w| w.starts_with("Field::"))
            || LISTED.iter().any(|p| literal.starts_with(p));
        if is_key_shaped && prefixes.contains(prefix) && given {
            keys.push(literal.to_owned());
        }
        offset = end + 1;
    }
    keys
}

#[test]
fn every_key_the_code_names_is_in_the_files() {
    let english = english();
    // The first words of the keys: `check`, `register`, `email`…
    let prefixes: BTreeSet<String> = english
        .iter()
        .map(|id| id.split('-').next().unwrap_or_default().to_owned())
        .collect();
    let mut unknown = Vec::new();
    for (path, source) in sources() {
        for key in named_keys(&source, &prefixes) {
            if !english.contains(&key) && !NOT_KEYS.contains(&key.as_str()) {
                unknown.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "keys the files lack:\n{}",
        unknown.join("\n")
    );
}

/// Literals shaped like keys that are something else (CSS classes, HTML ids, paths).
const NOT_KEYS: &[&str] = &["portal-csm", "portal-csp"];

/// Whether a line of a component writes a text a person sees: a quoted text between tags,
/// on its own line in a view, or as a label attribute.
fn writes_a_text(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.starts_with("//") || trimmed.starts_with("///") || trimmed.starts_with("//!") {
        return false;
    }
    let has_words = |text: &str| {
        text.split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().count() >= 2 && word.chars().any(char::is_uppercase))
            || text.split_whitespace().count() >= 2
                && text.chars().filter(|c| c.is_alphabetic()).count() >= 4
    };
    // `"Some words"` alone on a line (a text node of a view).
    if let Some(inner) = trimmed
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"').or_else(|| t.strip_suffix("\",")))
    {
        if !inner.contains('"') && has_words(inner) {
            return true;
        }
    }
    // `>"Some words"<` between tags, and maud's `{ "Some words" }`.
    for (open, close) in [(">\"", "\"<"), ("{ \"", "\" }")] {
        let mut rest = trimmed;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len()..];
            let Some(end) = after.find(close) else { break };
            if has_words(&after[..end]) {
                return true;
            }
            rest = &after[end..];
        }
    }
    // Attributes a person reads (or hears).
    for attribute in [
        "aria-label=\"",
        "title=\"",
        "placeholder=\"",
        "alt=\"",
        "text=\"",
    ] {
        if let Some(start) = trimmed.find(attribute) {
            let after = &trimmed[start + attribute.len()..];
            if let Some(end) = after.find('"') {
                if has_words(&after[..end]) {
                    return true;
                }
            }
        }
    }
    false
}

#[test]
fn no_component_writes_a_text_of_its_own() {
    let mut found = Vec::new();
    for (path, source) in sources() {
        let path_text = path.to_string_lossy().replace('\\', "/");
        let is_ui = path_text.contains("app/src/pages/")
            || path_text.contains("app/src/components/")
            || path_text.ends_with("server/src/mail/templates.rs")
            || path_text.ends_with("server/src/mail/dev_mailbox.rs");
        if !is_ui {
            continue;
        }
        // Unit tests may write what they expect.
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for (number, line) in code.lines().enumerate() {
            if writes_a_text(line) {
                found.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "texts written in components instead of locales/*.ftl:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_texts_in_views_and_ignores_code() {
    assert!(writes_a_text(r#"            "Skip to main content""#));
    assert!(writes_a_text(r#"<h1>"Check your email"</h1>"#));
    assert!(writes_a_text(r#"h2.title { "There is a problem" }"#));
    assert!(writes_a_text(r#"<nav aria-label="Account">"#));
    assert!(!writes_a_text(r#"<h1>{t("verify-title")}</h1>"#));
    assert!(!writes_a_text(r#"class="site-header__link""#));
    assert!(!writes_a_text(r#"            " · ""#));
    assert!(!writes_a_text(r#"// "Quoted words" in a comment"#));
}
