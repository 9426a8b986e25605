//! A new password that is easy to guess is refused on its field, in the person's
//! language, wherever a password is chosen: registration in both portals, a reset, a
//! change on the profile, an accepted invitation, and `create-admin`. Beside the list of
//! common passwords: keyboard walks, a listed word in any language with digits around
//! it, and the person's own name and address (`server::password_rules`).
use crate::common;

use app::api::{ActionOutcome, LogInOutcome, NewPasswordOutcome, RegisterOutcome};
use app::forms::email_links::ValidNewPassword;
use app::forms::invitations::{AcceptInvitationForm, InvitationForm};
use app::forms::profile::ValidPasswordChange;
use app::forms::{Field, FieldErrors, NormalizedEmail};
use app::i18n::Lang;
use app::portal::Portal;
use chrono::Utc;
use common::{app, client, log_in_form, TestApp, CLIENT, PASSWORD};
use server::db::entities::user;

/// Not on the list of common passwords: the strength estimate refuses it.
const KEYBOARD_WALK: &str = "qwertyuiopas";
const STRONG: &str = "Kaffeetasse Wanderweg Regenschirm";

/// The message on the password field, in English and in German.
fn on_password_field(errors: &FieldErrors) -> Option<(String, String)> {
    let german = Lang::of_tag("de").expect("German");
    errors.get(Field::Password).map(|error| {
        (
            error.message.text_in(Lang::DEFAULT),
            error.message.text_in(german),
        )
    })
}

fn refusal_of_registration(outcome: &RegisterOutcome) -> Option<(String, String)> {
    match outcome {
        RegisterOutcome::Rejected { errors, .. } => {
            assert_eq!(errors.http_status(), 422, "{errors:?}");
            on_password_field(errors)
        }
        _ => None,
    }
}

async fn register(app: &TestApp, portal: Portal, email: &str, password: &str) -> RegisterOutcome {
    let mut form = app.registration(email);
    form.password = password.into();
    app.portico
        .register_at(CLIENT, portal, form, Utc::now())
        .await
        .unwrap()
}

#[tokio::test]
async fn easy_to_guess_passwords_are_refused_on_their_field_in_english_and_german() {
    let app = app().await;
    // The registration form's person is Ada Lovelace.
    let email = "ada.lovelace@example.com";
    for (password, english, german) in [
        (KEYBOARD_WALK, "common password", "häufiges Passwort"),
        ("Passwort1234", "common password", "häufiges Passwort"),
        ("Passwort2024!", "common password", "häufiges Passwort"),
        (
            "ada.lovelace",
            "Your name and email address",
            "Ihr Name und Ihre E-Mail-Adresse",
        ),
        (
            "Lovelace1815",
            "Your name and email address",
            "Ihr Name und Ihre E-Mail-Adresse",
        ),
        ("ghjklöäyxcvb", "keys on a keyboard", "Tastenreihen"),
    ] {
        let outcome = register(&app, Portal::Csp, email, password).await;
        let (in_english, in_german) = refusal_of_registration(&outcome)
            .unwrap_or_else(|| panic!("{password} was not refused: {outcome:?}"));
        assert!(in_english.contains(english), "{password}: {in_english}");
        assert!(in_german.contains(german), "{password}: {in_german}");
    }
    assert_eq!(app.count(user::Entity).await, 0, "nobody was registered");

    let outcome = register(&app, Portal::Csp, email, STRONG).await;
    assert!(
        matches!(outcome, RegisterOutcome::Registered { .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_weak_password_is_refused_on_its_field_wherever_a_password_is_chosen() {
    let app = app().await;
    for (portal, email) in [
        (Portal::Csp, "ada@example.com"),
        (Portal::Csm, "ada@acme.example"),
    ] {
        let outcome = register(&app, portal, email, KEYBOARD_WALK).await;
        assert!(
            refusal_of_registration(&outcome).is_some(),
            "{portal:?}: {outcome:?}"
        );
    }
    assert_eq!(app.count(user::Entity).await, 0);

    app.register_verified("ada@example.com").await;
    let session = app.logged_in(Portal::Csp, "ada@example.com").await;
    let change = ValidPasswordChange {
        current_password: PASSWORD.into(),
        password: KEYBOARD_WALK.into(),
    };
    let outcome = app
        .portico
        .change_password_at(&session, change, Utc::now())
        .await
        .unwrap();
    assert!(
        matches!(&outcome, ActionOutcome::Rejected { errors } if on_password_field(errors).is_some()),
        "profile: {outcome:?}"
    );

    app.portico
        .request_password_reset_at(
            &NormalizedEmail::parse("ada@example.com").unwrap(),
            Utc::now(),
        )
        .await
        .unwrap();
    let reset = ValidNewPassword {
        token: app.token_emailed_to("ada@example.com").await,
        password: KEYBOARD_WALK.into(),
    };
    let outcome = app
        .portico
        .reset_password_at(
            &app.new_session(),
            &client(),
            Portal::Csp,
            reset,
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(
        matches!(&outcome, NewPasswordOutcome::Rejected { errors } if on_password_field(errors).is_some()),
        "reset: {outcome:?}"
    );
    assert!(
        matches!(
            app.portico
                .log_in_at(
                    &app.new_session(),
                    &client(),
                    Portal::Csp,
                    log_in_form("ada@example.com", PASSWORD),
                    Utc::now()
                )
                .await
                .unwrap(),
            LogInOutcome::LoggedIn { .. }
        ),
        "the old password still works: nothing was changed"
    );

    let outcome = accept_invitation_with(&app, KEYBOARD_WALK).await;
    assert!(
        matches!(&outcome, NewPasswordOutcome::Rejected { errors } if on_password_field(errors).is_some()),
        "invitation: {outcome:?}"
    );
    assert!(
        app.portico
            .invitation_link_at(
                &app.token_emailed_to("ivy@elsewhere.example").await,
                Utc::now()
            )
            .await
            .is_ok_and(|link| matches!(link, app::api::InvitationLink::Open { .. })),
        "the invitation can still be accepted"
    );

    let created =
        server::bootstrap::NewPerson::parse("root@portico.example", "Root", "Admin", KEYBOARD_WALK);
    assert!(
        matches!(&created, Err(server::bootstrap::BootstrapError::Invalid(text)) if text.contains("common password")),
        "create-admin: {:?}",
        created.err()
    );
}

#[tokio::test]
async fn an_invited_persons_own_name_is_refused_and_a_strong_password_accepted() {
    let app = app().await;
    let outcome = accept_invitation_with(&app, "IvyInvited2024").await;
    let NewPasswordOutcome::Rejected { errors } = &outcome else {
        panic!("{outcome:?}");
    };
    let (english, _) = on_password_field(errors).expect("an error on the password field");
    assert!(english.contains("Your name"), "{english}");

    let token = app.token_emailed_to("ivy@elsewhere.example").await;
    let outcome = app
        .portico
        .accept_invitation_at(
            &app.new_session(),
            &client(),
            acceptance(&token, STRONG),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(
        matches!(outcome, NewPasswordOutcome::LoggedIn { .. }),
        "{outcome:?}"
    );
    assert_eq!(app.person("ivy@elsewhere.example").await.first_name, "Ivy");
}

/// Ivy (ivy@elsewhere.example) is invited into Acme by its customer administrator and
/// accepts with `password`.
async fn accept_invitation_with(app: &TestApp, password: &str) -> NewPasswordOutcome {
    let acme = app
        .company("Acme", "ACME-7K2Q-9XPW", "acme.example", false)
        .await;
    let carol = app.customer_admin("carol@acme.example", &acme).await;
    let invitation = InvitationForm {
        account: String::new(),
        first_name: "Ivy".into(),
        last_name: "Invited".into(),
        email: "ivy@elsewhere.example".into(),
        role: "member".into(),
    }
    .validate()
    .unwrap();
    let invited = app
        .portico
        .invite_contact_at(&carol, invitation, Utc::now())
        .await
        .unwrap();
    assert!(matches!(invited, ActionOutcome::Done { .. }), "{invited:?}");
    let token = app.token_emailed_to("ivy@elsewhere.example").await;
    app.portico
        .accept_invitation_at(
            &app.new_session(),
            &client(),
            acceptance(&token, password),
            Utc::now(),
        )
        .await
        .unwrap()
}

fn acceptance(token: &str, password: &str) -> app::forms::invitations::ValidAcceptance {
    AcceptInvitationForm {
        token: token.into(),
        password: password.into(),
        confirm_password: password.into(),
        consent: "on".into(),
    }
    .validate()
    .unwrap()
}
