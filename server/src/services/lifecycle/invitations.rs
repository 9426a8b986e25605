//! Invitations into a company: a customer administrator (for their company) or an
//! administrator (for any) invites a person by address, name and role; the link makes
//! them an approved contact with that role once they choose a password and agree to the
//! terms. No approval step and no registration code: the inviter vouches for them.
use app::api::{
    Access, ActionOutcome, Client, InvitationLink, InvitationView, NewPasswordOutcome, TokenStatus,
};
use app::forms::invitations::{
    InvitationChange, ValidAcceptance, ValidInvitation, ValidInvitationChange,
};
use app::forms::{ErrorKind, Field, FieldErrors};
use app::i18n::Lang;
use app::policies::AGREED_AT_REGISTRATION;
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::entities::{account, invitation};
use crate::db::{hold_row, is_unique_violation};
use crate::mail::{language_of, outbox, templates};
use crate::password_rules;
use crate::services::lifecycle::invitation_limits::{refusal_to_invite, refusal_to_resend};
use crate::services::session::gate::Admission;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::consents::record_consents;
use crate::services::support::views::{date, full_name};
use crate::services::{Portico, ServiceError};
use crate::tokens::{could_be_a_token, hash_token, Token};
use crate::webhooks::{self, Event};

/// How long an invitation's link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

impl Portico {
    /// Who is inviting, into which company: a customer administrator's own, or the
    /// company an administrator names. Otherwise the refusal.
    async fn inviter(
        &self,
        session: &Session,
        account: Option<i32>,
    ) -> Result<Result<(user::Model, i32), ActionOutcome>, ServiceError> {
        if let Access::Granted(admin) = self.customer_admin(session).await? {
            if account.is_none_or(|a| a == admin.account.id) {
                return Ok(Ok((admin.user, admin.account.id)));
            }
        } else if let Access::Granted(admin) = self.administrator(session).await? {
            if let Some(account) = account {
                return Ok(Ok((admin, account)));
            }
        }
        Ok(Err(refused(
            "service-invitations-forbidden",
            ErrorKind::Forbidden,
        )))
    }

    pub async fn invite_contact_at(
        &self,
        session: &Session,
        form: ValidInvitation,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let (inviter, account_id) = match self.inviter(session, form.account).await? {
            Ok(found) => found,
            Err(refusal) => return Ok(refusal),
        };
        self.erase_if_due(form.email.normalized(), now).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        // One invitation at a time per company: two people cannot invite one address twice.
        if !hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id).await? {
            return Ok(refused(
                "service-invitations-no-such-company",
                ErrorKind::NotFound,
            ));
        }
        let Some(company) = account::Entity::find_by_id(account_id).one(&txn).await? else {
            return Ok(refused(
                "service-invitations-no-such-company",
                ErrorKind::NotFound,
            ));
        };
        let address = form.email.normalized();
        if user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(address))
            .one(&txn)
            .await?
            .is_some()
        {
            return Ok(ActionOutcome::refused(
                Field::Email,
                app::forms::Message::key_with(
                    "service-invitations-has-account",
                    &[
                        ("email", form.email.as_typed().to_owned()),
                        ("company", company.name.clone()),
                    ],
                ),
                ErrorKind::Conflict,
            ));
        }
        let open = invitation::Entity::find()
            .filter(invitation::Column::AccountId.eq(account_id))
            .filter(invitation::Column::EmailNormalized.eq(address))
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .one(&txn)
            .await?;
        if open.is_some() {
            return Ok(ActionOutcome::refused(
                Field::Email,
                app::forms::Message::key_with(
                    "service-invitations-invited-already",
                    &[("email", form.email.as_typed().to_owned())],
                ),
                ErrorKind::Conflict,
            ));
        }
        if let Some(refusal) = refusal_to_invite(&txn, &company, now).await? {
            return Ok(refusal);
        }
        let token = Token::generate();
        let role = if form.customer_admin {
            UserRole::CustomerAdmin
        } else {
            UserRole::Member
        };
        let invited = invitation::ActiveModel {
            account_id: Set(account_id),
            email: Set(form.email.as_typed().to_owned()),
            email_normalized: Set(address.to_owned()),
            first_name: Set(form.first_name.clone()),
            last_name: Set(form.last_name.clone()),
            role: Set(role),
            invited_by: Set(Some(inviter.id)),
            token_hash: Set(token.hash()),
            created_at: Set(now),
            sent_at: Set(now),
            expires_at: Set(now + INVITATION_LIFETIME),
            accepted_at: Set(None),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.send_invitation(&txn, &invited, &company, &inviter, &token, now)
            .await?;
        Audit {
            actor: Some(inviter.id),
            subject: None,
            account: Some(account_id),
            detail: Some(crate::services::support::audit::detail_message(
                "audit-detail-invitation",
                &[("id", invited.id.to_string())],
            )),
        }
        .record(&txn, AuditAction::ContactInvited, now)
        .await?;
        webhooks::record_event(
            &txn,
            Event::ContactInvited,
            Some(address),
            serde_json::json!({
                "invitation": invited.id,
                "account": account_id,
                "email": invited.email,
                "first_name": invited.first_name,
                "last_name": invited.last_name,
                "role": if form.customer_admin { "customer_admin" } else { "contact" },
            }),
            now,
        )
        .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-invitations-invited",
            &[
                (
                    "name",
                    format!("{} {}", invited.first_name, invited.last_name),
                ),
                ("email", invited.email.clone()),
            ],
        )))
    }

    async fn send_invitation<C: ConnectionTrait>(
        &self,
        db: &C,
        invited: &invitation::Model,
        company: &account::Model,
        inviter: &user::Model,
        token: &Token,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        // The invited person has no account yet, so no language of their own: the
        // inviter's (the request's, else their saved one) is likelier theirs than the default.
        let lang = leptos::prelude::use_context::<Lang>().unwrap_or_else(|| language_of(inviter));
        let email = templates::invitation(
            lang,
            &invited.email,
            &invited.first_name,
            &company.name,
            &full_name(inviter),
            invited.role == UserRole::CustomerAdmin,
            self.link(
                Portal::Csm,
                &format!("/invitation?token={}", token.as_str()),
            ),
        );
        // It names the inviter: erasing them finds it.
        outbox::enqueue_about(db, &email, inviter.id, now).await
    }

    pub async fn change_invitation_at(
        &self,
        session: &Session,
        form: ValidInvitationChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let Some(found) = invitation::Entity::find_by_id(form.invitation)
            .one(&self.db)
            .await?
        else {
            return Ok(refused(
                "service-invitations-no-such-invitation",
                ErrorKind::NotFound,
            ));
        };
        let (actor, account_id) = match self.inviter(session, Some(found.account_id)).await? {
            Ok(found) => found,
            Err(refusal) => return Ok(refusal),
        };
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id).await?;
        let Some(found) = invitation::Entity::find_by_id(form.invitation)
            .one(&txn)
            .await?
            .filter(|i| i.is_open())
        else {
            return Ok(refused(
                "service-invitations-changed-meanwhile",
                ErrorKind::Conflict,
            ));
        };
        let Some(company) = account::Entity::find_by_id(account_id).one(&txn).await? else {
            return Ok(refused(
                "service-invitations-no-such-company",
                ErrorKind::NotFound,
            ));
        };
        if form.change == InvitationChange::Resend {
            if let Some(refusal) = refusal_to_resend(&txn, &found, &company, now).await? {
                return Ok(refusal);
            }
        }
        let name = format!("{} {}", found.first_name, found.last_name);
        let audit = Audit {
            actor: Some(actor.id),
            subject: None,
            account: Some(account_id),
            detail: Some(crate::services::support::audit::detail_message(
                "audit-detail-invitation",
                &[("id", found.id.to_string())],
            )),
        };
        let message = match form.change {
            InvitationChange::Resend => {
                // A new token: the older link stops working.
                let token = Token::generate();
                let mut resent: invitation::ActiveModel = found.clone().into();
                resent.token_hash = Set(token.hash());
                resent.sent_at = Set(now);
                resent.expires_at = Set(now + INVITATION_LIFETIME);
                let resent = resent.update(&txn).await?;
                self.send_invitation(&txn, &resent, &company, &actor, &token, now)
                    .await?;
                audit
                    .record(&txn, AuditAction::InvitationResent, now)
                    .await?;
                app::i18n::t_with("service-invitations-resent", &[("name", name.clone())])
            }
            InvitationChange::Revoke => {
                invitation::Entity::update_many()
                    .col_expr(invitation::Column::RevokedAt, Expr::value(now))
                    .filter(invitation::Column::Id.eq(found.id))
                    .exec(&txn)
                    .await?;
                audit
                    .record(&txn, AuditAction::InvitationRevoked, now)
                    .await?;
                app::i18n::t_with("service-invitations-revoked", &[("name", name.clone())])
            }
        };
        txn.commit().await?;
        self.outbox.wake();
        Ok(ActionOutcome::done(message))
    }

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
        // Accepted once: the update that marks it is the guard.
        let accepted = invitation::Entity::update_many()
            .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
            .filter(invitation::Column::TokenHash.eq(hash.clone()))
            .filter(invitation::Column::AcceptedAt.is_null())
            .filter(invitation::Column::RevokedAt.is_null())
            .filter(invitation::Column::ExpiresAt.gt(now))
            .exec(&txn)
            .await?;
        let found = invitation::Entity::find()
            .filter(invitation::Column::TokenHash.eq(hash))
            .one(&txn)
            .await?;
        let (1, Some(found)) = (accepted.rows_affected, found) else {
            txn.rollback().await?;
            let status = self.invitation_link_at(&form.token, now).await?;
            return Ok(NewPasswordOutcome::Link(
                dead_link(status).unwrap_or(TokenStatus::Unknown),
            ));
        };
        let inserted = user::ActiveModel {
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
        .insert(&txn)
        .await;
        let person = match inserted {
            Err(error) if is_unique_violation(&error) => {
                txn.rollback().await?;
                return Ok(NewPasswordOutcome::Rejected {
                    errors: FieldErrors::one_of_kind(
                        Field::Form,
                        app::forms::Message::key_with(
                            "service-invitations-accepted-has-account",
                            &[("email", found.email.clone())],
                        ),
                        ErrorKind::EmailTaken,
                    ),
                });
            }
            other => other?,
        };
        record_consents(&txn, person.id, &AGREED_AT_REGISTRATION, now).await?;
        Audit::by_self(person.id)
            .account(Some(found.account_id))
            .detail_in_words("audit-detail-invitation", &[("id", found.id.to_string())])
            .record(&txn, AuditAction::InvitationAccepted, now)
            .await?;
        webhooks::record_event(
            &txn,
            Event::UserRegistered,
            Some(&person.email_normalized),
            webhooks::person(&person),
            now,
        )
        .await?;
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

/// The pending invitations of a company, newest first, for its contact list.
pub(crate) async fn open_invitations<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationView>, DbErr> {
    Ok(invitation::Entity::find()
        .filter(invitation::Column::AccountId.eq(account_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .order_by_desc(invitation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| InvitationView {
            id: i.id,
            name: format!("{} {}", i.first_name, i.last_name),
            email: i.email,
            customer_admin: i.role == UserRole::CustomerAdmin,
            sent: date(i.sent_at),
            expires: date(i.expires_at),
            expired: i.expires_at <= now,
        })
        .collect())
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

fn refused(message: &'static str, kind: ErrorKind) -> ActionOutcome {
    ActionOutcome::refused(Field::Form, message, kind)
}
