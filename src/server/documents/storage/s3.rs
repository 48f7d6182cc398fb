//! Sealed objects in an S3-compatible bucket with versioning on. Small objects go up in one
//! request; larger ones as a multipart upload of `PART`-sized parts, so memory stays at one
//! part however large the file. Destroying an object deletes every version and delete marker.

use aws_sdk_s3::{
    Client,
    config::{BehaviorVersion, Credentials, Region, RequestChecksumCalculation},
    primitives::ByteStream,
    types::{BucketVersioningStatus, CompletedMultipartUpload, CompletedPart},
};
use tokio::io::AsyncRead;

use super::{
    ObjectReader, StorageError, fill,
    settings::{S3Settings, ServerSideEncryption},
    valid_key,
};

/// Bytes per multipart part: S3 needs at least 5 MiB for every part but the last.
pub const PART: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct S3Store {
    pub(super) client: Client,
    pub(super) bucket: String,
    sse: ServerSideEncryption,
}

pub(super) fn failed(what: &str, err: impl std::fmt::Display) -> StorageError {
    // The SDK's messages name the bucket and key at most, never credentials.
    StorageError::Backend(format!("{what}: {err}"))
}

impl S3Store {
    pub fn new(settings: &S3Settings) -> Self {
        Self {
            client: Self::client(settings),
            bucket: settings.bucket.clone(),
            sse: settings.sse,
        }
    }

    /// An S3 client for `settings`; tests use it to reach behind the store.
    pub fn client(settings: &S3Settings) -> Client {
        let https = aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let mut config = aws_sdk_s3::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .http_client(https)
            .region(Region::new(settings.region.clone()))
            .credentials_provider(Credentials::new(
                settings.access_key_id.clone(),
                settings.secret_access_key.clone(),
                None,
                None,
                "licensure-configuration",
            ))
            .force_path_style(settings.path_style)
            // Checksums only where S3 requires them: not every S3-compatible server
            // understands the newer checksum headers.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired);
        if let Some(endpoint) = &settings.endpoint {
            config = config.endpoint_url(endpoint);
        }
        Client::from_conf(config.build())
    }

    fn sse(&self) -> Option<aws_sdk_s3::types::ServerSideEncryption> {
        match self.sse {
            ServerSideEncryption::None => None,
            ServerSideEncryption::Aes256 => Some(aws_sdk_s3::types::ServerSideEncryption::Aes256),
            ServerSideEncryption::Kms => Some(aws_sdk_s3::types::ServerSideEncryption::AwsKms),
        }
    }

    pub async fn put(
        &self,
        key: &str,
        body: &mut (dyn AsyncRead + Send + Unpin),
    ) -> Result<u64, StorageError> {
        if !valid_key(key) {
            return Err(StorageError::Backend("invalid object key".into()));
        }
        let mut part = vec![0u8; PART];
        let first = fill(body, &mut part).await?;
        if first < PART {
            part.truncate(first);
            self.client
                .put_object()
                .bucket(&self.bucket)
                .key(key)
                .set_server_side_encryption(self.sse())
                .body(ByteStream::from(part))
                .send()
                .await
                .map_err(|err| failed("upload", aws_sdk_s3::error::DisplayErrorContext(err)))?;
            return Ok(first as u64);
        }
        let upload = self
            .client
            .create_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .set_server_side_encryption(self.sse())
            .send()
            .await
            .map_err(|err| failed("start upload", aws_sdk_s3::error::DisplayErrorContext(err)))?;
        let upload_id = upload.upload_id().unwrap_or_default().to_owned();
        let result = self.upload_parts(key, &upload_id, body, part).await;
        if result.is_err() {
            // An unfinished multipart upload is invisible but still stored: abort it.
            let _ = self
                .client
                .abort_multipart_upload()
                .bucket(&self.bucket)
                .key(key)
                .upload_id(&upload_id)
                .send()
                .await;
        }
        result
    }

    async fn upload_parts(
        &self,
        key: &str,
        upload_id: &str,
        body: &mut (dyn AsyncRead + Send + Unpin),
        first: Vec<u8>,
    ) -> Result<u64, StorageError> {
        let mut parts = Vec::new();
        let mut total = 0u64;
        let mut next = Some(first);
        let mut number = 1;
        while let Some(bytes) = next.take() {
            total += bytes.len() as u64;
            let uploaded = self
                .client
                .upload_part()
                .bucket(&self.bucket)
                .key(key)
                .upload_id(upload_id)
                .part_number(number)
                .body(ByteStream::from(bytes))
                .send()
                .await
                .map_err(|err| {
                    failed("upload part", aws_sdk_s3::error::DisplayErrorContext(err))
                })?;
            parts.push(
                CompletedPart::builder()
                    .part_number(number)
                    .set_e_tag(uploaded.e_tag().map(str::to_owned))
                    .build(),
            );
            number += 1;
            let mut buffer = vec![0u8; PART];
            let read = fill(body, &mut buffer).await?;
            if read > 0 {
                buffer.truncate(read);
                next = Some(buffer);
            }
        }
        self.client
            .complete_multipart_upload()
            .bucket(&self.bucket)
            .key(key)
            .upload_id(upload_id)
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .map_err(|err| failed("finish upload", aws_sdk_s3::error::DisplayErrorContext(err)))?;
        Ok(total)
    }

    pub async fn get(&self, key: &str) -> Result<ObjectReader, StorageError> {
        let object = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|err| {
                if err.as_service_error().is_some_and(|e| e.is_no_such_key()) {
                    StorageError::NotFound
                } else {
                    failed("download", aws_sdk_s3::error::DisplayErrorContext(err))
                }
            })?;
        Ok(Box::new(object.body.into_async_read()))
    }

    pub async fn destroy(&self, key: &str) -> Result<(), StorageError> {
        // Versions of exactly this key; the prefix listing may also hold longer keys.
        loop {
            let listed = self
                .client
                .list_object_versions()
                .bucket(&self.bucket)
                .prefix(key)
                .send()
                .await
                .map_err(|err| {
                    failed("list versions", aws_sdk_s3::error::DisplayErrorContext(err))
                })?;
            let mut found: Vec<String> = Vec::new();
            for version in listed.versions() {
                if version.key() == Some(key) {
                    found.extend(version.version_id().map(str::to_owned));
                }
            }
            for marker in listed.delete_markers() {
                if marker.key() == Some(key) {
                    found.extend(marker.version_id().map(str::to_owned));
                }
            }
            if found.is_empty() {
                return Ok(());
            }
            for version in found {
                self.client
                    .delete_object()
                    .bucket(&self.bucket)
                    .key(key)
                    .version_id(version)
                    .send()
                    .await
                    .map_err(|err| {
                        failed(
                            "delete version",
                            aws_sdk_s3::error::DisplayErrorContext(err),
                        )
                    })?;
            }
        }
    }

    /// The bucket answers and keeps versions: without versioning, an overwritten object
    /// would be gone with no trace, and destruction could not be shown complete.
    pub async fn check(&self) -> Result<(), StorageError> {
        let versioning = self
            .client
            .get_bucket_versioning()
            .bucket(&self.bucket)
            .send()
            .await
            .map_err(|err| {
                failed(
                    "read bucket versioning",
                    aws_sdk_s3::error::DisplayErrorContext(err),
                )
            })?;
        match versioning.status() {
            Some(BucketVersioningStatus::Enabled) => Ok(()),
            _ => Err(StorageError::Backend(format!(
                "bucket {} does not have versioning enabled",
                self.bucket
            ))),
        }
    }
}
