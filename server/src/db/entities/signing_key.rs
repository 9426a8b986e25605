use sea_orm::entity::prelude::*;

/// A key that signs ID tokens and logout tokens (`signing`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signing_keys")]
pub struct Model {
    /// The key's id in the JWKS and in each token's header.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kid: String,
    /// `RS256`, `ES256` or `EdDSA`.
    pub algorithm: String,
    /// The private key, PKCS#8 DER in base64.
    pub private_key_pkcs8: String,
    pub created_at: DateTimeUtc,
    /// When the key stops signing (its successor's `signs_from`); none for the newest key
    /// of its algorithm.
    pub retired_at: Option<DateTimeUtc>,
    /// When the key starts signing: published first, so that every instance and relying
    /// party knows it by then. None for keys made before this column: from `created_at`.
    pub signs_from: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
