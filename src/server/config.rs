//! Configuration, read once at start-up from environment variables (documented in
//! `.env.example`). Defaults serve a laptop: SQLite and files under `./data/`.

use std::{fmt, net::SocketAddr, path::PathBuf};

/// Everything the server needs to start, one struct per concern.
#[derive(Debug, Clone)]
pub struct Config {
    pub http: HttpConfig,
    pub database: DatabaseConfig,
    pub storage: StorageConfig,
    pub log: LogConfig,
    pub sessions: SessionConfig,
    pub mail: MailConfig,
}

#[derive(Clone)]
pub struct MailConfig {
    /// Who the mail comes from, already checked to be a mailbox.
    pub from: String,
    pub transport: MailTransport,
    /// The address people open links in mail at, without a trailing slash.
    pub public_url: String,
}

#[derive(Clone)]
pub enum MailTransport {
    /// Each message becomes an `.eml` file here: the embedded default, readable by a newcomer.
    Folder(PathBuf),
    /// An SMTP URL as lettre reads it; it may carry a password, so `Debug` never prints it.
    Smtp(String),
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let transport = match &self.transport {
            MailTransport::Folder(path) => format!("folder {}", path.display()),
            MailTransport::Smtp(_) => "smtp".to_owned(),
        };
        f.debug_struct("MailConfig")
            .field("transport", &transport)
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// A session unused for this long ends.
    pub idle_minutes: i64,
    /// A session ends this long after sign-in, however active.
    pub absolute_hours: i64,
    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix, responses HSTS.
    pub https: bool,
}

#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub addr: SocketAddr,
    /// Folder holding the built site (`pkg/`, icons, manifest).
    pub site_root: PathBuf,
    /// Reverse proxies whose `X-Forwarded-For` is believed; empty means nobody's.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Clone)]
pub struct DatabaseConfig {
    /// May carry a password, so `Debug` never prints it.
    pub url: String,
    pub backend: Backend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct StorageConfig {
    /// Root of the local file store.
    pub local_root: PathBuf,
    /// Where the master key lives when `LICENSURE_MASTER_KEY` is not set.
    pub key_file: PathBuf,
    /// The master key from the environment, already checked.
    pub master_key: Option<super::crypto::MasterKey>,
    /// The largest file one upload may hold, in bytes.
    pub upload_limit: u64,
    /// The most all of one clinician's document versions may hold together, in bytes.
    pub quota: u64,
    /// An S3-compatible bucket for documents; `None` keeps them under `local_root`.
    pub s3: Option<super::documents::storage::S3Settings>,
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    /// `tracing` filter directives, e.g. `info` or `licensure=debug,info`.
    pub filter: String,
    pub json: bool,
}

/// A variable with a bad value: says which, why, and what a good value looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
    pub example: &'static str,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}; a good value looks like {}",
            self.var, self.problem, self.example
        )
    }
}

impl std::error::Error for ConfigError {}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl Backend {
    pub fn label(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

pub const ADDR: &str = "LICENSURE_ADDR";
pub const DATA_DIR: &str = "LICENSURE_DATA_DIR";
pub const DATABASE_URL: &str = "DATABASE_URL";
pub const SITE_ROOT: &str = "LICENSURE_SITE_ROOT";
pub const LOG: &str = "LICENSURE_LOG";
pub const LOG_FORMAT: &str = "LICENSURE_LOG_FORMAT";
pub const PUBLIC_URL: &str = "LICENSURE_PUBLIC_URL";
pub const MASTER_KEY: &str = "LICENSURE_MASTER_KEY";
pub const TRUSTED_PROXIES: &str = "LICENSURE_TRUSTED_PROXIES";
pub const SESSION_IDLE_MINUTES: &str = "LICENSURE_SESSION_IDLE_MINUTES";
pub const SESSION_MAX_HOURS: &str = "LICENSURE_SESSION_MAX_HOURS";
pub const SMTP_URL: &str = "LICENSURE_SMTP_URL";
pub const MAIL_FROM: &str = "LICENSURE_MAIL_FROM";
pub const UPLOAD_LIMIT_MB: &str = "LICENSURE_UPLOAD_LIMIT_MB";
pub const DOCUMENT_QUOTA_MB: &str = "LICENSURE_DOCUMENT_QUOTA_MB";

fn megabytes(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default() * 1024 * 1024
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests can supply their own variables.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let addr = match get(ADDR) {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(raw) => raw.trim().parse().map_err(|_| ConfigError {
                var: ADDR,
                problem: "is not an IP address with a port".into(),
                example: "127.0.0.1:3000 or 0.0.0.0:8080",
            })?,
        };

        let data_dir = PathBuf::from(get(DATA_DIR).unwrap_or_else(|| "data".into()));
        if data_dir.is_file() {
            return Err(ConfigError {
                var: DATA_DIR,
                problem: "names a file, not a folder".into(),
                example: "./data or /var/lib/licensure",
            });
        }

        let database = match get(DATABASE_URL) {
            None => DatabaseConfig {
                url: format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.join("licensure.db").display()
                ),
                backend: Backend::Sqlite,
            },
            Some(url) => database_from_url(url.trim())?,
        };

        let site_root = get(SITE_ROOT)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(super::site::settings().site_root.as_str()));

        let filter = get(LOG).unwrap_or_else(|| "info".into());
        if tracing_subscriber::EnvFilter::try_new(&filter).is_err() {
            return Err(ConfigError {
                var: LOG,
                problem: "is not a log filter".into(),
                example: "info, debug, or licensure=debug,info",
            });
        }
        let json = match get(LOG_FORMAT).as_deref().map(str::trim) {
            None | Some("text") => false,
            Some("json") => true,
            Some(_) => {
                return Err(ConfigError {
                    var: LOG_FORMAT,
                    problem: "must be text or json".into(),
                    example: "text",
                });
            }
        };

        let public_url = get(PUBLIC_URL).map(|url| url.trim().trim_end_matches('/').to_owned());
        let https = match public_url.as_deref() {
            None => false,
            Some(url) if url.starts_with("https://") => true,
            Some(url) if url.starts_with("http://") => false,
            Some(_) => {
                return Err(ConfigError {
                    var: PUBLIC_URL,
                    problem: "must start with https:// or http://".into(),
                    example: "https://licensure.example.org",
                });
            }
        };
        // The value is never echoed: it is the key itself.
        let master_key = get(MASTER_KEY)
            .map(|raw| super::crypto::MasterKey::from_base64(&raw))
            .transpose()
            .map_err(|_| ConfigError {
                var: MASTER_KEY,
                problem: "is not 32 bytes in base64".into(),
                example: "the output of `openssl rand -base64 32`",
            })?;
        let trusted_proxies = get(TRUSTED_PROXIES)
            .map(|raw| {
                raw.split(',')
                    .map(|part| part.trim().parse::<std::net::IpAddr>())
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|_| ConfigError {
                var: TRUSTED_PROXIES,
                problem: "is not a comma-separated list of IP addresses".into(),
                example: "10.0.0.5,10.0.0.6",
            })?
            .unwrap_or_default();
        let sessions = SessionConfig {
            idle_minutes: bounded_number(
                get(SESSION_IDLE_MINUTES),
                SESSION_IDLE_MINUTES,
                30,
                1,
                1440,
            )?,
            absolute_hours: bounded_number(get(SESSION_MAX_HOURS), SESSION_MAX_HOURS, 12, 1, 720)?,
            https,
        };

        let mail = MailConfig {
            from: mail_from(get(MAIL_FROM))?,
            transport: match get(SMTP_URL) {
                None => MailTransport::Folder(data_dir.join("mail")),
                Some(url) => MailTransport::Smtp(smtp_url(url.trim())?),
            },
            public_url: public_url.unwrap_or_else(|| local_url(addr)),
        };

        Ok(Self {
            mail,
            sessions,
            http: HttpConfig {
                addr,
                site_root,
                trusted_proxies,
            },
            database,
            storage: StorageConfig {
                local_root: data_dir.join("files"),
                key_file: data_dir.join("master.key"),
                master_key,
                upload_limit: megabytes(bounded_number(
                    get(UPLOAD_LIMIT_MB),
                    UPLOAD_LIMIT_MB,
                    20,
                    1,
                    1024,
                )?),
                quota: megabytes(bounded_number(
                    get(DOCUMENT_QUOTA_MB),
                    DOCUMENT_QUOTA_MB,
                    500,
                    1,
                    1_000_000,
                )?),
                s3: super::documents::storage::S3Settings::from_lookup(get)?,
            },
            log: LogConfig { filter, json },
        })
    }
}

/// A whole number within `min..=max`, or `default` when the variable is unset.
fn bounded_number(
    raw: Option<String>,
    var: &'static str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    let Some(raw) = raw else { return Ok(default) };
    match raw.trim().parse::<i64>() {
        Ok(value) if (min..=max).contains(&value) => Ok(value),
        _ => Err(ConfigError {
            var,
            problem: format!("must be a whole number from {min} to {max}"),
            example: match var {
                SESSION_IDLE_MINUTES => "30",
                UPLOAD_LIMIT_MB => "20",
                DOCUMENT_QUOTA_MB => "500",
                _ => "12",
            },
        }),
    }
}

/// Where a browser on this machine reaches a server with no public URL configured.
fn local_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

fn mail_from(raw: Option<String>) -> Result<String, ConfigError> {
    let Some(raw) = raw else {
        return Ok("Licensure <licensure@localhost>".into());
    };
    raw.trim()
        .parse::<lettre::message::Mailbox>()
        .map(|mailbox| mailbox.to_string())
        .map_err(|_| ConfigError {
            var: MAIL_FROM,
            problem: "is not a mail address".into(),
            example: "Licensure <no-reply@licensure.example.org>",
        })
}

fn smtp_url(url: &str) -> Result<String, ConfigError> {
    use lettre::{AsyncSmtpTransport, Tokio1Executor};
    // The value is not echoed: it may hold the SMTP password.
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map(|_| url.to_owned())
        .map_err(|_| ConfigError {
            var: SMTP_URL,
            problem: "is not an SMTP URL".into(),
            example: "smtps://user:password@mail.example.org or smtp://127.0.0.1:2525",
        })
}

fn database_from_url(url: &str) -> Result<DatabaseConfig, ConfigError> {
    let backend = if url.starts_with("sqlite:") {
        Backend::Sqlite
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres
    } else {
        // The value is not echoed: it may hold a password.
        return Err(ConfigError {
            var: DATABASE_URL,
            problem: "must start with sqlite: or postgres://".into(),
            example: "sqlite://data/licensure.db?mode=rwc or postgres://user:pass@127.0.0.1:5432/licensure",
        });
    };
    Ok(DatabaseConfig {
        url: url.to_owned(),
        backend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn no_variables_give_a_laptop_setup() -> Result<(), ConfigError> {
        let config = load(&[])?;
        assert_eq!(config.http.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database.backend, Backend::Sqlite);
        assert!(
            config
                .database
                .url
                .starts_with("sqlite://data/licensure.db")
        );
        assert_eq!(config.storage.local_root, PathBuf::from("data/files"));
        assert_eq!(config.log.filter, "info");
        assert!(
            matches!(&config.mail.transport, MailTransport::Folder(path) if path == &PathBuf::from("data/mail"))
        );
        assert_eq!(config.mail.public_url, "http://127.0.0.1:3000");
        Ok(())
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases = [
            (ADDR, "localhost"),
            (DATABASE_URL, "mysql://root@127.0.0.1/x"),
            (LOG, "info,[[["),
            (LOG_FORMAT, "xml"),
            (PUBLIC_URL, "licensure.example.org"),
            (SESSION_IDLE_MINUTES, "0"),
            (SESSION_MAX_HOURS, "twelve"),
            (MASTER_KEY, "c2hvcnQ="),
            (TRUSTED_PROXIES, "proxy.local"),
            (SMTP_URL, "mail.example.org"),
            (MAIL_FROM, "not an address"),
        ];
        for (var, value) in cases {
            let err = load(&[(var, value)]).err();
            assert_eq!(err.as_ref().map(|e| e.var), Some(var), "{var}={value}");
        }
    }

    #[test]
    fn a_bad_database_url_is_not_echoed() {
        let err = load(&[(DATABASE_URL, "mysql://root:hunter2@db/x")]).err();
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.starts_with("DATABASE_URL "), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }

    #[test]
    fn an_smtp_password_is_never_printed() -> Result<(), ConfigError> {
        let config = load(&[(SMTP_URL, "smtps://mailer:hunter2@mail.example.org")])?;
        assert!(matches!(config.mail.transport, MailTransport::Smtp(_)));
        assert!(!format!("{config:?}").contains("hunter2"));
        let err = load(&[(SMTP_URL, "ftp://mailer:hunter2@mail.example.org")]).err();
        assert!(
            !err.map(|e| e.to_string())
                .unwrap_or_default()
                .contains("hunter2")
        );
        Ok(())
    }

    #[test]
    fn postgres_urls_select_postgres() -> Result<(), ConfigError> {
        let config = load(&[(DATABASE_URL, "postgres://u:secret@127.0.0.1:5432/db")])?;
        assert_eq!(config.database.backend, Backend::Postgres);
        assert!(!format!("{config:?}").contains("secret"));
        Ok(())
    }
}
