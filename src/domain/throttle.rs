//! How long sign-in stays closed after repeated failures: nothing for the first few typos,
//! then a delay that doubles with each further failure, capped at an hour. OWASP's
//! authentication guidance asks for exponential back-off rather than a permanent lock, so an
//! attacker cannot lock a real user out for good.

/// Failures allowed before any delay.
pub const FREE_FAILURES: u32 = 5;
/// Longest delay, in minutes.
pub const MAX_DELAY_MINUTES: u32 = 60;

/// Minutes to wait after the given number of consecutive failures; `None` means no wait.
pub fn delay_minutes(failures: u32) -> Option<u32> {
    let over = failures.checked_sub(FREE_FAILURES)?;
    let minutes = 1u32.checked_shl(over).unwrap_or(u32::MAX);
    Some(minutes.min(MAX_DELAY_MINUTES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_failures_cost_nothing() {
        for failures in 0..FREE_FAILURES {
            assert_eq!(delay_minutes(failures), None);
        }
    }

    #[test]
    fn delays_double_then_cap_at_an_hour() {
        assert_eq!(delay_minutes(5), Some(1));
        assert_eq!(delay_minutes(6), Some(2));
        assert_eq!(delay_minutes(7), Some(4));
        assert_eq!(delay_minutes(10), Some(32));
        assert_eq!(delay_minutes(11), Some(60));
        assert_eq!(delay_minutes(500), Some(60));
    }
}
