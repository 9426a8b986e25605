//! This area's part of the contract, for the server functions.
use app::api::AdminServices;
use app::api::{Access, AccountList, AccountRecord, ActionOutcome, PendingList, PeopleList};
use app::forms::business::{ValidAccount, ValidPendingDecision};
use tower_sessions::Session;

contract! {
    impl AdminServices {
        fn people(&self, session: &Session, query: String, page: u64) -> Access<PeopleList>
            = people_at(session, query, page);
        fn reset_second_factors(&self, session: &Session, person: i32) -> ActionOutcome
            = reset_second_factors_at(session, person) at now;
        fn accounts(&self, session: &Session, query: String, page: u64) -> Access<AccountList>
            = accounts_at(session, query, page);
        fn account_detail(&self, session: &Session, account: i32) -> Access<Option<AccountRecord>>
            = account_detail_at(session, account);
        fn save_account(&self, session: &Session, form: ValidAccount) -> ActionOutcome
            = save_account_at(session, form) at now;
        fn regenerate_code(&self, session: &Session, account: i32) -> ActionOutcome
            = regenerate_code_at(session, account) at now;
        fn pending_requests(&self, session: &Session, query: String, page: u64) -> Access<PendingList>
            = pending_requests_at(session, query, page);
        fn settle_pending(&self, session: &Session, form: ValidPendingDecision) -> ActionOutcome
            = settle_pending_at(session, form) at now;
    }
}
