//! The `licensure` binary as an operator uses it.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

use licensure::server::entities::user;
use sea_orm::{EntityTrait, PaginatorTrait};

fn licensure(args: &[&str], data_dir: &std::path::Path, stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_licensure"))
        .args(args)
        .env_clear()
        .env("LICENSURE_DATA_DIR", data_dir)
        .env("LICENSURE_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("binary finishes")
}

const ADMIN: [&str; 7] = [
    "create-admin",
    "--email",
    "Ops.Lead@Example.org",
    "--username",
    "ops_lead",
    "--display-name",
    "Operations Lead",
];

async fn count_users(data_dir: &std::path::Path) -> u64 {
    let url = format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("licensure.db").display()
    );
    let db = sea_orm::Database::connect(url.as_str())
        .await
        .expect("connect");
    user::Entity::find().count(&db).await.expect("count")
}

#[tokio::test]
async fn create_admin_takes_the_password_from_stdin_and_refuses_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let created = licensure(&ADMIN, dir.path(), "Violet-Harbour-Lantern-42\n");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created administrator ops_lead"));

    // Same email in other case, other username: still the same account.
    let mut again = ADMIN;
    again[2] = "ops.lead@example.ORG";
    again[4] = "someone_else";
    let duplicate = licensure(&again, dir.path(), "Violet-Harbour-Lantern-42\n");
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));
    assert_eq!(count_users(dir.path()).await, 1);
}

#[tokio::test]
async fn a_weak_password_names_the_rule_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let weak = licensure(&ADMIN, dir.path(), "alllowercase\n");
    assert!(!weak.status.success());
    let stderr = String::from_utf8_lossy(&weak.stderr);
    assert!(stderr.contains("upper-case letter"), "{stderr}");
    assert!(stderr.contains("digit"), "{stderr}");
    assert_eq!(count_users(dir.path()).await, 0);
}

#[tokio::test]
async fn a_bad_email_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = ADMIN;
    bad[2] = "not-an-email";
    let output = licensure(&bad, dir.path(), "Violet-Harbour-Lantern-42\n");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("email address"));
    assert_eq!(count_users(dir.path()).await, 0);
}

#[test]
fn a_bad_variable_stops_start_up_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_licensure"))
        .args(["migrate"])
        .env_clear()
        .env("LICENSURE_DATA_DIR", dir.path())
        .env("LICENSURE_ADDR", "localhost")
        .output()
        .expect("binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("LICENSURE_ADDR") && stderr.contains("127.0.0.1:3000"),
        "{stderr}"
    );
}

#[test]
fn every_command_has_help() {
    for command in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["create-admin", "--help"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_licensure"))
            .args(&command)
            .output()
            .expect("binary runs");
        assert!(output.status.success(), "{command:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("Usage:"),
            "{command:?}"
        );
    }
}

#[tokio::test]
async fn verify_audit_reports_an_intact_chain_after_create_admin() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        licensure(&ADMIN, dir.path(), "Violet-Harbour-Lantern-42\n")
            .status
            .success()
    );
    let output = licensure(&["verify-audit"], dir.path(), "");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("intact: 1 rows"));
}
