//! Registration in either portal: its checks (`registration_checks`: the Security Code,
//! the password, a business contact's code, a free address, the sign-up budget), then one
//! transaction that writes it all or nothing (`new_registration`). The unique index on
//! the normalized address decides between concurrent sign-ups with one address.
use std::net::IpAddr;

use app::api::RegisterOutcome;
use app::forms::registration::ValidRegistration;
use app::forms::FieldErrors;
use app::i18n::Lang;
use app::portal::Portal;
use chrono::{DateTime, Utc};

use crate::limits::client_key;
pub use crate::services::support::email_tokens::VERIFICATION_LIFETIME;
use crate::services::{Portico, ServiceError};

/// The key of the message for an address that has an account in this portal.
pub const EMAIL_TAKEN: &str = "service-registration-email-taken";

impl Portico {
    /// A registration in the default language (see [`Portico::register_in_at`]).
    pub async fn register_at(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
        now: DateTime<Utc>,
    ) -> Result<RegisterOutcome, ServiceError> {
        self.register_in_at(client, portal, form, Lang::DEFAULT, now)
            .await
    }

    /// A registration made in `language`, which the person's emails are written in: its
    /// checks (`registration_checks`), then one transaction (`new_registration`).
    pub async fn register_in_at(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<RegisterOutcome, ServiceError> {
        let client = client_key(client);
        // An account whose deletion fell due frees its address now.
        self.erase_if_due(form.email.normalized(), now).await?;
        let passed = match self
            .check_registration(&client, portal, &form, language, now)
            .await?
        {
            Ok(passed) => passed,
            Err(refused) => return Ok(refused),
        };
        self.write_registration(&client, portal, &form, passed, language, now)
            .await
    }

    /// Refused: nothing was written, and the form comes back with a new challenge.
    pub(super) fn rejected(
        &self,
        client: &str,
        errors: FieldErrors,
        now: DateTime<Utc>,
        language: Lang,
    ) -> RegisterOutcome {
        RegisterOutcome::Rejected {
            errors,
            captcha: self.challenge_for(client, now, language),
        }
    }

    /// A new Security Code challenge for `client`: harder while sign-ups surge (see
    /// `sign_up_surge`).
    pub fn challenge_for(
        &self,
        client: &str,
        now: DateTime<Utc>,
        lang: app::i18n::Lang,
    ) -> app::captcha::CaptchaChallenge {
        let factor = self.surge.factor(client, std::time::Instant::now());
        self.captcha.issue_harder(now, factor, lang)
    }
}
