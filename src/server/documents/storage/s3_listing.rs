//! What the orphan sweep asks of an S3 bucket: the objects under a prefix with their times,
//! and the multipart uploads that were begun and never finished or aborted. Those hold
//! stored parts no listing of objects shows, so they are found and aborted here once
//! nothing has been added to them for the grace period.

use aws_sdk_s3::{error::DisplayErrorContext, primitives::DateTime as S3Time};
use chrono::{DateTime, Utc};

use super::{Listed, StorageError, s3::S3Store, s3::failed};

/// An S3 time as chrono's. A time that is missing or out of range reads as the far future,
/// so the sweep takes the object for a fresh one and leaves it.
fn time(at: Option<&S3Time>) -> DateTime<Utc> {
    at.and_then(|at| DateTime::from_timestamp(at.secs(), at.subsec_nanos()))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

impl S3Store {
    pub async fn list(&self, prefix: &str) -> Result<Vec<Listed>, StorageError> {
        let mut listed = Vec::new();
        let mut token = None;
        loop {
            let page = self
                .client
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_continuation_token(token)
                .send()
                .await
                .map_err(|err| failed("list", DisplayErrorContext(err)))?;
            listed.extend(page.contents().iter().filter_map(|object| {
                Some(Listed {
                    key: object.key()?.to_owned(),
                    modified: time(object.last_modified()),
                })
            }));
            token = page.next_continuation_token().map(str::to_owned);
            if token.is_none() {
                listed.sort_by(|a, b| a.key.cmp(&b.key));
                return Ok(listed);
            }
        }
    }

    /// When the newest part of an unfinished upload arrived, if any did. An upload begun
    /// long ago may still be sending parts; and some S3-compatible servers (moto among them)
    /// report a fixed time for the start, so the parts' own times decide.
    async fn last_part_at(
        &self,
        key: &str,
        upload_id: &str,
    ) -> Result<Option<DateTime<Utc>>, StorageError> {
        let mut newest = None;
        let mut marker = None;
        loop {
            let page = self
                .client
                .list_parts()
                .bucket(&self.bucket)
                .key(key)
                .upload_id(upload_id)
                .set_part_number_marker(marker)
                .send()
                .await
                .map_err(|err| failed("list parts", DisplayErrorContext(err)))?;
            for part in page.parts() {
                newest = newest.max(Some(time(part.last_modified())));
            }
            marker = page.next_part_number_marker().map(str::to_owned);
            if !page.is_truncated().unwrap_or(false) || marker.is_none() {
                return Ok(newest);
            }
        }
    }

    /// Aborts the multipart uploads under `prefix` begun before `before` whose newest part
    /// (if any) is older too; returns how many.
    pub async fn clear_abandoned(
        &self,
        prefix: &str,
        before: DateTime<Utc>,
    ) -> Result<u64, StorageError> {
        let mut stale = Vec::new();
        let (mut key_marker, mut id_marker) = (None, None);
        loop {
            let page = self
                .client
                .list_multipart_uploads()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_key_marker(key_marker)
                .set_upload_id_marker(id_marker)
                .send()
                .await
                .map_err(|err| failed("list uploads", DisplayErrorContext(err)))?;
            for upload in page.uploads() {
                if let (Some(key), Some(id)) = (upload.key(), upload.upload_id())
                    && time(upload.initiated()) < before
                {
                    stale.push((key.to_owned(), id.to_owned()));
                }
            }
            key_marker = page.next_key_marker().map(str::to_owned);
            id_marker = page.next_upload_id_marker().map(str::to_owned);
            if !page.is_truncated().unwrap_or(false) || key_marker.is_none() {
                break;
            }
        }
        let mut aborted = 0;
        for (key, id) in stale {
            if self.last_part_at(&key, &id).await? >= Some(before) {
                continue;
            }
            let abort = self
                .client
                .abort_multipart_upload()
                .bucket(&self.bucket)
                .key(key)
                .upload_id(id)
                .send()
                .await;
            match abort {
                Ok(_) => aborted += 1,
                // Another instance's sweep got there first.
                Err(err)
                    if err
                        .as_service_error()
                        .is_some_and(|e| e.is_no_such_upload()) => {}
                Err(err) => return Err(failed("abort upload", DisplayErrorContext(err))),
            }
        }
        Ok(aborted)
    }
}
