//! Log output: human-readable text by default, JSON for log collectors.

use tracing_subscriber::{EnvFilter, fmt};

use super::config::LogConfig;

/// Installs the global subscriber; later calls (as in tests) leave the first one in place.
pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_new(&config.filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_target(true);
    let _ = if config.json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.compact().try_init()
    };
}
