use sea_orm::entity::prelude::*;

/// An app that signs people in with Portico (an OpenID Connect client). The secret is
/// kept only as its SHA-256; `Debug` leaves it out all the same.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "oidc_clients")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub client_id: String,
    pub name: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    /// None for a public client (a browser or mobile app, which cannot keep a secret).
    pub secret_hash: Option<String>,
    /// JSON array, each URI exactly as registered.
    #[sea_orm(column_type = "Text")]
    pub redirect_uris: String,
    /// JSON array, each URI exactly as registered.
    #[sea_orm(column_type = "Text")]
    pub post_logout_redirect_uris: String,
    pub backchannel_logout_uri: Option<String>,
    pub initiate_login_uri: Option<String>,
    /// `csp`, `csm` or `both`: whose people may sign in to it.
    pub portal: String,
    /// A first-party app asks no consent.
    pub first_party: bool,
    pub require_pkce: bool,
    pub id_token_signed_response_alg: String,
    pub created_at: DateTimeUtc,
    pub secret_rotated_at: Option<DateTimeUtc>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcClient")
            .field("client_id", &self.client_id)
            .field("name", &self.name)
            .field("public", &self.secret_hash.is_none())
            .field("portal", &self.portal)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
