//! `/admin/apps` and `server apps create`: registering an app, changing it, a new secret
//! (shown once; only its SHA-256 is kept), and removing it with everything it was given.
use app::api::{Access, ActionOutcome, AppIssueOutcome, AppView, IssuedCredentials};
use app::forms::apps::ValidApp;
use app::forms::{ErrorKind, Field, FieldErrors};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use tower_sessions::Session;

use super::validate::check_addresses;
use crate::db::entities::{
    oidc_access_token, oidc_client, oidc_code, oidc_consent, oidc_grant,
    oidc_pending_authorization, oidc_refresh_token,
};
use crate::services::session::caller::{settle, Refusal, Refused};
use crate::services::support::app_clients::{self, AppClient, AppPortal, NewApp, Registered};
use crate::services::support::audit::{detail_message, Audit, AuditAction};
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};
use crate::tokens::Token;

impl Refused for AppIssueOutcome {
    fn refused(refusal: Refusal) -> Self {
        AppIssueOutcome::Rejected {
            errors: FieldErrors::one_of_kind(Field::Form, refusal.message(), ErrorKind::Forbidden),
        }
    }
}

fn view(app: AppClient) -> AppView {
    AppView {
        public: app.is_public(),
        client_id: app.client_id,
        name: app.name,
        description: app.description.unwrap_or_default(),
        redirect_uris: app.redirect_uris,
        post_logout_redirect_uris: app.post_logout_redirect_uris,
        backchannel_logout_uri: app.backchannel_logout_uri.unwrap_or_default(),
        initiate_login_uri: app.initiate_login_uri.unwrap_or_default(),
        portal: app.portal.as_str().to_owned(),
        first_party: app.first_party,
        created: date(app.created_at),
    }
}

fn not_found() -> FieldErrors {
    FieldErrors::one_of_kind(Field::Form, "service-apps-no-such-app", ErrorKind::NotFound)
}

fn audit_detail(name: &str, client_id: &str) -> Option<String> {
    Some(detail_message(
        "audit-detail-app",
        &[
            ("name", name.to_owned()),
            ("client_id", client_id.to_owned()),
        ],
    ))
}

impl Portico {
    pub async fn apps_list_at(
        &self,
        session: &Session,
    ) -> Result<Access<Vec<AppView>>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            let mut apps = app_clients::all(&self.db).await?;
            apps.sort_by_key(|a| a.name.to_lowercase());
            Ok(Access::Granted(apps.into_iter().map(view).collect()))
        })
        .await
    }

    pub async fn app_details_at(
        &self,
        session: &Session,
        client_id: String,
    ) -> Result<Access<Option<AppView>>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            Ok(Access::Granted(
                app_clients::find(&self.db, &client_id).await?.map(view),
            ))
        })
        .await
    }

    pub async fn create_app_at(
        &self,
        session: &Session,
        form: ValidApp,
        now: DateTime<Utc>,
    ) -> Result<AppIssueOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            // An app receives people's details from now on: it needs a fresh proof.
            self.fresh_proof(session, now).await?;
            Ok(
                match self.register_app_at(Some(admin.id), form, now).await? {
                    Ok(registered) => AppIssueOutcome::Issued(IssuedCredentials {
                        client_id: registered.client_id,
                        client_secret: registered.client_secret,
                    }),
                    Err(errors) => AppIssueOutcome::Rejected { errors },
                },
            )
        })
        .await
    }

    /// Registers an app after checking its addresses, in one transaction with its audit
    /// entry. `actor` is the administrator, or none for the command line.
    pub async fn register_app_at(
        &self,
        actor: Option<i32>,
        form: ValidApp,
        now: DateTime<Utc>,
    ) -> Result<Result<Registered, FieldErrors>, ServiceError> {
        if let Err(errors) = check_addresses(&form, &self.outbound).await {
            return Ok(Err(errors));
        }
        let name = form.name.clone();
        let txn = crate::db::begin_write(&self.db).await?;
        let registered = app_clients::register(&txn, new_app(form), now).await?;
        Audit {
            actor,
            detail: audit_detail(&name, &registered.client_id),
            ..Audit::default()
        }
        .record(&txn, AuditAction::AppRegistered, now)
        .await?;
        txn.commit().await?;
        Ok(Ok(registered))
    }

    pub async fn update_app_at(
        &self,
        session: &Session,
        form: ValidApp,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            // A changed redirect URI sends people's codes elsewhere.
            self.fresh_proof(session, now).await?;
            if let Err(errors) = check_addresses(&form, &self.outbound).await {
                return Ok(ActionOutcome::Rejected { errors });
            }
            let txn = crate::db::begin_write(&self.db).await?;
            let json =
                |list: &Vec<String>| serde_json::to_string(list).unwrap_or_else(|_| "[]".into());
            let changed = oidc_client::Entity::update_many()
                .col_expr(oidc_client::Column::Name, Expr::value(form.name.clone()))
                .col_expr(
                    oidc_client::Column::Description,
                    Expr::value(form.description.clone()),
                )
                .col_expr(
                    oidc_client::Column::RedirectUris,
                    Expr::value(json(&form.redirect_uris)),
                )
                .col_expr(
                    oidc_client::Column::PostLogoutRedirectUris,
                    Expr::value(json(&form.post_logout_redirect_uris)),
                )
                .col_expr(
                    oidc_client::Column::BackchannelLogoutUri,
                    Expr::value(form.backchannel_logout_uri.clone()),
                )
                .col_expr(
                    oidc_client::Column::InitiateLoginUri,
                    Expr::value(form.initiate_login_uri.clone()),
                )
                .col_expr(oidc_client::Column::Portal, Expr::value(form.portal))
                .col_expr(
                    oidc_client::Column::FirstParty,
                    Expr::value(form.first_party),
                )
                .filter(oidc_client::Column::ClientId.eq(form.client_id.clone()))
                .exec(&txn)
                .await?;
            if changed.rows_affected == 0 {
                return Ok(ActionOutcome::Rejected {
                    errors: not_found(),
                });
            }
            Audit {
                actor: Some(admin.id),
                detail: audit_detail(&form.name, &form.client_id),
                ..Audit::default()
            }
            .record(&txn, AuditAction::AppChanged, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-apps-changed",
                &[("name", form.name)],
            )))
        })
        .await
    }

    /// A new secret for a confidential app: the old one stops working at once.
    pub async fn regenerate_app_secret_at(
        &self,
        session: &Session,
        client_id: String,
        now: DateTime<Utc>,
    ) -> Result<AppIssueOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            self.fresh_proof(session, now).await?;
            let Some(app) = app_clients::find(&self.db, &client_id).await? else {
                return Ok(AppIssueOutcome::Rejected {
                    errors: not_found(),
                });
            };
            if app.is_public() {
                return Ok(AppIssueOutcome::Rejected {
                    errors: FieldErrors::one_of_kind(
                        Field::Form,
                        "service-apps-public-has-no-secret",
                        ErrorKind::Conflict,
                    ),
                });
            }
            let secret = Token::generate();
            let txn = crate::db::begin_write(&self.db).await?;
            // Only while it still has a secret: a row changed meanwhile is not made public.
            let changed = oidc_client::Entity::update_many()
                .col_expr(oidc_client::Column::SecretHash, Expr::value(secret.hash()))
                .col_expr(oidc_client::Column::SecretRotatedAt, Expr::value(now))
                .filter(oidc_client::Column::ClientId.eq(client_id.clone()))
                .filter(oidc_client::Column::SecretHash.is_not_null())
                .exec(&txn)
                .await?;
            if changed.rows_affected == 0 {
                return Ok(AppIssueOutcome::Rejected {
                    errors: not_found(),
                });
            }
            Audit {
                actor: Some(admin.id),
                detail: audit_detail(&app.name, &client_id),
                ..Audit::default()
            }
            .record(&txn, AuditAction::AppSecretRegenerated, now)
            .await?;
            txn.commit().await?;
            Ok(AppIssueOutcome::Issued(IssuedCredentials {
                client_id,
                client_secret: Some(secret.as_str().to_owned()),
            }))
        })
        .await
    }

    /// Removes an app and everything it was given: grants, codes, tokens, consents.
    pub async fn delete_app_at(
        &self,
        session: &Session,
        client_id: String,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let Some(app) = app_clients::find(&self.db, &client_id).await? else {
                return Ok(ActionOutcome::Rejected {
                    errors: not_found(),
                });
            };
            let txn = crate::db::begin_write(&self.db).await?;
            let removed = oidc_client::Entity::delete_by_id(client_id.clone())
                .exec(&txn)
                .await?;
            if removed.rows_affected == 0 {
                return Ok(ActionOutcome::Rejected {
                    errors: not_found(),
                });
            }
            forget_everything_given_to(&txn, &client_id).await?;
            Audit {
                actor: Some(admin.id),
                detail: audit_detail(&app.name, &client_id),
                ..Audit::default()
            }
            .record(&txn, AuditAction::AppRemoved, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-apps-removed",
                &[("name", app.name)],
            )))
        })
        .await
    }
}

fn new_app(form: ValidApp) -> NewApp {
    NewApp {
        name: form.name,
        description: form.description,
        redirect_uris: form.redirect_uris,
        post_logout_redirect_uris: form.post_logout_redirect_uris,
        backchannel_logout_uri: form.backchannel_logout_uri,
        initiate_login_uri: form.initiate_login_uri,
        portal: AppPortal::parse(form.portal).unwrap_or(AppPortal::Both),
        public: form.public,
        first_party: form.first_party,
    }
}

/// Deletes a removed app's grants and all that hangs off them.
async fn forget_everything_given_to<C: ConnectionTrait>(
    db: &C,
    client_id: &str,
) -> Result<(), DbErr> {
    let grants_of_app = Query::select()
        .column(oidc_grant::Column::Id)
        .from(oidc_grant::Entity)
        .and_where(oidc_grant::Column::ClientId.eq(client_id))
        .to_owned();
    oidc_refresh_token::Entity::delete_many()
        .filter(oidc_refresh_token::Column::GrantId.in_subquery(grants_of_app))
        .exec(db)
        .await?;
    oidc_access_token::Entity::delete_many()
        .filter(oidc_access_token::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    oidc_code::Entity::delete_many()
        .filter(oidc_code::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    oidc_pending_authorization::Entity::delete_many()
        .filter(oidc_pending_authorization::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    oidc_consent::Entity::delete_many()
        .filter(oidc_consent::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    oidc_grant::Entity::delete_many()
        .filter(oidc_grant::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    Ok(())
}
