//! Sealed objects as files under the data folder. A write goes to a temporary file first
//! and is renamed into place only when complete, so a cut-off upload leaves no object.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use tokio::{
    fs,
    io::{AsyncRead, AsyncWriteExt},
};

use super::{Listed, ObjectReader, StorageError, valid_key};

/// A file being written. Removed when dropped: after a failure, or when the upload is
/// abandoned mid-way (the client went away and its request was dropped). After the rename
/// there is nothing left at its path to remove.
struct Partial(PathBuf);

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[derive(Clone, Debug)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path(&self, key: &str) -> Result<PathBuf, StorageError> {
        if !valid_key(key) {
            return Err(StorageError::Backend("invalid object key".into()));
        }
        Ok(self.root.join("objects").join(key))
    }

    pub async fn put(
        &self,
        key: &str,
        body: &mut (dyn AsyncRead + Send + Unpin),
    ) -> Result<u64, StorageError> {
        let path = self.path(key)?;
        let partial = self.root.join("partial");
        fs::create_dir_all(&partial).await?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).await?;
        }
        let temporary = Partial(partial.join(uuid::Uuid::new_v4().to_string()));
        let mut file = fs::File::create(&temporary.0).await?;
        let written = tokio::io::copy(body, &mut file).await?;
        file.flush().await?;
        file.sync_all().await?;
        fs::rename(&temporary.0, &path).await?;
        Ok(written)
    }

    pub async fn get(&self, key: &str) -> Result<ObjectReader, StorageError> {
        Ok(Box::new(fs::File::open(self.path(key)?).await?))
    }

    pub async fn destroy(&self, key: &str) -> Result<(), StorageError> {
        match fs::remove_file(self.path(key)?).await {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
            _ => Ok(()),
        }
    }

    pub async fn list(&self, prefix: &str) -> Result<Vec<Listed>, StorageError> {
        let base = self.root.join("objects");
        let mut listed = Vec::new();
        let mut folders = vec![base.clone()];
        while let Some(folder) = folders.pop() {
            let mut entries = match fs::read_dir(&folder).await {
                Ok(entries) => entries,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                Err(err) => return Err(err.into()),
            };
            while let Some(entry) = entries.next_entry().await? {
                let path = entry.path();
                let metadata = entry.metadata().await?;
                if metadata.is_dir() {
                    folders.push(path);
                } else if let Ok(relative) = path.strip_prefix(&base) {
                    let key = relative.to_string_lossy().replace('\\', "/");
                    if key.starts_with(prefix) {
                        listed.push(Listed {
                            key,
                            modified: DateTime::<Utc>::from(metadata.modified()?),
                        });
                    }
                }
            }
        }
        listed.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(listed)
    }

    /// Temporary files last written before `before`: left by a process that stopped
    /// mid-upload, since a running upload removes its own when it fails.
    pub async fn clear_abandoned(&self, before: DateTime<Utc>) -> Result<u64, StorageError> {
        let mut entries = match fs::read_dir(self.root.join("partial")).await {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(err) => return Err(err.into()),
        };
        let mut removed = 0;
        while let Some(entry) = entries.next_entry().await? {
            let metadata = entry.metadata().await?;
            if metadata.is_file() && DateTime::<Utc>::from(metadata.modified()?) < before {
                match fs::remove_file(entry.path()).await {
                    Ok(()) => removed += 1,
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                    Err(err) => return Err(err.into()),
                }
            }
        }
        Ok(removed)
    }

    pub async fn check(&self) -> Result<(), StorageError> {
        let probe = self.root.join(format!(".probe-{}", uuid::Uuid::new_v4()));
        fs::create_dir_all(&self.root).await?;
        fs::write(&probe, b"probe").await?;
        fs::remove_file(&probe).await?;
        Ok(())
    }
}
