//! The phone-number library's metadata, made ready one calling code at a
//! time.
//!
//! The library's own database checks (by compiling them) the regular
//! expressions of all of its 245 regions the first time a number is
//! parsed: some 600 million instructions, a fifth of a second of one core
//! on every build, for numbers that come from a handful of countries. The
//! same metadata (`phonenumber/PhoneNumberMetadata.xml`, the file the
//! library's version is built from, Apache-2.0, libphonenumber) is read
//! here once, and a database is made for each calling code a number uses,
//! of that code's regions only. The library then parses with it as with
//! its own.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use phonenumber::country::Id;
use phonenumber::metadata::{Database, loader};

const XML: &str = include_str!("phonenumber/PhoneNumberMetadata.xml");

/// Every region's metadata, as read from the XML.
static REGIONS: LazyLock<Vec<loader::Metadata>> =
    LazyLock::new(|| loader::load(Cursor::new(XML)).unwrap_or_default());

/// Every calling code there is.
static CODES: LazyLock<HashSet<u16>> =
    LazyLock::new(|| REGIONS.iter().filter_map(|m| m.country_code).collect());

/// The databases made so far, by calling code.
static MADE: LazyLock<Mutex<HashMap<u16, Option<Arc<Database>>>>> = LazyLock::new(Mutex::default);

/// The database of calling code `code`'s regions, its main region first;
/// none for a code no region has.
pub fn database(code: u16) -> Option<Arc<Database>> {
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    made.entry(code)
        .or_insert_with(|| {
            let regions: Vec<loader::Metadata> = REGIONS
                .iter()
                .filter(|m| m.country_code == Some(code))
                .cloned()
                .collect();
            (!regions.is_empty())
                .then(|| Database::from(regions).ok().map(Arc::new))
                .flatten()
        })
        .clone()
}

/// The calling code international digits start with: calling codes are a
/// prefix code, so the first of one, two or three digits that is one.
pub fn calling_code(digits: &str) -> Option<u16> {
    (1..=digits.len().min(3)).find_map(|n| {
        let code: u16 = digits[..n].parse().ok()?;
        CODES.contains(&code).then_some(code)
    })
}

/// The calling code of region `id`.
pub fn code_of(id: Id) -> Option<u16> {
    let id: &str = id.as_ref();
    REGIONS
        .iter()
        .find(|m| m.id.as_deref() == Some(id))
        .and_then(|m| m.country_code)
}

/// The main region of calling code `code` in `db` (none for codes of no
/// region, such as `+800`).
pub fn main_region(db: &Database, code: u16) -> Option<Id> {
    db.region(&code)?.first()?.parse().ok()
}
