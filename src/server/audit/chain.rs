//! The hash chain itself: pure functions over rows.

use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};

use super::Verification;
use crate::server::crypto::hex;
use crate::server::entities::audit_log;

/// The `prev_hash` of the very first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Both databases keep microseconds; hashing a finer time would not survive the round trip.
pub fn truncate_to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// SHA-256 over every field but the row's own id and hash, each length-prefixed so no two
/// different rows can produce the same input.
pub fn row_hash(row: &audit_log::Model) -> String {
    let at = row.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let actor = row.actor_id.map(|id| id.to_string()).unwrap_or_default();
    let fields = [
        row.prev_hash.as_str(),
        at.as_str(),
        actor.as_str(),
        row.action.as_str(),
        row.target.as_deref().unwrap_or(""),
        row.client_addr.as_deref().unwrap_or(""),
        row.outcome.as_str(),
    ];
    // The reason joins the input only when present, so rows from before it existed keep
    // their hashes; an empty reason still differs from none by its length prefix.
    let mut hasher = Sha256::new();
    for field in fields.into_iter().chain(row.reason.as_deref()) {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

pub fn verify_rows(rows: &[audit_log::Model]) -> Verification {
    let mut expected_prev = GENESIS.to_owned();
    for row in rows {
        if row.prev_hash != expected_prev || row_hash(row) != row.hash {
            return Verification::BrokenAt { id: row.id };
        }
        expected_prev = row.hash.clone();
    }
    Verification::Intact {
        rows: rows.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: usize) -> Vec<audit_log::Model> {
        let mut prev = GENESIS.to_owned();
        (0..n)
            .map(|i| {
                let mut row = audit_log::Model {
                    id: i as i64 + 1,
                    at: Utc
                        .with_ymd_and_hms(2026, 12, 4, 10, 0, i as u32)
                        .single()
                        .unwrap_or_default(),
                    actor_id: None,
                    action: "sign_in".into(),
                    target: Some(format!("session:{i}")),
                    client_addr: Some("127.0.0.1".into()),
                    outcome: "success".into(),
                    reason: None,
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                row.hash = row_hash(&row);
                prev = row.hash.clone();
                row
            })
            .collect()
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify_rows(&chain(5)), Verification::Intact { rows: 5 });
    }

    #[test]
    fn a_reason_is_covered_and_none_differs_from_empty() {
        let row = chain(1).remove(0);
        let with = |reason: Option<&str>| {
            let mut changed = row.clone();
            changed.reason = reason.map(str::to_owned);
            row_hash(&changed)
        };
        assert_eq!(with(None), row.hash);
        assert_ne!(with(Some("")), row.hash);
        assert_ne!(
            with(Some("left the practice")),
            with(Some("left the practise"))
        );
    }

    #[test]
    fn an_edited_row_is_the_first_broken_link() {
        let mut rows = chain(5);
        rows[2].outcome = "failure".into();
        assert_eq!(verify_rows(&rows), Verification::BrokenAt { id: 3 });
    }

    #[test]
    fn a_deleted_row_breaks_the_link_after_it() {
        let mut rows = chain(5);
        rows.remove(1);
        assert_eq!(verify_rows(&rows), Verification::BrokenAt { id: 3 });
    }

    #[test]
    fn field_boundaries_matter() {
        let mut a = chain(1).remove(0);
        let mut b = a.clone();
        a.action = "sign_in".into();
        a.target = Some("x".into());
        b.action = "sign_inx".into();
        b.target = Some(String::new());
        assert_ne!(row_hash(&a), row_hash(&b));
    }
}
