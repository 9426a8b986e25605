//! Signing keys per algorithm (RS256, ES256, EdDSA): at most one newest key of each
//! (a unique index over the keys not retired, which two instances starting at once both
//! insert into: one wins), and the time a key starts signing, so that a rotated key is
//! published before it signs.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SigningKeys {
    Table,
    SignsFrom,
}

/// A partial index: both SQLite and PostgreSQL have them, sea-query cannot write one.
const ONE_NEWEST_PER_ALGORITHM: &str = "CREATE UNIQUE INDEX signing_keys_newest_per_algorithm \
     ON signing_keys (algorithm) WHERE retired_at IS NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SigningKeys::Table)
                    .add_column(timestamp_with_time_zone_null(SigningKeys::SignsFrom))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(ONE_NEWEST_PER_ALGORITHM)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("signing_keys_newest_per_algorithm")
                    .table(SigningKeys::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SigningKeys::Table)
                    .drop_column(SigningKeys::SignsFrom)
                    .to_owned(),
            )
            .await
    }
}
