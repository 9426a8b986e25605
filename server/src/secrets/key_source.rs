//! Where the secrets key comes from: the setting `PORTICO_SECRETS_KEY`, or a key file.
//! Read with the other settings (`Config`), so that a malformed key stops the server
//! before anything starts; the file itself is read (or made) by `key_file`.
use std::path::{Path, PathBuf};
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The setting that holds the key itself.
pub const KEY_SETTING: &str = "PORTICO_SECRETS_KEY";
/// The setting that names the key file.
pub const KEY_FILE_SETTING: &str = "PORTICO_SECRETS_KEY_FILE";
/// The key file's name beside a SQLite database.
pub const KEY_FILE_NAME: &str = "secrets.key";

/// The key, or the file it is in.
#[derive(Clone, PartialEq, Eq)]
pub enum KeySource {
    /// `PORTICO_SECRETS_KEY`, decoded.
    Setting([u8; 32]),
    /// The key file: `PORTICO_SECRETS_KEY_FILE`, else beside the database.
    File(PathBuf),
}

/// The key's bytes never show in logs or in `check-config`.
impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Setting(_) => f.write_str("Setting(..)"),
            KeySource::File(path) => f.debug_tuple("File").field(path).finish(),
        }
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeySourceError {
    #[error(
        "PORTICO_SECRETS_KEY must be the base64 of 32 random bytes, such as the output of \
         `openssl rand -base64 32` ({0})"
    )]
    Malformed(&'static str),
    #[error(
        "PORTICO_SECRETS_KEY and PORTICO_SECRETS_KEY_FILE are both set: set only one (the \
         key itself, or the file that holds it)"
    )]
    Both,
}

impl KeySource {
    /// The source the settings name; `database_url` places the default key file.
    pub fn from_settings(
        key: Option<&str>,
        file: Option<&str>,
        database_url: &str,
    ) -> Result<Self, KeySourceError> {
        match (key, file) {
            (Some(_), Some(_)) => Err(KeySourceError::Both),
            (Some(key), None) => Ok(KeySource::Setting(
                decode_key(key).map_err(KeySourceError::Malformed)?,
            )),
            (None, Some(file)) => Ok(KeySource::File(PathBuf::from(file.trim()))),
            (None, None) => Ok(KeySource::File(default_key_file(database_url))),
        }
    }

    /// Where the key came from, in words, for messages.
    pub fn describe(&self) -> String {
        match self {
            KeySource::Setting(_) => KEY_SETTING.to_owned(),
            KeySource::File(path) => {
                format!("the key file {} ({KEY_FILE_SETTING})", path.display())
            }
        }
    }
}

/// A key as the setting and the key file hold it: base64 (standard alphabet) of 32 bytes,
/// surrounding whitespace ignored.
pub fn decode_key(text: &str) -> Result<[u8; 32], &'static str> {
    let bytes = STANDARD
        .decode(text.trim())
        .map_err(|_| "it is not base64")?;
    bytes
        .try_into()
        .map_err(|_| "it does not decode to 32 bytes")
}

/// The key as the key file holds it.
pub fn encode_key(key: &[u8; 32]) -> String {
    format!("{}\n", STANDARD.encode(key))
}

/// `secrets.key` beside the SQLite database file; `data/secrets.key` (from the working
/// directory) for PostgreSQL or a database in memory, which have no file to stand beside.
pub fn default_key_file(database_url: &str) -> PathBuf {
    let fallback = Path::new("data").join(KEY_FILE_NAME);
    if !database_url.starts_with("sqlite:") {
        return fallback;
    }
    // The same reading of the URL as the database's own (`db::Database::connect`).
    let Ok(options) = sea_orm::sqlx::sqlite::SqliteConnectOptions::from_str(database_url) else {
        return fallback;
    };
    let file = options.get_filename();
    let in_memory = database_url.contains("mode=memory")
        || file.to_string_lossy().starts_with("file:sqlx-in-memory");
    if in_memory || file.as_os_str().is_empty() {
        return fallback;
    }
    file.with_file_name(KEY_FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "sqlite://data/portico.db?mode=rwc";

    #[test]
    fn the_key_file_stands_beside_the_sqlite_database() {
        for (url, file) in [
            (URL, "data/secrets.key"),
            (
                "sqlite:///var/lib/portico/portico.db?mode=rwc",
                "/var/lib/portico/secrets.key",
            ),
            ("sqlite://portico.db", "secrets.key"),
            ("sqlite:portico.db", "secrets.key"),
            ("postgres://portico@db/portico", "data/secrets.key"),
            ("sqlite::memory:", "data/secrets.key"),
        ] {
            assert_eq!(default_key_file(url), PathBuf::from(file), "{url}");
        }
    }

    #[test]
    fn the_setting_wins_and_must_be_32_bytes_of_base64() {
        let key = STANDARD.encode([9u8; 32]);
        assert_eq!(
            KeySource::from_settings(Some(&format!(" {key}\n")), None, URL),
            Ok(KeySource::Setting([9; 32]))
        );
        for bad in ["not base64!", &STANDARD.encode([9u8; 16]), ""] {
            let error = KeySource::from_settings(Some(bad), None, URL).unwrap_err();
            assert!(error.to_string().contains("PORTICO_SECRETS_KEY"), "{error}");
        }
        assert_eq!(
            KeySource::from_settings(Some(&key), Some("/k"), URL),
            Err(KeySourceError::Both)
        );
    }

    #[test]
    fn a_named_key_file_replaces_the_default() {
        assert_eq!(
            KeySource::from_settings(None, Some("/run/secrets/portico.key"), URL),
            Ok(KeySource::File("/run/secrets/portico.key".into()))
        );
        assert_eq!(
            KeySource::from_settings(None, None, URL),
            Ok(KeySource::File("data/secrets.key".into()))
        );
    }

    #[test]
    fn the_key_given_in_the_setting_never_shows() {
        let source = KeySource::Setting([0x41; 32]);
        assert!(!format!("{source:?}").contains("65"));
        assert_eq!(source.describe(), "PORTICO_SECRETS_KEY");
    }

    #[test]
    fn a_key_written_to_a_file_reads_back() {
        let key = [3u8; 32];
        assert_eq!(decode_key(&encode_key(&key)), Ok(key));
    }
}
