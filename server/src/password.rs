//! Password hashing with argon2id at the crate's defaults (m = 19456 KiB, t = 2, p = 1).
//! Each hash holds 19 MiB and a core for tens of milliseconds, so hashes run off the async
//! runtime, at most `parallelism` at a time; the rest wait their turn in a queue. A flood
//! of sign-ups then neither exhausts memory nor starves page loads.
use std::sync::Arc;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed: {0}")]
    Argon2(String),
    #[error("password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when an email address is unknown so
    /// that a log-in takes as long whether or not the account exists.
    decoy: Arc<str>,
}

impl PasswordHasher {
    pub fn new(parallelism: usize) -> Result<Self, HashError> {
        let decoy = hash_now("a password nobody has: decoy for unknown accounts")?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(parallelism.max(1))),
            decoy: decoy.into(),
        })
    }

    /// One hash at a time per core.
    pub fn per_core() -> Result<Self, HashError> {
        Self::new(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || hash_now(&password)).await?
    }

    /// Whether the password matches the stored hash. A malformed hash matches nothing.
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, HashError> {
        self.run(move || verify_now(&password, &stored)).await
    }

    /// Spends the same work as [`verify`](Self::verify), for an unknown account.
    pub async fn verify_decoy(&self, password: String) -> Result<bool, HashError> {
        let decoy = self.decoy.to_string();
        self.verify(password, decoy).await.map(|_| false)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        // The semaphore is never closed, so acquiring fails only if it were.
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError::Argon2(e.to_string()))?;
        Ok(tokio::task::spawn_blocking(work).await?)
    }
}

fn hash_now(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError::Argon2(e.to_string()))
}

fn verify_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = PasswordHasher::new(1).unwrap();
        let hash = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher
            .verify("correct horse battery".into(), hash.clone())
            .await
            .unwrap());
        assert!(!hasher
            .verify("correct horse batterY".into(), hash)
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn a_malformed_stored_hash_matches_nothing() {
        let hasher = PasswordHasher::new(1).unwrap();
        assert!(!hasher
            .verify("x".into(), "not a hash".into())
            .await
            .unwrap());
        assert!(!hasher.verify_decoy("anything".into()).await.unwrap());
    }
}
