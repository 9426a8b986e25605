//! The `data-*` attributes that the markup, the islands and the public scripts share are
//! listed in one place (`app/src/data_attributes.rs`), each with what it means: a name
//! written anywhere else that is not in the list fails here (a simple reading of the text).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LIST: &str = "app/src/data_attributes.rs";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The listed attribute names; every constant must say what it means.
fn listed() -> BTreeSet<String> {
    let source = std::fs::read_to_string(workspace().join(LIST)).unwrap();
    let file = syn::parse_file(&source).unwrap();
    let mut names = BTreeSet::new();
    for item in file.items {
        let syn::Item::Const(constant) = item else {
            continue;
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(value),
            ..
        }) = *constant.expr
        else {
            continue;
        };
        assert!(
            constant.attrs.iter().any(|a| a.path().is_ident("doc")),
            "{} has no doc comment saying what it means and who reads it",
            constant.ident
        );
        assert!(value.value().starts_with("data-"), "{}", constant.ident);
        assert!(
            names.insert(value.value()),
            "{} is listed twice",
            value.value()
        );
    }
    names
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The `data-…` names that `text` writes: as attributes and in selectors (`data-form`),
/// and as JavaScript's `dataset.copyFrom` (`data-copy-from`). A name that ends in `-`
/// (`data-msg-*`, `data-captcha-{name}`) stands for the names it begins.
fn written(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("data-") {
        if text[..at].chars().next_back().is_some_and(is_name_char) {
            continue; // `profile-data-title`: part of another word.
        }
        let rest = &text[at..];
        let end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        names.push(rest[..end].to_owned());
    }
    for (at, _) in text.match_indices("dataset.") {
        let rest = &text[at + "dataset.".len()..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let mut name = String::from("data-");
        for c in rest[..end].chars() {
            if c.is_ascii_uppercase() {
                name.push('-');
            }
            name.push(c.to_ascii_lowercase());
        }
        names.push(name);
    }
    names
}

/// What `text` writes that the list does not have.
fn unlisted(text: &str, listed: &BTreeSet<String>) -> Vec<String> {
    written(text)
        .into_iter()
        .filter(|name| match name.strip_suffix('-') {
            Some(_) => !listed.iter().any(|l| l.starts_with(name.as_str())),
            None => !listed.contains(name),
        })
        .collect()
}

fn files(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(workspace().join(dir)).unwrap() {
        let path = entry.unwrap().path();
        let relative = dir.join(path.file_name().unwrap());
        if path.is_dir() {
            files(&relative, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(relative);
        }
    }
}

#[test]
fn every_data_attribute_the_code_writes_is_listed_with_what_it_means() {
    let listed = listed();
    let mut sources = Vec::new();
    files(Path::new("app/src"), "rs", &mut sources);
    files(Path::new("frontend/src"), "rs", &mut sources);
    files(Path::new("public"), "js", &mut sources);
    let mut missing = Vec::new();
    for path in sources
        .iter()
        .filter(|p| !p.ends_with("data_attributes.rs"))
    {
        let text = std::fs::read_to_string(workspace().join(path)).unwrap();
        for name in unlisted(&text, &listed) {
            missing.push(format!("{}: {name}", path.display()));
        }
    }
    assert!(
        missing.is_empty(),
        "not in {LIST} (add each with what it means and who reads it):\n{}",
        missing.join("\n")
    );
}

#[test]
fn names_are_read_from_markup_selectors_and_javascript() {
    let listed: BTreeSet<String> = ["data-form", "data-copy-from", "data-msg-failed"]
        .map(String::from)
        .into();
    let text = r#"<div data-form="x" data-unknown=""> "[data-form]:not([data-made-up])"
        t("profile-data-title") button.dataset.copyFrom place.dataset.madeUp `data-msg-*`
        format!("[data-captcha-{name}]")"#;
    assert_eq!(
        unlisted(text, &listed),
        [
            "data-unknown",
            "data-made-up",
            "data-captcha-",
            "data-made-up"
        ]
    );
}
