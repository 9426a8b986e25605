use sea_orm::entity::prelude::*;

/// One state change: who did what to whom, and when. Written in the change's transaction.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// The person who acted; None when Portico itself did (an automatic approval).
    pub actor_id: Option<i32>,
    pub action: String,
    /// The person the change is about.
    pub subject_id: Option<i32>,
    pub account_id: Option<i32>,
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
