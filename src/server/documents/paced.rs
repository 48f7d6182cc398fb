//! An upload's request body, handed to the multipart parser a little at a time. The parser
//! (multer) keeps reading for as long as the body has bytes ready and buffers them all, so a
//! client faster than storage, or a body already in memory, would fill the server's memory
//! with the file. Pausing after `BURST` bytes lets the parser hand what it has to the
//! sealing pipe first; memory then stays at a few chunks whatever the file's size (measured
//! by `benches/document_stream.rs`: +115 MB for a 100 MiB upload without the pause).

use std::{
    pin::Pin,
    task::{Context, Poll},
};

use bytes::Bytes;
use futures_util::Stream;

/// Bytes passed on between pauses: a few network reads, one sealing chunk.
const BURST: usize = 64 * 1024;

pub struct Paced<S> {
    inner: S,
    since_pause: usize,
}

impl<S> Paced<S> {
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            since_pause: 0,
        }
    }
}

impl<S, E> Stream for Paced<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    type Item = Result<Bytes, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.since_pause >= BURST {
            // A pause the parser sees as "nothing yet"; the task is woken at once to go on.
            self.since_pause = 0;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let polled = Pin::new(&mut self.inner).poll_next(cx);
        match &polled {
            Poll::Ready(Some(Ok(bytes))) => self.since_pause += bytes.len(),
            Poll::Pending => self.since_pause = 0,
            Poll::Ready(_) => {}
        }
        polled
    }
}

#[cfg(test)]
mod tests {
    use std::task::{Context, Poll, Waker};

    use bytes::Bytes;
    use futures_util::{Stream, stream};

    use super::{BURST, Paced};

    #[test]
    fn a_ready_body_is_passed_on_a_burst_at_a_time() {
        let pieces = (0..10).map(|_| Ok::<_, ()>(Bytes::from(vec![0u8; BURST / 2])));
        let mut paced = Paced::new(stream::iter(pieces));
        let mut cx = Context::from_waker(Waker::noop());
        let mut seen = Vec::new();
        loop {
            match std::pin::Pin::new(&mut paced).poll_next(&mut cx) {
                Poll::Ready(Some(Ok(bytes))) => seen.push(bytes.len()),
                Poll::Ready(_) => break,
                Poll::Pending => seen.push(0),
            }
        }
        let total: usize = seen.iter().sum();
        assert_eq!(total, 5 * BURST, "every byte arrives");
        // Never more than a burst between two pauses.
        for run in seen.split(|len| *len == 0) {
            assert!(run.iter().sum::<usize>() <= BURST, "{seen:?}");
        }
    }
}
