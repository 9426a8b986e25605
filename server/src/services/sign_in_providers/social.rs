//! The consumers' social providers (`/admin/sign-in-providers`): added with their issuer
//! checked by discovery (a preset fills Google's or Microsoft's), listed, removed. They
//! are on once added: unlike a company's, nobody is routed to one by their address.
use app::forms::sign_in_providers::ValidSocialProvider;
use app::forms::{ErrorKind, Field, FieldErrors};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use super::issuer::discover;
use crate::db::entities::{external_identity, identity_provider, identity_provider_domain};
use crate::services::support::audit::{detail_message, Audit, AuditAction};
use crate::services::support::identity_providers::ProviderKind;
use crate::services::{Portico, ServiceError};

fn no_such_provider() -> FieldErrors {
    FieldErrors::one_of_kind(
        Field::Form,
        "sign-in-providers-no-such-provider",
        ErrorKind::NotFound,
    )
}

fn audit_detail(name: &str, issuer: &str) -> Option<String> {
    Some(detail_message(
        "audit-detail-sign-in-provider",
        &[("name", name.to_owned()), ("issuer", issuer.to_owned())],
    ))
}

/// Deletes a provider with its domains and the identities linked through it (the
/// database's cascades say the same; written out so that no row outlives it either way).
pub(super) async fn delete_provider<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), DbErr> {
    external_identity::Entity::delete_many()
        .filter(external_identity::Column::ProviderId.eq(id))
        .exec(db)
        .await?;
    identity_provider_domain::Entity::delete_many()
        .filter(identity_provider_domain::Column::ProviderId.eq(id))
        .exec(db)
        .await?;
    identity_provider::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

impl Portico {
    /// The social providers, in the order they were added.
    pub async fn social_provider_rows(&self) -> Result<Vec<identity_provider::Model>, DbErr> {
        identity_provider::Entity::find()
            .filter(identity_provider::Column::Kind.eq(ProviderKind::Social.as_str()))
            .order_by_asc(identity_provider::Column::Id)
            .all(&self.db)
            .await
    }

    /// Adds a social provider after reading its discovery document; its id.
    pub async fn add_social_provider_at(
        &self,
        actor: Option<i32>,
        form: ValidSocialProvider,
        now: DateTime<Utc>,
    ) -> Result<Result<i32, FieldErrors>, ServiceError> {
        let found = match discover(&self.outbound, &form.issuer).await {
            Ok(found) => found,
            Err(message) => return Ok(Err(FieldErrors::one(Field::Issuer, message))),
        };
        let txn = crate::db::begin_write(&self.db).await?;
        let id = identity_provider::ActiveModel {
            kind: Set(ProviderKind::Social.as_str().to_owned()),
            account_id: Set(None),
            name: Set(form.name.clone()),
            preset: Set(form.preset.map(str::to_owned)),
            issuer: Set(form.issuer.clone()),
            client_id: Set(form.client_id.clone()),
            client_secret_sealed: Set(self.seal_client_secret(&form.client_secret)),
            discovered: Set(serde_json::to_string(&found).ok()),
            enabled: Set(true),
            required: Set(false),
            tried_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?
        .id;
        Audit {
            actor,
            detail: audit_detail(&form.name, &form.issuer),
            ..Audit::default()
        }
        .record(&txn, AuditAction::SocialProviderAdded, now)
        .await?;
        txn.commit().await?;
        Ok(Ok(id))
    }

    /// Removes a social provider and the consumers' links to it; its name.
    pub async fn remove_social_provider_at(
        &self,
        actor: Option<i32>,
        id: i32,
        now: DateTime<Utc>,
    ) -> Result<Result<String, FieldErrors>, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let provider = identity_provider::Entity::find_by_id(id)
            .filter(identity_provider::Column::Kind.eq(ProviderKind::Social.as_str()))
            .one(&txn)
            .await?;
        let Some(provider) = provider else {
            return Ok(Err(no_such_provider()));
        };
        delete_provider(&txn, id).await?;
        Audit {
            actor,
            detail: audit_detail(&provider.name, &provider.issuer),
            ..Audit::default()
        }
        .record(&txn, AuditAction::SocialProviderRemoved, now)
        .await?;
        txn.commit().await?;
        Ok(Ok(provider.name))
    }
}
