use sea_orm::entity::prelude::*;

/// An email domain whose people sign in through a company's provider. The domain is the
/// key, so it belongs to one provider (one company) only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "identity_provider_domains")]
pub struct Model {
    /// Lower case, IDNA ASCII.
    #[sea_orm(primary_key, auto_increment = false)]
    pub domain: String,
    pub provider_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::identity_provider::Entity",
        from = "Column::ProviderId",
        to = "super::identity_provider::Column::Id",
        on_delete = "Cascade"
    )]
    Provider,
}

impl Related<super::identity_provider::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Provider.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
