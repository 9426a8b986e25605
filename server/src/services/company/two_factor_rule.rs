//! A company's rule that its contacts need a second factor to log in, set by its customer
//! administrators. The log-in asks for it (`session::second_step::factors`); turning it
//! off weakens every contact's log-in, so that needs a fresh proof.
use app::api::ActionOutcome;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::services::session::caller::settle;
use crate::services::support::audit::{detail_message, Audit, AuditAction};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// A customer administrator's rule that the company's contacts need a second factor.
    pub async fn set_company_two_factor_at(
        &self,
        session: &Session,
        require: bool,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.customer_admin()?;
            // Turning it off weakens every contact's log-in: it needs a fresh proof.
            if !require {
                self.fresh_proof(session, now).await?;
            }
            let txn = crate::db::begin_write(&self.db).await?;
            account::Entity::update_many()
                .col_expr(account::Column::RequireTwoFactor, Expr::value(require))
                .col_expr(account::Column::UpdatedAt, Expr::value(now))
                .filter(account::Column::Id.eq(admin.account.id))
                .exec(&txn)
                .await?;
            Audit {
                actor: Some(admin.user.id),
                subject: None,
                account: Some(admin.account.id),
                detail: Some(detail_message(
                    "audit-detail-two-factor-rule",
                    &[("required", require.to_string())],
                )),
            }
            .record(&txn, AuditAction::TwoFactorRuleChanged, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t(if require {
                "service-two-factor-rule-required"
            } else {
                "service-two-factor-rule-optional"
            })))
        })
        .await
    }
}
