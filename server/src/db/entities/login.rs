use sea_orm::entity::prelude::*;

/// One logged-in session of a person: what their profile lists, and what "log out
/// everywhere else" and a password change end.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "logins")]
pub struct Model {
    /// Random; kept in the session's data, so that the session counts only while this
    /// row exists.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    /// The session store's id, recorded on the session's first request after log-in
    /// (the store assigns it when it saves the session).
    pub session_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub user_agent: Option<String>,
    /// The public id apps see as `sid` (the `id` above stays a secret of the session).
    pub sid: Option<String>,
    /// How the person proved who they are, as RFC 8176 values separated by spaces.
    pub amr: Option<String>,
    /// The provider this login signed in through (`identity_providers.id`), if any.
    pub provider_id: Option<i32>,
    /// The provider session's `sid` and the person's `sub` there, which a back-channel
    /// logout names.
    pub provider_sid: Option<String>,
    pub provider_subject: Option<String>,
    /// A login made through a provider ends here and goes back to the provider silently.
    pub expires_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id",
        on_delete = "Cascade"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
