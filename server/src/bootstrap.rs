//! Getting a new installation going: `server create-admin` makes an administrator, and
//! the development set-up (`PORTICO_DEMO_DATA=true`, set by `scripts/run`, never by
//! default) seeds a demo company, its customer administrator and an administrator, so
//! that a newcomer can try every path at once.
use app::forms::{rules, NormalizedEmail, RegistrationCode};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::db::entities::account;
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::password_rules;
use crate::services::admin::accounts::insert_account_with_code;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::Portico;

/// The environment variable `create-admin` reads the password from, for scripts.
pub const ADMIN_PASSWORD_VARIABLE: &str = "PORTICO_ADMIN_PASSWORD";

#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0} already belongs to an account")]
    Taken(String),
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Hash(#[from] crate::password::HashError),
}

/// A person to create, already checked by the forms' own rules.
pub struct NewPerson {
    pub email: NormalizedEmail,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
}

impl NewPerson {
    pub fn parse(
        email: &str,
        first_name: &str,
        last_name: &str,
        password: &str,
    ) -> Result<Self, BootstrapError> {
        // The command line speaks the default language.
        let invalid = |key: &str| BootstrapError::Invalid(app::i18n::Lang::DEFAULT.text(key));
        let email = rules::email(email).map_err(invalid)?;
        let first_name = rules::name(rules::NameKind::First, first_name).map_err(invalid)?;
        let last_name = rules::name(rules::NameKind::Last, last_name).map_err(invalid)?;
        let password = rules::new_password(password).map_err(invalid)?;
        let own = [email.as_typed(), &first_name, &last_name];
        password_rules::check(&password, &own).map_err(|message| {
            BootstrapError::Invalid(message.text_in(app::i18n::Lang::DEFAULT))
        })?;
        Ok(Self {
            email,
            first_name,
            last_name,
            password,
        })
    }
}

/// Creates an administrator (staff, active, verified).
pub async fn create_admin(
    portico: &Portico,
    person: NewPerson,
) -> Result<user::Model, BootstrapError> {
    create_person(portico, person, UserKind::Staff, UserRole::Admin, None).await
}

/// Creates an active customer administrator of a company (the demo's, and tests').
pub async fn create_customer_admin(
    portico: &Portico,
    person: NewPerson,
    account: i32,
) -> Result<user::Model, BootstrapError> {
    create_person(
        portico,
        person,
        UserKind::Contact,
        UserRole::CustomerAdmin,
        Some(account),
    )
    .await
}

/// The audit log's word for the role a person was created with (a message selector).
fn created_as(role: UserRole) -> &'static str {
    match role {
        UserRole::Admin => "administrator",
        UserRole::CustomerAdmin => "customer-admin",
        UserRole::Member => "member",
    }
}

async fn create_person(
    portico: &Portico,
    person: NewPerson,
    kind: UserKind,
    role: UserRole,
    account: Option<i32>,
) -> Result<user::Model, BootstrapError> {
    let taken = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(person.email.normalized()))
        .one(&portico.db)
        .await?;
    if taken.is_some() {
        return Err(BootstrapError::Taken(person.email.as_typed().to_owned()));
    }
    let password_hash = portico.hasher.hash(person.password).await?;
    let now = Utc::now();
    let txn = crate::db::begin_write(&portico.db).await?;
    let created = user::ActiveModel {
        kind: Set(kind),
        email: Set(person.email.as_typed().to_owned()),
        email_normalized: Set(person.email.normalized().to_owned()),
        first_name: Set(person.first_name),
        last_name: Set(person.last_name),
        password_hash: Set(password_hash),
        status: Set(UserStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        verified_at: Set(Some(now)),
        last_login_at: Set(None),
        account_id: Set(account),
        role: Set(role),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Audit {
        subject: Some(created.id),
        account,
        ..Audit::default()
    }
    .detail_in_words(
        "audit-detail-created-at-command-line",
        &[("role", created_as(role).to_owned())],
    )
    .record(&txn, AuditAction::AdminCreated, now)
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The demo data's logins, as the console and the README show them.
pub struct Demo {
    pub company: &'static str,
    pub code: &'static str,
    pub auto_company: &'static str,
    pub auto_code: &'static str,
    pub auto_domain: &'static str,
    pub customer_admin: (&'static str, &'static str),
    pub admin: (&'static str, &'static str),
}

pub const DEMO: Demo = Demo {
    company: "Acme Supplies",
    code: "ACME-7K2Q-9XPW",
    auto_company: "Globex Corporation",
    auto_code: "GBXN-4RTV-8HZM",
    auto_domain: "globex.example",
    customer_admin: ("carol@acme.example", "acme-demo-password"),
    admin: ("admin@portico.example", "portico-demo-password"),
};

/// Seeds the demo data where it is missing (so restarting changes nothing) and prints
/// how to use it.
pub async fn seed_demo(portico: &Portico) -> Result<(), BootstrapError> {
    let acme = demo_account(portico, DEMO.company, DEMO.code, &["acme.example"], false).await?;
    demo_account(
        portico,
        DEMO.auto_company,
        DEMO.auto_code,
        &[DEMO.auto_domain],
        true,
    )
    .await?;
    let (email, password) = DEMO.customer_admin;
    let carol = NewPerson::parse(email, "Carol", "Jones", password)?;
    match create_customer_admin(portico, carol, acme.id).await {
        Ok(_) | Err(BootstrapError::Taken(_)) => {}
        Err(other) => return Err(other),
    }
    let (email, password) = DEMO.admin;
    match create_admin(portico, NewPerson::parse(email, "Ada", "Admin", password)?).await {
        Ok(_) | Err(BootstrapError::Taken(_)) => {}
        Err(other) => return Err(other),
    }
    println!(
        "\n  Demo data (PORTICO_DEMO_DATA is set; never use it in production):\n\
         \x20   {} registration code: {}  (its customer administrator approves)\n\
         \x20   {} registration code: {}  (addresses @{} are approved automatically)\n\
         \x20   customer administrator of {}: {} / {}  → /csm/log-in, then Approvals\n\
         \x20   administrator: {} / {}  → /csm/log-in, then /admin\n",
        DEMO.company,
        DEMO.code,
        DEMO.auto_company,
        DEMO.auto_code,
        DEMO.auto_domain,
        DEMO.company,
        DEMO.customer_admin.0,
        DEMO.customer_admin.1,
        DEMO.admin.0,
        DEMO.admin.1,
    );
    Ok(())
}

async fn demo_account(
    portico: &Portico,
    name: &str,
    code: &str,
    domains: &[&str],
    auto_approve: bool,
) -> Result<account::Model, BootstrapError> {
    let code = RegistrationCode::parse(code)
        .map_err(|key| BootstrapError::Invalid(app::i18n::Lang::DEFAULT.text(key)))?;
    let existing = account::Entity::find()
        .filter(account::Column::RegistrationCode.eq(code.as_str()))
        .one(&portico.db)
        .await?;
    if let Some(existing) = existing {
        return Ok(existing);
    }
    let domains: Vec<String> = domains.iter().map(|d| d.to_string()).collect();
    Ok(insert_account_with_code(
        &portico.db,
        name,
        &domains,
        auto_approve,
        Some(&code),
        Utc::now(),
    )
    .await?)
}

/// The new administrator's password: from the environment for scripts, else typed twice
/// on the terminal without echo.
pub fn admin_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var(ADMIN_PASSWORD_VARIABLE) {
        return Ok(password);
    }
    let password =
        rpassword::prompt_password("Password for the new administrator: ").map_err(|e| {
            anyhow::anyhow!("reading the password (or set PORTICO_ADMIN_PASSWORD): {e}")
        })?;
    let again = rpassword::prompt_password("The same password again: ")?;
    anyhow::ensure!(password == again, "the passwords do not match");
    Ok(password)
}
