//! Sealing small secrets (TOTP secrets) with the master key: AES-256-GCM with a random
//! 96-bit nonce per seal. The key comes from `LICENSURE_MASTER_KEY` or, on a laptop, from a
//! key file created in the data folder on first start.

use std::{fmt, io::Write, path::Path};

use aes_gcm::{
    Aes256Gcm, Key, KeyInit, Nonce,
    aead::{Aead, AeadCore, OsRng},
};
use base64::{Engine, engine::general_purpose::STANDARD};

/// Lower-case hex of bytes, as the database stores digests.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hex SHA-256 of text: the stored form of session tokens and recovery codes.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(text.as_bytes()))
}

/// The key that seals secrets at rest. `Debug` never shows it.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(redacted)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("is not 32 bytes in base64")]
    Malformed,
    #[error("cannot be read or created: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, thiserror::Error)]
#[error("the sealed value could not be opened")]
pub struct SealError;

impl MasterKey {
    /// Parses a base64 key of exactly 32 bytes.
    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let bytes = STANDARD
            .decode(text.trim())
            .map_err(|_| KeyError::Malformed)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| KeyError::Malformed)?;
        Ok(Self(key))
    }

    /// Reads the key file, creating it (readable by the owner only) with a fresh random key
    /// when it does not exist yet.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyError> {
        if path.exists() {
            return Self::from_base64(&std::fs::read_to_string(path)?);
        }
        let key = Aes256Gcm::generate_key(OsRng);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path)?;
        file.write_all(STANDARD.encode(key).as_bytes())?;
        Ok(Self(key.into()))
    }

    /// Base64 of nonce then ciphertext (with its authentication tag).
    pub fn seal(&self, plaintext: &[u8]) -> Result<String, SealError> {
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.0));
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = cipher.encrypt(&nonce, plaintext).map_err(|_| SealError)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(STANDARD.encode(out))
    }

    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, SealError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| SealError)?;
        if bytes.len() < 12 {
            return Err(SealError);
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.0));
        cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| SealError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealing_round_trips_and_detects_tampering() -> Result<(), SealError> {
        let dir = tempfile::tempdir().map_err(|_| SealError)?;
        let key =
            MasterKey::load_or_create(&dir.path().join("master.key")).map_err(|_| SealError)?;
        let again =
            MasterKey::load_or_create(&dir.path().join("master.key")).map_err(|_| SealError)?;
        let sealed = key.seal(b"JBSWY3DPEHPK3PXP")?;
        assert_eq!(again.open(&sealed)?, b"JBSWY3DPEHPK3PXP");
        assert_ne!(key.seal(b"JBSWY3DPEHPK3PXP")?, sealed, "nonces must differ");
        let mut bytes = STANDARD.decode(&sealed).map_err(|_| SealError)?;
        if let Some(last) = bytes.last_mut() {
            *last ^= 1;
        }
        assert!(key.open(&STANDARD.encode(bytes)).is_err());
        Ok(())
    }

    #[test]
    fn a_short_or_malformed_key_is_refused() {
        assert!(MasterKey::from_base64("c2hvcnQ=").is_err());
        assert!(MasterKey::from_base64("not base64!").is_err());
        assert_eq!(format!("{:?}", MasterKey([7; 32])), "MasterKey(redacted)");
    }
}
