//! This area's part of the contract, for the server functions.
use app::api::SignInProvidersServices;
use app::api::{Access, ActionOutcome, CompanySignInView};
use app::forms::sign_in_providers::ValidCompanyProvider;
use tower_sessions::Session;

contract! {
    impl SignInProvidersServices {
        fn company_sign_in(&self, session: &Session, account: i32) -> Access<CompanySignInView>
            = company_sign_in_at(session, account);
        fn set_company_provider(&self, session: &Session, form: ValidCompanyProvider) -> ActionOutcome
            = set_company_provider_at(session, form) at now;
        fn switch_company_provider(&self, session: &Session, account: i32, enabled: bool) -> ActionOutcome
            = switch_company_provider_by_admin_at(session, account, enabled) at now;
        fn remove_company_provider(&self, session: &Session, account: i32) -> ActionOutcome
            = remove_company_provider_by_admin_at(session, account) at now;
    }
}
