//! The record's value types that are not plain strings or numbers: a
//! currency code and a calendar date, each with its own check and schema.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};

/// A three-letter ISO 4217 currency code, such as USD, EUR or PLN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Currency(pub String);

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "A three-letter ISO 4217 currency code, such as USD, EUR or PLN.",
            "x-check": "currency"
        })
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if is_currency(&s) {
            Ok(Currency(s))
        } else {
            Err(serde::de::Error::custom("invalid currency code"))
        }
    }
}

pub fn is_currency(s: &str) -> bool {
    s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase())
}

/// A calendar date, to the day (`2025-03-31`) or to the month (`2025-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    /// `None` for a month-precision date.
    pub day: Option<u8>,
}

impl Date {
    /// Parse `YYYY-MM-DD` or `YYYY-MM`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err("a date is written YYYY-MM-DD (2025-03-31) or YYYY-MM (2025-03)".into());
        }
        let year: u16 = parts[0].parse().map_err(|_| "bad year".to_string())?;
        let month: u8 = parts[1].parse().map_err(|_| "bad month".to_string())?;
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        let day = match parts.get(2) {
            Some(d) => {
                let day: u8 = d.parse().map_err(|_| "bad day".to_string())?;
                let max = days_in_month(year, month);
                if day == 0 || day > max {
                    return Err(format!("{year}-{month:02} has no day {day}"));
                }
                Some(day)
            }
            None => None,
        };
        Ok(Date { year, month, day })
    }

    /// A sortable key: month-precision dates sort at the start of their month.
    pub fn ordinal(&self) -> u32 {
        u32::from(self.year) * 10_000
            + u32::from(self.month) * 100
            + u32::from(self.day.unwrap_or(0))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "A date: YYYY-MM-DD, or YYYY-MM when only the month is known.",
            "x-check": "date"
        })
    }
}
