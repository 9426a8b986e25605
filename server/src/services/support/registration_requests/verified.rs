//! A business contact's request once their address is verified: approved at once by an
//! auto-approving company whose domain the address is in, else waiting for the company's
//! customer administrators (who are emailed) or, without a company, for Portico's staff.
use app::api::AfterVerification;
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter};

use super::decisions::Verdict;
use super::{move_request, set_status};
use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserRole, UserStatus};
use crate::mail::{language_of, outbox, templates};
use crate::services::support::views::full_name;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Takes a business contact's request on once their address is verified, inside the
    /// verification's transaction.
    pub(crate) async fn after_contact_verified(
        &self,
        txn: &DatabaseTransaction,
        contact: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<AfterVerification, ServiceError> {
        let request = registration_request::Entity::find()
            .filter(registration_request::Column::UserId.eq(contact.id))
            .one(txn)
            .await?;
        let Some(request) = request else {
            return Ok(AfterVerification::LogIn);
        };
        let account = match request.account_id {
            Some(id) => account::Entity::find_by_id(id).one(txn).await?,
            None => None,
        };
        if let Some(account) = account
            .as_ref()
            .filter(|a| a.auto_approve && a.owns_address(&contact.email_normalized))
        {
            self.conclude(txn, &request, contact, Verdict::Approve(account), None, now)
                .await?;
            return Ok(AfterVerification::LogIn);
        }
        let next_state = if account.is_some() {
            RequestState::AwaitingApproval
        } else {
            RequestState::AwaitingAccount
        };
        move_request(
            txn,
            request.id,
            RequestState::AwaitingVerification,
            None,
            vec![(registration_request::Column::State, Expr::value(next_state))],
        )
        .await?;
        set_status(txn, contact.id, UserStatus::PendingApproval, None, now).await?;
        outbox::enqueue(
            txn,
            &templates::request_pending(language_of(contact), &contact.email, &contact.first_name),
            now,
        )
        .await?;
        match &account {
            Some(account) => {
                self.ask_customer_admins(txn, account, contact, now).await?;
                Ok(AfterVerification::AwaitReview)
            }
            None => Ok(AfterVerification::AwaitAssignment),
        }
    }

    /// Emails each active customer administrator of the company that a request waits
    /// for them. Returns how many were asked.
    pub(crate) async fn ask_customer_admins<C: ConnectionTrait>(
        &self,
        db: &C,
        account: &account::Model,
        contact: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<usize, DbErr> {
        let admins = user::Entity::find()
            .filter(user::Column::AccountId.eq(account.id))
            .filter(user::Column::Role.eq(UserRole::CustomerAdmin))
            .filter(user::Column::Status.eq(UserStatus::Active))
            .all(db)
            .await?;
        let approvals = self.link(Portal::Csm, "/approvals");
        let who = format!("{} ({})", full_name(contact), contact.email);
        for admin in &admins {
            let email = templates::approval_needed(
                language_of(admin),
                &admin.email,
                &admin.first_name,
                &who,
                &account.name,
                approvals.clone(),
            );
            // It names the contact: erasing them finds it.
            outbox::enqueue_about(db, &email, contact.id, now).await?;
        }
        Ok(admins.len())
    }
}
