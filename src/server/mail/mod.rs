//! Outgoing mail. Messages are handed to a background task so a request never waits on (or
//! reveals, by its timing) the mail server; tests wait for the outbox with `settled`.

pub mod messages;

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Body, Mailbox,
        header::{ContentTransferEncoding, ContentType},
    },
};
use tokio::sync::Notify;

use super::config::{MailConfig, MailTransport};

/// One message to one person, in plain text.
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    from: Mailbox,
    transport: Transport,
    /// Where links in mail point.
    public_url: String,
    in_flight: AtomicUsize,
    idle: Notify,
}

enum Transport {
    Folder(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error("the mail folder {0} could not be created: {1}")]
    Folder(String, std::io::Error),
    #[error("LICENSURE_MAIL_FROM is not a mail address")]
    From,
    #[error("LICENSURE_SMTP_URL could not be used")]
    Smtp,
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> Result<Self, MailSetupError> {
        let transport = match &config.transport {
            MailTransport::Folder(path) => {
                std::fs::create_dir_all(path)
                    .map_err(|err| MailSetupError::Folder(path.display().to_string(), err))?;
                Transport::Folder(AsyncFileTransport::new(path))
            }
            MailTransport::Smtp(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|_| MailSetupError::Smtp)?
                    .build(),
            ),
        };
        Ok(Self {
            inner: Arc::new(Inner {
                from: config.from.parse().map_err(|_| MailSetupError::From)?,
                transport,
                public_url: config.public_url.clone(),
                in_flight: AtomicUsize::new(0),
                idle: Notify::new(),
            }),
        })
    }

    /// `path` (with its query) as a full address on this server.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.inner.public_url)
    }

    /// Queues `message` and returns at once. A failure is logged without the address.
    pub fn dispatch(&self, message: Outgoing) {
        self.inner.in_flight.fetch_add(1, Ordering::SeqCst);
        let inner = Arc::clone(&self.inner);
        tokio::spawn(async move {
            if let Err(reason) = inner.send(message).await {
                tracing::error!(target: "mail", %reason, "a message could not be sent");
            }
            if inner.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
                inner.idle.notify_waiters();
            }
        });
    }

    /// Waits until every dispatched message has been handed to the transport.
    pub async fn settled(&self) {
        loop {
            let idle = self.inner.idle.notified();
            if self.inner.in_flight.load(Ordering::SeqCst) == 0 {
                return;
            }
            idle.await;
        }
    }

    /// Whether the transport answers: the mail folder exists, or the SMTP server greets us.
    pub async fn reachable(&self) -> bool {
        match &self.inner.transport {
            Transport::Folder(_) => true,
            Transport::Smtp(smtp) => smtp.test_connection().await.unwrap_or(false),
        }
    }
}

impl Inner {
    /// The error says what failed but never quotes the server's reply, which can hold the
    /// recipient's address.
    async fn send(&self, message: Outgoing) -> Result<(), &'static str> {
        let to: Mailbox = message
            .to
            .parse()
            .map_err(|_| "the recipient is not an address")?;
        // A Message-ID in the sender's own domain: mail without one, or with `localhost`,
        // scores as spam with many receivers.
        let message_id = format!(
            "<{}@{}>",
            uuid::Uuid::new_v4().simple(),
            self.from.email.domain()
        );
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .message_id(Some(message_id))
            .subject(message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(plain_body(message.body))
            .map_err(|_| "the message could not be built")?;
        match &self.transport {
            Transport::Folder(folder) => folder
                .send(email)
                .await
                .map(drop)
                .map_err(|_| "the mail folder could not be written"),
            Transport::Smtp(smtp) => smtp.send(email).await.map(drop).map_err(|err| {
                if err.is_permanent() {
                    "the SMTP server refused the message"
                } else if err.is_transient() {
                    "the SMTP server asked to try later"
                } else {
                    "the SMTP server could not be reached"
                }
            }),
        }
    }
}

/// Plain ASCII text with lines under the 998-octet limit goes as `7bit`, which RFC 2045
/// allows, so links stay whole and readable in the `.eml` files; lettre's own choice would
/// switch to quoted-printable at 76 characters and break every link with `=3D`. Anything
/// else (a name with accents) is left to lettre's encoding.
fn plain_body(text: String) -> Body {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let seven_bit = crlf.is_ascii()
        && !crlf.contains('\0')
        && !crlf.replace("\r\n", "").contains('\r')
        && crlf.split("\r\n").all(|line| line.len() <= 998);
    if seven_bit {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::SevenBit)
    } else {
        Body::new(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ascii_links_stay_whole() {
        let link = format!(
            "https://licensure.example.org/verify-email?token={}",
            "A".repeat(43)
        );
        let body = plain_body(format!("Open this:\n\n{link}\n"));
        assert_eq!(body.encoding(), ContentTransferEncoding::SevenBit);
        let text = String::from_utf8(body.into_vec()).unwrap_or_default();
        assert!(text.contains(&link));
        assert!(text.contains("\r\n"));
    }

    #[test]
    fn other_text_is_encoded_by_lettre() {
        let body = plain_body("Hello Jos\u{e9}\n".into());
        assert_ne!(body.encoding(), ContentTransferEncoding::SevenBit);
    }
}
