//! Mail through a real SMTP server (aiosmtpd from Debian, writing a Maildir), the way a
//! production deployment sends it.

use std::{
    net::{Ipv4Addr, TcpListener, TcpStream},
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::support::{TestApp, parse_message};

const PYTHON: &str = "/usr/bin/python3";

/// An SMTP server on a free local port, stopped when dropped.
struct SmtpSink {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl SmtpSink {
    /// Starts the server, or says why it cannot (fatal when `CI=true`).
    fn start() -> Option<Self> {
        let installed = Command::new(PYTHON)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|status| status.success());
        if !installed {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true and aiosmtpd is missing: apt-get install python3-aiosmtpd");
            }
            eprintln!(
                "aiosmtpd not installed (apt-get install python3-aiosmtpd); SMTP test skipped."
            );
            return None;
        }
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|listener| listener.local_addr())
            .map(|addr| addr.port())
            .expect("a free port");
        let maildir = tempfile::tempdir().expect("temporary folder");
        let child = Command::new(PYTHON)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            // Python creates the Maildir's subfolders only when the folder is new.
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        let sink = Self {
            child,
            port,
            maildir,
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(sink)
    }

    fn received(&self) -> Vec<crate::support::SentEmail> {
        let new = self.maildir.path().join("box").join("new");
        read_dir(&new)
    }
}

fn read_dir(folder: &Path) -> Vec<crate::support::SentEmail> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                .map(|raw| parse_message(&raw))
                .collect()
        })
        .unwrap_or_default()
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn verification_mail_reaches_a_real_smtp_server() {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let url = format!("smtp://127.0.0.1:{}", sink.port);
    let app = TestApp::sqlite_with(&[
        ("LICENSURE_SMTP_URL", &url),
        (
            "LICENSURE_MAIL_FROM",
            "Licensure Test <noreply@licensure.test>",
        ),
        ("LICENSURE_PUBLIC_URL", "https://licensure.example.org"),
    ])
    .await;
    assert!(app.state.mailer.reachable().await);
    app.with_clinician("smtp_user").await;
    app.state.mailer.settled().await;

    let received = sink.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let mail = &received[0];
    assert_eq!(mail.to, "smtp_user@example.org");
    assert_eq!(mail.subject, "Confirm your email address for Licensure");
    // Each message is identified in the sender's domain, never as `localhost`.
    assert!(
        mail.message_id.starts_with('<') && mail.message_id.ends_with("@licensure.test>"),
        "{}",
        mail.message_id
    );
    assert!(
        mail.body
            .contains("https://licensure.example.org/verify-email?token="),
        "{}",
        mail.body
    );
    // Nothing was written to the folder transport.
    assert!(app.sent_emails().await.is_empty());
}
