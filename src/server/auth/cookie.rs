//! The session cookie: `__Host-` prefixed and `Secure` over HTTPS, always HttpOnly and
//! SameSite=Lax (Lax, not Strict, so a link from an email still arrives signed in; writes
//! are guarded separately by the same-origin check).

use axum::http::{HeaderMap, HeaderValue, header};

use super::token::Token;

const SECURE_NAME: &str = "__Host-licensure_session";
const PLAIN_NAME: &str = "licensure_session";

fn name(https: bool) -> &'static str {
    if https { SECURE_NAME } else { PLAIN_NAME }
}

/// `Set-Cookie` for a new session. No `Max-Age`: the server enforces the lifetime, and the
/// browser drops the cookie when it closes.
pub fn set(token: &Token, https: bool) -> Option<HeaderValue> {
    let secure = if https { "; Secure" } else { "" };
    let value = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax{secure}",
        name(https),
        token.expose()
    );
    HeaderValue::from_str(&value).ok()
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(https: bool) -> HeaderValue {
    let value = if https {
        "__Host-licensure_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0"
    } else {
        "licensure_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    };
    HeaderValue::from_static(value)
}

/// The session token a request presents, if any.
pub fn read(headers: &HeaderMap, https: bool) -> Option<Token> {
    let wanted = name(https);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == wanted)
        .and_then(|(_, value)| Token::from_presented(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_round_trips_and_carries_its_flags() {
        let token = Token::generate();
        let set = set(&token, true).map(|v| v.to_str().unwrap_or_default().to_owned());
        let set = set.unwrap_or_default();
        assert!(set.starts_with("__Host-licensure_session="));
        for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(set.contains(flag), "{set}");
        }
        let mut headers = HeaderMap::new();
        let cookie = format!("theme=dark; __Host-licensure_session={}", token.expose());
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static("")),
        );
        assert_eq!(read(&headers, true).map(|t| t.hash()), Some(token.hash()));
        assert!(read(&headers, false).is_none());
    }
}
