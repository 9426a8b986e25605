//! The published keys as one instance sees them, and the cache that reloads them.
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, Utc};
use openidconnect::core::CoreJsonWebKeySet;
use sea_orm::DatabaseConnection;

use super::store::{self, StoreError, StoredKey};
use super::{Algorithm, Signer};
use crate::secrets::SecretBox;

/// How long an instance keeps the keys it read before reading them again: another
/// instance's rotation is seen within this (and `store::PUBLISH_LEAD` is longer).
pub const RELOAD_INTERVAL: Duration = Duration::seconds(60);

/// The published keys at one moment, and which of them signs for each algorithm.
pub struct KeyRing {
    keys: Vec<StoredKey>,
    /// Index into `keys` of the signing key of each algorithm (`Algorithm::ALL`'s order).
    current: [Option<usize>; 3],
    /// When a published key starts signing, if one is waiting: the ring is stale then.
    next_switch: Option<DateTime<Utc>>,
    loaded_at: DateTime<Utc>,
}

impl KeyRing {
    /// The keys in the database at `now`, opened with `secrets`; the first keys are made
    /// if there are none.
    pub async fn load(
        db: &DatabaseConnection,
        secrets: &SecretBox,
        now: DateTime<Utc>,
    ) -> Result<Self, StoreError> {
        let keys = store::published(db, secrets, now).await?;
        let complete = Algorithm::ALL.iter().all(|alg| {
            keys.iter()
                .any(|key| key.signer.algorithm() == *alg && key.retired_at.is_none())
        });
        if complete {
            return Ok(Self::of(keys, now));
        }
        store::make_missing(db, secrets, now).await?;
        Ok(Self::of(store::published(db, secrets, now).await?, now))
    }

    fn of(keys: Vec<StoredKey>, now: DateTime<Utc>) -> Self {
        let mut current = [None; 3];
        for (slot, alg) in current.iter_mut().zip(Algorithm::ALL) {
            // The one of this algorithm that started signing last.
            *slot = keys
                .iter()
                .enumerate()
                .filter(|(_, key)| key.signer.algorithm() == alg && key.signs_from <= now)
                .max_by_key(|(_, key)| key.signs_from)
                .map(|(index, _)| index);
        }
        let next_switch = keys
            .iter()
            .map(|key| key.signs_from)
            .filter(|from| *from > now)
            .min();
        KeyRing {
            keys,
            current,
            next_switch,
            loaded_at: now,
        }
    }

    /// The key that signs with `alg` (a JWS name: `RS256`, `ES256`, `EdDSA`), if any.
    pub fn signer(&self, alg: &str) -> Option<&Signer> {
        let alg = Algorithm::from_name(alg)?;
        let slot = Algorithm::ALL.iter().position(|a| *a == alg)?;
        Some(&self.keys[self.current[slot]?].signer)
    }

    /// A published key by its id: what a token of ours names in its header.
    pub fn by_kid(&self, kid: &str) -> Option<&Signer> {
        self.keys
            .iter()
            .map(|key| &key.signer)
            .find(|signer| signer.kid() == kid)
    }

    /// Every published key's public half, for `/oidc/jwks`.
    pub fn jwks(&self) -> CoreJsonWebKeySet {
        CoreJsonWebKeySet::new(self.keys.iter().map(|k| k.signer.jwk().clone()).collect())
    }

    /// Whether this ring still answers for `now`.
    fn fresh_at(&self, now: DateTime<Utc>) -> bool {
        now >= self.loaded_at
            && now - self.loaded_at < RELOAD_INTERVAL
            && self.next_switch.is_none_or(|switch| now < switch)
    }
}

/// One instance's keys, read from the database at most every [`RELOAD_INTERVAL`] (and
/// when a waiting key starts signing), so that signing costs no query.
pub struct KeyCache {
    /// Opens the stored private keys.
    secrets: SecretBox,
    held: RwLock<Option<Arc<KeyRing>>>,
    /// One reload at a time: requests arriving meanwhile wait for it instead of each
    /// reading (and on a first start, each generating keys).
    reloading: tokio::sync::Mutex<()>,
}

impl KeyCache {
    /// An empty cache whose keys are opened with `secrets`.
    pub fn new(secrets: SecretBox) -> Self {
        Self {
            secrets,
            held: RwLock::default(),
            reloading: tokio::sync::Mutex::default(),
        }
    }

    /// The keys as of `now`.
    pub async fn ring(
        &self,
        db: &DatabaseConnection,
        now: DateTime<Utc>,
    ) -> Result<Arc<KeyRing>, StoreError> {
        if let Some(ring) = self.fresh(now) {
            return Ok(ring);
        }
        let _reloading = self.reloading.lock().await;
        if let Some(ring) = self.fresh(now) {
            return Ok(ring);
        }
        let ring = Arc::new(KeyRing::load(db, &self.secrets, now).await?);
        // A poisoned lock only means a panic elsewhere while it was held; the value (an
        // `Arc` swapped whole) is never left half-written.
        *self.held.write().unwrap_or_else(|e| e.into_inner()) = Some(ring.clone());
        Ok(ring)
    }

    fn fresh(&self, now: DateTime<Utc>) -> Option<Arc<KeyRing>> {
        let held = self.held.read().unwrap_or_else(|e| e.into_inner());
        held.as_ref().filter(|ring| ring.fresh_at(now)).cloned()
    }
}
