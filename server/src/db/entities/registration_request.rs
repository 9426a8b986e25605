use sea_orm::entity::prelude::*;

/// A business contact's request to join a company account, and its decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    /// The company the request is for: from the registration code, or assigned by an
    /// administrator. None while it waits for one.
    pub account_id: Option<i32>,
    pub state: RequestState,
    pub created_at: DateTimeUtc,
    /// Who approved or rejected it; None for an automatic approval.
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    pub reason: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum RequestState {
    /// Registered; the email address is not verified yet. Nobody sees it to decide.
    #[sea_orm(string_value = "awaiting_verification")]
    AwaitingVerification,
    /// Verified, without a company: an administrator assigns one.
    #[sea_orm(string_value = "awaiting_account")]
    AwaitingAccount,
    /// Verified, for a company: its customer administrators decide.
    #[sea_orm(string_value = "awaiting_approval")]
    AwaitingApproval,
    #[sea_orm(string_value = "approved")]
    Approved,
    #[sea_orm(string_value = "rejected")]
    Rejected,
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
