//! Session tokens: 256 random bits, shown once to the browser; only a hash is stored.

use std::fmt;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;

/// A token as the browser holds it. `Debug` never shows it, and it is not `Serialize`.
pub struct Token(String);

impl Token {
    /// A fresh token from the operating system's random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        // ThreadRng is a CSPRNG (ChaCha) seeded from the operating system.
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token read from a request; its value is untrusted until its hash is found.
    pub fn from_presented(value: &str) -> Option<Self> {
        // 32 bytes in unpadded base64 are 43 characters; anything else is not ours.
        let ok = value.len() == 43
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self(value.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Hex SHA-256: what the database stores and looks up. A fast hash suffices because the
    /// token has 256 bits of entropy; there is nothing to brute-force.
    pub fn hash(&self) -> String {
        crate::server::crypto::sha256_hex(&self.0)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_well_formed_and_hidden_from_debug() {
        let (a, b) = (Token::generate(), Token::generate());
        assert_ne!(a.expose(), b.expose());
        assert!(Token::from_presented(a.expose()).is_some());
        assert_eq!(a.hash().len(), 64);
        assert_eq!(format!("{a:?}"), "Token(redacted)");
    }

    #[test]
    fn foreign_values_are_not_tokens() {
        assert!(Token::from_presented("attacker-chosen").is_none());
        assert!(Token::from_presented(&"a".repeat(42)).is_none());
        assert!(Token::from_presented(&format!("{}=", "a".repeat(42))).is_none());
    }
}
