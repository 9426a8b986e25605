//! Accepting an invitation: its link's page, then the invited person chooses a password
//! and agrees to the terms, becomes an approved contact of the company with the role they
//! were invited with, and goes through the gate (`admit_after_first_factor`) like every
//! other way in, so a company's two-factor rule sends them to set up a factor first.
use app::api::{Client, InvitationLink, NewPasswordOutcome, TokenStatus};
use app::forms::invitations::ValidAcceptance;
use app::forms::{ErrorKind, Field, FieldErrors};
use app::i18n::Lang;
use app::policies::AGREED_AT_REGISTRATION;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter,
};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::db::entities::{account, invitation};
use crate::db::is_unique_violation;
use crate::password_rules;
use crate::services::session::gate::Admission;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::consents::record_consents;
use crate::services::{Portico, ServiceError};
use crate::tokens::{could_be_a_token, hash_token};
use crate::webhooks::{self, Event};

impl Portico {
    pub async fn invitation_link_at(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<InvitationLink, ServiceError> {
        if !could_be_a_token(token) {
            return Ok(InvitationLink::Withdrawn);
        }
        let Some(found) = invitation::Entity::find()
            .filter(invitation::Column::TokenHash.eq(hash_token(token)))
            .one(&self.db)
            .await?
        else {
            return Ok(InvitationLink::Withdrawn);
        };
        Ok(if found.accepted_at.is_some() {
            InvitationLink::Accepted
        } else if found.revoked_at.is_some() {
            InvitationLink::Withdrawn
        } else if found.expires_at <= now {
            InvitationLink::Expired
        } else {
            let company = account::Entity::find_by_id(found.account_id)
                .one(&self.db)
                .await?
                .map(|a| a.name)
                .unwrap_or_default();
            InvitationLink::Open {
                company,
                email: found.email,
                first_name: found.first_name,
            }
        })
    }

    /// The invited person chooses a password and agrees: they become an approved contact
    /// of the company, with the role they were invited with, and are logged in.
    pub async fn accept_invitation_at(
        &self,
        session: &Session,
        client: &Client,
        form: ValidAcceptance,
        now: DateTime<Utc>,
    ) -> Result<NewPasswordOutcome, ServiceError> {
        self.accept_invitation_in_at(session, client, form, Lang::DEFAULT, now)
            .await
    }

    /// As [`Portico::accept_invitation_at`], made in `language`: the new person's emails
    /// are written in it.
    pub async fn accept_invitation_in_at(
        &self,
        session: &Session,
        client: &Client,
        form: ValidAcceptance,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<NewPasswordOutcome, ServiceError> {
        // Hashing is costly, and so can the strength estimate be: only for a link that
        // works now, and the estimate fed with the invited person's name and address.
        if let Some(dead) = dead_link(self.invitation_link_at(&form.token, now).await?) {
            return Ok(NewPasswordOutcome::Link(dead));
        }
        let hash = hash_token(&form.token);
        let invited = invitation::Entity::find()
            .filter(invitation::Column::TokenHash.eq(hash.clone()))
            .one(&self.db)
            .await?;
        let Some(invited) = invited else {
            return Ok(NewPasswordOutcome::Link(TokenStatus::Unknown));
        };
        let own = [&*invited.email, &invited.first_name, &invited.last_name];
        if let Err(message) = password_rules::check(&form.password, &own) {
            return Ok(NewPasswordOutcome::Rejected {
                errors: crate::services::support::password_refusal::weak_password(message),
            });
        }
        let password_hash = self.hasher.hash(form.password).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(found) = take_invitation(&txn, hash, now).await? else {
            txn.rollback().await?;
            let status = self.invitation_link_at(&form.token, now).await?;
            return Ok(NewPasswordOutcome::Link(
                dead_link(status).unwrap_or(TokenStatus::Unknown),
            ));
        };
        let person = match insert_contact(&txn, &found, password_hash, language, now).await {
            Err(error) if is_unique_violation(&error) => {
                txn.rollback().await?;
                return Ok(has_account(&found));
            }
            other => other?,
        };
        record_accepted(&txn, &person, &found, now).await?;
        txn.commit().await?;
        self.outbox.wake();
        tracing::info!(user = person.id, "accepted an invitation");
        // A company that requires a second factor: setting one up comes first.
        Ok(
            match self
                .admit_after_first_factor(session, &person, client, None, now)
                .await?
            {
                Admission::SecondStep { to } => NewPasswordOutcome::SecondStep { to },
                Admission::LoggedIn { to } => NewPasswordOutcome::LoggedIn { to },
            },
        )
    }
}

/// Marks the invitation of this link's hash accepted, if it is still open: accepted once,
/// the update that marks it is the guard. The invitation, if it was this call that did.
async fn take_invitation(
    txn: &DatabaseTransaction,
    hash: String,
    now: DateTime<Utc>,
) -> Result<Option<invitation::Model>, DbErr> {
    let accepted = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .filter(invitation::Column::TokenHash.eq(hash.clone()))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await?;
    let found = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(hash))
        .one(txn)
        .await?;
    Ok(found.filter(|_| accepted.rows_affected == 1))
}

/// The invited person as an active, verified contact of the company.
async fn insert_contact(
    txn: &DatabaseTransaction,
    found: &invitation::Model,
    password_hash: String,
    language: Lang,
    now: DateTime<Utc>,
) -> Result<user::Model, DbErr> {
    user::ActiveModel {
        kind: Set(UserKind::Contact),
        email: Set(found.email.clone()),
        email_normalized: Set(found.email_normalized.clone()),
        first_name: Set(found.first_name.clone()),
        last_name: Set(found.last_name.clone()),
        password_hash: Set(password_hash),
        status: Set(UserStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        verified_at: Set(Some(now)),
        last_login_at: Set(None),
        account_id: Set(Some(found.account_id)),
        role: Set(found.role),
        preferred_language: Set(Some(language.tag().to_owned())),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// Their agreement to the terms, the audit record and the webhook event.
async fn record_accepted(
    txn: &DatabaseTransaction,
    person: &user::Model,
    found: &invitation::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    record_consents(txn, person.id, &AGREED_AT_REGISTRATION, now).await?;
    Audit::by_self(person.id)
        .account(Some(found.account_id))
        .detail_in_words("audit-detail-invitation", &[("id", found.id.to_string())])
        .record(txn, AuditAction::InvitationAccepted, now)
        .await?;
    webhooks::record_event(
        txn,
        Event::UserRegistered,
        Some(&person.email_normalized),
        webhooks::person(person),
        now,
    )
    .await
}

/// Someone registered the invited address meanwhile.
fn has_account(found: &invitation::Model) -> NewPasswordOutcome {
    NewPasswordOutcome::Rejected {
        errors: FieldErrors::one_of_kind(
            Field::Form,
            app::forms::Message::key_with(
                "service-invitations-accepted-has-account",
                &[("email", found.email.clone())],
            ),
            ErrorKind::EmailTaken,
        ),
    }
}

/// A link that does not lead to an open invitation, as the page tells it.
fn dead_link(link: InvitationLink) -> Option<TokenStatus> {
    match link {
        InvitationLink::Open { .. } => None,
        InvitationLink::Accepted => Some(TokenStatus::Used),
        InvitationLink::Expired => Some(TokenStatus::Expired),
        InvitationLink::Withdrawn => Some(TokenStatus::Unknown),
    }
}
