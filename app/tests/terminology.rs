//! One name for each thing a person meets in several places: the terms document and the
//! customer administrator had two or three names in German (and English), so that a
//! person could not tell whether they were the same. The texts are read as they are
//! written in the language files (comments and message ids aside).
use std::path::Path;

/// Every message's text in a language file, without comments and ids.
fn texts(language: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{language}.ftl"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| line.split_once(" = ").map_or(line, |(_, text)| text))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_none_of(language: &str, others: &[&str], one: &str) {
    let texts = texts(language);
    for other in others {
        assert!(
            !texts.contains(other),
            "{language}.ftl says \"{other}\" where it says \"{one}\" elsewhere"
        );
    }
}

#[test]
fn german_names_the_terms_document_one_way() {
    assert_none_of(
        "de",
        &[
            "Community-Nutzungsbedingungen",
            "Nutzungsbedingungen der Community",
            " Bedingungen",
        ],
        "Nutzungsbedingungen",
    );
}

#[test]
fn german_names_the_customer_administrator_one_way() {
    assert_none_of(
        "de",
        &["Kundenadministration", "Administratoren des Unternehmens"],
        "Kundenadministrator",
    );
}

#[test]
fn english_names_the_terms_document_and_the_customer_administrator_one_way() {
    assert_none_of(
        "en",
        &["Community Terms", "our terms", "the terms", "the new terms"],
        "Terms and Conditions",
    );
    assert_none_of(
        "en",
        &[
            "customer admin ",
            "customer admin\n",
            "company's administrators",
        ],
        "customer administrator",
    );
}

#[test]
fn the_footer_names_no_path() {
    for language in ["en", "de"] {
        let source = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../locales/{language}.ftl")),
        )
        .unwrap();
        let go_to = source
            .lines()
            .find(|line| line.starts_with("layout-go-to = "))
            .expect("the footer's link");
        assert!(!go_to.contains("$path"), "{go_to}");
    }
}
