//! What an app learns about a person: the claims of the scopes it was granted, the same in
//! the ID token and at userinfo, and who may still sign in to an app at all.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::{json, Map, Value};

use crate::db::entities::account;
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::services::support::app_clients::AppClient;
use crate::services::support::roles::is_administrator;

/// The scope of Portico's own claims: portal, company and role.
pub const PORTICO_SCOPE: &str = "portico";

/// Whether `person` could log in to their portal now (verified, approved, active, not on
/// their way out) and the app admits that portal's people. Asked at every exchange,
/// refresh, userinfo and introspection, so that an approval or a disabling takes effect
/// at the next of them. Administrators cannot log in at a portal, so not to its apps.
pub fn may_sign_in(person: &user::Model, client: &AppClient) -> bool {
    person.status == UserStatus::Active
        && person.verified_at.is_some()
        && person.deletion_due_at.is_none()
        && !is_administrator(person)
        && client.portal.admits(person.kind.portal())
}

/// The person's `sub`: given at first need, by one conditional `UPDATE`, so that two
/// exchanges at once agree on it; then read back. Random, never the email.
pub async fn subject_of<C: ConnectionTrait>(db: &C, person: &user::Model) -> Result<String, DbErr> {
    if let Some(subject) = &person.subject {
        return Ok(subject.clone());
    }
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    user::Entity::update_many()
        .col_expr(
            user::Column::Subject,
            Expr::value(URL_SAFE_NO_PAD.encode(bytes)),
        )
        .filter(user::Column::Id.eq(person.id))
        .filter(user::Column::Subject.is_null())
        .exec(db)
        .await?;
    let stored = user::Entity::find_by_id(person.id).one(db).await?;
    stored
        .and_then(|row| row.subject)
        .ok_or_else(|| DbErr::RecordNotFound(format!("the subject of person {}", person.id)))
}

/// The claims of `scope` (space-separated) about `person`, `sub` first.
pub async fn person_claims<C: ConnectionTrait>(
    db: &C,
    person: &user::Model,
    scope: &str,
) -> Result<Map<String, Value>, DbErr> {
    let mut claims = Map::new();
    claims.insert("sub".into(), subject_of(db, person).await?.into());
    let granted = |name: &str| scope.split(' ').any(|s| s == name);
    if granted("email") {
        claims.insert("email".into(), person.email.clone().into());
        claims.insert("email_verified".into(), person.verified_at.is_some().into());
    }
    if granted("profile") {
        let name = format!("{} {}", person.first_name, person.last_name);
        claims.insert("name".into(), name.trim().into());
        claims.insert("given_name".into(), person.first_name.clone().into());
        claims.insert("family_name".into(), person.last_name.clone().into());
        if let Some(language) = &person.preferred_language {
            claims.insert("locale".into(), language.clone().into());
        }
    }
    if granted(PORTICO_SCOPE) {
        portico_claims(db, person, &mut claims).await?;
    }
    Ok(claims)
}

/// `portal`, and for a business contact their `company` and `role`.
async fn portico_claims<C: ConnectionTrait>(
    db: &C,
    person: &user::Model,
    claims: &mut Map<String, Value>,
) -> Result<(), DbErr> {
    let portal = match person.kind.portal() {
        app::portal::Portal::Csm => "csm",
        app::portal::Portal::Csp => "csp",
    };
    claims.insert("portal".into(), portal.into());
    if person.kind != UserKind::Contact {
        return Ok(());
    }
    if let Some(account_id) = person.account_id {
        if let Some(company) = account::Entity::find_by_id(account_id).one(db).await? {
            claims.insert(
                "company".into(),
                json!({ "id": company.id, "name": company.name }),
            );
        }
    }
    let role = match person.role {
        UserRole::CustomerAdmin => "customer_admin",
        _ => "contact",
    };
    claims.insert("role".into(), role.into());
    Ok(())
}
