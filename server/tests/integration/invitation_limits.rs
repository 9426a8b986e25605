//! How many invitation emails a company causes: a resend at most once a minute per
//! invitation, and 50 invitations (new and resent) a day per company, decided one after
//! the other however many requests arrive together.
use app::api::{Access, ActionOutcome};
use app::forms::invitations::{InvitationChange, InvitationChangeForm, InvitationForm};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Duration, Utc};
use futures::future::join_all;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::db::entities::{account, invitation};
use server::services::lifecycle::invitation_limits::INVITATIONS_PER_COMPANY_PER_DAY;
use tower_sessions::Session;

use crate::common::{self, app, TestApp};

/// Now, in whole seconds (as the waits are counted).
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap()
}

async fn acme_with_admin(app: &TestApp, name: &str, code: &str) -> (account::Model, Session) {
    let domain = format!("{}.example", name.to_lowercase());
    let company = app.company(name, code, &domain, false).await;
    let carol = app
        .customer_admin(&format!("carol@{domain}"), &company)
        .await;
    (company, carol)
}

async fn invite(app: &TestApp, by: &Session, email: &str, at: DateTime<Utc>) -> ActionOutcome {
    let form = InvitationForm {
        account: String::new(),
        first_name: "Ivy".into(),
        last_name: "Invited".into(),
        email: email.into(),
        role: "member".into(),
    }
    .validate()
    .unwrap();
    app.portico.invite_contact_at(by, form, at).await.unwrap()
}

async fn resend(app: &TestApp, by: &Session, at: DateTime<Utc>) -> ActionOutcome {
    let Access::Granted(list) = app.portico.company_contacts_at(by).await.unwrap() else {
        panic!("no contacts page");
    };
    let form = InvitationChangeForm {
        invitation: list.invitations[0].id.to_string(),
        change: InvitationChange::Resend.form_value().into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    app.portico
        .change_invitation_at(by, form, at)
        .await
        .unwrap()
}

/// The one error of a refusal: its field, kind and text.
fn refusal(outcome: &ActionOutcome) -> (Field, ErrorKind, String) {
    let ActionOutcome::Rejected { errors } = outcome else {
        panic!("not refused: {outcome:?}");
    };
    let error = errors.iter().next().unwrap();
    (error.field, error.kind, error.message.text())
}

#[tokio::test]
async fn resending_twice_within_a_minute_sends_one_email_and_says_when_to_try_again() {
    let app = app().await;
    let (_, carol) = acme_with_admin(&app, "Acme", "ACME-7K2Q-9XPW").await;
    let t = now();
    invite(&app, &carol, "ivy@acme.example", t).await;

    // Straight after the invitation, and again after a resend: not yet.
    let (field, kind, text) = refusal(&resend(&app, &carol, t + Duration::seconds(20)).await);
    assert_eq!((field, kind), (Field::Form, ErrorKind::TooManyAttempts));
    assert!(text.contains("again in 40 seconds"), "{text}");
    let resent = resend(&app, &carol, t + Duration::minutes(2)).await;
    assert!(matches!(resent, ActionOutcome::Done { .. }), "{resent:?}");
    let soon = resend(
        &app,
        &carol,
        t + Duration::minutes(2) + Duration::seconds(15),
    )
    .await;
    let (_, _, text) = refusal(&soon);
    assert!(
        text.contains("Ivy Invited was sent this invitation a short while ago")
            && text.contains("again in 45 seconds"),
        "{text}"
    );
    assert_eq!(app.emails_to("ivy@acme.example").await.len(), 2);
    // The refused resend left the link of the one sent working.
    let resent_again = resend(
        &app,
        &carol,
        t + Duration::minutes(3) + Duration::seconds(1),
    )
    .await;
    assert!(matches!(resent_again, ActionOutcome::Done { .. }));
    assert_eq!(app.emails_to("ivy@acme.example").await.len(), 3);
}

#[tokio::test]
async fn the_51st_invitation_of_the_day_is_refused_on_the_email_field_until_a_day_has_passed() {
    let app = app().await;
    let (_, carol) = acme_with_admin(&app, "Acme", "ACME-7K2Q-9XPW").await;
    let t = now();
    for i in 0..INVITATIONS_PER_COMPANY_PER_DAY as i64 {
        let email = format!("person{i}@elsewhere.example");
        let at = t + Duration::seconds(10 * i);
        assert!(matches!(
            invite(&app, &carol, &email, at).await,
            ActionOutcome::Done { .. }
        ));
    }
    let later = t + Duration::minutes(10);
    let (field, kind, text) = refusal(&invite(&app, &carol, "one@more.example", later).await);
    assert_eq!((field, kind), (Field::Email, ErrorKind::TooManyAttempts));
    assert_eq!(
        text,
        "Acme has sent 50 invitations in the last 24 hours, the most allowed in a day. \
         You can send another in 24 hours."
    );
    assert!(app.emails_to("one@more.example").await.is_empty());
    // Resends count too, and are refused on the row's notice.
    let (field, _, text) = refusal(&resend(&app, &carol, later).await);
    assert_eq!(field, Field::Form);
    assert!(
        text.contains("50 invitations in the last 24 hours"),
        "{text}"
    );

    // Another company has its own 50.
    let (_, globex) = acme_with_admin(&app, "Globex", "GBXR-7K2Q-9XPW").await;
    let elsewhere = invite(&app, &globex, "one@more.example", later).await;
    assert!(matches!(elsewhere, ActionOutcome::Done { .. }));
    // A day after the first (and before the second), one more goes out.
    let next_day = t + Duration::days(1) + Duration::seconds(1);
    let next = invite(&app, &carol, "two@more.example", next_day).await;
    assert!(matches!(next, ActionOutcome::Done { .. }), "{next:?}");
    let again = invite(&app, &carol, "three@more.example", next_day).await;
    assert!(matches!(again, ActionOutcome::Rejected { .. }));
}

#[tokio::test]
async fn twenty_invitations_at_once_through_two_instances_never_exceed_the_days_cap() {
    let app = app().await;
    let second = common::app_on(&app.url).await;
    invitations_at_once_stay_under_the_cap(&app, &second).await;
}

/// 40 invitations, then 20 at once, half through each instance: 10 pass. Also run on
/// PostgreSQL (`postgres.rs`).
pub async fn invitations_at_once_stay_under_the_cap(first: &TestApp, second: &TestApp) {
    let (acme, carol) = acme_with_admin(first, "Acme", "ACME-7K2Q-9XPW").await;
    let t = now();
    let before = INVITATIONS_PER_COMPANY_PER_DAY - 10;
    for i in 0..before {
        invite(first, &carol, &format!("early{i}@elsewhere.example"), t).await;
    }
    let outcomes = join_all((0..20).map(|i| {
        let email = format!("rush{i}@elsewhere.example");
        let (instance, carol) = (if i % 2 == 0 { first } else { second }, &carol);
        async move { invite(instance, carol, &email, t).await }
    }))
    .await;
    let sent = outcomes
        .iter()
        .filter(|o| matches!(o, ActionOutcome::Done { .. }))
        .count();
    assert_eq!(sent, 10, "{outcomes:?}");
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::AccountId.eq(acme.id))
        .count(&first.db.conn)
        .await
        .unwrap();
    assert_eq!(invitations, INVITATIONS_PER_COMPANY_PER_DAY);
}
