//! Encryption of a document's bytes with its own data key, in chunks, so a file of any size
//! is sealed and opened with a small, fixed amount of memory.
//!
//! Layout of a stored object: `LCS1`, a 7-byte random nonce prefix, then chunks of at most
//! `CHUNK` plaintext bytes, each sealed with AES-256-GCM (16-byte tag). A chunk's nonce is
//! the prefix, its 32-bit big-endian index and a byte that is 1 only on the final chunk, so
//! chunks cannot be reordered, dropped, or cut off at the end without the open failing.

use aes_gcm::{
    Aes256Gcm, Key, KeyInit, Nonce,
    aead::{Aead, OsRng, rand_core::RngCore},
};

/// Plaintext bytes per chunk.
pub const CHUNK: usize = 64 * 1024;
/// Bytes a sealed chunk adds: the GCM tag.
pub const TAG: usize = 16;
/// Bytes of the object header: magic and nonce prefix.
pub const HEADER: usize = 4 + PREFIX;
const MAGIC: &[u8; 4] = b"LCS1";
const PREFIX: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CipherError {
    #[error("the stored document is not in a format this version reads")]
    Format,
    #[error("the stored document was changed, cut short or sealed with another key")]
    Tampered,
    #[error("the document is larger than one key may seal")]
    TooLarge,
}

/// A document's own key. Kept only wrapped by the master key at rest; destroying the
/// wrapped copy makes every stored copy of the document unreadable.
pub struct DataKey([u8; 32]);

impl DataKey {
    pub fn generate() -> Self {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        Self(key)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.0))
    }
}

impl Drop for DataKey {
    fn drop(&mut self) {
        // Best effort: the key does not linger in freed memory longer than it must.
        self.0 = [0; 32];
    }
}

fn nonce(prefix: &[u8; PREFIX], index: u32, last: bool) -> [u8; 12] {
    let mut nonce = [0u8; 12];
    nonce[..PREFIX].copy_from_slice(prefix);
    nonce[PREFIX..PREFIX + 4].copy_from_slice(&index.to_be_bytes());
    nonce[11] = u8::from(last);
    nonce
}

/// Seals one document chunk by chunk.
pub struct Sealer {
    cipher: Aes256Gcm,
    prefix: [u8; PREFIX],
    index: u32,
}

impl Sealer {
    /// A sealer and the header to write before the first chunk.
    pub fn new(key: &DataKey) -> (Self, Vec<u8>) {
        let mut prefix = [0u8; PREFIX];
        OsRng.fill_bytes(&mut prefix);
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&prefix);
        let sealer = Self {
            cipher: key.cipher(),
            prefix,
            index: 0,
        };
        (sealer, header)
    }

    /// Seals up to `CHUNK` bytes; `last` marks the final chunk (which may be empty).
    pub fn seal(&mut self, plaintext: &[u8], last: bool) -> Result<Vec<u8>, CipherError> {
        debug_assert!(plaintext.len() <= CHUNK);
        let nonce = nonce(&self.prefix, self.index, last);
        self.index = self.index.checked_add(1).ok_or(CipherError::TooLarge)?;
        self.cipher
            .encrypt(Nonce::from_slice(&nonce), plaintext)
            .map_err(|_| CipherError::TooLarge)
    }
}

/// Opens one document chunk by chunk, in order.
pub struct Opener {
    cipher: Aes256Gcm,
    prefix: [u8; PREFIX],
    index: u32,
    finished: bool,
}

impl Opener {
    pub fn new(key: &DataKey, header: &[u8]) -> Result<Self, CipherError> {
        if header.len() != HEADER || &header[..4] != MAGIC {
            return Err(CipherError::Format);
        }
        let mut prefix = [0u8; PREFIX];
        prefix.copy_from_slice(&header[4..]);
        Ok(Self {
            cipher: key.cipher(),
            prefix,
            index: 0,
            finished: false,
        })
    }

    /// Opens the next sealed chunk (at most `CHUNK + TAG` bytes); `last` says whether the
    /// stored object ends after it. A final chunk sealed as not final, or the reverse, fails.
    pub fn open(&mut self, sealed: &[u8], last: bool) -> Result<Vec<u8>, CipherError> {
        if self.finished {
            return Err(CipherError::Tampered);
        }
        let nonce = nonce(&self.prefix, self.index, last);
        self.index = self.index.checked_add(1).ok_or(CipherError::Tampered)?;
        self.finished = last;
        self.cipher
            .decrypt(Nonce::from_slice(&nonce), sealed)
            .map_err(|_| CipherError::Tampered)
    }

    /// Whether the final chunk has been opened: an object that ends before it was cut short.
    pub fn finished(&self) -> bool {
        self.finished
    }
}

/// The stored size of a document of `plain` bytes.
pub fn sealed_len(plain: u64) -> u64 {
    let chunk = CHUNK as u64;
    // Always at least one (possibly empty) final chunk.
    let chunks = plain.div_ceil(chunk).max(1);
    HEADER as u64 + plain + chunks * TAG as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seals `plain` into one stored object, as the upload path does.
    fn seal_all(key: &DataKey, plain: &[u8]) -> Vec<u8> {
        let (mut sealer, mut out) = Sealer::new(key);
        let mut chunks = plain.chunks(CHUNK).peekable();
        if chunks.peek().is_none() {
            out.extend(sealer.seal(&[], true).unwrap_or_default());
        }
        while let Some(chunk) = chunks.next() {
            let last = chunks.peek().is_none();
            out.extend(sealer.seal(chunk, last).unwrap_or_default());
        }
        out
    }

    /// Opens a stored object, as the download path does.
    fn open_all(key: &DataKey, stored: &[u8]) -> Result<Vec<u8>, CipherError> {
        if stored.len() < HEADER {
            return Err(CipherError::Format);
        }
        let mut opener = Opener::new(key, &stored[..HEADER])?;
        let body = &stored[HEADER..];
        let mut out = Vec::new();
        let mut chunks = body.chunks(CHUNK + TAG).peekable();
        while let Some(chunk) = chunks.next() {
            out.extend(opener.open(chunk, chunks.peek().is_none())?);
        }
        if !opener.finished() {
            return Err(CipherError::Tampered);
        }
        Ok(out)
    }

    fn bytes(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 % 251) as u8).collect()
    }

    #[test]
    fn every_size_round_trips_and_has_the_expected_stored_length() {
        let key = DataKey::generate();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17] {
            let plain = bytes(len);
            let stored = seal_all(&key, &plain);
            assert_eq!(stored.len() as u64, sealed_len(len as u64), "{len}");
            assert_eq!(open_all(&key, &stored), Ok(plain), "{len}");
        }
    }

    #[test]
    fn the_same_document_seals_differently_each_time() {
        let key = DataKey::generate();
        assert_ne!(
            seal_all(&key, b"certificate"),
            seal_all(&key, b"certificate")
        );
    }

    #[test]
    fn changes_cuts_and_swaps_are_detected() {
        let key = DataKey::generate();
        let stored = seal_all(&key, &bytes(2 * CHUNK + 5));
        let mut flipped = stored.clone();
        flipped[HEADER + 10] ^= 1;
        assert_eq!(open_all(&key, &flipped), Err(CipherError::Tampered));
        // Cut at a chunk boundary: the remaining last chunk was not sealed as final.
        let cut = &stored[..HEADER + 2 * (CHUNK + TAG)];
        assert_eq!(open_all(&key, cut), Err(CipherError::Tampered));
        let mut swapped = stored[..HEADER].to_vec();
        swapped.extend_from_slice(&stored[HEADER + CHUNK + TAG..HEADER + 2 * (CHUNK + TAG)]);
        swapped.extend_from_slice(&stored[HEADER..HEADER + CHUNK + TAG]);
        swapped.extend_from_slice(&stored[HEADER + 2 * (CHUNK + TAG)..]);
        assert_eq!(open_all(&key, &swapped), Err(CipherError::Tampered));
        assert_eq!(
            open_all(&DataKey::generate(), &stored),
            Err(CipherError::Tampered)
        );
        let mut other_format = stored.clone();
        other_format[0] = b'X';
        assert_eq!(open_all(&key, &other_format), Err(CipherError::Format));
    }
}
