//! The audit log: every state change records who did what to whom, in the change's own
//! transaction, so that the record and the change stand or fall together.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};

use crate::db::entities::audit_entry;

/// What happened, as the log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Registered,
    Verified,
    ApprovedAutomatically,
    Approved,
    Rejected,
    Reopened,
    AssignedAccount,
    LoginDisabled,
    LoginEnabled,
    MadeCustomerAdmin,
    RemovedCustomerAdmin,
    AccountCreated,
    AccountChanged,
    CodeRegenerated,
    AdminCreated,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    VerificationResent,
    EmailChangeRequested,
    EmailChanged,
    NameChanged,
    OtherSessionsEnded,
    RecoveryCodeUsed,
    SecondStepLocked,
    AuthenticatorAdded,
    AuthenticatorRemoved,
    RecoveryCodesRegenerated,
    PasskeyAdded,
    PasskeyRemoved,
    TwoFactorRuleChanged,
    SecondFactorsReset,
    ContactInvited,
    InvitationResent,
    InvitationRevoked,
    InvitationAccepted,
    DeletionScheduled,
    DeletionCancelled,
    AccountDeleted,
    TermsAccepted,
    WebhookAdded,
    WebhookRemoved,
    AppRegistered,
    AppChanged,
    AppSecretRegenerated,
    AppRemoved,
    AppDisconnected,
    IdentityLinked,
    IdentityUnlinked,
    SignInProviderSet,
    SignInProviderSwitched,
    SignInProviderRemoved,
    SocialProviderAdded,
    SocialProviderRemoved,
}

impl AuditAction {
    /// Every action, for the audit log's filter.
    pub const ALL: [AuditAction; 54] = [
        AuditAction::Registered,
        AuditAction::Verified,
        AuditAction::ApprovedAutomatically,
        AuditAction::Approved,
        AuditAction::Rejected,
        AuditAction::Reopened,
        AuditAction::AssignedAccount,
        AuditAction::LoginDisabled,
        AuditAction::LoginEnabled,
        AuditAction::MadeCustomerAdmin,
        AuditAction::RemovedCustomerAdmin,
        AuditAction::AccountCreated,
        AuditAction::AccountChanged,
        AuditAction::CodeRegenerated,
        AuditAction::AdminCreated,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
        AuditAction::PasswordChanged,
        AuditAction::VerificationResent,
        AuditAction::EmailChangeRequested,
        AuditAction::EmailChanged,
        AuditAction::NameChanged,
        AuditAction::OtherSessionsEnded,
        AuditAction::RecoveryCodeUsed,
        AuditAction::SecondStepLocked,
        AuditAction::AuthenticatorAdded,
        AuditAction::AuthenticatorRemoved,
        AuditAction::RecoveryCodesRegenerated,
        AuditAction::PasskeyAdded,
        AuditAction::PasskeyRemoved,
        AuditAction::TwoFactorRuleChanged,
        AuditAction::SecondFactorsReset,
        AuditAction::ContactInvited,
        AuditAction::InvitationResent,
        AuditAction::InvitationRevoked,
        AuditAction::InvitationAccepted,
        AuditAction::DeletionScheduled,
        AuditAction::DeletionCancelled,
        AuditAction::AccountDeleted,
        AuditAction::TermsAccepted,
        AuditAction::WebhookAdded,
        AuditAction::WebhookRemoved,
        AuditAction::AppRegistered,
        AuditAction::AppChanged,
        AuditAction::AppSecretRegenerated,
        AuditAction::AppRemoved,
        AuditAction::AppDisconnected,
        AuditAction::IdentityLinked,
        AuditAction::IdentityUnlinked,
        AuditAction::SignInProviderSet,
        AuditAction::SignInProviderSwitched,
        AuditAction::SignInProviderRemoved,
        AuditAction::SocialProviderAdded,
        AuditAction::SocialProviderRemoved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Registered => "registered",
            AuditAction::Verified => "verified",
            AuditAction::ApprovedAutomatically => "approved_automatically",
            AuditAction::Approved => "approved",
            AuditAction::Rejected => "rejected",
            AuditAction::Reopened => "reopened",
            AuditAction::AssignedAccount => "assigned_account",
            AuditAction::LoginDisabled => "login_disabled",
            AuditAction::LoginEnabled => "login_enabled",
            AuditAction::MadeCustomerAdmin => "made_customer_admin",
            AuditAction::RemovedCustomerAdmin => "removed_customer_admin",
            AuditAction::AccountCreated => "account_created",
            AuditAction::AccountChanged => "account_changed",
            AuditAction::CodeRegenerated => "code_regenerated",
            AuditAction::AdminCreated => "admin_created",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::VerificationResent => "verification_resent",
            AuditAction::EmailChangeRequested => "email_change_requested",
            AuditAction::EmailChanged => "email_changed",
            AuditAction::NameChanged => "name_changed",
            AuditAction::OtherSessionsEnded => "other_sessions_ended",
            AuditAction::RecoveryCodeUsed => "recovery_code_used",
            AuditAction::SecondStepLocked => "second_step_locked",
            AuditAction::AuthenticatorAdded => "authenticator_added",
            AuditAction::AuthenticatorRemoved => "authenticator_removed",
            AuditAction::RecoveryCodesRegenerated => "recovery_codes_regenerated",
            AuditAction::PasskeyAdded => "passkey_added",
            AuditAction::PasskeyRemoved => "passkey_removed",
            AuditAction::TwoFactorRuleChanged => "two_factor_rule_changed",
            AuditAction::SecondFactorsReset => "second_factors_reset",
            AuditAction::ContactInvited => "contact_invited",
            AuditAction::InvitationResent => "invitation_resent",
            AuditAction::InvitationRevoked => "invitation_revoked",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::DeletionScheduled => "deletion_scheduled",
            AuditAction::DeletionCancelled => "deletion_cancelled",
            AuditAction::AccountDeleted => "account_deleted",
            AuditAction::TermsAccepted => "terms_accepted",
            AuditAction::WebhookAdded => "webhook_added",
            AuditAction::WebhookRemoved => "webhook_removed",
            AuditAction::AppRegistered => "app_registered",
            AuditAction::AppChanged => "app_changed",
            AuditAction::AppSecretRegenerated => "app_secret_regenerated",
            AuditAction::AppRemoved => "app_removed",
            AuditAction::AppDisconnected => "app_disconnected",
            AuditAction::IdentityLinked => "identity_linked",
            AuditAction::IdentityUnlinked => "identity_unlinked",
            AuditAction::SignInProviderSet => "sign_in_provider_set",
            AuditAction::SignInProviderSwitched => "sign_in_provider_switched",
            AuditAction::SignInProviderRemoved => "sign_in_provider_removed",
            AuditAction::SocialProviderAdded => "social_provider_added",
            AuditAction::SocialProviderRemoved => "social_provider_removed",
        }
    }
}

/// A detail that is a message, as stored: `{"message": key, "args": {name: value}}`.
pub fn detail_message(key: &'static str, args: &[(&str, String)]) -> String {
    let args: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(name, value)| ((*name).to_owned(), value.clone().into()))
        .collect();
    serde_json::json!({ "message": key, "args": args }).to_string()
}

/// A stored detail as `lang` writes it: a message in that language; any other detail (a
/// name, an address, a reason, and what entries before languages kept) as stored.
pub fn detail_text(lang: app::i18n::Lang, stored: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Stored {
        message: String,
        args: std::collections::BTreeMap<String, String>,
    }
    // Only a JSON object can be one; any other text is not even parsed.
    let words = stored
        .starts_with('{')
        .then(|| serde_json::from_str::<Stored>(stored).ok())
        .flatten();
    match words {
        Some(words) => {
            let args: Vec<(&str, String)> = words
                .args
                .iter()
                .map(|(name, value)| (name.as_str(), value.clone()))
                .collect();
            lang.text_with(&words.message, &args)
        }
        None => stored.to_owned(),
    }
}

/// One entry: `actor` did `action` to `subject` (a person) in `account`.
#[derive(Clone, Debug, Default)]
pub struct Audit {
    pub actor: Option<i32>,
    pub subject: Option<i32>,
    pub account: Option<i32>,
    pub detail: Option<String>,
}

impl Audit {
    /// Something a person did to their own registration (registering, verifying).
    pub fn by_self(user: i32) -> Self {
        Self {
            actor: Some(user),
            subject: Some(user),
            ..Self::default()
        }
    }

    pub fn account(mut self, account: Option<i32>) -> Self {
        self.account = account;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// A detail in words: a message of the language files, stored as its key and
    /// arguments so that each reader of the log reads it in their language.
    pub fn detail_in_words(self, key: &'static str, args: &[(&str, String)]) -> Self {
        self.detail(detail_message(key, args))
    }

    pub async fn record<C: ConnectionTrait>(
        self,
        db: &C,
        action: AuditAction,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        audit_entry::ActiveModel {
            at: Set(now),
            actor_id: Set(self.actor),
            action: Set(action.as_str().to_owned()),
            subject_id: Set(self.subject),
            account_id: Set(self.account),
            detail: Set(self.detail),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }
}
