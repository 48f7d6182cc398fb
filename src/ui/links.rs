//! Addresses the app builds: links between pages, redirects, launch parameters.

/// Percent-encodes a query value (letters, digits and `-._~` stay as they are).
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(percent_encode("a-Z_0.~"), "a-Z_0.~");
        assert_eq!(
            percent_encode("{\"x\": 1}/é"),
            "%7B%22x%22%3A%201%7D%2F%C3%A9"
        );
    }
}
