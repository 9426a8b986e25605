//! The rest of an account's life on a real SQLite database: invitations into a company,
//! deleting an account (scheduled, cancelled, carried out, by an administrator), and new
//! terms agreed at log-in. Each state change is checked with its audit row.
use crate::common;

use app::api::{
    Access, ActionOutcome, InvitationLink, LogInOutcome, NewPasswordOutcome, TermsOutcome,
};
use app::forms::invitations::{
    AcceptInvitationForm, InvitationChange, InvitationChangeForm, InvitationForm,
};
use app::forms::leaving::{DeleteAccountForm, TermsAnswer};
use app::forms::Field;
use app::portal::Portal;
use chrono::{Duration, Utc};
use common::{app, client, log_in_form, TestApp, PASSWORD};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::user::{self, UserRole, UserStatus};
use server::db::entities::{audit_entry, consent};
use tower_sessions::Session;

const ACME_CODE: &str = "ACME-7K2Q-9XPW";

fn invitation(email: &str, role: &str) -> app::forms::invitations::ValidInvitation {
    InvitationForm {
        account: String::new(),
        first_name: "Ivy".into(),
        last_name: "Invited".into(),
        email: email.into(),
        role: role.into(),
    }
    .validate()
    .unwrap()
}

fn acceptance(token: &str) -> app::forms::invitations::ValidAcceptance {
    AcceptInvitationForm {
        token: token.into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        consent: "on".into(),
    }
    .validate()
    .unwrap()
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    audit_entry::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect()
}

async fn acme_with_admin(app: &TestApp) -> (server::db::entities::account::Model, Session) {
    let acme = app.company("Acme", ACME_CODE, "acme.example", false).await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    (acme, carol)
}

async fn invite(app: &TestApp, by: &Session, email: &str, role: &str) -> ActionOutcome {
    app.portico
        .invite_contact_at(by, invitation(email, role), Utc::now())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invited_person_accepts_and_is_logged_in_as_a_contact_with_the_role() {
    let app = app().await;
    let (acme, carol) = acme_with_admin(&app).await;
    let outcome = invite(&app, &carol, "ivy@elsewhere.example", "customer_admin").await;
    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    let token = app.token_emailed_to("ivy@elsewhere.example").await;
    let now = Utc::now();
    assert!(matches!(
        app.portico.invitation_link_at(&token, now).await.unwrap(),
        InvitationLink::Open { ref company, .. } if company == "Acme"
    ));

    let ivy = app.new_session();
    let accepted = app
        .portico
        .accept_invitation_at(&ivy, &client(), acceptance(&token), now)
        .await
        .unwrap();
    assert_eq!(accepted, NewPasswordOutcome::LoggedIn { to: "/csm".into() });
    let person = app.person("ivy@elsewhere.example").await;
    assert_eq!(person.status, UserStatus::Active);
    assert_eq!(person.account_id, Some(acme.id));
    assert_eq!(person.role, UserRole::CustomerAdmin);
    assert!(person.verified_at.is_some());
    assert_eq!(
        app.portico
            .session_person(&ivy)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(person.id)
    );
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(person.id))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(consents.len(), 2);
    // Once only.
    assert_eq!(
        app.portico.invitation_link_at(&token, now).await.unwrap(),
        InvitationLink::Accepted
    );
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&"contact_invited".to_owned()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"invitation_accepted".to_owned()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn resending_makes_the_old_link_fail_and_revoking_ends_the_invitation() {
    let app = app().await;
    let (_, carol) = acme_with_admin(&app).await;
    invite(&app, &carol, "ivy@acme.example", "member").await;
    let first = app.token_emailed_to("ivy@acme.example").await;
    let Access::Granted(list) = app.portico.company_contacts_at(&carol).await.unwrap() else {
        panic!("no contacts page");
    };
    assert_eq!(list.invitations.len(), 1);
    let id = list.invitations[0].id;
    let change = |change: InvitationChange| {
        InvitationChangeForm {
            invitation: id.to_string(),
            change: change.form_value().into(),
            ..Default::default()
        }
        .validate()
        .unwrap()
    };

    // A minute on: an invitation is sent again at most once a minute.
    let a_minute_on = Utc::now() + Duration::minutes(1);
    let resent = app
        .portico
        .change_invitation_at(&carol, change(InvitationChange::Resend), a_minute_on)
        .await
        .unwrap();
    assert!(matches!(resent, ActionOutcome::Done { .. }), "{resent:?}");
    let second = app.token_emailed_to("ivy@acme.example").await;
    assert_ne!(first, second);
    let now = Utc::now();
    assert_eq!(
        app.portico.invitation_link_at(&first, now).await.unwrap(),
        InvitationLink::Withdrawn
    );
    let refused = app
        .portico
        .accept_invitation_at(&app.new_session(), &client(), acceptance(&first), now)
        .await
        .unwrap();
    assert!(
        matches!(refused, NewPasswordOutcome::Link(_)),
        "{refused:?}"
    );

    app.portico
        .change_invitation_at(&carol, change(InvitationChange::Revoke), Utc::now())
        .await
        .unwrap();
    assert_eq!(
        app.portico
            .invitation_link_at(&second, Utc::now())
            .await
            .unwrap(),
        InvitationLink::Withdrawn
    );
    let Access::Granted(list) = app.portico.company_contacts_at(&carol).await.unwrap() else {
        panic!("no contacts page");
    };
    assert!(list.invitations.is_empty());
    let actions = audit_actions(&app).await;
    assert!(actions.contains(&"invitation_resent".to_owned()));
    assert!(actions.contains(&"invitation_revoked".to_owned()));
}

#[tokio::test]
async fn invitations_expire_after_seven_days() {
    let app = app().await;
    let (_, carol) = acme_with_admin(&app).await;
    invite(&app, &carol, "ivy@acme.example", "member").await;
    let token = app.token_emailed_to("ivy@acme.example").await;
    let later = Utc::now() + Duration::days(7) + Duration::minutes(1);
    assert_eq!(
        app.portico.invitation_link_at(&token, later).await.unwrap(),
        InvitationLink::Expired
    );
    let refused = app
        .portico
        .accept_invitation_at(&app.new_session(), &client(), acceptance(&token), later)
        .await
        .unwrap();
    assert!(matches!(refused, NewPasswordOutcome::Link(_)));
    assert_eq!(app.count(user::Entity).await, 1, "only Carol");
}

#[tokio::test]
async fn an_address_with_an_account_or_an_open_invitation_is_refused_on_the_email_field() {
    let app = app().await;
    let (_, carol) = acme_with_admin(&app).await;
    app.register_verified("ada@example.com").await;
    let taken = invite(&app, &carol, "ADA@example.com", "member").await;
    let ActionOutcome::Rejected { errors } = taken else {
        panic!("invited an existing account");
    };
    let error = errors.iter().next().unwrap();
    assert_eq!(error.field, Field::Email);
    assert!(
        error.message.text().contains("already has an account"),
        "{}",
        error.message.text()
    );

    invite(&app, &carol, "ivy@acme.example", "member").await;
    let twice = invite(&app, &carol, "ivy@acme.example", "member").await;
    assert!(matches!(twice, ActionOutcome::Rejected { .. }));
}

#[tokio::test]
async fn only_a_companys_managers_invite_into_it() {
    let app = app().await;
    let (acme, _) = acme_with_admin(&app).await;
    app.contact("dan@acme.example", ACME_CODE).await;
    // Dan is pending approval: not logged in, and not a customer administrator anyway.
    let dan = app.new_session();
    let refused = invite(&app, &dan, "ivy@acme.example", "member").await;
    assert!(matches!(refused, ActionOutcome::Rejected { .. }));

    let admin = app.administrator().await;
    let mut by_admin = invitation("ivy@acme.example", "member");
    by_admin.account = Some(acme.id);
    let outcome = app
        .portico
        .invite_contact_at(&admin, by_admin, Utc::now())
        .await
        .unwrap();
    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
}

fn deletion() -> app::forms::leaving::ValidDeletion {
    DeleteAccountForm {
        current_password: PASSWORD.into(),
    }
    .validate()
    .unwrap()
}

#[tokio::test]
async fn deletion_is_scheduled_ends_every_session_and_logging_in_cancels_it() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    let other = app.logged_in(Portal::Csp, "ada@example.com").await;
    let outcome = app
        .portico
        .delete_account_at(&ada, deletion(), Utc::now())
        .await
        .unwrap();
    assert!(matches!(outcome, ActionOutcome::Done { .. }), "{outcome:?}");
    let person = app.person("ada@example.com").await;
    let due = person.deletion_due_at.expect("scheduled");
    assert!(due > Utc::now() + Duration::days(6));
    assert!(app.portico.session_person(&other).await.unwrap().is_none());
    let emails = app.emails_to("ada@example.com").await;
    assert_eq!(
        emails.last().unwrap().subject,
        "Your account will be deleted"
    );

    app.logged_in(Portal::Csp, "ada@example.com").await;
    let person = app.person("ada@example.com").await;
    assert_eq!(person.deletion_due_at, None);
    let emails = app.emails_to("ada@example.com").await;
    assert_eq!(
        emails.last().unwrap().subject,
        "Your account will not be deleted"
    );
    let actions = audit_actions(&app).await;
    assert!(actions.contains(&"deletion_scheduled".to_owned()));
    assert!(actions.contains(&"deletion_cancelled".to_owned()));
}

#[tokio::test]
async fn a_wrong_password_schedules_nothing() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    let wrong = DeleteAccountForm {
        current_password: "not the password at all".into(),
    }
    .validate()
    .unwrap();
    let outcome = app
        .portico
        .delete_account_at(&ada, wrong, Utc::now())
        .await
        .unwrap();
    let ActionOutcome::Rejected { errors } = outcome else {
        panic!("deleted with a wrong password");
    };
    assert_eq!(errors.iter().next().unwrap().field, Field::CurrentPassword);
    assert_eq!(app.person("ada@example.com").await.deletion_due_at, None);
}

#[tokio::test]
async fn the_last_customer_administrator_cannot_delete_their_account() {
    let app = app().await;
    let (_, carol) = acme_with_admin(&app).await;
    let Access::Granted(view) = app
        .portico
        .deletion_view_at(&carol, Utc::now())
        .await
        .unwrap()
    else {
        panic!("no deletion page");
    };
    assert!(view
        .blocked
        .unwrap()
        .contains("last customer administrator"));
    let outcome = app
        .portico
        .delete_account_at(&carol, deletion(), Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(outcome, ActionOutcome::Rejected { .. }),
        "{outcome:?}"
    );
    assert_eq!(app.person("carol@acme.example").await.deletion_due_at, None);
}

#[tokio::test]
async fn a_due_deletion_is_carried_out_when_the_address_logs_in_without_waiting_for_the_janitor() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let ada = app.logged_in(Portal::Csp, "ada@example.com").await;
    app.portico
        .delete_account_at(&ada, deletion(), Utc::now())
        .await
        .unwrap();
    let mut person: user::ActiveModel = app.person("ada@example.com").await.into();
    person.deletion_due_at = Set(Some(Utc::now() - Duration::minutes(1)));
    person.update(&app.db.conn).await.unwrap();
    let outcome = app
        .portico
        .log_in_at(
            &app.new_session(),
            &client(),
            Portal::Csp,
            log_in_form("ada@example.com", PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, LogInOutcome::Rejected { .. }),
        "{outcome:?}"
    );
    assert_eq!(app.count(user::Entity).await, 0);
}

#[tokio::test]
async fn an_administrator_deletes_an_account_at_once_with_a_reason() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    let admin = app.administrator().await;
    let ada = app.person("ada@example.com").await;
    let deleted = app
        .portico
        .delete_person_at(
            &admin,
            app::forms::leaving::ValidAdminDeletion {
                person: ada.id,
                reason: "Asked by phone".into(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(deleted, ActionOutcome::Done { .. }), "{deleted:?}");
    assert_eq!(app.count(user::Entity).await, 1, "only the administrator");
    let entry = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("account_deleted"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let detail = entry.detail.unwrap();
    assert_eq!(
        server::services::support::audit::detail_text(app::i18n::Lang::DEFAULT, &detail),
        "a consumer account, by an administrator: Asked by phone",
        "stored as a message, read in the reader's language"
    );
    assert_eq!(
        server::services::support::audit::detail_text(
            app::i18n::Lang::of_tag("de").unwrap(),
            &detail
        ),
        "ein Privatkundenkonto, von einem Administrator: Asked by phone"
    );
    assert!(entry.actor_id.is_some());

    // Not theirs to do for anyone else.
    app.register_verified("bob@example.com").await;
    let bob_id = app.person("bob@example.com").await.id;
    let bob = app.logged_in(Portal::Csp, "bob@example.com").await;
    let refused = app
        .portico
        .delete_person_at(
            &bob,
            app::forms::leaving::ValidAdminDeletion {
                person: bob_id,
                reason: "because".into(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(refused, ActionOutcome::Rejected { .. }));
}

async fn make_consents_old(app: &TestApp, email: &str) {
    let person = app.person(email).await;
    consent::Entity::update_many()
        .col_expr(
            consent::Column::Version,
            sea_orm::sea_query::Expr::value("2025-01-01"),
        )
        .filter(consent::Column::UserId.eq(person.id))
        .exec(&app.db.conn)
        .await
        .unwrap();
}

#[tokio::test]
async fn new_terms_come_before_the_log_in_and_are_recorded_when_agreed() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    make_consents_old(&app, "ada@example.com").await;
    let session = app.new_session();
    let outcome = app
        .portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csp,
            log_in_form("ada@example.com", PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(
        outcome,
        LogInOutcome::LoggedIn {
            to: "/csp/accept-terms".into()
        }
    );
    assert!(
        app.portico
            .session_person(&session)
            .await
            .unwrap()
            .is_none(),
        "not logged in yet"
    );
    let changed = app
        .portico
        .changed_policies_at(&session, Utc::now())
        .await
        .unwrap()
        .expect("documents to agree to");
    assert_eq!(changed.len(), 2);

    let answered = app
        .portico
        .answer_terms_at(&session, &client(), TermsAnswer::Accept, Utc::now())
        .await
        .unwrap();
    assert_eq!(answered, TermsOutcome::Continue { to: "/csp".into() });
    assert!(app
        .portico
        .session_person(&session)
        .await
        .unwrap()
        .is_some());
    let person = app.person("ada@example.com").await;
    let versions: Vec<String> = consent::Entity::find()
        .filter(consent::Column::UserId.eq(person.id))
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.version)
        .collect();
    assert_eq!(
        versions.len(),
        4,
        "the old consents stay beside the new: {versions:?}"
    );
    assert!(audit_actions(&app)
        .await
        .contains(&"terms_accepted".to_owned()));
    // Next time, straight in.
    app.logged_in(Portal::Csp, "ada@example.com").await;
}

#[tokio::test]
async fn declining_new_terms_leaves_the_person_logged_out() {
    let app = app().await;
    app.register_verified("ada@example.com").await;
    make_consents_old(&app, "ada@example.com").await;
    let session = app.new_session();
    app.portico
        .log_in_at(
            &session,
            &client(),
            Portal::Csp,
            log_in_form("ada@example.com", PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    let answered = app
        .portico
        .answer_terms_at(&session, &client(), TermsAnswer::Decline, Utc::now())
        .await
        .unwrap();
    assert!(matches!(answered, TermsOutcome::LoggedOut { .. }));
    assert!(app
        .portico
        .session_person(&session)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        app.portico
            .changed_policies_at(&session, Utc::now())
            .await
            .unwrap(),
        None
    );
    let again = app
        .portico
        .answer_terms_at(&session, &client(), TermsAnswer::Accept, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(again, TermsOutcome::Rejected { .. }),
        "no agreeing after declining"
    );
}
