//! Invitations into a company: a customer administrator (for their company) or an
//! administrator (for any) invites a person by address, name and role, and resends or
//! withdraws an open invitation. The link makes them an approved contact with that role
//! once they choose a password and agree to the terms (`invitation_acceptance`). No
//! approval step and no registration code: the inviter vouches for them.
use app::api::ActionOutcome;
use app::forms::invitations::{InvitationChange, ValidInvitation, ValidInvitationChange};
use app::forms::{ErrorKind, Field};
use app::i18n::Lang;
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter,
};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserRole};
use crate::db::entities::{account, invitation};
use crate::db::hold_row;
use crate::mail::{language_of, outbox, templates};
use crate::services::lifecycle::invitation_limits::{refusal_to_invite, refusal_to_resend};
use crate::services::session::caller::{settle, Manager, Refusal, Stop};
use crate::services::support::audit::{detail_message, Audit, AuditAction};
use crate::services::support::views::full_name;
use crate::services::{Portico, ServiceError};
use crate::tokens::Token;
use crate::webhooks::{self, Event};

/// How long an invitation's link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

impl Portico {
    /// Who is inviting, into which company: a customer administrator's own, or the
    /// company an administrator names.
    async fn inviter(
        &self,
        session: &Session,
        account: Option<i32>,
    ) -> Result<(user::Model, i32), Stop> {
        match (self.caller(session).await?.manager()?, account) {
            (Manager::CustomerAdmin(admin), None) => Ok((admin.user, admin.account.id)),
            (Manager::CustomerAdmin(admin), Some(named)) if named == admin.account.id => {
                Ok((admin.user, named))
            }
            (Manager::Administrator(admin), Some(named)) => Ok((admin, named)),
            // Another company's customer administrator, or an administrator naming none.
            _ => Err(Refusal::CustomerAdministratorsOnly.into()),
        }
    }

    pub async fn invite_contact_at(
        &self,
        session: &Session,
        form: ValidInvitation,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let (inviter, account_id) = self.inviter(session, form.account).await?;
            Ok(self.invite(&inviter, account_id, form, now).await?)
        })
        .await
    }

    /// Invites the address into the company, unless it has an account or an open
    /// invitation already, or the company has sent its day's share.
    async fn invite(
        &self,
        inviter: &user::Model,
        account_id: i32,
        form: ValidInvitation,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        self.erase_if_due(form.email.normalized(), now).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        // One invitation at a time per company: two people cannot invite one address twice.
        if !hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id).await? {
            return Ok(no_such_company());
        }
        let Some(company) = account::Entity::find_by_id(account_id).one(&txn).await? else {
            return Ok(no_such_company());
        };
        if let Some(refusal) = refusal_of_address(&txn, &form, &company).await? {
            return Ok(refusal);
        }
        if let Some(refusal) = refusal_to_invite(&txn, &company, now).await? {
            return Ok(refusal);
        }
        let token = Token::generate();
        let invited = insert_invitation(&txn, &form, account_id, inviter, &token, now).await?;
        self.send_invitation(&txn, &invited, &company, inviter, &token, now)
            .await?;
        record_invited(&txn, &invited, inviter, form.customer_admin, now).await?;
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
        settle(async {
            let Some(found) = invitation::Entity::find_by_id(form.invitation)
                .one(&self.db)
                .await?
            else {
                return Ok(refused(
                    "service-invitations-no-such-invitation",
                    ErrorKind::NotFound,
                ));
            };
            let (actor, account_id) = self.inviter(session, Some(found.account_id)).await?;
            Ok(self
                .change_invitation(&actor, account_id, form, now)
                .await?)
        })
        .await
    }

    /// Resends or withdraws an invitation that is still open, with the company held.
    async fn change_invitation(
        &self,
        actor: &user::Model,
        account_id: i32,
        form: ValidInvitationChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
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
            return Ok(no_such_company());
        };
        let audit = Audit {
            actor: Some(actor.id),
            subject: None,
            account: Some(account_id),
            detail: Some(detail_message(
                "audit-detail-invitation",
                &[("id", found.id.to_string())],
            )),
        };
        let name = format!("{} {}", found.first_name, found.last_name);
        let message = match form.change {
            InvitationChange::Resend => {
                if let Some(refusal) = refusal_to_resend(&txn, &found, &company, now).await? {
                    return Ok(refusal);
                }
                self.resend(&txn, found, &company, actor, now).await?;
                audit
                    .record(&txn, AuditAction::InvitationResent, now)
                    .await?;
                app::i18n::t_with("service-invitations-resent", &[("name", name)])
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
                app::i18n::t_with("service-invitations-revoked", &[("name", name)])
            }
        };
        txn.commit().await?;
        self.outbox.wake();
        Ok(ActionOutcome::done(message))
    }

    /// Sends an invitation again with a new token: the older link stops working.
    async fn resend(
        &self,
        txn: &DatabaseTransaction,
        found: invitation::Model,
        company: &account::Model,
        actor: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let token = Token::generate();
        let mut resent: invitation::ActiveModel = found.into();
        resent.token_hash = Set(token.hash());
        resent.sent_at = Set(now);
        resent.expires_at = Set(now + INVITATION_LIFETIME);
        let resent = resent.update(txn).await?;
        self.send_invitation(txn, &resent, company, actor, &token, now)
            .await
    }
}

/// The refusal of an address that has an account already, or an open invitation into
/// this company, on the address field.
async fn refusal_of_address(
    txn: &DatabaseTransaction,
    form: &ValidInvitation,
    company: &account::Model,
) -> Result<Option<ActionOutcome>, DbErr> {
    let address = form.email.normalized();
    let typed = || form.email.as_typed().to_owned();
    if user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(address))
        .one(txn)
        .await?
        .is_some()
    {
        return Ok(Some(ActionOutcome::refused(
            Field::Email,
            app::forms::Message::key_with(
                "service-invitations-has-account",
                &[("email", typed()), ("company", company.name.clone())],
            ),
            ErrorKind::Conflict,
        )));
    }
    let open = invitation::Entity::find()
        .filter(invitation::Column::AccountId.eq(company.id))
        .filter(invitation::Column::EmailNormalized.eq(address))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .one(txn)
        .await?;
    Ok(open.map(|_| {
        ActionOutcome::refused(
            Field::Email,
            app::forms::Message::key_with(
                "service-invitations-invited-already",
                &[("email", typed())],
            ),
            ErrorKind::Conflict,
        )
    }))
}

async fn insert_invitation(
    txn: &DatabaseTransaction,
    form: &ValidInvitation,
    account_id: i32,
    inviter: &user::Model,
    token: &Token,
    now: DateTime<Utc>,
) -> Result<invitation::Model, DbErr> {
    let role = if form.customer_admin {
        UserRole::CustomerAdmin
    } else {
        UserRole::Member
    };
    invitation::ActiveModel {
        account_id: Set(account_id),
        email: Set(form.email.as_typed().to_owned()),
        email_normalized: Set(form.email.normalized().to_owned()),
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
    .insert(txn)
    .await
}

/// The audit record and the webhook event of a new invitation.
async fn record_invited(
    txn: &DatabaseTransaction,
    invited: &invitation::Model,
    inviter: &user::Model,
    customer_admin: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Audit {
        actor: Some(inviter.id),
        subject: None,
        account: Some(invited.account_id),
        detail: Some(detail_message(
            "audit-detail-invitation",
            &[("id", invited.id.to_string())],
        )),
    }
    .record(txn, AuditAction::ContactInvited, now)
    .await?;
    webhooks::record_event(
        txn,
        Event::ContactInvited,
        Some(&invited.email_normalized),
        serde_json::json!({
            "invitation": invited.id,
            "account": invited.account_id,
            "email": invited.email,
            "first_name": invited.first_name,
            "last_name": invited.last_name,
            "role": if customer_admin { "customer_admin" } else { "contact" },
        }),
        now,
    )
    .await
}

fn no_such_company() -> ActionOutcome {
    refused("service-invitations-no-such-company", ErrorKind::NotFound)
}

fn refused(message: &'static str, kind: ErrorKind) -> ActionOutcome {
    ActionOutcome::refused(Field::Form, message, kind)
}
