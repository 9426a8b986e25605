use super::*;

#[test]
fn the_verification_email_greets_by_name_and_carries_the_link_in_both_forms() {
    let link = "http://127.0.0.1:3000/csp/verify?token=abc";
    let email = verification(Lang::DEFAULT, Portal::Csp, "ada@example.com", "Ada", link);
    assert_eq!(email.to, "ada@example.com");
    assert!(email.subject.contains("Consumer Service Portal"));
    assert!(email.text.contains("Hello Ada,") && email.text.contains(link));
    assert!(email.html.contains("Hello Ada,") && email.html.contains(link));
    assert!(email.html.contains(accent(Portal::Csp)));
}

#[test]
fn names_are_escaped_in_html() {
    let email = verification(
        Lang::DEFAULT,
        Portal::Csp,
        "a@b.co",
        "<script>",
        "http://x/",
    );
    assert!(!email.html.contains("<script>"));
}

#[test]
fn a_rejection_carries_its_reason_escaped() {
    let email = request_rejected(Lang::DEFAULT, "a@b.co", "Ada", Some("<b>not staff</b>"));
    assert!(email.text.contains("The reason given: <b>not staff</b>"));
    assert!(!email.html.contains("<b>not staff</b>"));
    assert!(email.html.contains("&lt;b&gt;not staff&lt;/b&gt;"));
}

#[test]
fn an_email_is_written_in_the_language_it_is_given() {
    let german = Lang::of_tag("de").expect("German is spoken");
    let email = verification(german, Portal::Csp, "ada@example.com", "Ada", "http://x/");
    assert!(email.html.contains("<html lang=\"de\">"));
    assert!(!email.text.contains("Hello"));
    assert!(email.text.contains("Ada") && email.text.contains("http://x/"));
}

#[test]
fn markup_goes_where_the_message_puts_it() {
    let email = verification(Lang::DEFAULT, Portal::Csp, "a@b.co", "Ada", "http://x/");
    assert!(email.html.contains(
        "To verify your email address, open this link and select <strong>Verify email address</strong>:"
    ));
    assert!(email
        .html
        .contains("ignore this email&nbsp;— no account is activated"));
    assert!(email.text.contains("select \"Verify email address\":"));
}
