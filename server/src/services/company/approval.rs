//! A company's registration requests as its customer administrators see and decide them on
//! `/csm/approvals`. The state machine itself is `support::registration_requests`, which
//! Portico's administrators (`admin::pending`) and the address verification move too.
use app::api::{Access, ActionOutcome, RequestList};
use app::forms::business::{Decision, ValidDecision};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition};
use tower_sessions::Session;

use crate::db::entities::registration_request::{self, RequestState};
use crate::services::session::caller::settle;
use crate::services::support::company_queries::requests_where;
use crate::services::support::registration_requests::decisions::Verdict;
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn company_requests_at(
        &self,
        session: &Session,
    ) -> Result<Access<RequestList>, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.customer_admin()?;
            let condition = Condition::all()
                .add(registration_request::Column::AccountId.eq(admin.account.id))
                .add(registration_request::Column::State.ne(RequestState::AwaitingVerification));
            let mut requests = requests_where(&self.db, condition).await?;
            // Pending first, oldest first; then the decided, newest first.
            requests.sort_by(|a, b| {
                b.status.is_open().cmp(&a.status.is_open()).then_with(|| {
                    if a.status.is_open() {
                        a.id.cmp(&b.id)
                    } else {
                        b.id.cmp(&a.id)
                    }
                })
            });
            Ok(Access::Granted(RequestList {
                company: admin.account.name,
                requests,
            }))
        })
        .await
    }

    /// A customer administrator approves or rejects a request for their company.
    pub async fn decide_request_at(
        &self,
        session: &Session,
        form: ValidDecision,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.customer_admin()?;
            let (account, request) = (&admin.account, form.request);
            let verdict = match form.decision {
                Decision::Approve => Verdict::Approve(account),
                Decision::Reject { reason } => Verdict::Reject(reason),
                Decision::Reopen => {
                    return Ok(self
                        .reopen(request, Some(account.id), &admin.user, now)
                        .await?)
                }
            };
            let from = RequestState::AwaitingApproval;
            Ok(self
                .decide(request, from, Some(account.id), verdict, &admin.user, now)
                .await?)
        })
        .await
    }
}
