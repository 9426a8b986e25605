//! A Portico on a fresh SQLite file, and forms ready to submit.
pub mod browser;
pub mod server_process;
pub mod smtp_sink;
pub mod soft_passkey;

use std::sync::Arc;

use app::api::RegisterOutcome;
use app::captcha::solve;
use app::forms::log_in::{LogInForm, ValidLogIn};
use app::forms::registration::{RegistrationForm, ValidRegistration};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};
use server::captcha::CaptchaIssuer;
use server::db::entities::outbox;
use server::db::Database;
use server::mail::outbox::OutboxSignal;
use server::password::PasswordHasher;
use server::secrets::KeySource;
use server::services::Portico;
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse battery";

/// The client every test request comes from.
pub const CLIENT: std::net::IpAddr = std::net::IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));

pub struct TestApp {
    pub portico: Portico,
    pub db: Database,
    /// The database's URL, for a second instance on the same database.
    pub url: String,
    /// The session store the Portico deletes ended sessions from.
    pub store: Arc<tower_sessions::MemoryStore>,
    _dir: Option<TempDir>,
}

/// The browser every test request comes from.
pub fn client() -> app::api::Client {
    app::api::Client {
        address: CLIENT,
        user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36".into()),
    }
}

/// A Portico on a fresh SQLite file.
pub async fn app() -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}/portico.db?mode=rwc", dir.path().display());
    let mut app = app_on(&url).await;
    app._dir = Some(dir);
    app
}

/// The default limits, but for registrations per client: every test registers from one
/// address. The tests of that limit set their own.
pub fn test_limits() -> server::limits::Limits {
    server::limits::Limits {
        registrations: server::limits::Limit::per_hour("registration", 100_000),
        ..Default::default()
    }
}

/// A Portico on a fresh SQLite file, with other limits than the defaults.
pub async fn app_with_limits(limits: server::limits::Limits) -> TestApp {
    let mut app = app().await;
    app.portico = app.portico.with_limits(limits);
    app
}

/// A Portico on the database at `url`, migrated.
pub async fn app_on(url: &str) -> TestApp {
    let db = Database::connect(url).await.expect("the test database");
    let store = Arc::new(tower_sessions::MemoryStore::default());
    // On SQLite, the key file the server binary reads beside the same database (made here
    // if missing): tests that run the binary on a database seeded here need the same key.
    // PostgreSQL has no file to stand beside: the instances of a test share one key.
    let source = if url.starts_with("sqlite:") {
        KeySource::File(server::secrets::key_source::default_key_file(url))
    } else {
        KeySource::Setting([0x5e; 32])
    };
    let secrets = server::secrets::load_or_create(&source, true).expect("the secrets key");
    let portico = Portico::new(
        db.conn.clone(),
        PasswordHasher::new(2).expect("a hasher"),
        // Cheap challenges: these tests solve many.
        CaptchaIssuer::new([42; 32]).with_max_number(500),
        OutboxSignal::default(),
        "http://portal.test",
        secrets,
    )
    .with_limits(test_limits())
    .with_session_store(store.clone())
    // As with the demo data: the tests of second factors turn it on where they need it.
    .with_administrators_needing_two_factors(false);
    TestApp {
        portico,
        db,
        url: url.to_owned(),
        store,
        _dir: None,
    }
}

impl TestApp {
    /// A complete registration form, its CAPTCHA solved as the browser would at `at`.
    pub fn registration_at(&self, email: &str, at: DateTime<Utc>) -> ValidRegistration {
        self.registration_with_code(email, "", at)
    }

    /// A complete registration form with a registration code (business portal).
    pub fn registration_with_code(
        &self,
        email: &str,
        code: &str,
        at: DateTime<Utc>,
    ) -> ValidRegistration {
        self.registration_named(email, code, ("Ada", "Lovelace"), at)
    }

    /// A complete registration form for a person with this (first, last) name.
    pub fn registration_named(
        &self,
        email: &str,
        code: &str,
        (first_name, last_name): (&str, &str),
        at: DateTime<Utc>,
    ) -> ValidRegistration {
        let challenge = self.portico.captcha.issue(at);
        let number = solve(&challenge).expect("a solvable challenge");
        RegistrationForm {
            first_name: first_name.into(),
            last_name: last_name.into(),
            email: email.into(),
            registration_code: code.into(),
            password: PASSWORD.into(),
            confirm_password: PASSWORD.into(),
            security_code: "on".into(),
            captcha_token: challenge.token,
            captcha_solution: number.to_string(),
            captcha_answer: String::new(),
            consent: "on".into(),
            next: String::new(),
        }
        .validate()
        .expect("a valid form")
    }

    /// The account of an address.
    pub async fn person(&self, email: &str) -> server::db::entities::user::Model {
        use sea_orm::{ColumnTrait, QueryFilter};
        server::db::entities::user::Entity::find()
            .filter(server::db::entities::user::Column::EmailNormalized.eq(email.to_lowercase()))
            .one(&self.db.conn)
            .await
            .expect("the users table")
            .expect("the person")
    }

    pub fn registration(&self, email: &str) -> ValidRegistration {
        self.registration_at(email, Utc::now())
    }

    /// Registers `email` now, with a solved CAPTCHA.
    pub async fn register(&self, email: &str) -> RegisterOutcome {
        self.portico
            .register_at(CLIENT, Portal::Csp, self.registration(email), Utc::now())
            .await
            .expect("the registration")
    }

    /// Registers `email` and verifies it through the emailed link.
    pub async fn register_verified(&self, email: &str) {
        let now = Utc::now();
        self.register(email).await;
        self.portico
            .verify_email_at(&self.last_emailed_token().await, now)
            .await
            .expect("the verification");
    }

    pub async fn count<E: EntityTrait>(&self, _entity: E) -> u64
    where
        E::Model: Sync,
    {
        E::find().count(&self.db.conn).await.expect("a count")
    }

    /// The token in the newest email's verification link.
    pub async fn last_emailed_token(&self) -> String {
        let emails = outbox::Entity::find()
            .all(&self.db.conn)
            .await
            .expect("the outbox");
        token_in(emails.last().expect("an email in the outbox"))
    }

    /// The token in the newest email to `to`.
    pub async fn token_emailed_to(&self, to: &str) -> String {
        token_in(self.emails_to(to).await.last().expect("an email to them"))
    }
}

/// The token in an email's link.
pub fn token_in(email: &outbox::Model) -> String {
    let start = email.text_body.find("token=").expect("a link with a token") + "token=".len();
    email.text_body[start..]
        .split_whitespace()
        .next()
        .expect("the token")
        .to_owned()
}

pub fn log_in_form(email: &str, password: &str) -> ValidLogIn {
    LogInForm {
        email: email.into(),
        password: password.into(),
        next: String::new(),
    }
    .validate()
    .expect("a valid log-in form")
}

pub fn session() -> tower_sessions::Session {
    tower_sessions::Session::new(None, Arc::new(tower_sessions::MemoryStore::default()), None)
}

impl TestApp {
    /// Every email in the outbox to `to`, oldest first.
    pub async fn emails_to(&self, to: &str) -> Vec<outbox::Model> {
        outbox::Entity::find()
            .all(&self.db.conn)
            .await
            .expect("the outbox")
            .into_iter()
            .filter(|e| e.to_address.eq_ignore_ascii_case(to))
            .collect()
    }

    /// A new, empty session in the app's store.
    pub fn new_session(&self) -> tower_sessions::Session {
        tower_sessions::Session::new(None, self.store.clone(), None)
    }

    /// An administrator (admin@portico.example), logged in.
    pub async fn administrator(&self) -> tower_sessions::Session {
        let person =
            server::bootstrap::NewPerson::parse("admin@portico.example", "Ada", "Admin", PASSWORD)
                .expect("a valid person");
        server::bootstrap::create_admin(&self.portico, person)
            .await
            .expect("the administrator");
        self.admin_logged_in("admin@portico.example").await
    }

    /// A session of the administrator `email` (password [`PASSWORD`]), logged in at the
    /// administration's log-in.
    pub async fn admin_logged_in(&self, email: &str) -> tower_sessions::Session {
        let session = self.new_session();
        let outcome = self
            .portico
            .admin_log_in_at(
                &session,
                &client(),
                log_in_form(email, PASSWORD),
                Utc::now(),
            )
            .await
            .expect("the log-in");
        assert!(
            matches!(outcome, app::api::LogInOutcome::LoggedIn { .. }),
            "{email} could not log in: {outcome:?}"
        );
        session.save().await.expect("the session saved");
        self.portico
            .session_user(&session)
            .await
            .expect("the session's person");
        session
    }

    /// A session logged in as `email` (password [`PASSWORD`]) at `portal`, saved in the
    /// store as the session layer saves it after the response.
    pub async fn logged_in(&self, portal: Portal, email: &str) -> tower_sessions::Session {
        self.logged_in_with(portal, email, PASSWORD).await
    }

    pub async fn logged_in_with(
        &self,
        portal: Portal,
        email: &str,
        password: &str,
    ) -> tower_sessions::Session {
        let session = self.new_session();
        let outcome = self
            .portico
            .log_in_at(
                &session,
                &client(),
                portal,
                log_in_form(email, password),
                Utc::now(),
            )
            .await
            .expect("the log-in");
        assert!(
            matches!(outcome, app::api::LogInOutcome::LoggedIn { .. }),
            "{email} could not log in: {outcome:?}"
        );
        session.save().await.expect("the session saved");
        // The next request records the store's id for the login.
        self.portico
            .session_user(&session)
            .await
            .expect("the session's person");
        session
    }
}

/// The business portal: companies, their customer administrators and contacts.
impl TestApp {
    /// A company with a known registration code.
    pub async fn company(
        &self,
        name: &str,
        code: &str,
        domain: &str,
        auto_approve: bool,
    ) -> server::db::entities::account::Model {
        let code = app::forms::RegistrationCode::parse(code).expect("a code");
        server::services::admin::accounts::insert_account_with_code(
            &self.db.conn,
            name,
            &[domain.to_owned()],
            auto_approve,
            Some(&code),
            Utc::now(),
        )
        .await
        .expect("the company")
    }

    /// An active customer administrator of `account`, logged in.
    pub async fn customer_admin(
        &self,
        email: &str,
        account: &server::db::entities::account::Model,
    ) -> tower_sessions::Session {
        let person = server::bootstrap::NewPerson::parse(email, "Carol", "Jones", PASSWORD)
            .expect("a valid person");
        server::bootstrap::create_customer_admin(&self.portico, person, account.id)
            .await
            .expect("the customer administrator");
        self.logged_in(Portal::Csm, email).await
    }

    /// Registers at `/csm` with `code` (maybe empty) and verifies through the emailed
    /// link; returns what the verification page says comes next.
    pub async fn contact(&self, email: &str, code: &str) -> app::api::AfterVerification {
        let now = Utc::now();
        let form = self.registration_with_code(email, code, now);
        let outcome = self
            .portico
            .register_at(CLIENT, Portal::Csm, form, now)
            .await
            .expect("the registration");
        assert!(
            matches!(outcome, RegisterOutcome::Registered { .. }),
            "{outcome:?}"
        );
        let token = self.last_emailed_token().await;
        match self
            .portico
            .verify_email_at(&token, now)
            .await
            .expect("the verification")
        {
            app::api::TokenStatus::Verified(next) => next,
            other => panic!("not verified: {other:?}"),
        }
    }
}
