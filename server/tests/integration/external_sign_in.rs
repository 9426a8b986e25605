//! Signing in through another OpenID Connect provider (issue 23), from the verified
//! identity on: the relying party's checks of the ID token are tested apart
//! (`relying_party`), so these tests build the identity a provider proved directly.
use app::api::LogInOutcome;
use app::forms::NormalizedEmail;
use app::i18n::Lang;
use app::portal::Portal;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use server::db::entities::user::{UserKind, UserRole, UserStatus};
use server::db::entities::{
    account, consent, external_identity, identity_provider, identity_provider_domain, login, user,
};
use server::services::external_sign_in::{ExternalIdentity, Refusal, SignInOutcome, UnlinkOutcome};
use tower_sessions::Session;

use crate::common::{app, client, log_in_form, TestApp, PASSWORD};
use crate::second_factors::{ada_with_app, give, ADA};

const ACME_ISSUER: &str = "https://login.acme.example";
const SOCIAL_ISSUER: &str = "https://accounts.social.example";

/// Acme, whose provider answers for acme.example; its id.
async fn acme_with_provider(app: &TestApp, required: bool) -> (account::Model, i32) {
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", true)
        .await;
    let provider = provider(app, "company", Some(acme.id), ACME_ISSUER, required).await;
    identity_provider_domain::ActiveModel {
        domain: Set("acme.example".into()),
        provider_id: Set(provider),
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    (acme, provider)
}

/// A switched-on provider; its id.
async fn provider(
    app: &TestApp,
    kind: &str,
    account_id: Option<i32>,
    issuer: &str,
    required: bool,
) -> i32 {
    let now = Utc::now();
    identity_provider::ActiveModel {
        kind: Set(kind.into()),
        account_id: Set(account_id),
        name: Set(format!("{kind} provider")),
        preset: Set(None),
        issuer: Set(issuer.into()),
        client_id: Set("portico".into()),
        client_secret_sealed: Set("sealed:v1:test".into()),
        discovered: Set(None),
        enabled: Set(true),
        required: Set(required),
        tried_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap()
    .id
}

async fn social_provider(app: &TestApp) -> i32 {
    provider(app, "social", None, SOCIAL_ISSUER, false).await
}

/// What a provider proved: a verified address, names, a provider session.
fn identity(provider_id: i32, issuer: &str, subject: &str, email: &str) -> ExternalIdentity {
    ExternalIdentity {
        provider_id,
        issuer: issuer.into(),
        subject: subject.into(),
        email: Some(email.into()),
        email_verified: true,
        given_name: Some("Hank".into()),
        family_name: Some("Hill".into()),
        name: None,
        provider_sid: Some(format!("sid-of-{subject}")),
        provider_session_ends: None,
    }
}

async fn sign_in(app: &TestApp, session: &Session, identity: ExternalIdentity) -> SignInOutcome {
    app.portico
        .sign_in_with_provider_at(session, &client(), identity, Utc::now())
        .await
        .unwrap()
}

async fn join(app: &TestApp, session: &Session) -> SignInOutcome {
    app.portico
        .join_through_provider_at(session, &client(), Lang::DEFAULT, Utc::now())
        .await
        .unwrap()
}

async fn signed_in_person(app: &TestApp, session: &Session) -> Option<String> {
    let person = app.portico.session_person(session).await.unwrap();
    person.map(|p| p.email_normalized)
}

async fn logins_of(app: &TestApp, email: &str) -> Vec<login::Model> {
    let person = app.person(email).await;
    login::Entity::find()
        .filter(login::Column::UserId.eq(person.id))
        .all(&app.db.conn)
        .await
        .unwrap()
}

async fn links_of(app: &TestApp, email: &str) -> Vec<external_identity::Model> {
    let person = app.person(email).await;
    external_identity::Entity::find()
        .filter(external_identity::Column::UserId.eq(person.id))
        .all(&app.db.conn)
        .await
        .unwrap()
}

async fn has_account(app: &TestApp, email: &str) -> bool {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&app.db.conn)
        .await
        .unwrap()
        .is_some()
}

fn logged_in(outcome: &SignInOutcome) -> bool {
    matches!(outcome, SignInOutcome::LoggedIn { .. })
}

/// Hank joins Acme through its provider and is logged in; his session.
async fn hank_joined(app: &TestApp, provider: i32) -> Session {
    let session = app.new_session();
    let hank = identity(provider, ACME_ISSUER, "hank-sub", "Hank@Acme.example");
    sign_in(app, &session, hank).await;
    let outcome = join(app, &session).await;
    assert!(logged_in(&outcome), "{outcome:?}");
    session
}

#[tokio::test]
async fn a_verified_company_address_without_an_account_joins_the_company_after_agreeing() {
    let app = app().await;
    let (acme, provider) = acme_with_provider(&app, false).await;
    let session = app.new_session();
    let hank = identity(provider, ACME_ISSUER, "hank-sub", "Hank@Acme.example");
    let outcome = sign_in(&app, &session, hank).await;
    assert_eq!(
        outcome,
        SignInOutcome::AgreeFirst {
            portal: Portal::Csm
        }
    );
    assert!(
        !has_account(&app, "hank@acme.example").await,
        "not before agreeing"
    );
    let view = app.portico.pending_sign_in_at(&session, Utc::now()).await;
    let view = view.unwrap().expect("the sign-in waits for the agreement");
    assert_eq!(view.company.as_deref(), Some("Acme"));
    assert!(logged_in(&join(&app, &session).await));
    let hank = app.person("hank@acme.example").await;
    assert_eq!(hank.kind, UserKind::Contact);
    assert_eq!(hank.status, UserStatus::Active);
    assert_eq!(hank.role, UserRole::Member);
    assert_eq!(hank.account_id, Some(acme.id));
    assert!(hank.verified_at.is_some());
    assert_eq!((&*hank.first_name, &*hank.last_name), ("Hank", "Hill"));
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(hank.id))
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(!consents.is_empty(), "agreed to the policy and the terms");
    assert_eq!(
        signed_in_person(&app, &session).await.as_deref(),
        Some("hank@acme.example")
    );
    let links = links_of(&app, "hank@acme.example").await;
    assert_eq!(
        (&*links[0].issuer, &*links[0].subject),
        (ACME_ISSUER, "hank-sub")
    );
    // No password of his own: none logs in.
    let by_password = app
        .portico
        .log_in_at(
            &app.new_session(),
            &client(),
            Portal::Csm,
            log_in_form("hank@acme.example", "anything at all"),
            Utc::now(),
        )
        .await;
    assert!(!matches!(by_password, Ok(LogInOutcome::LoggedIn { .. })));
}

#[tokio::test]
async fn the_login_records_the_provider_session_and_ends_with_it_or_after_the_setting() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    let before = Utc::now();
    hank_joined(&app, provider).await;
    let first = logins_of(&app, "hank@acme.example").await.remove(0);
    assert_eq!(first.provider_id, Some(provider));
    assert_eq!(first.provider_subject.as_deref(), Some("hank-sub"));
    assert_eq!(first.provider_sid.as_deref(), Some("sid-of-hank-sub"));
    assert_eq!(
        first.amr.as_deref(),
        Some(""),
        "no RFC 8176 value claims more"
    );
    let ends = first.expires_at.expect("an end");
    let twelve_hours = before + Duration::hours(12);
    assert!(ends >= twelve_hours - Duration::seconds(1), "{ends}");
    assert!(ends <= Utc::now() + Duration::hours(12), "{ends}");
    // A provider session that ends sooner ends the login sooner.
    let soon = Utc::now() + Duration::minutes(30);
    let mut hank = identity(provider, ACME_ISSUER, "hank-sub", "hank@acme.example");
    hank.provider_session_ends = Some(soon);
    hank.provider_sid = Some("second".into());
    assert!(logged_in(&sign_in(&app, &app.new_session(), hank).await));
    let second = logins_of(&app, "hank@acme.example").await;
    let second = second
        .iter()
        .find(|l| l.provider_sid.as_deref() == Some("second"));
    assert_eq!(
        second.unwrap().expires_at.map(|e| e.timestamp()),
        Some(soon.timestamp())
    );
}

#[tokio::test]
async fn the_longest_login_through_a_provider_is_a_setting() {
    let mut app = app().await;
    app.portico = app.portico.clone().with_sso_session_max_hours(2);
    let (_, provider) = acme_with_provider(&app, false).await;
    hank_joined(&app, provider).await;
    let ends = logins_of(&app, "hank@acme.example").await[0]
        .expires_at
        .unwrap();
    assert!(ends <= Utc::now() + Duration::hours(2), "{ends}");
}

#[tokio::test]
async fn a_login_past_its_end_counts_as_logged_out_and_says_to_go_back_to_the_provider() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    let session = hank_joined(&app, provider).await;
    assert!(signed_in_person(&app, &session).await.is_some());
    login::Entity::update_many()
        .col_expr(
            login::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .exec(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(signed_in_person(&app, &session).await, None);
    let ended = app.portico.provider_session_ended(&session).await.unwrap();
    assert_eq!(ended, Some(provider), "back to the provider silently");
}

#[tokio::test]
async fn a_second_sign_in_matches_on_the_subject_even_when_the_provider_changed_the_email() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    hank_joined(&app, provider).await;
    let session = app.new_session();
    let renamed = identity(provider, ACME_ISSUER, "hank-sub", "henry@acme.example");
    assert!(logged_in(&sign_in(&app, &session, renamed).await));
    assert_eq!(
        signed_in_person(&app, &session).await.as_deref(),
        Some("hank@acme.example")
    );
    assert!(!has_account(&app, "henry@acme.example").await);
    let links = links_of(&app, "hank@acme.example").await;
    assert_eq!(
        links[0].email, "henry@acme.example",
        "as the provider last said"
    );
}

#[tokio::test]
async fn the_same_address_with_another_subject_is_not_signed_in_on_the_email() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    hank_joined(&app, provider).await;
    let session = app.new_session();
    let other = identity(provider, ACME_ISSUER, "someone-else", "hank@acme.example");
    assert_eq!(
        sign_in(&app, &session, other).await,
        SignInOutcome::ProveAccountFirst {
            portal: Portal::Csm
        }
    );
    assert_eq!(signed_in_person(&app, &session).await, None);
}

#[tokio::test]
async fn an_unverified_or_missing_email_is_refused() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    let mut unverified = identity(provider, ACME_ISSUER, "u", "una@acme.example");
    unverified.email_verified = false;
    let refused = SignInOutcome::Refused(Refusal::EmailUnverified);
    assert_eq!(sign_in(&app, &app.new_session(), unverified).await, refused);
    let mut missing = identity(provider, ACME_ISSUER, "m", "");
    missing.email = None;
    assert_eq!(sign_in(&app, &app.new_session(), missing).await, refused);
    assert!(!has_account(&app, "una@acme.example").await);
}

#[tokio::test]
async fn an_address_outside_the_company_domains_is_refused() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    let outside = identity(provider, ACME_ISSUER, "o", "olga@elsewhere.example");
    assert_eq!(
        sign_in(&app, &app.new_session(), outside).await,
        SignInOutcome::Refused(Refusal::OutsideDomains)
    );
}

#[tokio::test]
async fn an_address_of_a_consumer_or_of_another_company_is_refused() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    app.register_verified("carl@acme.example").await;
    let consumer = identity(provider, ACME_ISSUER, "c", "carl@acme.example");
    let elsewhere = SignInOutcome::Refused(Refusal::AddressElsewhere);
    assert_eq!(sign_in(&app, &app.new_session(), consumer).await, elsewhere);
    let globex = app
        .company("Globex", "GBXN-4RTV-8HZM", "globex.example", true)
        .await;
    let gina = server::bootstrap::NewPerson::parse("gina@acme.example", "Gina", "G", PASSWORD);
    server::bootstrap::create_customer_admin(&app.portico, gina.unwrap(), globex.id)
        .await
        .unwrap();
    let other_company = identity(provider, ACME_ISSUER, "g", "gina@acme.example");
    assert_eq!(
        sign_in(&app, &app.new_session(), other_company).await,
        elsewhere
    );
}

#[tokio::test]
async fn a_disabled_person_is_refused_even_with_a_link() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    hank_joined(&app, provider).await;
    let hank = app.person("hank@acme.example").await;
    let mut disabled: user::ActiveModel = hank.into();
    disabled.status = Set(UserStatus::Disabled);
    disabled.update(&app.db.conn).await.unwrap();
    let again = identity(provider, ACME_ISSUER, "hank-sub", "hank@acme.example");
    assert_eq!(
        sign_in(&app, &app.new_session(), again).await,
        SignInOutcome::Refused(Refusal::CannotSignIn)
    );
}

#[tokio::test]
async fn an_existing_contact_is_linked_only_after_proving_their_password() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    app.contact("dora@acme.example", "ACME-7K2Q-9XPW").await;
    let session = app.new_session();
    let dora = identity(provider, ACME_ISSUER, "dora-sub", "dora@acme.example");
    assert_eq!(
        sign_in(&app, &session, dora).await,
        SignInOutcome::ProveAccountFirst {
            portal: Portal::Csm
        }
    );
    assert!(
        links_of(&app, "dora@acme.example").await.is_empty(),
        "not on the email"
    );
    assert_eq!(signed_in_person(&app, &session).await, None);
    let wrong = app
        .portico
        .link_with_password_at(&session, &client(), "not hers".into(), Utc::now())
        .await
        .unwrap();
    assert_eq!(wrong, SignInOutcome::Refused(Refusal::WrongPassword));
    assert!(links_of(&app, "dora@acme.example").await.is_empty());
    let right = app
        .portico
        .link_with_password_at(&session, &client(), PASSWORD.into(), Utc::now())
        .await
        .unwrap();
    assert!(logged_in(&right), "{right:?}");
    assert_eq!(links_of(&app, "dora@acme.example").await.len(), 1);
    let login = logins_of(&app, "dora@acme.example").await.remove(0);
    assert_eq!(login.provider_id, Some(provider));
    // Later sign-ins match the link at once.
    let again = identity(provider, ACME_ISSUER, "dora-sub", "dora@acme.example");
    assert!(logged_in(&sign_in(&app, &app.new_session(), again).await));
}

#[tokio::test]
async fn a_consumer_signs_up_through_a_social_provider_after_agreeing() {
    let app = app().await;
    let social = social_provider(&app).await;
    let session = app.new_session();
    let zoe = identity(social, SOCIAL_ISSUER, "zoe", "zoe@mail.example");
    assert_eq!(
        sign_in(&app, &session, zoe.clone()).await,
        SignInOutcome::AgreeFirst {
            portal: Portal::Csp
        }
    );
    assert!(logged_in(&join(&app, &session).await));
    let zoe_account = app.person("zoe@mail.example").await;
    assert_eq!(zoe_account.kind, UserKind::Consumer);
    assert_eq!(zoe_account.account_id, None);
    assert!(zoe_account.verified_at.is_some());
    assert!(logged_in(&sign_in(&app, &app.new_session(), zoe).await));
}

#[tokio::test]
async fn a_social_sign_in_is_refused_for_a_company_contact_and_proven_for_a_consumer() {
    let app = app().await;
    let (_, _) = acme_with_provider(&app, false).await;
    let social = social_provider(&app).await;
    app.contact("dora@acme.example", "ACME-7K2Q-9XPW").await;
    let dora = identity(social, SOCIAL_ISSUER, "d", "dora@acme.example");
    assert_eq!(
        sign_in(&app, &app.new_session(), dora).await,
        SignInOutcome::Refused(Refusal::AddressElsewhere)
    );
    app.register_verified("carl@mail.example").await;
    let carl = identity(social, SOCIAL_ISSUER, "carl", "carl@mail.example");
    assert_eq!(
        sign_in(&app, &app.new_session(), carl).await,
        SignInOutcome::ProveAccountFirst {
            portal: Portal::Csp
        }
    );
}

#[tokio::test]
async fn a_person_with_a_second_factor_gives_it_after_the_provider_and_the_login_says_so() {
    let app = app().await;
    let t = Utc::now();
    let (secret, _) = ada_with_app(&app, t).await;
    let social = social_provider(&app).await;
    let session = app.new_session();
    sign_in(&app, &session, identity(social, SOCIAL_ISSUER, "ada", ADA)).await;
    let proven = app
        .portico
        .link_with_password_at(&session, &client(), PASSWORD.into(), Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(proven, SignInOutcome::SecondStep { .. }),
        "{proven:?}"
    );
    assert_eq!(
        signed_in_person(&app, &session).await,
        None,
        "not before the code"
    );
    let at = Utc::now() + Duration::seconds(31);
    let code = server::factors::totp::code_at(&secret, at.timestamp() as u64).unwrap();
    let outcome = give(&app, &session, &code, at).await;
    assert!(
        matches!(outcome, LogInOutcome::LoggedIn { .. }),
        "{outcome:?}"
    );
    let logins = logins_of(&app, ADA).await;
    let through = logins.iter().find(|l| l.provider_id == Some(social));
    let through = through.expect("the login through the provider");
    assert_eq!(through.amr.as_deref(), Some("otp mfa"));
    assert_eq!(through.provider_subject.as_deref(), Some("ada"));
}

#[tokio::test]
async fn back_channel_logout_ends_the_logins_of_that_provider_session_or_subject() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    let first = hank_joined(&app, provider).await;
    first.save().await.unwrap();
    let mut other = identity(provider, ACME_ISSUER, "hank-sub", "hank@acme.example");
    other.provider_sid = Some("other-sid".into());
    let second = app.new_session();
    assert!(logged_in(&sign_in(&app, &second, other).await));
    second.save().await.unwrap();
    let ended = app
        .portico
        .end_provider_sessions_at(provider, None, Some("other-sid"), Utc::now())
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(signed_in_person(&app, &second).await, None);
    assert!(
        signed_in_person(&app, &first).await.is_some(),
        "another session"
    );
    let ended = app
        .portico
        .end_provider_sessions_at(provider, Some("hank-sub"), None, Utc::now())
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert_eq!(signed_in_person(&app, &first).await, None);
    assert!(logins_of(&app, "hank@acme.example").await.is_empty());
}

#[tokio::test]
async fn back_channel_logout_leaves_other_providers_and_password_logins_alone() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    app.contact("dora@acme.example", "ACME-7K2Q-9XPW").await;
    let by_password = app.logged_in(Portal::Csm, "dora@acme.example").await;
    let ended = app
        .portico
        .end_provider_sessions_at(provider + 1, Some("hank-sub"), None, Utc::now())
        .await
        .unwrap();
    assert_eq!(ended, 0);
    let none = app
        .portico
        .end_provider_sessions_at(provider, None, None, Utc::now())
        .await
        .unwrap();
    assert_eq!(none, 0);
    assert!(signed_in_person(&app, &by_password).await.is_some());
}

#[tokio::test]
async fn a_company_that_requires_its_provider_refuses_its_contacts_passwords() {
    let app = app().await;
    app.company("Acme", "ACME-7K2Q-9XPW", "acme.example", true)
        .await;
    app.contact("dora@acme.example", "ACME-7K2Q-9XPW").await;
    // A reset link asked for before the company required its provider.
    let address = NormalizedEmail::parse("dora@acme.example").unwrap();
    app.portico
        .request_password_reset_at(&address, Utc::now())
        .await
        .unwrap();
    let earlier_link = app.token_emailed_to("dora@acme.example").await;
    let acme = app.person("dora@acme.example").await.account_id;
    let provider = provider(&app, "company", acme, ACME_ISSUER, true).await;
    assert!(provider > 0);
    let outcome = app
        .portico
        .log_in_at(
            &app.new_session(),
            &client(),
            Portal::Csm,
            log_in_form("dora@acme.example", PASSWORD),
            Utc::now(),
        )
        .await
        .unwrap();
    let LogInOutcome::Rejected { errors } = outcome else {
        panic!("logged in with a password: {outcome:?}");
    };
    assert!(
        format!("{errors:?}").contains("service-sso-use-company-sign-in"),
        "{errors:?}"
    );
    let emails_before = app.emails_to("dora@acme.example").await.len();
    app.portico
        .request_password_reset_at(&address, Utc::now() + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        app.emails_to("dora@acme.example").await.len(),
        emails_before,
        "no link"
    );
    let form = app::forms::email_links::ValidNewPassword {
        token: earlier_link,
        password: "a brand new passphrase".into(),
    };
    let reset = app
        .portico
        .reset_password_at(&app.new_session(), &client(), Portal::Csm, form, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(reset, app::api::NewPasswordOutcome::Rejected { .. }),
        "{reset:?}"
    );
}

#[tokio::test]
async fn a_consumer_unlinks_a_sign_in_but_not_their_last_way_in() {
    let app = app().await;
    let social = social_provider(&app).await;
    let session = app.new_session();
    sign_in(
        &app,
        &session,
        identity(social, SOCIAL_ISSUER, "zoe", "zoe@mail.example"),
    )
    .await;
    join(&app, &session).await;
    session.save().await.unwrap();
    let zoe = app.person("zoe@mail.example").await;
    let links = app.portico.linked_sign_ins_of(zoe.id).await.unwrap();
    assert_eq!(links.len(), 1);
    let last = app
        .portico
        .unlink_own_sign_in_at(&session, links[0].id, Utc::now())
        .await
        .unwrap();
    assert_eq!(last, UnlinkOutcome::LastWayIn);
    assert_eq!(links_of(&app, "zoe@mail.example").await.len(), 1);
    // With a password, the link can go.
    app.register_verified("carl@mail.example").await;
    let carl = app.logged_in(Portal::Csp, "carl@mail.example").await;
    let linking = app.new_session();
    sign_in(
        &app,
        &linking,
        identity(social, SOCIAL_ISSUER, "carl", "carl@mail.example"),
    )
    .await;
    app.portico
        .link_with_password_at(&linking, &client(), PASSWORD.into(), Utc::now())
        .await
        .unwrap();
    let carl_id = app.person("carl@mail.example").await.id;
    let carls = app.portico.linked_sign_ins_of(carl_id).await.unwrap();
    let not_his = app
        .portico
        .unlink_own_sign_in_at(&carl, links[0].id, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        not_his,
        UnlinkOutcome::NotFound,
        "Zoe's link is not Carl's to remove"
    );
    let unlinked = app
        .portico
        .unlink_own_sign_in_at(&carl, carls[0].id, Utc::now())
        .await
        .unwrap();
    assert_eq!(unlinked, UnlinkOutcome::Unlinked);
    assert!(links_of(&app, "carl@mail.example").await.is_empty());
}

#[tokio::test]
async fn an_administrator_unlinks_a_persons_identity() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    let hank_session = hank_joined(&app, provider).await;
    hank_session.save().await.unwrap();
    let hank = app.person("hank@acme.example").await;
    let link = app
        .portico
        .linked_sign_ins_of(hank.id)
        .await
        .unwrap()
        .remove(0);
    let refused = app
        .portico
        .unlink_identity_as_administrator_at(&hank_session, link.id, Utc::now())
        .await
        .unwrap();
    assert!(matches!(refused, UnlinkOutcome::Refused(_)), "{refused:?}");
    let admin = app.administrator().await;
    let unlinked = app
        .portico
        .unlink_identity_as_administrator_at(&admin, link.id, Utc::now())
        .await
        .unwrap();
    assert_eq!(unlinked, UnlinkOutcome::Unlinked);
    assert!(links_of(&app, "hank@acme.example").await.is_empty());
}

#[tokio::test]
async fn a_provider_not_switched_on_signs_nobody_in() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    identity_provider::Entity::update_many()
        .col_expr(identity_provider::Column::Enabled, Expr::value(false))
        .exec(&app.db.conn)
        .await
        .unwrap();
    let hank = identity(provider, ACME_ISSUER, "hank-sub", "hank@acme.example");
    assert_eq!(
        sign_in(&app, &app.new_session(), hank).await,
        SignInOutcome::Refused(Refusal::ProviderOff)
    );
}

#[tokio::test]
async fn an_existing_contact_is_linked_after_the_emailed_link_in_the_same_browser() {
    let app = app().await;
    let (_, provider) = acme_with_provider(&app, false).await;
    app.contact("dora@acme.example", "ACME-7K2Q-9XPW").await;
    let session = app.new_session();
    let dora = identity(provider, ACME_ISSUER, "dora-sub", "dora@acme.example");
    sign_in(&app, &session, dora).await;
    app.portico
        .send_link_proof_at(&session, Utc::now())
        .await
        .unwrap();
    let token = app.token_emailed_to("dora@acme.example").await;
    // The link alone, in another browser with nothing waiting, links nothing.
    let elsewhere = app
        .portico
        .link_with_emailed_token_at(&app.new_session(), &client(), &token, Utc::now())
        .await
        .unwrap();
    assert_eq!(elsewhere, SignInOutcome::Refused(Refusal::NothingPending));
    let wrong = app
        .portico
        .link_with_emailed_token_at(&session, &client(), "not-the-token", Utc::now())
        .await
        .unwrap();
    assert_eq!(wrong, SignInOutcome::Refused(Refusal::LinkNotValid));
    assert!(links_of(&app, "dora@acme.example").await.is_empty());
    let linked = app
        .portico
        .link_with_emailed_token_at(&session, &client(), &token, Utc::now())
        .await
        .unwrap();
    assert!(logged_in(&linked), "{linked:?}");
    assert_eq!(links_of(&app, "dora@acme.example").await.len(), 1);
}
