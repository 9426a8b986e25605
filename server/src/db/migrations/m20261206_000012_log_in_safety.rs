//! What keeps a half-finished log-in honest: a credential version that every pending
//! step (second factor, factor set-up, new terms) is tied to, so that a password change,
//! a reset or "log out everywhere" ends them; and a count of consecutive wrong
//! second-step codes that locks the step until a reset by email or an administrator.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    CredentialVersion,
    SecondFactorFailures,
    SecondFactorFailedAt,
    SecondFactorLockedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        let columns = [
            integer(Users::CredentialVersion).default(0).to_owned(),
            integer(Users::SecondFactorFailures).default(0).to_owned(),
            timestamp_with_time_zone_null(Users::SecondFactorFailedAt),
            timestamp_with_time_zone_null(Users::SecondFactorLockedAt),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Users::CredentialVersion,
            Users::SecondFactorFailures,
            Users::SecondFactorFailedAt,
            Users::SecondFactorLockedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
