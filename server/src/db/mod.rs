//! The database: one connection pool (SQLite by default, PostgreSQL for scale) shared by
//! sea-orm and the session store, its entities, and its migrations.
pub mod entities;
pub mod migrations;
pub mod settings;
mod write_wait;

use std::str::FromStr;
use std::time::Duration;

use sea_orm::sea_query::Expr;
use sea_orm::sqlx::postgres::PgPoolOptions;
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::sqlx::{PgPool, SqlitePool};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, QueryFilter, SqlErr, SqlxPostgresConnector, SqlxSqliteConnector, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

/// The raw pool behind the connection, for the session store.
#[derive(Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Clone)]
pub struct Database {
    pub conn: DatabaseConnection,
    pub pool: Pool,
}

impl Database {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let database = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Database {
                conn: SqlxPostgresConnector::from_sqlx_postgres_pool(pool.clone()),
                pool: Pool::Postgres(pool),
            }
        } else {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                // WAL lets page loads read while a sign-up writes; the busy timeout (and then
                // `write_wait`'s handler) makes concurrent writers queue instead of failing.
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(write_wait::WAIT_AT_MOST)
                .foreign_keys(true);
            if let Some(dir) = options.get_filename().parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)?;
                }
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(|connection, _| Box::pin(write_wait::install(connection)))
                .connect_with(options)
                .await?;
            Database {
                conn: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool.clone()),
                pool: Pool::Sqlite(pool),
            }
        };
        migrations::Migrator::up(&database.conn, None).await?;
        Ok(database)
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.pool, Pool::Postgres(_))
    }
}

/// Begins a transaction that changes something: every transaction of the product starts
/// here (a test reads the sources for `.begin()` elsewhere).
///
/// On SQLite its first statement takes the write lock, as `BEGIN IMMEDIATE` would (which
/// sea-orm cannot send): a write that matches no row. A transaction that read first and
/// wrote later would otherwise fail at once with "database is locked" whenever another
/// writer committed in between (WAL cannot move a read snapshot forward), where this one
/// waits its turn in the busy handler. Writers on SQLite run one at a time anyway. On
/// PostgreSQL a plain `BEGIN`: rows are locked where a transaction needs them.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Sqlite {
        txn.execute_unprepared("UPDATE users SET id = id WHERE 0")
            .await?;
    }
    Ok(txn)
}

/// Begins a transaction whose first statement writes (an `INSERT`, an `UPDATE`, a
/// `DELETE`): that statement takes SQLite's write lock itself, so the lock-taking no-op
/// of [`begin_write`] would only be one more statement. For the hot paths of the OpenID
/// Connect provider (a code issued, a code redeemed), where every statement is a round
/// trip to the connection's thread. A transaction that may read before it writes must
/// use [`begin_write`].
pub async fn begin_write_first(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin().await
}

/// Whether an error is the violation of a unique index (how the database tells us that
/// an email address or a CAPTCHA was taken by a concurrent request).
pub fn is_unique_violation(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Holds one row for the rest of a transaction by writing it unchanged, as the
/// transaction's first statement. On SQLite the transaction then holds the write lock, so
/// it is serialized with every other writer (had it read first, a concurrent commit would
/// make its later write fail with "database is locked" instead of waiting); on PostgreSQL
/// the row stays locked until commit. False if there is no such row.
///
/// Rows are held in one order everywhere: a company (`accounts`), then a registration
/// request, then a person (`users`). On PostgreSQL, two transactions that hold two rows
/// in opposite orders can each wait for the other: a deadlock, which the database ends by
/// failing one of them (a 500). Changing a contact (it holds the person, to read them)
/// and that contact deleting their account (it holds the company, to count its customer
/// administrators) once did exactly that.
pub async fn hold_row<E, C>(db: &C, key: E::Column, id: i32) -> Result<bool, DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let held = E::update_many()
        .col_expr(key, Expr::col(key).into())
        .filter(key.eq(id))
        .exec(db)
        .await?;
    Ok(held.rows_affected == 1)
}
