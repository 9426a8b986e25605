use sea_orm::entity::prelude::*;

/// An authorization code: single use, short-lived, stored as its hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code_hash: String,
    pub grant_id: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// The PKCE S256 challenge, when the request carried one.
    pub code_challenge: Option<String>,
    pub expires_at: DateTimeUtc,
    /// Set when it is exchanged; a second presentation revokes the grant.
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
