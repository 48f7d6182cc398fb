//! File sizes as people read them. Powers of 1024, like the upload limit and quota.

/// `512 bytes`, `12 KB`, `4.2 MB`, `1.1 GB`: one decimal below ten, none above.
pub fn readable(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(readable(0), "0 bytes");
        assert_eq!(readable(1023), "1023 bytes");
        assert_eq!(readable(1024), "1.0 KB");
        assert_eq!(readable(300_000), "293 KB");
        assert_eq!(readable(20 * 1024 * 1024), "20 MB");
        assert_eq!(readable(5 * 1024 * 1024 + 300_000), "5.3 MB");
        assert_eq!(readable(3 * 1024 * 1024 * 1024), "3.0 GB");
    }
}
