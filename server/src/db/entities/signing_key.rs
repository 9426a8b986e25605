use sea_orm::entity::prelude::*;

/// A key that signs ID tokens (`signing`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signing_keys")]
pub struct Model {
    /// The key's id in the JWKS and in each token's header.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kid: String,
    /// `RS256`.
    pub algorithm: String,
    /// The private key, PKCS#8 DER in base64.
    pub private_key_pkcs8: String,
    pub created_at: DateTimeUtc,
    /// When a newer key took over; none for the current one.
    pub retired_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
