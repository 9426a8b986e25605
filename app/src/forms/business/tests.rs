use super::*;

#[test]
fn domains_are_cleaned_and_checked() {
    assert_eq!(
        email_domains(" Acme.example, @acme.co.uk\nacme.example ").unwrap(),
        vec!["acme.example".to_string(), "acme.co.uk".to_string()]
    );
    assert_eq!(
        email_domains("localhost").unwrap_err(),
        Message::key_with("business-domain-invalid", &[("domain", "localhost".into())])
    );
    assert!(email_domains("-acme.example").is_err());
    assert!(email_domains("acme..example").is_err());
    assert_eq!(email_domains("").unwrap(), Vec::<String>::new());
}

#[test]
fn auto_approval_needs_a_domain() {
    let form = AccountForm {
        name: "Acme".into(),
        auto_approve: "on".into(),
        ..Default::default()
    };
    let errors = form.validate().unwrap_err();
    assert!(errors.get(Field::AutoApprove).is_some());
}

#[test]
fn a_decision_is_approve_or_reject_with_an_optional_reason() {
    let form = |decision: &str, reason: &str| DecisionForm {
        request: "7".into(),
        decision: decision.into(),
        reason: reason.into(),
        ..Default::default()
    };
    assert_eq!(
        form("approve", "").validate().unwrap().decision,
        Decision::Approve
    );
    assert_eq!(
        form("reject", "  ").validate().unwrap().decision,
        Decision::Reject { reason: None }
    );
    assert!(form("reject", &"x".repeat(501)).validate().is_err());
    assert!(form("delete", "").validate().is_err());
    let mut tampered = form("approve", "");
    tampered.request = "seven".into();
    assert!(tampered.validate().unwrap_err().get(Field::Form).is_some());
}

#[test]
fn assigning_or_approving_a_pending_request_needs_a_company() {
    let form = PendingForm {
        request: "3".into(),
        decision: "assign".into(),
        ..Default::default()
    };
    assert!(form.validate().unwrap_err().get(Field::Account).is_some());
}
