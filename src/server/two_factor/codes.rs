//! TOTP arithmetic: pure functions over a secret and a time.

use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Builder, Secret, Totp, TotpError};

pub const STEP_SECONDS: i64 = 30;

/// 160 random bits, the size RFC 4226 recommends for HMAC-SHA-1.
pub fn new_secret() -> Vec<u8> {
    Secret::generate().as_ref().to_vec()
}

pub fn totp(secret: Vec<u8>, account: &str) -> Result<Totp, TotpError> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(STEP_SECONDS as u64)
        .with_skew(0)
        .with_secret(secret)
        .with_issuer(Some("Licensure"))
        .with_account_name(account)
        .build()
}

pub fn base32(totp: &Totp) -> String {
    Secret::from(totp.secret().as_ref().to_vec()).to_base32()
}

/// Six digits, spaces allowed between them (apps show "123 456").
pub fn looks_like_totp(code: &str) -> bool {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The step (current, else previous) whose code equals `code`, compared in constant time.
pub fn matching_step(totp: &Totp, code: &str, unix_seconds: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let current = unix_seconds.div_euclid(STEP_SECONDS);
    [current, current - 1].into_iter().find(|step| {
        let expected = totp
            .generate((step * STEP_SECONDS).max(0) as u64)
            .to_string();
        bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Totp {
        // RFC 6238 appendix B's SHA-1 test secret.
        totp(b"12345678901234567890".to_vec(), "test").unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn the_rfc_test_vector_matches() {
        // RFC 6238, T = 59 s: 94287082 with 8 digits, so 287082 with 6.
        assert_eq!(sample().generate(59).to_string(), "287082");
    }

    #[test]
    fn current_and_previous_steps_only() {
        let t = sample();
        let now = 1_000_000_020;
        let step = now / STEP_SECONDS;
        let code_at = |s: i64| t.generate((s * STEP_SECONDS) as u64).to_string();
        assert_eq!(matching_step(&t, &code_at(step), now), Some(step));
        assert_eq!(matching_step(&t, &code_at(step - 1), now), Some(step - 1));
        assert_eq!(matching_step(&t, &code_at(step - 2), now), None);
        assert_eq!(matching_step(&t, &code_at(step + 1), now), None);
    }

    #[test]
    fn codes_may_have_a_space_but_nothing_else() {
        assert!(looks_like_totp("123 456"));
        assert!(!looks_like_totp("12345"));
        assert!(!looks_like_totp("ABCD-EFGH"));
    }
}
