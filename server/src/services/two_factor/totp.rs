//! An authenticator app as a second factor: setting it up (a secret, kept in the session
//! until a code from the app confirms it) and turning it off. Its codes at log-in are
//! checked in `session::second_step::codes`; the cryptography is `crate::factors::totp`.
use app::api::{Access, ActionOutcome, Client, Confirmation, TotpSetupView};
use app::forms::{ErrorKind, Field, Message};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use super::new_factor::{Added, Setter};
use super::rejected;
use crate::db::entities::user;
use crate::db::hold_row;
use crate::factors::totp;
use crate::services::session::caller::settle;
use crate::services::session::keys;
use crate::services::session::second_step::LAST_REQUIRED_FACTOR;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::stored_factors::{delete_recovery_codes, turn_off_app};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Setting up an authenticator app: a secret, kept in the session until a code from
    /// the app confirms it.
    pub async fn totp_setup_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<TotpSetupView>, ServiceError> {
        settle(async {
            let setter = self.setter(session, now).await?;
            let secret = match keys::TOTP_SETUP.get(session).await? {
                Some(secret) => secret,
                None => {
                    let secret = totp::new_secret();
                    keys::TOTP_SETUP.put(session, &secret).await?;
                    secret
                }
            };
            let qr_svg = totp::setup_url(&secret, &setter.person().email)
                .and_then(|url| totp::qr_svg(&url))
                .unwrap_or_default();
            Ok(Access::Granted(TotpSetupView {
                secret: grouped(&secret),
                qr_svg,
                finishing_log_in: matches!(setter, Setter::SettingUp { .. }),
                passkeys_here: self.passkeys.is_some(),
            }))
        })
        .await
    }

    /// A code from the new app confirms it: it is on from now on. The first second factor
    /// comes with recovery codes; someone required to set one up is logged in.
    pub async fn confirm_totp_at(
        &self,
        session: &Session,
        client: &Client,
        code: String,
        now: DateTime<Utc>,
    ) -> Result<Confirmation, ServiceError> {
        settle(async {
            let setter = self.setter(session, now).await?;
            let Some(secret) = keys::TOTP_SETUP.get(session).await? else {
                return Ok(rejected(
                    Field::Code,
                    "service-two-factor-setup-outdated",
                    ErrorKind::Conflict,
                ));
            };
            let Some(step) = totp::accepted_step(&secret, &code, now.timestamp() as u64, None)
            else {
                return Ok(rejected(
                    Field::Code,
                    "service-two-factor-setup-wrong-code",
                    ErrorKind::Invalid,
                ));
            };
            let new = self.begin_new_factor(setter.person()).await?;
            user::Entity::update_many()
                .col_expr(user::Column::TotpSecret, Expr::value(secret))
                .col_expr(user::Column::TotpEnabledAt, Expr::value(now))
                .col_expr(user::Column::TotpLastStep, Expr::value(step))
                .filter(user::Column::Id.eq(setter.person().id))
                .exec(&new.txn)
                .await?;
            let added = Added {
                notice: Message::from("email-security-app-added"),
                action: AuditAction::AuthenticatorAdded,
                detail: None,
            };
            let to = self
                .after_factor_added(session, &setter, new, added, client, now)
                .await?;
            keys::TOTP_SETUP.take(session).await?;
            Ok(Confirmation::Confirmed { to })
        })
        .await
    }

    /// Turns the authenticator app off, given a current code from it or the password.
    pub async fn turn_off_totp_at(
        &self,
        session: &Session,
        confirm: String,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            if let Err(errors) = self.password_or_app_code(&person, confirm, now).await? {
                return Ok(ActionOutcome::Rejected { errors });
            }
            let txn = crate::db::begin_write(&self.db).await?;
            hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
            let factors = self.factors_of(&txn, person.id).await?;
            if !factors.app {
                return Ok(ActionOutcome::done(app::i18n::t(
                    "service-two-factor-app-off",
                )));
            }
            if factors.passkeys == 0 && self.must_have_second_factor(&person).await? {
                txn.rollback().await?;
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    LAST_REQUIRED_FACTOR,
                    ErrorKind::Conflict,
                ));
            }
            turn_off_app(&txn, person.id).await?;
            if factors.passkeys == 0 {
                delete_recovery_codes(&txn, person.id).await?;
            }
            self.tell(
                &txn,
                &person,
                Message::from("email-security-app-removed"),
                now,
            )
            .await?;
            Audit::by_self(person.id)
                .record(&txn, AuditAction::AuthenticatorRemoved, now)
                .await?;
            txn.commit().await?;
            self.outbox.wake();
            Ok(ActionOutcome::done(app::i18n::t(
                "service-two-factor-app-off",
            )))
        })
        .await
    }
}

/// A secret in groups of four, for typing into an app.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
