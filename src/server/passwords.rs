//! Password hashing with Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane), run on the
//! blocking pool behind a limit so a burst of sign-ins cannot starve the async threads or
//! exhaust memory.

use std::{fmt, sync::Arc};

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{
        PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
    },
};
use tokio::sync::{OnceCell, Semaphore};

/// A password as typed, already NFKC-normalised. `Debug` never shows it.
pub struct Password(String);

impl Password {
    /// Normalises the typed text the same way for every later comparison.
    pub fn new(typed: &str) -> Self {
        Self(crate::domain::password_policy::normalise(typed))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(redacted)")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed")]
pub struct HashError;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when the account does not exist, so an
    /// unknown user costs the same time as a wrong password.
    decoy: Arc<OnceCell<String>>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl PasswordHasher {
    /// One concurrent hash per core: each takes 19 MiB and a core for tens of milliseconds.
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Self {
            permits: Arc::new(Semaphore::new(cores)),
            decoy: Arc::new(OnceCell::new()),
        }
    }

    /// A PHC-format Argon2id hash with a fresh random salt.
    pub async fn hash(&self, password: Password) -> Result<String, HashError> {
        let _permit = self.permits.acquire().await.map_err(|_| HashError)?;
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()?
                .hash_password(password.expose().as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|_| HashError)
        })
        .await
        .map_err(|_| HashError)?
    }
}

impl PasswordHasher {
    /// Whether `password` matches the stored PHC `hash`. Any malformed hash is a mismatch.
    pub async fn verify(&self, hash: &str, password: Password) -> bool {
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let hash = hash.to_owned();
        tokio::task::spawn_blocking(move || {
            let Ok(parsed) = PasswordHash::new(&hash) else {
                return false;
            };
            argon2().is_ok_and(|a| {
                a.verify_password(password.expose().as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .unwrap_or(false)
    }

    /// Spends the time of one verification and always answers false.
    pub async fn verify_decoy(&self, password: Password) -> bool {
        let decoy = self
            .decoy
            .get_or_try_init(|| async {
                let random = crate::server::auth::token::Token::generate();
                self.hash(Password::new(random.expose())).await
            })
            .await;
        match decoy {
            Ok(hash) => {
                let _ = self.verify(hash, password).await;
                false
            }
            Err(_) => false,
        }
    }
}

fn argon2() -> Result<Argon2<'static>, HashError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| HashError)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() -> Result<(), HashError> {
        let hash = PasswordHasher::new()
            .hash(Password::new("Correct-Horse-7"))
            .await?;
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        let parsed = PasswordHash::new(&hash).map_err(|_| HashError)?;
        assert!(
            argon2()?
                .verify_password(b"Correct-Horse-7", &parsed)
                .is_ok()
        );
        assert!(
            argon2()?
                .verify_password(b"correct-horse-7", &parsed)
                .is_err()
        );
        Ok(())
    }

    #[tokio::test]
    async fn verification_accepts_the_password_and_nothing_else() -> Result<(), HashError> {
        let hasher = PasswordHasher::new();
        let hash = hasher.hash(Password::new("Correct-Horse-7")).await?;
        assert!(hasher.verify(&hash, Password::new("Correct-Horse-7")).await);
        assert!(!hasher.verify(&hash, Password::new("Correct-Horse-8")).await);
        assert!(
            !hasher
                .verify("not a hash", Password::new("Correct-Horse-7"))
                .await
        );
        assert!(!hasher.verify_decoy(Password::new("Correct-Horse-7")).await);
        Ok(())
    }

    #[test]
    fn debug_output_hides_the_password() {
        assert_eq!(
            format!("{:?}", Password::new("Correct-Horse-7")),
            "Password(redacted)"
        );
    }
}
