//! A company that requires its own provider (issue 23): its contacts sign in there, so
//! their Portico password neither logs in nor is reset (`account::log_in`,
//! `recovery::links`), and the pages say to use the company's sign-in.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use crate::db::entities::identity_provider;
use crate::db::entities::user::{self, UserKind};

/// What the log-in and reset pages say to such a contact.
pub const USE_COMPANY_SIGN_IN: &str = "service-sso-use-company-sign-in";

/// Whether the person is a contact of a company whose switched-on provider is required.
pub async fn must_use_company_provider<C: ConnectionTrait>(
    db: &C,
    person: &user::Model,
) -> Result<bool, DbErr> {
    let Some(account) = person
        .account_id
        .filter(|_| person.kind == UserKind::Contact)
    else {
        return Ok(false);
    };
    let required = identity_provider::Entity::find()
        .filter(identity_provider::Column::AccountId.eq(account))
        .filter(identity_provider::Column::Enabled.eq(true))
        .filter(identity_provider::Column::Required.eq(true))
        .count(db)
        .await?;
    Ok(required > 0)
}
