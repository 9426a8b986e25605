//! Erasing a person: every row that holds their data goes, wherever it is kept. Rows of
//! their own are found by their id; mail, invitations, webhook deliveries and attempt
//! limits are kept per address, so they are found under every address the person had or
//! asked for (`former_addresses`, written by the email change); emails to other people
//! that name them (`outbox.about_user_id`) lose their words; the audit log keeps what
//! happened and when, but neither who nor the details of what was done to them (new
//! addresses, passkey names, a rejection's reason). What is left is that an account was
//! erased, why, and its id for other systems.
use std::collections::BTreeMap;

use app::forms::NormalizedEmail;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    Statement,
};

use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::outbox::{self, OutboxState};
use crate::db::entities::user::{self, UserKind};
use crate::db::entities::{
    audit_entry, consent, former_address, invitation, login, passkey, recovery_code,
    registration_request, webhook_delivery,
};
use crate::db::hold_row;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::{Portico, ServiceError};
use crate::webhooks::{self, Event};

/// Why an account is erased, as the audit log tells it.
pub(crate) enum Why<'a> {
    /// Its owner asked for it and the grace period is over.
    OwnerAsked,
    /// An administrator deleted it, saying why.
    Administrator { by: i32, reason: &'a str },
    /// An unverified registration whose link had expired, replaced by a new registration
    /// of its address.
    ExpiredRegistration,
}

/// Records that mail about `person` went to `address` until `until`, so that erasing them
/// finds it there: the address they change to, when they ask for it (the link goes
/// there), and the one they leave, when the change takes effect.
pub(crate) async fn remember_address<C: ConnectionTrait>(
    db: &C,
    person: i32,
    address: &str,
    until: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = former_address::ActiveModel {
        user_id: sea_orm::ActiveValue::Set(person),
        email_normalized: sea_orm::ActiveValue::Set(address.to_owned()),
        until: sea_orm::ActiveValue::Set(until),
        ..Default::default()
    };
    former_address::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                former_address::Column::UserId,
                former_address::Column::EmailNormalized,
            ])
            .update_column(former_address::Column::Until)
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Holds what erasing the person writes that others hold too, in the product's order
/// (a registration request before its person: a decision on a request holds the request,
/// then writes its contact; see `db::hold_row`). The first statement of an erasure's
/// transaction. False if there is no such person.
pub(crate) async fn hold_for_erasure<C: ConnectionTrait>(db: &C, id: i32) -> Result<bool, DbErr> {
    hold_row::<registration_request::Entity, _>(db, registration_request::Column::UserId, id)
        .await?;
    hold_row::<user::Entity, _>(db, user::Column::Id, id).await
}

impl Portico {
    /// Removes every row that holds the person's data, in the caller's transaction, and
    /// records the erasure without naming them. Returns the session ids to delete from
    /// the store after commit.
    pub(crate) async fn erase<C: ConnectionTrait>(
        &self,
        db: &C,
        person: &user::Model,
        why: Why<'_>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, ServiceError> {
        let id = person.id;
        // Read before the person's own rows (the tokens among them) go.
        let addresses = addresses_of(db, person).await?;
        let ended = self.end_logins(db, id, None).await?;
        delete_own_rows(db, id).await?;
        for (address, until) in &addresses {
            erase_address(db, id, address, *until).await?;
        }
        forget_mentions(db, id).await?;
        user::Entity::delete_by_id(id).exec(db).await?;
        record(db, person, why, now).await?;
        Ok(ended)
    }
}

/// Every address that mail about the person went to, each with the moment it stopped
/// being theirs (None for the current one).
async fn addresses_of<C: ConnectionTrait>(
    db: &C,
    person: &user::Model,
) -> Result<BTreeMap<String, Option<DateTime<Utc>>>, DbErr> {
    let mut addresses = BTreeMap::new();
    let mut add = |address: String, until: DateTime<Utc>| {
        let latest = addresses.entry(address).or_insert(Some(until));
        if let Some(latest) = latest {
            *latest = until.max(*latest);
        }
    };
    let former = former_address::Entity::find()
        .filter(former_address::Column::UserId.eq(person.id))
        .all(db)
        .await?;
    for row in former {
        add(row.email_normalized, row.until);
    }
    // Addresses asked for before `former_addresses` existed: their link went there.
    let asked = email_token::Entity::find()
        .filter(email_token::Column::UserId.eq(person.id))
        .filter(email_token::Column::Purpose.eq(TokenPurpose::ChangeEmail))
        .all(db)
        .await?;
    for token in asked {
        let address = token.new_email.as_deref().map(NormalizedEmail::parse);
        if let Some(Ok(address)) = address {
            add(address.normalized().to_owned(), token.created_at);
        }
    }
    addresses.insert(person.email_normalized.clone(), None);
    Ok(addresses)
}

/// The rows that belong to the person (their foreign keys cascade too; deleting them here
/// does not depend on the database enforcing that).
async fn delete_own_rows<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), DbErr> {
    consent::Entity::delete_many()
        .filter(consent::Column::UserId.eq(id))
        .exec(db)
        .await?;
    email_token::Entity::delete_many()
        .filter(email_token::Column::UserId.eq(id))
        .exec(db)
        .await?;
    login::Entity::delete_many()
        .filter(login::Column::UserId.eq(id))
        .exec(db)
        .await?;
    passkey::Entity::delete_many()
        .filter(passkey::Column::UserId.eq(id))
        .exec(db)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(id))
        .exec(db)
        .await?;
    registration_request::Entity::delete_many()
        .filter(registration_request::Column::UserId.eq(id))
        .exec(db)
        .await?;
    former_address::Entity::delete_many()
        .filter(former_address::Column::UserId.eq(id))
        .exec(db)
        .await?;
    // Limits kept by the person's id (wrong second-factor codes).
    delete_limits_of(db, &id.to_string()).await
}

/// What is kept under an address: emails to it (they hold the person's name and links),
/// invitations to it, webhook deliveries about it, and its attempt limits. Under an
/// address the person no longer has, only rows written while it was theirs: later ones
/// may be about whoever has it now.
async fn erase_address<C: ConnectionTrait>(
    db: &C,
    id: i32,
    address: &str,
    until: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    outbox::Entity::delete_many()
        .filter(Expr::expr(Func::lower(Expr::col(outbox::Column::ToAddress))).eq(address))
        .filter(written_until(outbox::Column::CreatedAt, until))
        .exec(db)
        .await?;
    invitation::Entity::delete_many()
        .filter(invitation::Column::EmailNormalized.eq(address))
        .filter(written_until(invitation::Column::CreatedAt, until))
        .exec(db)
        .await?;
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::SubjectEmail.eq(address))
        .filter(written_until(webhook_delivery::Column::CreatedAt, until))
        .exec(db)
        .await?;
    // A limit has no date: an address someone else has now keeps theirs.
    let someone_elses = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(address))
        .filter(user::Column::Id.ne(id))
        .count(db)
        .await?
        > 0;
    if !someone_elses {
        delete_limits_of(db, address).await?;
    }
    Ok(())
}

/// Rows written up to `until` (all of them without it).
fn written_until<C: ColumnTrait>(written: C, until: Option<DateTime<Utc>>) -> Condition {
    match until {
        Some(until) => Condition::all().add(written.lte(until)),
        None => Condition::all(),
    }
}

async fn delete_limits_of<C: ConnectionTrait>(db: &C, subject: &str) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute(Statement::from_sql_and_values(
        backend,
        crate::limits::placeholders(backend, "DELETE FROM attempt_limits WHERE subject = $1"),
        [subject.into()],
    ))
    .await?;
    Ok(())
}

/// Other people's rows that name or point at the person: the rows stay, without them.
async fn forget_mentions<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), DbErr> {
    // Emails to others about them: one not yet sent would still carry their name (and
    // the request or invitation it is about is gone or can be resent); a sent one keeps
    // that it went out, without its words.
    outbox::Entity::delete_many()
        .filter(outbox::Column::AboutUserId.eq(id))
        .filter(outbox::Column::State.ne(OutboxState::Sent))
        .exec(db)
        .await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Subject, Expr::value(""))
        .col_expr(outbox::Column::TextBody, Expr::value(""))
        .col_expr(outbox::Column::HtmlBody, Expr::value(""))
        .col_expr(
            outbox::Column::AboutUserId,
            Expr::value(Option::<i32>::None),
        )
        .filter(outbox::Column::AboutUserId.eq(id))
        .exec(db)
        .await?;
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::InvitedBy,
            Expr::value(Option::<i32>::None),
        )
        .filter(invitation::Column::InvitedBy.eq(id))
        .exec(db)
        .await?;
    registration_request::Entity::update_many()
        .col_expr(
            registration_request::Column::DecidedBy,
            Expr::value(Option::<i32>::None),
        )
        .filter(registration_request::Column::DecidedBy.eq(id))
        .exec(db)
        .await?;
    forget_in_audit_log(db, id).await
}

/// The audit log keeps each entry's action, time and company. What was done to the
/// person loses its detail (an address they changed to, a passkey's name, why their
/// request was rejected): the detail of an entry about someone is about them. Then the
/// entries lose who.
async fn forget_in_audit_log<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), DbErr> {
    audit_entry::Entity::update_many()
        .col_expr(
            audit_entry::Column::Detail,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_entry::Column::SubjectId.eq(id))
        .exec(db)
        .await?;
    audit_entry::Entity::update_many()
        .col_expr(
            audit_entry::Column::ActorId,
            Expr::value(Option::<i32>::None),
        )
        .filter(audit_entry::Column::ActorId.eq(id))
        .exec(db)
        .await?;
    audit_entry::Entity::update_many()
        .col_expr(
            audit_entry::Column::SubjectId,
            Expr::value(Option::<i32>::None),
        )
        .filter(audit_entry::Column::SubjectId.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The fact, without who: the audit log says which kind of account went and why; other
/// systems hear its id only.
async fn record<C: ConnectionTrait>(
    db: &C,
    person: &user::Model,
    why: Why<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let kind = match person.kind {
        UserKind::Consumer => "consumer",
        UserKind::Contact => "contact",
        UserKind::Staff => "staff",
    };
    let kind = [("kind", kind.to_owned())];
    let (actor, detail) = match why {
        Why::OwnerAsked => (
            None,
            crate::services::support::audit::detail_message("audit-detail-deleted-by-owner", &kind),
        ),
        Why::Administrator { by, reason } => (
            Some(by),
            crate::services::support::audit::detail_message(
                "audit-detail-deleted-by-administrator",
                &[kind[0].clone(), ("reason", reason.to_owned())],
            ),
        ),
        Why::ExpiredRegistration => (
            None,
            crate::services::support::audit::detail_message(
                "audit-detail-expired-registration",
                &kind,
            ),
        ),
    };
    Audit {
        actor,
        subject: None,
        account: person.account_id,
        detail: Some(detail),
    }
    .record(db, AuditAction::AccountDeleted, now)
    .await?;
    webhooks::record_event(
        db,
        Event::UserDeleted,
        None,
        serde_json::json!({ "user": person.id, "account": person.account_id }),
        now,
    )
    .await
}
