//! A small open-addressed table from names (credit types, topic keys) to numbers.
//!
//! Looking up the type and topics of every credit took about a tenth of an evaluation with
//! the standard hash map (issue 4 benchmark): hashing through `Hasher`, then `memcmp`. Here a
//! name hashes from two word loads, and names of up to 16 bytes compare as two words.

#[derive(Clone, Debug, Default)]
pub struct NameTable {
    /// A power of two in size and at most half full, so every probe meets a free slot.
    slots: Vec<Option<Entry>>,
    len: usize,
}

#[derive(Clone, Debug)]
struct Entry {
    len: usize,
    head: u64,
    tail: u64,
    /// The whole name, compared only when the words do not cover it (over 16 bytes).
    name: Box<str>,
    value: u64,
}

/// The first and last eight bytes of `bytes`, zero-padded when shorter: for names of up to
/// 16 bytes, equal lengths and equal words mean equal names.
fn words(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    if n >= 8 {
        (word(&bytes[..8]), word(&bytes[n - 8..]))
    } else {
        let mut padded = [0u8; 8];
        padded[..n].copy_from_slice(bytes);
        (u64::from_le_bytes(padded), 0)
    }
}

fn word(eight: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(eight);
    u64::from_le_bytes(bytes)
}

fn slot_of(len: usize, head: u64, tail: u64, mask: usize) -> usize {
    let mixed = (head ^ tail.rotate_left(29) ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> 32) as usize & mask
}

impl NameTable {
    /// How many names the table holds.
    pub fn count(&self) -> usize {
        self.len
    }

    pub fn get(&self, name: &str) -> Option<u64> {
        if self.slots.is_empty() {
            return None;
        }
        let (head, tail) = words(name.as_bytes());
        let mask = self.slots.len() - 1;
        let mut slot = slot_of(name.len(), head, tail, mask);
        loop {
            match &self.slots[slot] {
                None => return None,
                Some(e)
                    if e.len == name.len()
                        && e.head == head
                        && e.tail == tail
                        && (e.len <= 16 || *e.name == *name) =>
                {
                    return Some(e.value);
                }
                Some(_) => slot = (slot + 1) & mask,
            }
        }
    }

    /// Adds `name` with `value` unless the table already holds the name (the first value stays).
    pub fn insert_new(&mut self, name: &str, value: u64) {
        if self.get(name).is_some() {
            return;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (head, tail) = words(name.as_bytes());
        self.place(Entry {
            len: name.len(),
            head,
            tail,
            name: name.into(),
            value,
        });
        self.len += 1;
    }

    fn place(&mut self, entry: Entry) {
        let mask = self.slots.len() - 1;
        let mut slot = slot_of(entry.len, entry.head, entry.tail, mask);
        while self.slots[slot].is_some() {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = Some(entry);
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, (0..size).map(|_| None).collect());
        for entry in old.into_iter().flatten() {
            self.place(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NameTable;

    #[test]
    fn finds_names_of_every_length_and_keeps_the_first_value() {
        let names: Vec<String> = (0..40).map(|n| "x".repeat(n) + &n.to_string()).collect();
        let mut table = NameTable::default();
        for (i, name) in names.iter().enumerate() {
            table.insert_new(name, i as u64);
        }
        table.insert_new(&names[3], 99);
        assert_eq!(table.count(), names.len());
        for (i, name) in names.iter().enumerate() {
            assert_eq!(table.get(name), Some(i as u64));
        }
        // Same length, first and last eight bytes as a stored long name: still not found.
        let long = format!("{}y{}", "x".repeat(20), "x".repeat(10));
        table.insert_new(&"x".repeat(31), 7);
        assert_eq!(table.get(&long), None);
        assert_eq!(table.get(""), None);
        assert_eq!(table.get("AMA_PRA_1"), None);
    }
}
