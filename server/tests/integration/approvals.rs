//! The business portal's approval state machine on a real SQLite database: registration
//! with and without a code, automatic approval by domain, the customer administrator's
//! decisions, an administrator's assignment, and who may do what.
use crate::common;

use app::api::{Access, ActionOutcome, AfterVerification, HomeRole, LogInOutcome, RegisterOutcome};
use app::forms::business::{
    CompanyChoice, ContactChange, Decision, PendingDecision, ValidContactChange, ValidDecision,
    ValidPendingDecision,
};
use app::forms::{ErrorKind, Field, FieldErrors};
use app::portal::Portal;
use chrono::Utc;
use common::{app, client, log_in_form, session, TestApp, CLIENT, PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::registration_request::{self, RequestState};
use server::db::entities::user::{self, UserStatus};
use server::db::entities::{account, audit_entry};

const ACME_CODE: &str = "ACME-7K2Q-9XPW";
const GLOBEX_CODE: &str = "GBXN-4RTV-8HZM";

async fn person(app: &TestApp, email: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the person")
}

async fn request_of(app: &TestApp, email: &str) -> registration_request::Model {
    let id = person(app, email).await.id;
    registration_request::Entity::find()
        .filter(registration_request::Column::UserId.eq(id))
        .one(&app.db.conn)
        .await
        .unwrap()
        .expect("the request")
}

async fn audit_actions(app: &TestApp, subject: i32) -> Vec<String> {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::SubjectId.eq(subject))
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

fn decision(request: i32, decision: Decision) -> ValidDecision {
    ValidDecision { request, decision }
}

fn errors(outcome: ActionOutcome) -> FieldErrors {
    match outcome {
        ActionOutcome::Rejected { errors } => errors,
        ActionOutcome::Done { message } => panic!("expected a refusal, got: {message}"),
        ActionOutcome::ConfirmFirst => panic!("expected a refusal, got a confirmation step"),
    }
}

fn kind(outcome: ActionOutcome) -> ErrorKind {
    errors(outcome).iter().next().expect("an error").kind
}

async fn log_in(app: &TestApp, portal: Portal, email: &str) -> LogInOutcome {
    app.portico
        .log_in_at(
            &session(),
            &client(),
            portal,
            log_in_form(email, PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap()
}

fn form_error(outcome: &LogInOutcome) -> String {
    match outcome {
        LogInOutcome::Rejected { errors } => errors.get(Field::Form).unwrap().message.text(),
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn a_code_of_an_auto_approving_company_lets_a_contact_of_its_domain_in_at_verification() {
    let app = app().await;
    let globex = app
        .company("Globex", GLOBEX_CODE, "globex.example", true)
        .await;

    let next = app.contact("hank@globex.example", GLOBEX_CODE).await;

    assert_eq!(next, AfterVerification::LogIn);
    let hank = person(&app, "hank@globex.example").await;
    assert_eq!(hank.status, UserStatus::Active);
    assert_eq!(hank.account_id, Some(globex.id));
    let request = request_of(&app, "hank@globex.example").await;
    assert_eq!(request.state, RequestState::Approved);
    assert_eq!(request.decided_by, None, "decided by Portico itself");
    let emails = app.emails_to("hank@globex.example").await;
    assert_eq!(
        emails.last().unwrap().subject,
        "Your registration is approved"
    );
    assert_eq!(
        audit_actions(&app, hank.id).await,
        ["registered", "verified", "approved_automatically"]
    );
    assert!(matches!(
        log_in(&app, Portal::Csm, "hank@globex.example").await,
        LogInOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn an_address_outside_the_companys_domains_waits_for_review_even_with_auto_approval() {
    let app = app().await;
    app.company("Globex", GLOBEX_CODE, "globex.example", true)
        .await;

    let next = app.contact("hank@gmail.example", GLOBEX_CODE).await;

    assert_eq!(next, AfterVerification::AwaitReview);
    assert_eq!(
        person(&app, "hank@gmail.example").await.status,
        UserStatus::PendingApproval
    );
    assert_eq!(
        request_of(&app, "hank@gmail.example").await.state,
        RequestState::AwaitingApproval
    );
}

#[tokio::test]
async fn with_a_code_the_request_waits_and_every_customer_admin_of_the_company_is_emailed() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    app.customer_admin("carol@acme.example", &acme).await;
    app.customer_admin("dave@acme.example", &acme).await;

    let next = app.contact("ada@acme.example", "acme7k2q9xpw").await;

    assert_eq!(next, AfterVerification::AwaitReview);
    let ada = person(&app, "ada@acme.example").await;
    assert_eq!(ada.status, UserStatus::PendingApproval);
    assert_eq!(ada.account_id, None, "not in the company until approved");
    let told = app.emails_to("ada@acme.example").await;
    assert_eq!(
        told.last().unwrap().subject,
        "Your registration is pending review"
    );
    for admin in ["carol@acme.example", "dave@acme.example"] {
        let asked = app.emails_to(admin).await;
        assert_eq!(asked.len(), 1, "{admin} is asked once");
        assert!(asked[0]
            .text_body
            .contains("http://portal.test/csm/approvals"));
        assert!(asked[0]
            .text_body
            .contains("Ada Lovelace (ada@acme.example)"));
    }
    assert_eq!(
        crate::states::status_after_log_in(&app, "ada@acme.example").await,
        app::api::AccountState::AwaitingCompany {
            company: "Acme".into()
        }
    );
}

#[tokio::test]
async fn the_customer_admin_approves_and_the_contact_is_emailed_and_can_log_in() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.contact("ada@acme.example", ACME_CODE).await;

    let list = match app.portico.company_requests_at(&carol).await.unwrap() {
        Access::Granted(list) => list,
        other => panic!("{other:?}"),
    };
    assert_eq!(list.company, "Acme");
    assert_eq!(list.requests.len(), 1);
    let request = list.requests[0].id;

    let outcome = app
        .portico
        .decide_request_at(&carol, decision(request, Decision::Approve), Utc::now())
        .await
        .unwrap();

    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    let ada = person(&app, "ada@acme.example").await;
    assert_eq!(
        (ada.status, ada.account_id),
        (UserStatus::Active, Some(acme.id))
    );
    let carol_id = person(&app, "carol@acme.example").await.id;
    assert_eq!(
        request_of(&app, "ada@acme.example").await.decided_by,
        Some(carol_id)
    );
    let approved = app.emails_to("ada@acme.example").await.pop().unwrap();
    assert_eq!(approved.subject, "Your registration is approved");
    assert!(approved.text_body.contains("http://portal.test/csm/log-in"));
    assert_eq!(
        audit_actions(&app, ada.id).await,
        ["registered", "verified", "approved"]
    );
    assert!(matches!(
        log_in(&app, Portal::Csm, "ada@acme.example").await,
        LogInOutcome::LoggedIn { .. }
    ));
}

#[tokio::test]
async fn a_rejection_is_emailed_with_its_reason_and_logging_in_says_so() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.contact("eve@acme.example", ACME_CODE).await;
    let request = request_of(&app, "eve@acme.example").await.id;

    let reject = Decision::Reject {
        reason: Some("Not one of our staff".into()),
    };
    let outcome = app
        .portico
        .decide_request_at(&carol, decision(request, reject), Utc::now())
        .await
        .unwrap();

    assert!(matches!(outcome, ActionOutcome::Done { .. }));
    assert_eq!(
        person(&app, "eve@acme.example").await.status,
        UserStatus::Rejected
    );
    let email = app.emails_to("eve@acme.example").await.pop().unwrap();
    assert_eq!(email.subject, "Your registration was not approved");
    assert!(email
        .text_body
        .contains("The reason given: Not one of our staff"));
    assert_eq!(
        request_of(&app, "eve@acme.example").await.reason.as_deref(),
        Some("Not one of our staff")
    );
    assert!(matches!(
        crate::states::status_after_log_in(&app, "eve@acme.example").await,
        app::api::AccountState::Rejected { .. }
    ));
}

#[tokio::test]
async fn a_request_is_decided_once_even_when_two_administrators_press_at_the_same_moment() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let dave = app.customer_admin("dave@acme.example", &acme).await;
    app.contact("ada@acme.example", ACME_CODE).await;
    let request = request_of(&app, "ada@acme.example").await.id;

    let mut racing = Vec::new();
    for i in 0..10 {
        let portico = app.portico.clone();
        let session = if i % 2 == 0 {
            carol.clone()
        } else {
            dave.clone()
        };
        let verdict = if i % 3 == 0 {
            Decision::Reject { reason: None }
        } else {
            Decision::Approve
        };
        racing.push(tokio::spawn(async move {
            portico
                .decide_request_at(&session, decision(request, verdict), Utc::now())
                .await
                .unwrap()
        }));
    }
    let mut done = 0;
    for outcome in racing {
        match outcome.await.unwrap() {
            ActionOutcome::Done { .. } => done += 1,
            refused => assert_eq!(kind(refused), ErrorKind::Conflict),
        }
    }

    assert_eq!(done, 1, "exactly one decision counts");
    let decisions = app
        .emails_to("ada@acme.example")
        .await
        .into_iter()
        .filter(|e| e.subject.contains("approved"))
        .count();
    assert_eq!(decisions, 1, "the contact gets one decision email");
    let again = app
        .portico
        .decide_request_at(&carol, decision(request, Decision::Approve), Utc::now())
        .await
        .unwrap();
    let message = errors(again).get(Field::Form).unwrap().message.text();
    assert!(message.contains("was already"), "{message}");
}

#[tokio::test]
async fn only_that_companys_customer_admins_may_decide_its_requests() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let globex = app
        .company("Globex", GLOBEX_CODE, "globex.example", false)
        .await;
    app.customer_admin("carol@acme.example", &acme).await;
    let other_company = app.customer_admin("gina@globex.example", &globex).await;
    app.contact("ada@acme.example", ACME_CODE).await;
    let request = request_of(&app, "ada@acme.example").await.id;
    let approve = || decision(request, Decision::Approve);

    // Another company's administrator is told there is no such request (no leak).
    let outcome = app
        .portico
        .decide_request_at(&other_company, approve(), Utc::now())
        .await
        .unwrap();
    assert_eq!(kind(outcome), ErrorKind::NotFound);
    match app
        .portico
        .company_requests_at(&other_company)
        .await
        .unwrap()
    {
        Access::Granted(list) => assert!(list.requests.is_empty()),
        other => panic!("{other:?}"),
    }
    // Nobody logged in, and an ordinary contact, may not decide at all.
    let outcome = app
        .portico
        .decide_request_at(&session(), approve(), Utc::now())
        .await
        .unwrap();
    assert_eq!(kind(outcome), ErrorKind::Forbidden);
    app.company("Initech", "NTCX-2345-6789", "initech.example", true)
        .await;
    app.contact("ivan@initech.example", "NTCX-2345-6789").await;
    let ordinary = app.logged_in(Portal::Csm, "ivan@initech.example").await;
    assert_eq!(
        kind(
            app.portico
                .decide_request_at(&ordinary, approve(), Utc::now())
                .await
                .unwrap()
        ),
        ErrorKind::Forbidden
    );
    assert_eq!(
        app.portico.company_requests_at(&ordinary).await.unwrap(),
        Access::Denied
    );
    assert_eq!(
        app.portico.company_requests_at(&session()).await.unwrap(),
        Access::LogInFirst
    );

    assert_eq!(
        request_of(&app, "ada@acme.example").await.state,
        RequestState::AwaitingApproval
    );
}

#[tokio::test]
async fn without_a_code_the_request_waits_for_an_administrator_who_assigns_a_company() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let admin = app.administrator().await;

    assert_eq!(
        app.contact("ada@acme.example", "").await,
        AfterVerification::AwaitAssignment
    );
    assert_eq!(
        request_of(&app, "ada@acme.example").await.state,
        RequestState::AwaitingAccount
    );
    assert!(
        app.emails_to("carol@acme.example").await.is_empty(),
        "no company, nobody asked yet"
    );
    let pending = match app
        .portico
        .pending_requests_at(&admin, String::new(), 0)
        .await
        .unwrap()
    {
        Access::Granted(pending) => pending,
        other => panic!("{other:?}"),
    };
    assert_eq!(pending.requests.len(), 1);
    assert_eq!(pending.accounts, vec![(acme.id, "Acme".to_owned())]);

    let assign = ValidPendingDecision {
        request: pending.requests[0].id,
        decision: PendingDecision::Assign {
            account: CompanyChoice::Id(acme.id),
        },
    };
    let outcome = app
        .portico
        .settle_pending_at(&admin, assign.clone(), Utc::now())
        .await
        .unwrap();

    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    assert_eq!(
        request_of(&app, "ada@acme.example").await.state,
        RequestState::AwaitingApproval
    );
    assert_eq!(
        app.emails_to("carol@acme.example").await.len(),
        1,
        "the company's administrator is asked"
    );
    assert_eq!(
        kind(
            app.portico
                .settle_pending_at(&admin, assign, Utc::now())
                .await
                .unwrap()
        ),
        ErrorKind::Conflict
    );
    // From here it is the company's decision.
    let request = request_of(&app, "ada@acme.example").await.id;
    let outcome = app
        .portico
        .decide_request_at(&carol, decision(request, Decision::Approve), Utc::now())
        .await
        .unwrap();
    assert!(matches!(outcome, ActionOutcome::Done { .. }));
    let ada = person(&app, "ada@acme.example").await;
    assert_eq!(
        audit_actions(&app, ada.id).await,
        ["registered", "verified", "assigned_account", "approved"]
    );
}

#[tokio::test]
async fn an_administrator_approves_into_a_company_or_rejects_a_request_without_a_code() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let admin = app.administrator().await;
    app.contact("ada@acme.example", "").await;
    app.contact("mallory@spam.example", "").await;

    // Acme has no customer administrator: sending it there is refused, approving works.
    let ada = request_of(&app, "ada@acme.example").await.id;
    let assign = ValidPendingDecision {
        request: ada,
        decision: PendingDecision::Assign {
            account: CompanyChoice::Id(acme.id),
        },
    };
    let refused = errors(
        app.portico
            .settle_pending_at(&admin, assign, Utc::now())
            .await
            .unwrap(),
    );
    assert!(refused
        .get(Field::Account)
        .unwrap()
        .message
        .text()
        .contains("no customer administrator"));
    assert_eq!(
        request_of(&app, "ada@acme.example").await.state,
        RequestState::AwaitingAccount,
        "nothing changed"
    );
    let approve = ValidPendingDecision {
        request: ada,
        decision: PendingDecision::Approve {
            account: CompanyChoice::Id(acme.id),
        },
    };
    assert!(matches!(
        app.portico
            .settle_pending_at(&admin, approve, Utc::now())
            .await
            .unwrap(),
        ActionOutcome::Done { .. }
    ));
    assert_eq!(
        person(&app, "ada@acme.example").await.account_id,
        Some(acme.id)
    );
    assert!(matches!(
        log_in(&app, Portal::Csm, "ada@acme.example").await,
        LogInOutcome::LoggedIn { .. }
    ));

    let mallory = request_of(&app, "mallory@spam.example").await.id;
    let reject = ValidPendingDecision {
        request: mallory,
        decision: PendingDecision::Reject { reason: None },
    };
    assert!(matches!(
        app.portico
            .settle_pending_at(&admin, reject, Utc::now())
            .await
            .unwrap(),
        ActionOutcome::Done { .. }
    ));
    assert_eq!(
        person(&app, "mallory@spam.example").await.status,
        UserStatus::Rejected
    );

    // Customer administrators cannot settle these.
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    assert_eq!(
        app.portico
            .pending_requests_at(&carol, String::new(), 0)
            .await
            .unwrap(),
        Access::Denied
    );
}

#[tokio::test]
async fn an_incorrect_code_is_refused_on_its_field_and_guesses_per_client_are_limited() {
    let app = app().await;
    app.company("Acme", ACME_CODE, "acme.example", false).await;
    let now = Utc::now();
    let register = |email: &str, code: &str, client: std::net::IpAddr| {
        let form = app.registration_with_code(email, code, now);
        let portico = app.portico.clone();
        async move {
            portico
                .register_at(client, Portal::Csm, form, now)
                .await
                .unwrap()
        }
    };
    let code_error = |outcome: RegisterOutcome| match outcome {
        RegisterOutcome::Rejected { errors, .. } => errors
            .get(Field::RegistrationCode)
            .cloned()
            .expect("a code error"),
        other => panic!("{other:?}"),
    };

    let wrong = code_error(register("ada@acme.example", "ACME-7K2Q-9XPX", CLIENT).await);
    assert_eq!(wrong.message.text(), "Incorrect registration code");
    assert_eq!(app.count(user::Entity).await, 0, "nothing is written");
    for _ in 0..9 {
        register("ada@acme.example", "ACME-7K2Q-9XPX", CLIENT).await;
    }
    // Out of attempts: even the right code must wait.
    let limited = code_error(register("ada@acme.example", ACME_CODE, CLIENT).await);
    assert_eq!(limited.kind, ErrorKind::TooManyAttempts);
    assert!(
        limited.message.text().contains("Try again in"),
        "{}",
        limited.message.text()
    );
    // Another client is not held back.
    let elsewhere = register(
        "ada@acme.example",
        ACME_CODE,
        "198.51.100.7".parse().unwrap(),
    )
    .await;
    assert!(matches!(elsewhere, RegisterOutcome::Registered { .. }));
}

#[tokio::test]
async fn an_address_of_one_portal_is_sent_to_it_from_the_other() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    app.company("Globex", GLOBEX_CODE, "globex.example", true)
        .await;
    app.contact("hank@globex.example", GLOBEX_CODE).await;

    let now = Utc::now();
    let at_csm = app
        .portico
        .register_at(
            CLIENT,
            Portal::Csm,
            app.registration("ada@example.com"),
            now,
        )
        .await
        .unwrap();
    match at_csm {
        RegisterOutcome::Rejected { errors, .. } => {
            let error = errors.get(Field::Email).unwrap();
            assert_eq!(error.kind, ErrorKind::EmailInPortal(Portal::Csp));
            assert!(error.message.text().contains("Consumer Service Portal"));
        }
        other => panic!("{other:?}"),
    }
    let consumer_at_csm = log_in(&app, Portal::Csm, "ada@example.com").await;
    assert!(form_error(&consumer_at_csm).contains("Consumer Service Portal"));
    let contact_at_csp = log_in(&app, Portal::Csp, "hank@globex.example").await;
    match contact_at_csp {
        LogInOutcome::Rejected { errors } => {
            assert_eq!(
                errors.get(Field::Form).unwrap().kind,
                ErrorKind::EmailInPortal(Portal::Csm)
            )
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_last_customer_admin_can_be_neither_removed_nor_disabled() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let carol_id = person(&app, "carol@acme.example").await.id;
    let change = |contact: i32, change: ContactChange| ValidContactChange { contact, change };

    let alone = app
        .portico
        .change_contact_at(
            &carol,
            change(carol_id, ContactChange::RemoveCustomerAdmin),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(errors(alone)
        .get(Field::Form)
        .unwrap()
        .message
        .text()
        .contains("last customer administrator"));

    // With a second one, either can step down, but not both.
    let dave = app.customer_admin("dave@acme.example", &acme).await;
    let dave_id = person(&app, "dave@acme.example").await.id;
    let stepped_down = app
        .portico
        .change_contact_at(
            &dave,
            change(dave_id, ContactChange::RemoveCustomerAdmin),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(stepped_down, ActionOutcome::Done { .. }));
    let again = app
        .portico
        .change_contact_at(
            &carol,
            change(carol_id, ContactChange::RemoveCustomerAdmin),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(kind(again), ErrorKind::Conflict);

    // An administrator cannot disable the last one's login either.
    let admin = app.administrator().await;
    let disable = app
        .portico
        .change_contact_at(
            &admin,
            change(carol_id, ContactChange::DisableLogin),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(errors(disable)
        .get(Field::Form)
        .unwrap()
        .message
        .text()
        .contains("last customer administrator"));
    assert_eq!(
        person(&app, "carol@acme.example").await.status,
        UserStatus::Active
    );
}

#[tokio::test]
async fn a_disabled_login_ends_the_contacts_session_and_is_told_at_log_in_until_enabled() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", true).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.contact("ada@acme.example", ACME_CODE).await;
    let ada_session = app.logged_in(Portal::Csm, "ada@acme.example").await;
    let ada = person(&app, "ada@acme.example").await.id;

    let disable = ValidContactChange {
        contact: ada,
        change: ContactChange::DisableLogin,
    };
    assert!(matches!(
        app.portico
            .change_contact_at(&carol, disable, Utc::now())
            .await
            .unwrap(),
        ActionOutcome::Done { .. }
    ));

    assert_eq!(
        app.portico.session_user(&ada_session).await.unwrap(),
        None,
        "the session no longer counts"
    );
    assert!(form_error(&log_in(&app, Portal::Csm, "ada@acme.example").await).contains("disabled"));
    assert_eq!(
        app.emails_to("ada@acme.example")
            .await
            .pop()
            .unwrap()
            .subject,
        "Your login was disabled"
    );
    let enable = ValidContactChange {
        contact: ada,
        change: ContactChange::EnableLogin,
    };
    assert!(matches!(
        app.portico
            .change_contact_at(&carol, enable, Utc::now())
            .await
            .unwrap(),
        ActionOutcome::Done { .. }
    ));
    assert!(matches!(
        log_in(&app, Portal::Csm, "ada@acme.example").await,
        LogInOutcome::LoggedIn { .. }
    ));
    assert_eq!(
        audit_actions(&app, ada).await[3..],
        ["login_disabled", "login_enabled"]
    );

    // Another company's customer administrator cannot touch her.
    let globex = app
        .company("Globex", GLOBEX_CODE, "globex.example", false)
        .await;
    let gina = app.customer_admin("gina@globex.example", &globex).await;
    let meddle = ValidContactChange {
        contact: ada,
        change: ContactChange::DisableLogin,
    };
    assert_eq!(
        kind(
            app.portico
                .change_contact_at(&gina, meddle, Utc::now())
                .await
                .unwrap()
        ),
        ErrorKind::NotFound
    );
}

#[tokio::test]
async fn a_regenerated_code_replaces_the_old_one_at_once() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let admin = app.administrator().await;

    let outcome = app
        .portico
        .regenerate_code_at(&admin, acme.id, Utc::now())
        .await
        .unwrap();

    assert!(matches!(outcome, ActionOutcome::Done { .. }));
    let now = Utc::now();
    let old = app
        .portico
        .register_at(
            CLIENT,
            Portal::Csm,
            app.registration_with_code("ada@acme.example", ACME_CODE, now),
            now,
        )
        .await
        .unwrap();
    assert!(
        matches!(old, RegisterOutcome::Rejected { .. }),
        "the old code no longer works"
    );
    let new_code = account::Entity::find_by_id(acme.id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap()
        .registration_code;
    assert_ne!(new_code, "ACME7K2Q9XPW");
    assert!(
        app::forms::RegistrationCode::parse(&new_code).is_ok(),
        "12 characters of the alphabet"
    );
    let customer = app.customer_admin("carol@acme.example", &acme).await;
    assert_eq!(
        kind(
            app.portico
                .regenerate_code_at(&customer, acme.id, Utc::now())
                .await
                .unwrap()
        ),
        ErrorKind::Forbidden
    );
}

#[tokio::test]
async fn a_signed_in_home_names_the_company_the_role_and_the_requests_that_wait() {
    let app = app().await;
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    app.contact("ada@acme.example", ACME_CODE).await;
    let home = app.portico.home_at(&carol).await.unwrap().expect("a home");
    assert_eq!(home.company.as_deref(), Some("Acme"));
    assert_eq!(home.role, HomeRole::CustomerAdmin);
    assert_eq!(home.waiting_requests, Some(1));
    assert!(!home.has_second_factor);

    app.company("Globex", GLOBEX_CODE, "globex.example", true)
        .await;
    app.contact("hank@globex.example", GLOBEX_CODE).await;
    let hank = app.logged_in(Portal::Csm, "hank@globex.example").await;
    let home = app.portico.home_at(&hank).await.unwrap().expect("a home");
    assert_eq!(
        (home.company.as_deref(), home.role),
        (Some("Globex"), HomeRole::Contact)
    );
    assert_eq!(
        home.waiting_requests, None,
        "only customer administrators decide"
    );

    assert_eq!(
        app.portico.home_at(&session()).await.unwrap(),
        None,
        "a visitor"
    );
}
