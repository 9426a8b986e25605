//! Second factors for a person: the step after a right password (no session exists until
//! it is done), an authenticator app, recovery codes, and the rules that require a
//! second factor (a company's, and the server's for its administrators). Passkeys are in
//! `passkey_ceremonies`; the cryptography is in `crate::factors`.
use app::api::{
    Access, ActionOutcome, Client, Confirmation, LogInOutcome, PendingLogIn, RecoveryCodesView,
    SecurityView, TotpSetupView,
};
use app::forms::two_factor::SecondFactorCode;
use app::forms::{ErrorKind, Field, FieldErrors, Message};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::db::entities::{account, passkey, recovery_code};
use crate::db::hold_row;
use crate::factors::{recovery_codes, totp};
use crate::limits::{self, wait_in_words};
use crate::mail::templates;
use crate::mail::{language_of, outbox};
use crate::services::session::caller::is_administrator;
use crate::services::session::keys;
use crate::services::session::pending::Pending;
use crate::services::session::reauthentication::CONFIRM_FIRST;
use crate::services::session::second_step_lock::LOCKED;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};

/// How long the step after a right password may take.
pub const PENDING_LIFETIME: Duration = Duration::minutes(10);

/// The keys of messages several steps give.
pub const WRONG_CODE: &str = "service-two-factor-wrong-code";
pub const LOG_IN_AGAIN: &str = "service-two-factor-log-in-again";
pub const LAST_REQUIRED_FACTOR: &str = "service-two-factor-last-required";

/// A person's second factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Factors {
    pub app: bool,
    pub passkeys: u64,
    pub recovery_codes_left: u64,
}

impl Factors {
    pub fn any(self) -> bool {
        self.app || self.passkeys > 0
    }
}

/// Who may set up a second factor now.
pub(crate) enum Setter {
    /// Logged in (and proved who they are lately, if `recent`).
    Person {
        user: user::Model,
        recent: bool,
    },
    /// Part-way through logging in, required to set one up first.
    SettingUp {
        user: user::Model,
        pending: Pending,
    },
    Nobody,
}

impl Setter {
    /// The person, if they may change their factors now.
    pub(crate) fn allowed(&self) -> Option<&user::Model> {
        match self {
            Setter::Person { user, recent: true } | Setter::SettingUp { user, .. } => Some(user),
            _ => None,
        }
    }
}

impl Portico {
    pub async fn factors_of<C: ConnectionTrait>(
        &self,
        db: &C,
        user_id: i32,
    ) -> Result<Factors, DbErr> {
        let app = user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .is_some_and(|u| u.totp_secret.is_some());
        let passkeys = passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(user_id))
            .count(db)
            .await?;
        let recovery_codes_left = recovery_code::Entity::find()
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::UsedAt.is_null())
            .count(db)
            .await?;
        Ok(Factors {
            app,
            passkeys,
            recovery_codes_left,
        })
    }

    /// Whether the person may log in only with a second factor: their company requires
    /// one, or they are one of ours and the server requires one of its administrators.
    pub async fn must_have_second_factor(&self, person: &user::Model) -> Result<bool, DbErr> {
        if is_administrator(person) {
            return Ok(self.administrators_need_two_factors);
        }
        if person.kind != UserKind::Contact {
            return Ok(false);
        }
        let Some(account_id) = person.account_id else {
            return Ok(false);
        };
        Ok(account::Entity::find_by_id(account_id)
            .one(&self.db)
            .await?
            .is_some_and(|a| a.require_two_factor))
    }

    /// After a first factor (see `gate`): where the log-in goes on to if the person has
    /// (or must set up) a second factor; nothing is logged in until then.
    pub(crate) async fn second_step(
        &self,
        session: &Session,
        person: &user::Model,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, ServiceError> {
        let portal = person.kind.portal();
        let set_up = if self.factors_of(&self.db, person.id).await?.any() {
            false
        } else if self.must_have_second_factor(person).await? {
            true
        } else {
            return Ok(None);
        };
        // A new id, as at log-in: the waiting log-in is this browser's alone.
        session.cycle_id().await?;
        let pending = Pending {
            user_id: person.id,
            next,
            set_up,
            since: now.timestamp(),
            credential_version: person.credential_version,
        };
        keys::PENDING_LOG_IN.put(session, &pending).await?;
        let to = if set_up {
            "/security/app"
        } else {
            "/log-in/second-factor"
        };
        Ok(Some(portal.path(to)))
    }

    /// The log-in waiting for its second step, while it has not expired, its person may
    /// still log in and their credentials have not changed since it began.
    pub(crate) async fn pending(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<(Pending, user::Model)>, ServiceError> {
        let Some(pending) = keys::PENDING_LOG_IN.get(session).await? else {
            return Ok(None);
        };
        let fresh = DateTime::from_timestamp(pending.since, 0)
            .is_some_and(|since| now - since <= PENDING_LIFETIME);
        if !fresh {
            keys::PENDING_LOG_IN.take(session).await?;
            return Ok(None);
        }
        let person = user::Entity::find_by_id(pending.user_id)
            .one(&self.db)
            .await?
            .filter(|u| u.status == UserStatus::Active)
            .filter(|u| u.credential_version == pending.credential_version);
        if person.is_none() {
            keys::PENDING_LOG_IN.take(session).await?;
        }
        Ok(person.map(|person| (pending, person)))
    }

    pub async fn pending_second_factor_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingLogIn>, ServiceError> {
        let Some((pending, person)) = self.pending(session, now).await? else {
            return Ok(None);
        };
        if pending.set_up {
            return Ok(None);
        }
        let factors = self.factors_of(&self.db, person.id).await?;
        Ok(Some(PendingLogIn {
            app: factors.app,
            passkeys: factors.passkeys > 0 && self.passkeys.is_some(),
            recovery_codes: factors.recovery_codes_left > 0,
        }))
    }

    /// The code after the password: from the app, or a recovery code. Wrong ones count
    /// against the person's limit, as wrong passwords do.
    pub async fn second_factor_at(
        &self,
        session: &Session,
        client: &Client,
        code: SecondFactorCode,
        now: DateTime<Utc>,
    ) -> Result<LogInOutcome, ServiceError> {
        let Some((pending, person)) = self.pending(session, now).await? else {
            return Ok(log_in_again());
        };
        if pending.set_up {
            return Ok(log_in_again());
        }
        if person.second_factor_locked_at.is_some() {
            return Ok(LogInOutcome::Rejected {
                errors: FieldErrors::one(Field::Code, LOCKED),
            });
        }
        let key = person.id.to_string();
        let limit = &self.limits.second_factor;
        if let Err(wait) = limits::attempt(&self.db, limit, &key, now).await? {
            return Ok(LogInOutcome::Rejected {
                errors: too_many_codes(wait),
            });
        }
        let right = match &code {
            SecondFactorCode::App(code) => self.use_app_code(&person, code, now).await?,
            SecondFactorCode::Recovery(code) => self.use_recovery_code(&person, code, now).await?,
        };
        if !right {
            let locked = self.count_wrong_code(&person, now).await?;
            return Ok(LogInOutcome::Rejected {
                errors: FieldErrors::one(Field::Code, if locked { LOCKED } else { WRONG_CODE }),
            });
        }
        limits::refund(&self.db, limit, &key, now).await?;
        self.forget_wrong_codes(&person).await?;
        let to = self
            .finish_log_in(session, &person, pending.next, client, now)
            .await?;
        Ok(LogInOutcome::LoggedIn { to })
    }

    /// The second step is done: the person is logged in; where they go.
    pub(crate) async fn finish_log_in(
        &self,
        session: &Session,
        person: &user::Model,
        next: Option<String>,
        client: &Client,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        keys::PENDING_LOG_IN.take(session).await?;
        let to = self
            .admit_after_every_factor(session, person, client, next, now)
            .await?;
        tracing::info!(user = person.id, "logged in with a second factor");
        Ok(to)
    }

    /// An authenticator app's code, accepted once: the step it was accepted in is
    /// recorded with one conditional update, so that two requests with one code cannot
    /// both pass.
    async fn use_app_code(
        &self,
        person: &user::Model,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let Some(secret) = &person.totp_secret else {
            return Ok(false);
        };
        let Some(step) =
            totp::accepted_step(secret, code, now.timestamp() as u64, person.totp_last_step)
        else {
            return Ok(false);
        };
        let recorded = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(step))
            .filter(user::Column::Id.eq(person.id))
            .filter(
                sea_orm::Condition::any()
                    .add(user::Column::TotpLastStep.is_null())
                    .add(user::Column::TotpLastStep.lt(step)),
            )
            .exec(&self.db)
            .await?;
        Ok(recorded.rows_affected == 1)
    }

    /// A recovery code, used once (one conditional update); its owner is told by email.
    async fn use_recovery_code(
        &self,
        person: &user::Model,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let used = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
            .filter(recovery_code::Column::UserId.eq(person.id))
            .filter(recovery_code::Column::CodeHash.eq(recovery_codes::hash(person.id, code)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if used.rows_affected != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        let left = self.factors_of(&txn, person.id).await?.recovery_codes_left;
        self.tell(
            &txn,
            person,
            Message::key_with(
                "email-security-recovery-code-used",
                &[("left", left.to_string())],
            ),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::RecoveryCodeUsed, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(true)
    }

    /// Who may set up a second factor on this session now.
    pub(crate) async fn setter(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Setter, ServiceError> {
        if let Some(user) = self.session_person(session).await? {
            let recent = self.recently_authenticated(session, now).await?;
            return Ok(Setter::Person { user, recent });
        }
        Ok(match self.pending(session, now).await? {
            Some((pending, user)) if pending.set_up => Setter::SettingUp { user, pending },
            _ => Setter::Nobody,
        })
    }

    pub async fn security_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<SecurityView>, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(Access::LogInFirst);
        };
        let factors = self.factors_of(&self.db, person.id).await?;
        let passkeys = passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(person.id))
            .order_by_asc(passkey::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| app::api::PasskeyView {
                id: p.id,
                name: p.name,
                added: date(p.created_at),
                last_used: p.last_used_at.map(date),
            })
            .collect();
        Ok(Access::Granted(SecurityView {
            app_since: person.totp_enabled_at.map(date),
            passkeys,
            recovery_codes_left: factors.recovery_codes_left,
            required: self.must_have_second_factor(&person).await?,
            recently_authenticated: self.recently_authenticated(session, now).await?,
            passkeys_here: self.passkeys.is_some(),
        }))
    }

    /// Setting up an authenticator app: a secret, kept in the session until a code from
    /// the app confirms it.
    pub async fn totp_setup_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<TotpSetupView>, ServiceError> {
        let setter = self.setter(session, now).await?;
        let finishing_log_in = matches!(setter, Setter::SettingUp { .. });
        let Some(person) = setter.allowed() else {
            return Ok(match setter {
                Setter::Nobody => Access::LogInFirst,
                _ => Access::Denied,
            });
        };
        let secret = match keys::TOTP_SETUP.get(session).await? {
            Some(secret) => secret,
            None => {
                let secret = totp::new_secret();
                keys::TOTP_SETUP.put(session, &secret).await?;
                secret
            }
        };
        let qr_svg = totp::setup_url(&secret, &person.email)
            .and_then(|url| totp::qr_svg(&url))
            .unwrap_or_default();
        Ok(Access::Granted(TotpSetupView {
            secret: grouped(&secret),
            qr_svg,
            finishing_log_in,
            passkeys_here: self.passkeys.is_some(),
        }))
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
        let setter = self.setter(session, now).await?;
        let Some(person) = setter.allowed().cloned() else {
            return Ok(confirmation_refused(
                Field::Code,
                CONFIRM_FIRST,
                ErrorKind::Forbidden,
            ));
        };
        let Some(secret) = keys::TOTP_SETUP.get(session).await? else {
            return Ok(confirmation_refused(
                Field::Code,
                "service-two-factor-setup-outdated",
                ErrorKind::Conflict,
            ));
        };
        let Some(step) = totp::accepted_step(&secret, &code, now.timestamp() as u64, None) else {
            return Ok(confirmation_refused(
                Field::Code,
                "service-two-factor-setup-wrong-code",
                ErrorKind::Invalid,
            ));
        };
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let first = !self.factors_of(&txn, person.id).await?.any();
        user::Entity::update_many()
            .col_expr(user::Column::TotpSecret, Expr::value(secret))
            .col_expr(user::Column::TotpEnabledAt, Expr::value(now))
            .col_expr(user::Column::TotpLastStep, Expr::value(step))
            .filter(user::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        let codes = if first {
            Some(replace_recovery_codes(&txn, person.id, now).await?)
        } else {
            None
        };
        self.tell(
            &txn,
            &person,
            Message::from("email-security-app-added"),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::AuthenticatorAdded, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        keys::TOTP_SETUP.take(session).await?;
        let to = self
            .after_factor_added(session, &setter, &person, client, codes, now)
            .await?;
        Ok(Confirmation::Confirmed { to })
    }

    /// Where a person goes once a factor is added: their new recovery codes (if this was
    /// the first factor), then on; someone who had to set one up is logged in first.
    pub(crate) async fn after_factor_added(
        &self,
        session: &Session,
        setter: &Setter,
        person: &user::Model,
        client: &Client,
        codes: Option<Vec<String>>,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        let portal = person.kind.portal();
        let next = match setter {
            Setter::SettingUp { pending, .. } => {
                self.finish_log_in(session, person, pending.next.clone(), client, now)
                    .await?
            }
            _ => portal.path("/security"),
        };
        Ok(match codes {
            Some(codes) => {
                keys::FRESH_RECOVERY_CODES
                    .put(session, &(codes, next))
                    .await?;
                portal.path("/security/recovery-codes")
            }
            None => next,
        })
    }

    /// Turns the authenticator app off, given a current code from it or the password.
    pub async fn turn_off_totp_at(
        &self,
        session: &Session,
        confirm: String,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(log_in_first());
        };
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
    }

    /// Checks a person's password, or a current code from their authenticator app (six
    /// digits, when they have one): either proves who they are. Wrong ones count against
    /// the limits of wrong passwords and of wrong codes.
    pub(crate) async fn password_or_app_code(
        &self,
        person: &user::Model,
        input: String,
        now: DateTime<Utc>,
    ) -> Result<Result<(), FieldErrors>, ServiceError> {
        let code = match app::forms::rules::app_code(&input) {
            Ok(code) if person.totp_secret.is_some() => code,
            _ => return self.check_password_again(person, input, now).await,
        };
        let limit = &self.limits.second_factor;
        let key = person.id.to_string();
        if let Err(wait) = limits::attempt(&self.db, limit, &key, now).await? {
            return Ok(Err(too_many_codes_on(Field::CurrentPassword, wait)));
        }
        if !self.use_app_code(person, &code, now).await? {
            return Ok(Err(FieldErrors::one(Field::CurrentPassword, WRONG_CODE)));
        }
        limits::refund(&self.db, limit, &key, now).await?;
        Ok(Ok(()))
    }

    /// New recovery codes for old (the old ones stop working).
    pub async fn regenerate_recovery_codes_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Confirmation, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(confirmation_refused(
                Field::Form,
                "service-common-session-ended",
                ErrorKind::Forbidden,
            ));
        };
        if !self.recently_authenticated(session, now).await? {
            return Ok(confirmation_refused(
                Field::Form,
                CONFIRM_FIRST,
                ErrorKind::Forbidden,
            ));
        }
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        if !self.factors_of(&txn, person.id).await?.any() {
            txn.rollback().await?;
            return Ok(confirmation_refused(
                Field::Form,
                "service-two-factor-codes-need-factor",
                ErrorKind::Conflict,
            ));
        }
        let codes = replace_recovery_codes(&txn, person.id, now).await?;
        self.tell(
            &txn,
            &person,
            Message::from("email-security-new-recovery-codes"),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::RecoveryCodesRegenerated, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        let portal = person.kind.portal();
        keys::FRESH_RECOVERY_CODES
            .put(session, &(codes, portal.path("/security")))
            .await?;
        Ok(Confirmation::Confirmed {
            to: portal.path("/security/recovery-codes"),
        })
    }

    /// The recovery codes just made, taken from the session: they are shown once.
    pub async fn fresh_recovery_codes_at(
        &self,
        session: &Session,
    ) -> Result<Access<RecoveryCodesView>, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(Access::LogInFirst);
        };
        let (codes, next) = keys::FRESH_RECOVERY_CODES
            .take(session)
            .await?
            .unwrap_or_else(|| (Vec::new(), person.kind.portal().path("/security")));
        let left = self
            .factors_of(&self.db, person.id)
            .await?
            .recovery_codes_left;
        Ok(Access::Granted(RecoveryCodesView { codes, left, next }))
    }

    /// A customer administrator's rule that the company's contacts need a second factor.
    pub async fn set_company_two_factor_at(
        &self,
        session: &Session,
        require: bool,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let admin = match self.customer_admin(session).await?.granted::<()>() {
            Ok(admin) => admin,
            Err(_) => {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-two-factor-rule-forbidden",
                    ErrorKind::Forbidden,
                ))
            }
        };
        // Turning it off weakens every contact's log-in: it needs a fresh proof.
        if !require {
            if let Some(refusal) = self.confirm_first(session, now).await? {
                return Ok(refusal);
            }
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
            detail: Some(crate::services::support::audit::detail_message(
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
    }

    /// Tells a person, by email, what changed in how they log in (in `txn`).
    pub(crate) async fn tell<C: ConnectionTrait>(
        &self,
        txn: &C,
        person: &user::Model,
        what: Message,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let portal = person.kind.portal();
        let email = templates::security_notice(
            language_of(person),
            portal,
            &person.email,
            &person.first_name,
            what,
            self.link(portal, "/security"),
        );
        outbox::enqueue(txn, &email, now).await
    }
}

/// Forgets a person's authenticator app (in `txn`).
pub(crate) async fn turn_off_app<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::TotpSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            user::Column::TotpEnabledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::TotpLastStep, Expr::value(Option::<i64>::None))
        .filter(user::Column::Id.eq(user_id))
        .exec(txn)
        .await?;
    crate::services::session::logins::outdate_pending_log_ins(txn, user_id).await
}

/// A new set of recovery codes for a person (the old set deleted), stored hashed;
/// returned as they are shown.
pub(crate) async fn replace_recovery_codes<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DbErr> {
    delete_recovery_codes(txn, user_id).await?;
    let codes = recovery_codes::generate();
    for code in &codes {
        let normalized = app::forms::rules::recovery_code(code).unwrap_or_default();
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(recovery_codes::hash(user_id, &normalized)),
            created_at: Set(now),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(codes)
}

pub(crate) async fn delete_recovery_codes<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Where a person lands after logging in: administrators at `/admin`, others at their
/// portal's home.
pub(crate) fn home_of(person: &user::Model) -> String {
    if is_administrator(person) {
        "/admin".to_owned()
    } else {
        person.kind.portal().prefix().to_owned()
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

fn log_in_again() -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one_of_kind(Field::Form, LOG_IN_AGAIN, ErrorKind::Forbidden),
    }
}

fn log_in_first() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Form,
        "service-common-session-ended",
        ErrorKind::Forbidden,
    )
}

pub(crate) fn too_many_codes(wait: std::time::Duration) -> FieldErrors {
    too_many_codes_on(Field::Code, wait)
}

fn too_many_codes_on(field: Field, wait: std::time::Duration) -> FieldErrors {
    FieldErrors::one_of_kind(
        field,
        app::forms::Message::key_with(
            "service-two-factor-too-many",
            &[("wait", wait_in_words(wait))],
        ),
        ErrorKind::TooManyAttempts,
    )
}

fn confirmation_refused(field: Field, message: &'static str, kind: ErrorKind) -> Confirmation {
    Confirmation::Rejected {
        errors: FieldErrors::one_of_kind(field, message, kind),
    }
}
