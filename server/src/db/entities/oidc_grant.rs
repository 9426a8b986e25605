use sea_orm::entity::prelude::*;

/// What one authorization granted an app: the family of its code, access and refresh
/// tokens. Revoking it revokes them all.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_grants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub client_id: String,
    pub user_id: i32,
    /// The Portico login it came from; a secret of that session, never sent to an app.
    pub login_id: Option<String>,
    /// That login's public id, the `sid` claim.
    pub sid: Option<String>,
    /// Space-separated scopes granted.
    pub scope: String,
    pub nonce: Option<String>,
    pub auth_time: DateTimeUtc,
    /// Space-separated RFC 8176 values.
    pub amr: String,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
