//! Schema migrations, run at start-up. Each migration is written out in full (not derived
//! from the entities) so that it means the same thing forever.
use sea_orm_migration::prelude::*;

mod m20261124_000001_initial;
mod m20261124_000002_business_accounts;
mod m20261124_000003_account_lifecycle;
mod m20261125_000004_attempt_limits;
mod m20261125_000005_second_factors;
mod m20261125_000006_invitations_and_deletion;
mod m20261125_000007_webhooks;
mod m20261125_000008_administration_indexes;
mod m20261126_000009_outbox_lease;
mod m20261127_000010_preferred_language;
mod m20261128_000011_erasure;
mod m20261128_000011_spent_ceremonies;
mod m20261206_000012_log_in_safety;
mod m20261206_000013_signing_keys;
mod m20261206_000014_openid_connect;
mod m20261206_000015_backchannel_logout;
mod m20261206_000016_signing_keys_per_algorithm;
mod m20261206_000017_sign_in_providers;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_initial::Migration),
            Box::new(m20261124_000002_business_accounts::Migration),
            Box::new(m20261124_000003_account_lifecycle::Migration),
            Box::new(m20261125_000004_attempt_limits::Migration),
            Box::new(m20261125_000005_second_factors::Migration),
            Box::new(m20261125_000006_invitations_and_deletion::Migration),
            Box::new(m20261125_000007_webhooks::Migration),
            Box::new(m20261125_000008_administration_indexes::Migration),
            Box::new(m20261126_000009_outbox_lease::Migration),
            Box::new(m20261127_000010_preferred_language::Migration),
            Box::new(m20261128_000011_erasure::Migration),
            Box::new(m20261128_000011_spent_ceremonies::Migration),
            Box::new(m20261206_000012_log_in_safety::Migration),
            Box::new(m20261206_000013_signing_keys::Migration),
            Box::new(m20261206_000014_openid_connect::Migration),
            Box::new(m20261206_000015_backchannel_logout::Migration),
            Box::new(m20261206_000016_signing_keys_per_algorithm::Migration),
            Box::new(m20261206_000017_sign_in_providers::Migration),
        ]
    }
}
