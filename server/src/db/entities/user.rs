use sea_orm::entity::prelude::*;

use app::portal::Portal;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: UserKind,
    /// As typed (trimmed): the address mail is sent to.
    pub email: String,
    /// Lower case: what the unique index compares.
    #[sea_orm(unique)]
    pub email_normalized: String,
    pub first_name: String,
    pub last_name: String,
    /// argon2id, PHC string format.
    pub password_hash: String,
    pub status: UserStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub verified_at: Option<DateTimeUtc>,
    pub last_login_at: Option<DateTimeUtc>,
    /// The company of a business contact, once approved into it.
    pub account_id: Option<i32>,
    pub role: UserRole,
    /// An authenticator app's secret (base32), once set up. Never logged (see `Debug`).
    pub totp_secret: Option<String>,
    /// The last time step whose code was accepted: a code works once.
    pub totp_last_step: Option<i64>,
    pub totp_enabled_at: Option<DateTimeUtc>,
    /// The person's handle in their passkeys (a random UUID, given with the first one).
    pub webauthn_id: Option<String>,
    /// When the person's own request to delete their account is carried out; logging
    /// in before then cancels it.
    pub deletion_due_at: Option<DateTimeUtc>,
    /// The language of the person's emails (`en`, `de`): the one they chose, else the one
    /// they registered in. None for people from before languages: the default.
    pub preferred_language: Option<String>,
    /// Goes up whenever the person's ways in change or their sessions are ended (a new
    /// password, a factor added or removed, "log out everywhere"): a log-in part-way
    /// through (waiting for a second step, a factor's set-up or new terms) carries the
    /// version it began under and is refused once it changed.
    pub credential_version: i32,
    /// Wrong second-step codes in a row (a right one starts again at zero).
    pub second_factor_failures: i32,
    pub second_factor_failed_at: Option<DateTimeUtc>,
    /// Set when too many wrong codes came in a row: the second step stays locked until
    /// a password reset by email or an administrator lifts it.
    pub second_factor_locked_at: Option<DateTimeUtc>,
    /// The `sub` apps see: random, given at the first sign-in to an app, never the email
    /// and never anyone else's.
    pub subject: Option<String>,
}

/// Everything but the password hash and the authenticator secret, which never reach a log.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("email", &self.email)
            .field("status", &self.status)
            .field("role", &self.role)
            .field("account_id", &self.account_id)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum UserKind {
    #[sea_orm(string_value = "consumer")]
    Consumer,
    #[sea_orm(string_value = "contact")]
    Contact,
    #[sea_orm(string_value = "staff")]
    Staff,
}

impl UserKind {
    /// The portal where this kind of person logs in (staff use the business portal).
    pub fn portal(self) -> Portal {
        match self {
            UserKind::Consumer => Portal::Csp,
            UserKind::Contact | UserKind::Staff => Portal::Csm,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum UserRole {
    /// A consumer, or a contact without rights over their company's account.
    #[sea_orm(string_value = "member")]
    Member,
    /// A contact who approves their company's registrations and manages its contacts.
    #[sea_orm(string_value = "customer_admin")]
    CustomerAdmin,
    /// Portico's own staff: manages every company account.
    #[sea_orm(string_value = "admin")]
    Admin,
}

impl From<UserRole> for app::api::Role {
    fn from(role: UserRole) -> Self {
        match role {
            UserRole::Member => app::api::Role::Member,
            UserRole::CustomerAdmin => app::api::Role::CustomerAdmin,
            UserRole::Admin => app::api::Role::Admin,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum UserStatus {
    #[sea_orm(string_value = "unverified")]
    Unverified,
    #[sea_orm(string_value = "pending_approval")]
    PendingApproval,
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "disabled")]
    Disabled,
    /// A business contact whose registration request was rejected.
    #[sea_orm(string_value = "rejected")]
    Rejected,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::consent::Entity")]
    Consent,
    #[sea_orm(has_many = "super::email_token::Entity")]
    EmailToken,
}

impl Related<super::consent::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Consent.def()
    }
}

impl Related<super::email_token::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmailToken.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
