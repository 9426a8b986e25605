//! The language a person chose with the switcher, kept on their account: their emails
//! are written in it, and their next session starts in it.
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::services::session::caller::settle;
use crate::services::session::keys;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Saves the language the person of this session chose: their emails are written in
    /// it from now on. Nothing if nobody is logged in.
    pub async fn set_preferred_language_at(
        &self,
        session: &Session,
        language: app::i18n::Lang,
    ) -> Result<(), ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            user::Entity::update_many()
                .col_expr(
                    user::Column::PreferredLanguage,
                    sea_orm::sea_query::Expr::value(language.tag()),
                )
                .filter(user::Column::Id.eq(person.id))
                .exec(&self.db)
                .await?;
            keys::LANGUAGE
                .put(session, &language.tag().to_owned())
                .await?;
            Ok(())
        })
        .await
    }
}
