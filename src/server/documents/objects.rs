//! A version's objects in storage: its sealed bytes under `object_key`, and what is derived
//! from them (a thumbnail, for instance) under `<object_key>.<suffix>`. Whatever removes a
//! version removes all of them, and the sweep counts them as the version's own.

use super::storage::{Storage, StorageError};

/// Suffixes of objects derived from a version's bytes. Destroying one that was never made
/// costs a request and finds nothing.
pub const DERIVED: [&str; 1] = ["thumb"];

/// Destroys every copy of the version's derived objects, then of its own bytes. Derived
/// ones go first: if storage fails half way, the version (still listed) can be removed
/// again, and nothing derived outlives the bytes it came from.
pub async fn destroy(storage: &Storage, object_key: &str) -> Result<(), StorageError> {
    for suffix in DERIVED {
        storage.destroy(&format!("{object_key}.{suffix}")).await?;
    }
    storage.destroy(object_key).await
}

/// The version object keys `key` may belong to: itself, and every part of it that ends
/// just before a dot (`documents/d/v.thumb` belongs to `documents/d/v`).
pub fn owners(key: &str) -> impl Iterator<Item = &str> {
    key.char_indices()
        .filter(|(_, c)| *c == '.')
        .map(|(at, _)| &key[..at])
        .filter(|owner| !owner.is_empty() && !owner.ends_with('/'))
        .chain(std::iter::once(key))
}

#[cfg(test)]
mod tests {
    use super::owners;

    #[test]
    fn a_derived_object_belongs_to_its_version() {
        let found: Vec<&str> = owners("documents/d/v.thumb").collect();
        assert_eq!(found, ["documents/d/v", "documents/d/v.thumb"]);
        let found: Vec<&str> = owners("documents/d/v").collect();
        assert_eq!(found, ["documents/d/v"]);
        let found: Vec<&str> = owners("documents/d/v.thumb.png").collect();
        assert_eq!(
            found,
            [
                "documents/d/v",
                "documents/d/v.thumb",
                "documents/d/v.thumb.png"
            ]
        );
        let found: Vec<&str> = owners("documents/.hidden").collect();
        assert_eq!(found, ["documents/.hidden"]);
    }
}
