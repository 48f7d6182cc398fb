//! Sealed document storage against both backends: the local folder, and a real
//! S3-compatible server (moto, started by the test command; `TEST_S3_ENDPOINT`). Every
//! object round-trips byte for byte, failed uploads leave nothing, destruction leaves no
//! version or delete marker, and a changed object is refused rather than delivered.

use std::{
    io,
    pin::Pin,
    task::{Context, Poll},
};

use aws_sdk_s3::{Client, primitives::ByteStream};
use futures_util::TryStreamExt;
use licensure::server::documents::{
    cipher::{DataKey, sealed_len},
    storage::{LocalStore, S3Store, Storage, StorageError},
    vault::{self, VaultError},
};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, ReadBuf};

use crate::support::stores::TestBucket;

/// A store to test, with what a test needs to reach behind it.
struct Backend {
    storage: Storage,
    s3: Option<(Client, String)>,
    _folder: Option<tempfile::TempDir>,
}

fn local() -> Backend {
    let folder = tempfile::tempdir().unwrap();
    Backend {
        storage: Storage::Local(LocalStore::new(folder.path().to_path_buf())),
        s3: None,
        _folder: Some(folder),
    }
}

/// A fresh versioned bucket on the test S3 server, or `None` (skipped, failing under CI).
async fn s3() -> Option<Backend> {
    let bucket = TestBucket::create().await?;
    let settings = TestBucket::settings(&bucket.endpoint, &bucket.name);
    Some(Backend {
        storage: Storage::S3(S3Store::new(&settings)),
        s3: Some((bucket.client, bucket.name)),
        _folder: None,
    })
}

/// A fresh versioned bucket and the configuration that points the application at it.
pub(crate) async fn s3_bucket() -> Option<(aws_sdk_s3::Client, String, Vec<(&'static str, String)>)>
{
    let backend = s3().await?;
    let (client, bucket) = backend.s3?;
    let endpoint = std::env::var("TEST_S3_ENDPOINT").ok()?;
    let vars = vec![
        ("LICENSURE_S3_BUCKET", bucket.clone()),
        ("LICENSURE_S3_ENDPOINT", endpoint),
        ("LICENSURE_S3_REGION", "us-east-1".to_owned()),
        ("LICENSURE_S3_ACCESS_KEY_ID", "test".to_owned()),
        ("LICENSURE_S3_SECRET_ACCESS_KEY", "test".to_owned()),
        ("LICENSURE_S3_PATH_STYLE", "true".to_owned()),
    ];
    Some((client, bucket, vars))
}

macro_rules! on_both_storages {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn local() {
                super::$name(super::local()).await;
            }
            #[tokio::test]
            async fn s3() {
                if let Some(backend) = super::s3().await {
                    super::$name(backend).await;
                }
            }
        }
    };
}

fn bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 253) as u8).collect()
}

async fn read_back(storage: &Storage, object: &str, key: &DataKey) -> Result<Vec<u8>, VaultError> {
    let stream = vault::open(storage, object, key).await?;
    let chunks: Vec<bytes::Bytes> = stream.try_collect().await.map_err(|_| {
        VaultError::Cipher(licensure::server::documents::cipher::CipherError::Tampered)
    })?;
    Ok(chunks.concat())
}

async fn stored_size(storage: &Storage, object: &str) -> u64 {
    let mut reader = storage.get(object).await.unwrap();
    tokio::io::copy(&mut reader, &mut tokio::io::sink())
        .await
        .unwrap()
}

async fn every_size_round_trips_sealed(backend: Backend) {
    let storage = &backend.storage;
    // 12 MB crosses the multipart threshold on S3.
    for (n, len) in [0usize, 1, 200_000, 12 * 1024 * 1024]
        .into_iter()
        .enumerate()
    {
        let plain = bytes(len);
        let key = DataKey::generate();
        let object = format!("documents/test/{n}");
        let stored = vault::store(
            storage,
            &object,
            &key,
            &mut plain.as_slice(),
            20 * 1024 * 1024,
        )
        .await
        .unwrap();
        assert_eq!(stored.size, len as u64);
        assert_eq!(
            stored.sha256,
            licensure::server::crypto::hex(&Sha256::digest(&plain))
        );
        assert_eq!(stored_size(storage, &object).await, sealed_len(len as u64));
        assert!(
            read_back(storage, &object, &key).await.unwrap() == plain,
            "{len}"
        );
        // The stored bytes are not the document's. Only files of 64 bytes or more are
        // checked: a shorter run of plaintext can turn up in random ciphertext by chance
        // (a single byte does in about one object in ten).
        if len >= 64 {
            let mut raw = Vec::new();
            tokio::io::copy(&mut storage.get(&object).await.unwrap(), &mut raw)
                .await
                .unwrap();
            assert!(!raw.windows(64).any(|w| w == &plain[..64]));
        }
    }
    let keys = storage.keys("documents/test/").await.unwrap();
    assert_eq!(keys.len(), 4);
    if let Some((client, bucket)) = &backend.s3 {
        // The server was asked to encrypt too: our sealing does not replace its own.
        let head = client
            .head_object()
            .bucket(bucket)
            .key("documents/test/3")
            .send()
            .await
            .unwrap();
        assert_eq!(
            head.server_side_encryption(),
            Some(&aws_sdk_s3::types::ServerSideEncryption::Aes256)
        );
    }
}
on_both_storages!(every_size_round_trips_sealed);

/// Gives `good` bytes, then fails as a dropped connection does.
struct CutOff {
    good: usize,
}

impl AsyncRead for CutOff {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.good == 0 {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "client went away",
            )));
        }
        let n = self.good.min(buf.remaining()).min(10_000);
        buf.put_slice(&vec![b'x'; n]);
        self.good -= n;
        Poll::Ready(Ok(()))
    }
}

async fn a_failed_upload_leaves_nothing(backend: Backend) {
    let storage = &backend.storage;
    let key = DataKey::generate();
    let over = vault::store(
        storage,
        "documents/big/1",
        &key,
        &mut bytes(1001).as_slice(),
        1000,
    )
    .await;
    assert!(
        matches!(over, Err(VaultError::TooLarge { limit: 1000 })),
        "{over:?}"
    );
    let exact = vault::store(
        storage,
        "documents/big/2",
        &key,
        &mut bytes(1000).as_slice(),
        1000,
    )
    .await;
    assert!(exact.is_ok());
    // Cut off after 9 MB: past the first multipart part on S3.
    let mut cut = CutOff {
        good: 9 * 1024 * 1024,
    };
    let interrupted =
        vault::store(storage, "documents/cut/1", &key, &mut cut, 50 * 1024 * 1024).await;
    assert!(
        matches!(interrupted, Err(VaultError::Interrupted)),
        "{interrupted:?}"
    );
    for object in ["documents/big/1", "documents/cut/1"] {
        assert!(
            matches!(storage.get(object).await, Err(StorageError::NotFound)),
            "{object}"
        );
    }
    assert_eq!(
        storage.keys("documents/").await.unwrap(),
        ["documents/big/2"]
    );
    if let Some((client, bucket)) = &backend.s3 {
        let open = client
            .list_multipart_uploads()
            .bucket(bucket)
            .send()
            .await
            .unwrap();
        assert!(
            open.uploads().is_empty(),
            "an aborted upload must not linger"
        );
    }
}
on_both_storages!(a_failed_upload_leaves_nothing);

async fn destruction_leaves_no_version_behind(backend: Backend) {
    let storage = &backend.storage;
    let key = DataKey::generate();
    let object = "documents/destroy/1";
    for content in [bytes(5000), bytes(7000)] {
        vault::store(storage, object, &key, &mut content.as_slice(), 1 << 20)
            .await
            .unwrap();
    }
    vault::store(
        storage,
        "documents/destroy/10",
        &key,
        &mut bytes(10).as_slice(),
        1 << 20,
    )
    .await
    .unwrap();
    if let Some((client, bucket)) = &backend.s3 {
        // A plain delete only hides the object behind a marker: two versions and a marker.
        client
            .delete_object()
            .bucket(bucket)
            .key(object)
            .send()
            .await
            .unwrap();
        let listed = client
            .list_object_versions()
            .bucket(bucket)
            .prefix(object)
            .send()
            .await
            .unwrap();
        let own = listed
            .versions()
            .iter()
            .filter(|v| v.key() == Some(object))
            .count();
        assert_eq!((own, listed.delete_markers().len()), (2, 1));
    }
    storage.destroy(object).await.unwrap();
    assert!(matches!(
        storage.get(object).await,
        Err(StorageError::NotFound)
    ));
    if let Some((client, bucket)) = &backend.s3 {
        let listed = client
            .list_object_versions()
            .bucket(bucket)
            .prefix(object)
            .send()
            .await
            .unwrap();
        assert!(listed.versions().iter().all(|v| v.key() != Some(object)));
        assert!(listed.delete_markers().is_empty());
    }
    // A key that merely starts the same way is untouched, and destroying twice is fine.
    assert_eq!(
        read_back(storage, "documents/destroy/10", &key)
            .await
            .unwrap(),
        bytes(10)
    );
    storage.destroy(object).await.unwrap();
}
on_both_storages!(destruction_leaves_no_version_behind);

async fn a_changed_object_is_refused(backend: Backend) {
    let storage = &backend.storage;
    let key = DataKey::generate();
    let object = "documents/tamper/1";
    vault::store(
        storage,
        object,
        &key,
        &mut bytes(150_000).as_slice(),
        1 << 20,
    )
    .await
    .unwrap();
    let mut raw = Vec::new();
    tokio::io::copy(&mut storage.get(object).await.unwrap(), &mut raw)
        .await
        .unwrap();
    let last = raw.len() - 1;
    raw[last] ^= 0x20;
    match &backend.s3 {
        Some((client, bucket)) => {
            client
                .put_object()
                .bucket(bucket)
                .key(object)
                .body(ByteStream::from(raw))
                .send()
                .await
                .unwrap();
        }
        None => {
            let folder = backend._folder.as_ref().unwrap().path();
            std::fs::write(folder.join("objects").join(object), raw).unwrap();
        }
    }
    assert!(read_back(storage, object, &key).await.is_err());
    // The wrong key opens nothing either.
    vault::store(
        storage,
        "documents/tamper/2",
        &key,
        &mut bytes(10).as_slice(),
        1 << 20,
    )
    .await
    .unwrap();
    assert!(
        read_back(storage, "documents/tamper/2", &DataKey::generate())
            .await
            .is_err()
    );
}
on_both_storages!(a_changed_object_is_refused);
