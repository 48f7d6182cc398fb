//! A cheap hash for short names and ids that come from the catalog or the clinician's own case.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiplicative hash over 8-byte words: the keys are short and not chosen by an attacker
/// who could profit from collisions (a collision only costs a comparison), so the
/// DoS-resistant default hasher is not needed.
#[derive(Default)]
pub struct FastHasher(u64);

impl FastHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut full = [0u8; 8];
            full.copy_from_slice(word);
            self.mix(u64::from_le_bytes(full));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.mix(u64::from_le_bytes(word));
        }
    }

    // `str` hashes end with one marker byte; mixing it directly skips the byte-slice path.
    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastBuild = BuildHasherDefault<FastHasher>;

/// Whether no two of `hashes` are equal; may answer `false` for distinct hashes (rarely), so a
/// `false` calls for an exact check.
pub fn all_distinct(hashes: &[u64]) -> bool {
    // Open addressing in a table at least twice the size of the list; 0 marks a free slot, so
    // a hash of 0 is stored as 1 (the rare false alarm that allows).
    let size = (hashes.len() * 2).next_power_of_two().max(16);
    let mut table = vec![0u64; size];
    let mask = size - 1;
    for &hash in hashes {
        let hash = hash.max(1);
        let mut slot = (hash >> 32) as usize & mask;
        loop {
            match table[slot] {
                0 => {
                    table[slot] = hash;
                    break;
                }
                seen if seen == hash => return false,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
    true
}
