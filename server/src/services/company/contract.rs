//! This area's part of the contract, for the server functions.
use app::api::CompanyServices;
use app::api::{Access, ActionOutcome, ContactList, RequestList};
use app::forms::business::{ValidContactChange, ValidDecision};
use tower_sessions::Session;

contract! {
    impl CompanyServices {
        fn set_company_two_factor(&self, session: &Session, require: bool) -> ActionOutcome
            = set_company_two_factor_at(session, require) at now;
        fn company_requests(&self, session: &Session) -> Access<RequestList>
            = company_requests_at(session);
        fn decide_request(&self, session: &Session, form: ValidDecision) -> ActionOutcome
            = decide_request_at(session, form) at now;
        fn company_contacts(&self, session: &Session) -> Access<ContactList>
            = company_contacts_at(session);
        fn change_contact(&self, session: &Session, form: ValidContactChange) -> ActionOutcome
            = change_contact_at(session, form) at now;
    }
}
