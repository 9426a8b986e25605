use sea_orm::entity::prelude::*;

/// A company whose contacts use the business portal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// Normalized (upper case, no separators); see `app::forms::rules::registration_code`.
    #[sea_orm(unique)]
    pub registration_code: String,
    /// Lower-case domains, one per line.
    pub email_domains: String,
    /// Whether a verified contact whose address is in one of the domains is let in
    /// without waiting for a customer administrator.
    pub auto_approve: bool,
    pub created_at: DateTimeUtc,
    /// Whether the company's contacts must have a second factor to log in.
    pub require_two_factor: bool,
    pub updated_at: DateTimeUtc,
}

impl Model {
    pub fn domains(&self) -> Vec<String> {
        self.email_domains.lines().map(str::to_owned).collect()
    }

    /// Whether an address (normalized) is in one of the company's domains.
    pub fn owns_address(&self, email_normalized: &str) -> bool {
        email_normalized
            .rsplit_once('@')
            .is_some_and(|(_, domain)| self.email_domains.lines().any(|d| d == domain))
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
