//! Where sealed document bytes live: a local folder (the default) or an S3-compatible
//! bucket. Both see only ciphertext; keys name objects, never people or file names.

mod local;
mod s3;
mod s3_listing;
pub mod settings;

use chrono::{DateTime, Utc};
use tokio::io::{AsyncRead, AsyncReadExt};

pub use local::LocalStore;
pub use s3::S3Store;
pub use settings::S3Settings;

/// A readable stored object.
pub type ObjectReader = Box<dyn AsyncRead + Send + Unpin>;

/// An object as a listing shows it: its key and when it was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub key: String,
    pub modified: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("no object has that key")]
    NotFound,
    #[error("the storage backend failed: {0}")]
    Backend(String),
}

impl From<std::io::Error> for StorageError {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::NotFound {
            Self::NotFound
        } else {
            Self::Backend(err.to_string())
        }
    }
}

#[derive(Clone)]
pub enum Storage {
    Local(LocalStore),
    S3(S3Store),
}

impl Storage {
    /// Writes the object `key` from `body` to its end; returns the bytes written. Nothing
    /// is visible under `key` unless the whole body was written.
    pub async fn put(
        &self,
        key: &str,
        body: &mut (dyn AsyncRead + Send + Unpin),
    ) -> Result<u64, StorageError> {
        match self {
            Self::Local(store) => store.put(key, body).await,
            Self::S3(store) => store.put(key, body).await,
        }
    }

    pub async fn get(&self, key: &str) -> Result<ObjectReader, StorageError> {
        match self {
            Self::Local(store) => store.get(key).await,
            Self::S3(store) => store.get(key).await,
        }
    }

    /// Removes every version of `key` (on S3 every version id and delete marker), so no
    /// copy is left to restore. Removing a missing key succeeds.
    pub async fn destroy(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Self::Local(store) => store.destroy(key).await,
            Self::S3(store) => store.destroy(key).await,
        }
    }

    /// Every object under `prefix` with its time, for the sweep that removes objects no row
    /// refers to. Sorted by key.
    pub async fn list(&self, prefix: &str) -> Result<Vec<Listed>, StorageError> {
        match self {
            Self::Local(store) => store.list(prefix).await,
            Self::S3(store) => store.list(prefix).await,
        }
    }

    /// Every key under `prefix`, sorted.
    pub async fn keys(&self, prefix: &str) -> Result<Vec<String>, StorageError> {
        Ok(self
            .list(prefix)
            .await?
            .into_iter()
            .map(|object| object.key)
            .collect())
    }

    /// Removes writes begun before `before` and never finished, which hold bytes no key
    /// shows: on S3 unfinished multipart uploads under `prefix`, locally the temporary files
    /// of a process that stopped mid-upload. Returns how many were removed.
    pub async fn clear_abandoned(
        &self,
        prefix: &str,
        before: DateTime<Utc>,
    ) -> Result<u64, StorageError> {
        match self {
            Self::Local(store) => store.clear_abandoned(before).await,
            Self::S3(store) => store.clear_abandoned(prefix, before).await,
        }
    }

    /// Whether the backend answers and accepts writes, for the status page.
    pub async fn check(&self) -> Result<&'static str, StorageError> {
        match self {
            Self::Local(store) => store.check().await.map(|()| "local folder, writable"),
            Self::S3(store) => store.check().await.map(|()| "S3 bucket, versioning on"),
        }
    }
}

/// Reads until `buffer` is full or `input` ends; returns how many bytes were read. Reads
/// from the network return whatever has arrived, so whole chunks and parts need this.
pub(crate) async fn fill(
    input: &mut (dyn AsyncRead + Send + Unpin),
    buffer: &mut [u8],
) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match input.read(&mut buffer[filled..]).await? {
            0 => break,
            read => filled += read,
        }
    }
    Ok(filled)
}

/// Keys are made by the application from ids; anything else is refused before it can
/// name a path outside the store.
pub(crate) fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && key
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::valid_key;

    #[test]
    fn only_application_made_keys_are_accepted() {
        assert!(valid_key(
            "documents/0193a0c2-7e0b-7c9a-8f00-1b2c3d4e5f60/v1"
        ));
        for bad in [
            "",
            "../etc/passwd",
            "a//b",
            "a/./b",
            "/abs",
            "a b",
            "a\0b",
            "x/",
        ] {
            assert!(!valid_key(bad), "{bad:?}");
        }
    }
}
