//! Which storage backend holds documents, from configuration: the local folder unless
//! `LICENSURE_S3_BUCKET` names a bucket on an S3-compatible server.

use crate::server::config::ConfigError;

pub const S3_BUCKET: &str = "LICENSURE_S3_BUCKET";
pub const S3_ENDPOINT: &str = "LICENSURE_S3_ENDPOINT";
pub const S3_REGION: &str = "LICENSURE_S3_REGION";
pub const S3_ACCESS_KEY_ID: &str = "LICENSURE_S3_ACCESS_KEY_ID";
pub const S3_SECRET_ACCESS_KEY: &str = "LICENSURE_S3_SECRET_ACCESS_KEY";
pub const S3_PATH_STYLE: &str = "LICENSURE_S3_PATH_STYLE";
pub const S3_SSE: &str = "LICENSURE_S3_SSE";

/// Server-side encryption asked of the S3 server, on top of our own encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerSideEncryption {
    None,
    Aes256,
    Kms,
}

#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    /// `None`: the AWS endpoint for the region.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub path_style: bool,
    pub sse: ServerSideEncryption,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("path_style", &self.path_style)
            .field("sse", &self.sse)
            .finish_non_exhaustive()
    }
}

fn problem(var: &'static str, problem: &str, example: &'static str) -> ConfigError {
    ConfigError {
        var,
        problem: problem.into(),
        example,
    }
}

impl S3Settings {
    /// `None` when no bucket is configured (documents stay in the local folder).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let Some(bucket) = get(S3_BUCKET).map(|b| b.trim().to_owned()) else {
            return Ok(None);
        };
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid_bucket {
            return Err(problem(
                S3_BUCKET,
                "is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)",
                "licensure-documents",
            ));
        }
        let endpoint = get(S3_ENDPOINT).map(|e| e.trim().trim_end_matches('/').to_owned());
        if let Some(endpoint) = &endpoint
            && !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
        {
            return Err(problem(
                S3_ENDPOINT,
                "must start with https:// or http://",
                "https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000",
            ));
        }
        let key = |var: &'static str| {
            get(var).map(|v| v.trim().to_owned()).ok_or_else(|| {
                problem(
                    var,
                    "must be set when LICENSURE_S3_BUCKET is",
                    "the key of an account that may read and write the bucket",
                )
            })
        };
        let path_style = match get(S3_PATH_STYLE).as_deref().map(str::trim) {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(problem(S3_PATH_STYLE, "must be true or false", "true")),
        };
        let sse = match get(S3_SSE).as_deref().map(str::trim) {
            None | Some("AES256") => ServerSideEncryption::Aes256,
            Some("aws:kms") => ServerSideEncryption::Kms,
            Some("none") => ServerSideEncryption::None,
            Some(_) => return Err(problem(S3_SSE, "must be AES256, aws:kms or none", "AES256")),
        };
        Ok(Some(Self {
            bucket,
            endpoint,
            region: get(S3_REGION)
                .map(|r| r.trim().to_owned())
                .unwrap_or_else(|| "us-east-1".into()),
            access_key_id: key(S3_ACCESS_KEY_ID)?,
            secret_access_key: key(S3_SECRET_ACCESS_KEY)?,
            path_style,
            sse,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(vars: &[(&str, &str)]) -> Result<Option<S3Settings>, ConfigError> {
        S3Settings::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn no_bucket_means_the_local_folder() {
        assert_eq!(read(&[]), Ok(None));
    }

    #[test]
    fn a_bucket_needs_credentials_and_sane_values() {
        let base = [
            (S3_BUCKET, "licensure-docs"),
            (S3_ACCESS_KEY_ID, "id"),
            (S3_SECRET_ACCESS_KEY, "secret"),
        ];
        let settings = read(&base).ok().flatten();
        assert_eq!(
            settings.as_ref().map(|s| s.sse),
            Some(ServerSideEncryption::Aes256)
        );
        assert_eq!(settings.map(|s| s.region), Some("us-east-1".into()));
        let var = |extra: &[(&'static str, &'static str)]| {
            let mut vars = base.to_vec();
            vars.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
            vars.extend_from_slice(extra);
            read(&vars).err().map(|e| e.var)
        };
        assert_eq!(var(&[(S3_BUCKET, "Bad_Bucket")]), Some(S3_BUCKET));
        assert_eq!(var(&[(S3_ENDPOINT, "ftp://x")]), Some(S3_ENDPOINT));
        assert_eq!(var(&[(S3_PATH_STYLE, "yes")]), Some(S3_PATH_STYLE));
        assert_eq!(var(&[(S3_SSE, "rot13")]), Some(S3_SSE));
        assert_eq!(
            read(&[(S3_BUCKET, "licensure-docs")]).err().map(|e| e.var),
            Some(S3_ACCESS_KEY_ID)
        );
    }

    #[test]
    fn the_secret_never_appears_in_debug_output() {
        let settings = read(&[
            (S3_BUCKET, "licensure-docs"),
            (S3_ACCESS_KEY_ID, "id"),
            (S3_SECRET_ACCESS_KEY, "hunter2-secret"),
        ]);
        assert!(!format!("{settings:?}").contains("hunter2"));
    }
}
