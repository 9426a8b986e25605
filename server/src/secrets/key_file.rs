//! The key file: read at every start, made at the first (mode 0600, never overwritten).
//! A missing file is made only while the database holds nothing sealed: once it does, a
//! new key would open none of it, and the operator must restore the file instead.
use std::io::Write;
use std::path::{Path, PathBuf};

use ring::rand::{SecureRandom, SystemRandom};

use super::key_source::{decode_key, encode_key, KeySource, KEY_SETTING};
use super::SecretBox;

#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error(
        "the secrets key file {} (PORTICO_SECRETS_KEY_FILE) does not hold a key: {reason}; \
         it must hold the base64 of 32 bytes (restore it from the backup made with the \
         database)",
        path.display()
    )]
    Malformed { path: PathBuf, reason: &'static str },
    #[error("the secrets key file {} (PORTICO_SECRETS_KEY_FILE) cannot be read: {error}", path.display())]
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("the secrets key file {} (PORTICO_SECRETS_KEY_FILE) cannot be made: {error}", path.display())]
    Uncreatable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(
        "the secrets key file {} (PORTICO_SECRETS_KEY_FILE) is missing, but the database \
         holds secrets sealed with a key: restore the file from the backup made with the \
         database, or set PORTICO_SECRETS_KEY to the key (a new key would open none of them)",
        path.display()
    )]
    Missing { path: PathBuf },
}

/// The box for the key `source` names. A missing key file is made when `may_create`.
pub fn load_or_create(source: &KeySource, may_create: bool) -> Result<SecretBox, KeyFileError> {
    let path = match source {
        KeySource::Setting(key) => return Ok(SecretBox::new(*key, KEY_SETTING)),
        KeySource::File(path) => path,
    };
    let key = match read_key(path) {
        Err(KeyFileError::Unreadable { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            if !may_create {
                return Err(KeyFileError::Missing { path: path.clone() });
            }
            create_key(path)?
        }
        other => other?,
    };
    Ok(SecretBox::new(key, &source.describe()))
}

fn read_key(path: &Path) -> Result<[u8; 32], KeyFileError> {
    let text = std::fs::read_to_string(path).map_err(|error| KeyFileError::Unreadable {
        path: path.to_owned(),
        error,
    })?;
    warn_if_others_may_read(path);
    decode_key(&text).map_err(|reason| KeyFileError::Malformed {
        path: path.to_owned(),
        reason,
    })
}

/// A new random key in a new file at `path`, or the key of a file another instance
/// made meanwhile (then that one is used: the file is never overwritten).
fn create_key(path: &Path) -> Result<[u8; 32], KeyFileError> {
    let uncreatable = |error| KeyFileError::Uncreatable {
        path: path.to_owned(),
        error,
    };
    let mut key = [0u8; 32];
    SystemRandom::new()
        .fill(&mut key)
        .map_err(|_| uncreatable(std::io::Error::other("no random source")))?;
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(uncreatable)?;
    }
    match place_new_file(path, encode_key(&key).as_bytes()) {
        Ok(()) => {
            tracing::warn!(
                "made a new secrets key in {}: back it up with the database (without it, \
                 the secrets stored in the database cannot be opened)",
                path.display()
            );
            Ok(key)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => read_key(path),
        Err(error) => Err(uncreatable(error)),
    }
}

/// Writes `contents` to a new file at `path`, whole or not at all: written to a
/// temporary file beside it first and then linked into place, which fails if `path`
/// exists. So an instance starting at the same moment never reads a half-written key.
/// Where the file system has no hard links, the file is made in place (mode 0600 too).
fn place_new_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut nonce = [0u8; 8];
    // Only a name for the temporary file: any bytes do if the random source fails.
    let _ = SystemRandom::new().fill(&mut nonce);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", hex::encode(nonce)));
    write_private(&temporary, contents)?;
    let linked = std::fs::hard_link(&temporary, path);
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => {
            write_private(path, contents)
        }
        done => done,
    }
}

/// A new file (never an existing one) that only its owner may read.
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// The key file is the one secret outside the database: say so when others may read it.
fn warn_if_others_may_read(path: &Path) {
    #[cfg(unix)]
    if let Ok(metadata) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            tracing::warn!(
                "the secrets key file {} may be read by other users (mode {mode:o}): \
                 `chmod 600` it",
                path.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::Purpose;

    #[test]
    fn a_missing_key_file_is_made_once_and_then_read() {
        let dir = tempfile::tempdir().unwrap();
        let source = KeySource::File(dir.path().join("keys").join("secrets.key"));
        let first = load_or_create(&source, true).unwrap();
        let sealed = first.seal(Purpose::WebhookSecret, "kept");
        let again = load_or_create(&source, false).unwrap();
        assert_eq!(again.open(Purpose::WebhookSecret, &sealed).unwrap(), "kept");
        let leftovers = std::fs::read_dir(dir.path().join("keys")).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_key_file_is_not_made_when_sealed_values_need_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.key");
        let error = load_or_create(&KeySource::File(path.clone()), false).unwrap_err();
        assert!(matches!(error, KeyFileError::Missing { .. }));
        assert!(error.to_string().contains("PORTICO_SECRETS_KEY_FILE"));
        assert!(!path.exists());
    }

    #[test]
    fn a_malformed_key_file_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.key");
        std::fs::write(&path, "not a key\n").unwrap();
        let error = load_or_create(&KeySource::File(path.clone()), true).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("PORTICO_SECRETS_KEY_FILE"), "{message}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not a key\n");
    }
}
