//! How many invitation emails a company may cause: an invitation is sent again at most
//! once a minute (as every emailed link, [`LINK_INTERVAL`]), and a company sends at most
//! [`INVITATIONS_PER_COMPANY_PER_DAY`] in 24 hours, new ones and resends together. A
//! customer administrator is an outside business customer: without a limit, they could
//! send any number of emails through the operator's mail server.
//!
//! Counted inside the transaction that sends, after the company's row is held
//! (`db::hold_row`, which both callers take first), so that concurrent requests through
//! any number of instances are decided one after the other. Sends are counted from the
//! audit log, which records each one (`contact_invited`, `invitation_resent`) with its
//! company in that same transaction; no other table remembers resends.
use std::time::Duration as Wait;

use app::api::ActionOutcome;
use app::forms::{ErrorKind, Field, Message};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::db::entities::{account, audit_entry, invitation};
use crate::limits::wait_in_words;
use crate::services::support::audit::AuditAction;
use crate::services::support::email_tokens::LINK_INTERVAL;

/// The most invitation emails (new and resent) a company sends in 24 hours.
pub const INVITATIONS_PER_COMPANY_PER_DAY: u64 = 50;

const DAY: Duration = Duration::days(1);

/// The refusal of a new invitation when the company has sent its day's share, on the
/// address field.
pub(crate) async fn refusal_to_invite<C: ConnectionTrait>(
    db: &C,
    company: &account::Model,
    now: DateTime<Utc>,
) -> Result<Option<ActionOutcome>, DbErr> {
    Ok(company_budget(db, company.id, now)
        .await?
        .err()
        .map(|wait| daily_limit(Field::Email, company, wait)))
}

/// The refusal of a resend: the invitation went out less than a minute ago, or the
/// company has sent its day's share.
pub(crate) async fn refusal_to_resend<C: ConnectionTrait>(
    db: &C,
    found: &invitation::Model,
    company: &account::Model,
    now: DateTime<Utc>,
) -> Result<Option<ActionOutcome>, DbErr> {
    let again_at = found.sent_at + LINK_INTERVAL;
    if again_at > now {
        let wait = (again_at - now).to_std().unwrap_or_default();
        return Ok(Some(ActionOutcome::refused(
            Field::Form,
            Message::key_with(
                "service-invitations-resent-lately",
                &[
                    ("name", format!("{} {}", found.first_name, found.last_name)),
                    ("wait", wait_in_words(wait)),
                ],
            ),
            ErrorKind::TooManyAttempts,
        )));
    }
    Ok(company_budget(db, company.id, now)
        .await?
        .err()
        .map(|wait| daily_limit(Field::Form, company, wait)))
}

/// Whether the company may send another invitation email now, else how long until it
/// may: until the oldest of its last [`INVITATIONS_PER_COMPANY_PER_DAY`] sends is a day old.
async fn company_budget<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<Result<(), Wait>, DbErr> {
    let sent_today = audit_entry::Entity::find()
        .filter(audit_entry::Column::AccountId.eq(account_id))
        .filter(audit_entry::Column::Action.is_in([
            AuditAction::ContactInvited.as_str(),
            AuditAction::InvitationResent.as_str(),
        ]))
        .filter(audit_entry::Column::At.gt(now - DAY));
    if sent_today.clone().count(db).await? < INVITATIONS_PER_COMPANY_PER_DAY {
        return Ok(Ok(()));
    }
    let frees_a_place = sent_today
        .order_by_desc(audit_entry::Column::At)
        .offset(INVITATIONS_PER_COMPANY_PER_DAY - 1)
        .one(db)
        .await?
        .map(|sent| sent.at + DAY);
    let wait = frees_a_place.map_or(DAY, |at| at - now);
    Ok(Err(wait.to_std().unwrap_or_default()))
}

fn daily_limit(field: Field, company: &account::Model, wait: Wait) -> ActionOutcome {
    ActionOutcome::refused(
        field,
        Message::key_with(
            "service-invitations-daily-limit",
            &[
                ("company", company.name.clone()),
                ("limit", INVITATIONS_PER_COMPANY_PER_DAY.to_string()),
                ("wait", wait_in_words(wait)),
            ],
        ),
        ErrorKind::TooManyAttempts,
    )
}
