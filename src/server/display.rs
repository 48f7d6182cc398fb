//! How the server writes moments for people to read: to the minute, in UTC, said so.

use chrono::{DateTime, Utc};

pub fn minute(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
