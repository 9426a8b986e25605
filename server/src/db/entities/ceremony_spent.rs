use sea_orm::entity::prelude::*;

/// A passkey log-in whose state came back from the browser: its primary key makes each
/// ceremony single use across every server instance (the state itself lives in the
/// browser's cookie, so nothing on the server would otherwise remember it was used).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ceremonies_spent")]
pub struct Model {
    /// The SHA-256 of the sealed state, in hex.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// After this the state is refused as expired anyway, so the row can go.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
