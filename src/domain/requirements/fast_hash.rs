//! A cheap hash for short names and ids that come from the catalog or the clinician's own case.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiplicative hash over 8-byte words: the keys are short and not chosen by an attacker
/// who could profit from collisions (a collision only costs a comparison), so the
/// DoS-resistant default hasher is not needed.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastBuild = BuildHasherDefault<FastHasher>;
