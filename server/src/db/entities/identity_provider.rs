use sea_orm::entity::prelude::*;

/// An OpenID Connect provider people sign in through (Portico as the relying party): a
/// company's own (`kind` `company`, `account_id` set, one per company) or a consumers'
/// social one (`kind` `social`). The client secret is sealed with the secrets key, and
/// `Debug` leaves it out all the same.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "identity_providers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `company` or `social`.
    pub kind: String,
    pub account_id: Option<i32>,
    /// The button's text; for a company the company's name is shown instead.
    pub name: String,
    /// `google` or `microsoft` when the issuer came from a preset.
    pub preset: Option<String>,
    pub issuer: String,
    pub client_id: String,
    #[sea_orm(column_type = "Text")]
    pub client_secret_sealed: String,
    /// JSON of what discovery found (endpoints, algorithms), shown to the administrator.
    #[sea_orm(column_type = "Text", nullable)]
    pub discovered: Option<String>,
    /// A company's provider is switched on after "Try sign-in" (or by the CLI).
    pub enabled: bool,
    /// The company's contacts may not use a Portico password.
    pub required: bool,
    pub tried_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityProvider")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("account_id", &self.account_id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id",
        on_delete = "Cascade"
    )]
    Account,
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
