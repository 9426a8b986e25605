use sea_orm::entity::prelude::*;

/// An address a person had or asked to change to, besides their current one, and the
/// moment it stopped being theirs (changed away from, or asked for). Mail, invitations,
/// webhook deliveries and attempt limits are kept per address; erasing the person finds
/// theirs under each address (up to that moment: later rows may be another person's).
/// Deleted with the person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "former_addresses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub email_normalized: String,
    pub until: DateTimeUtc,
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
