//! A document's bytes on their way to and from storage: sealed with the document's data key
//! chunk by chunk while they stream, so neither direction holds a whole file in memory.

use bytes::Bytes;
use futures_util::{Stream, stream};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncWriteExt};

use super::{
    cipher::{CHUNK, CipherError, DataKey, HEADER, Opener, Sealer, TAG},
    storage::{ObjectReader, Storage, StorageError, fill},
};

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the upload ended before the whole file arrived")]
    Interrupted,
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Cipher(#[from] CipherError),
}

/// What was stored: the plaintext's size and SHA-256 (hex), read as it streamed past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub size: u64,
    pub sha256: String,
}

/// Seals `plaintext` into the pipe to storage, refusing more than `limit` bytes.
async fn seal_into(
    key: &DataKey,
    plaintext: &mut (dyn AsyncRead + Send + Unpin),
    limit: u64,
    mut sink: tokio::io::DuplexStream,
) -> Result<Stored, VaultError> {
    let interrupted = |_| VaultError::Interrupted;
    let (mut sealer, header) = Sealer::new(key);
    sink.write_all(&header).await.map_err(interrupted)?;
    let mut hash = Sha256::new();
    let mut size = 0u64;
    let mut current = vec![0u8; CHUNK];
    let mut len = fill(plaintext, &mut current).await.map_err(interrupted)?;
    loop {
        // One chunk of lookahead: the final chunk is sealed as final.
        let mut next = vec![0u8; CHUNK];
        let next_len = if len == CHUNK {
            fill(plaintext, &mut next).await.map_err(interrupted)?
        } else {
            0
        };
        size += len as u64;
        if size > limit {
            return Err(VaultError::TooLarge { limit });
        }
        hash.update(&current[..len]);
        let last = next_len == 0;
        let sealed = sealer.seal(&current[..len], last)?;
        sink.write_all(&sealed).await.map_err(interrupted)?;
        if last {
            break;
        }
        current = next;
        len = next_len;
    }
    sink.shutdown().await.map_err(interrupted)?;
    Ok(Stored {
        size,
        sha256: crate::server::crypto::hex(&hash.finalize()),
    })
}

/// Seals `plaintext` with `key` and stores it as `object`. On any failure nothing is left
/// under `object`.
pub async fn store(
    storage: &Storage,
    object: &str,
    key: &DataKey,
    plaintext: &mut (dyn AsyncRead + Send + Unpin),
    limit: u64,
) -> Result<Stored, VaultError> {
    // The pipe holds a few chunks: enough to keep both sides busy, small enough to stay flat.
    let (sink, mut source) = tokio::io::duplex(4 * (CHUNK + TAG));
    // Both sides run to their end. A failed seal closes the pipe, so storage may have kept
    // a cut-off object: it is destroyed below before anything refers to it.
    let (sealed, put) = tokio::join!(seal_into(key, plaintext, limit, sink), async {
        storage.put(object, &mut source).await
    });
    let outcome = match (sealed, put) {
        (Ok(stored), Ok(_)) => return Ok(stored),
        // A storage failure explains a broken pipe on the sealing side, not the reverse.
        (_, Err(err)) => VaultError::Storage(err),
        (Err(err), Ok(_)) => err,
    };
    if let Err(cleanup) = storage.destroy(object).await {
        tracing::warn!(error = %cleanup, "a failed upload's object could not be removed; the sweep will");
    }
    Err(outcome)
}

/// The opened bytes of `object`, streamed chunk by chunk. The header is checked before
/// this returns; a chunk that fails to open later ends the stream with an error, so a
/// changed or cut-off object is never delivered as if it were whole.
pub async fn open(
    storage: &Storage,
    object: &str,
    key: &DataKey,
) -> Result<impl Stream<Item = std::io::Result<Bytes>> + Send + 'static, VaultError> {
    let mut reader = storage.get(object).await?;
    let mut header = [0u8; HEADER];
    let read = fill(&mut reader, &mut header)
        .await
        .map_err(|err| VaultError::Storage(err.into()))?;
    let opener = Opener::new(key, &header[..read])?;
    let mut first = vec![0u8; CHUNK + TAG];
    let first_len = fill(&mut reader, &mut first)
        .await
        .map_err(|err| VaultError::Storage(err.into()))?;
    first.truncate(first_len);
    struct State {
        reader: ObjectReader,
        opener: Opener,
        pending: Option<Vec<u8>>,
    }
    let state = State {
        reader,
        opener,
        pending: Some(first),
    };
    Ok(stream::try_unfold(state, |mut state| async move {
        let Some(current) = state.pending.take() else {
            return Ok(None);
        };
        let mut next = vec![0u8; CHUNK + TAG];
        let next_len = fill(&mut state.reader, &mut next).await?;
        next.truncate(next_len);
        let last = next_len == 0;
        let plain = state
            .opener
            .open(&current, last)
            .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, err))?;
        if !last {
            state.pending = Some(next);
        }
        Ok(Some((Bytes::from(plain), state)))
    }))
}

/// The whole opened object in memory, for the few readers that need it at once (a
/// thumbnail's decoder, a PDF's parser); `None` when it is larger than `cap` bytes.
pub async fn read_whole(
    storage: &Storage,
    object: &str,
    key: &DataKey,
    cap: u64,
) -> Result<Option<Vec<u8>>, VaultError> {
    use futures_util::TryStreamExt;
    let mut chunks = Box::pin(open(storage, object, key).await?);
    let mut whole = Vec::new();
    while let Some(chunk) = chunks
        .try_next()
        .await
        .map_err(|err| VaultError::Storage(err.into()))?
    {
        if (whole.len() + chunk.len()) as u64 > cap {
            return Ok(None);
        }
        whole.extend_from_slice(&chunk);
    }
    Ok(Some(whole))
}
