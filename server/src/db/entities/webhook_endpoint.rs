use sea_orm::entity::prelude::*;

/// Where an administrator wants events posted, which events, and the secret that signs
/// them. The secret is shown to no one after it is saved (see `Debug`).
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_endpoints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub url: String,
    /// Event names separated by commas.
    #[sea_orm(column_type = "Text")]
    pub events: String,
    pub secret: String,
    pub created_at: DateTimeUtc,
}

impl Model {
    pub fn wants(&self, event: &str) -> bool {
        self.events.split(',').any(|e| e.trim() == event)
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookEndpoint")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
