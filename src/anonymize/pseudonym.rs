//! Pseudonyms: a keyed hash (HMAC-SHA-256) of the folded value picks two
//! words, so the same value always gets the same pseudonym under the same
//! key, and nobody without the key can go from a pseudonym back to a name
//! (a plain hash could be reversed by hashing a list of likely names).
//!
//! Two different values never share a pseudonym: where two would collide,
//! the one later in hash order gets a suffix derived from its own hash, so
//! adding a record renames nobody but a newly colliding value.

use std::collections::{BTreeMap, HashMap};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::anonymize::secrets::fold;

pub const ADJECTIVES: &[&str] = &[
    "Amber", "Ash", "Azure", "Birch", "Bronze", "Cedar", "Cinder", "Cobalt", "Copper", "Coral",
    "Crimson", "Dusk", "Ember", "Fern", "Flint", "Frost", "Garnet", "Ginger", "Golden", "Granite",
    "Hazel", "Indigo", "Iron", "Ivory", "Jade", "Jasper", "Juniper", "Lilac", "Linen", "Lunar",
    "Maple", "Marble", "Meadow", "Mint", "Misty", "Moss", "Nickel", "Oak", "Ochre", "Olive",
    "Onyx", "Opal", "Pearl", "Pewter", "Pine", "Quartz", "Rain", "Russet", "Rust", "Saffron",
    "Sage", "Salt", "Sand", "Scarlet", "Silver", "Slate", "Sorrel", "Spruce", "Stone", "Teal",
    "Tin", "Umber", "Velvet", "Willow",
];

pub const NOUNS: &[&str] = &[
    "Albatross",
    "Badger",
    "Bison",
    "Bittern",
    "Caribou",
    "Condor",
    "Cormorant",
    "Crane",
    "Curlew",
    "Dipper",
    "Dolphin",
    "Dunlin",
    "Egret",
    "Elk",
    "Falcon",
    "Finch",
    "Fox",
    "Gannet",
    "Gazelle",
    "Gecko",
    "Grebe",
    "Grouse",
    "Hare",
    "Harrier",
    "Hawk",
    "Heron",
    "Ibex",
    "Ibis",
    "Jackdaw",
    "Kestrel",
    "Kingfisher",
    "Kite",
    "Lapwing",
    "Lark",
    "Lemur",
    "Lynx",
    "Magpie",
    "Marten",
    "Merlin",
    "Mink",
    "Moose",
    "Nightjar",
    "Ocelot",
    "Oriole",
    "Osprey",
    "Otter",
    "Owl",
    "Panda",
    "Pelican",
    "Petrel",
    "Plover",
    "Puffin",
    "Quail",
    "Raven",
    "Robin",
    "Sandpiper",
    "Seal",
    "Shrike",
    "Stoat",
    "Swift",
    "Tern",
    "Thrush",
    "Vole",
    "Wren",
];

/// The keyed hash of a value, folded first so that `Zoë` and `ZOE` agree.
pub fn keyed_hash(key: &[u8], value: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| {
        <Hmac<Sha256> as KeyInit>::new_from_slice(b"hmac accepts any key length")
            .expect("any length")
    });
    mac.update(fold(value).as_bytes());
    let out = mac.finalize().into_bytes();
    let mut bytes = [0u8; 32];
    bytes.copy_from_slice(&out);
    bytes
}

/// Two words from hash bytes starting at `at`.
fn words(h: &[u8; 32], at: usize) -> String {
    let a = usize::from(h[at % 32]) % ADJECTIVES.len();
    let n = usize::from(h[(at + 1) % 32]) % NOUNS.len();
    format!("{} {}", ADJECTIVES[a], NOUNS[n])
}

/// Assign pseudonyms to a set of values of one kind.
///
/// `prefix` starts every pseudonym ("Client"); `avoid` says whether a
/// candidate would contain a secret (a client named "Heron Ltd" must not
/// make another client "Client Cobalt Heron"), in which case the words are
/// drawn again from further bytes of the hash.
pub fn assign(
    key: &[u8],
    prefix: &str,
    values: impl IntoIterator<Item = String>,
    avoid: &dyn Fn(&str) -> bool,
) -> HashMap<String, String> {
    // One entry per folded value: (hash, words).
    let mut by_value: BTreeMap<String, [u8; 32]> = BTreeMap::new();
    for v in values {
        let f = fold(&v);
        if !f.is_empty() {
            by_value.entry(f).or_insert_with(|| keyed_hash(key, &v));
        }
    }
    let mut base: Vec<(String, [u8; 32], String)> = by_value
        .into_iter()
        .map(|(v, h)| {
            let mut at = 0;
            let mut w = words(&h, at);
            while avoid(&w) && at < 30 {
                at += 2;
                w = words(&h, at);
            }
            (v, h, format!("{prefix} {w}"))
        })
        .collect();
    // Hash order decides who keeps a shared pseudonym.
    base.sort_by_key(|a| a.1);
    let mut taken: HashMap<String, ()> = HashMap::new();
    let mut out = HashMap::new();
    for (value, h, name) in base {
        let mut chosen = name.clone();
        let mut at = 28;
        while taken.contains_key(&chosen) {
            chosen = format!("{name} {:02X}{:02X}", h[at % 32], h[(at + 1) % 32]);
            at = at.wrapping_sub(2);
        }
        taken.insert(chosen.clone(), ());
        out.insert(value, chosen);
    }
    out
}

/// The slug form of a pseudonym: "Client Cobalt Heron" → "cobalt-heron".
pub fn slug_of(pseudonym: &str, prefix: &str) -> String {
    crate::text::slugify(pseudonym.strip_prefix(prefix).unwrap_or(pseudonym))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_keyed_and_case_insensitive() {
        let a = assign(
            b"key one, long enough",
            "Client",
            ["Harbor Freight".to_string()],
            &|_| false,
        );
        let b = assign(
            b"key one, long enough",
            "Client",
            ["HARBOR FREIGHT".to_string()],
            &|_| false,
        );
        let c = assign(
            b"another key entirely",
            "Client",
            ["Harbor Freight".to_string()],
            &|_| false,
        );
        assert_eq!(a["harbor freight"], b["harbor freight"]);
        assert!(a["harbor freight"].starts_with("Client "));
        assert_ne!(
            a["harbor freight"], c["harbor freight"],
            "the key changes every pseudonym"
        );
    }

    #[test]
    fn never_shared_and_stable_when_others_are_added() {
        let names: Vec<String> = (0..3000).map(|i| format!("Client number {i}")).collect();
        let all = assign(b"a key of sixteen+", "Client", names.clone(), &|_| false);
        let distinct: std::collections::HashSet<&String> = all.values().collect();
        assert_eq!(
            distinct.len(),
            all.len(),
            "4,096 word pairs for 3,000 values: collisions must be resolved"
        );
        // Adding values renames only values that newly collide.
        let fewer = assign(
            b"a key of sixteen+",
            "Client",
            names[..2000].to_vec(),
            &|_| false,
        );
        let renamed = fewer.iter().filter(|(v, p)| all[*v] != **p).count();
        assert!(renamed < 300, "{renamed} renamed");
    }

    #[test]
    fn avoids_words_that_are_secrets() {
        let p = assign(b"a key of sixteen+", "Client", ["X".to_string()], &|w| {
            w.contains("Heron") || w.contains("Amber")
        });
        assert!(!p["x"].contains("Heron") && !p["x"].contains("Amber"));
    }
}
