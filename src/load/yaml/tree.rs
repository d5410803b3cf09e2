//! YAML read straight into the `serde_json::Value` tree that every later
//! stage takes: the library drives this visitor, and no tree of its own
//! is built and converted on the way (that tree, a hashed map per
//! mapping, and its conversion cost about a seventh of reading a record).
//!
//! It reads as the library's own `Value` would, then converted: a key that
//! is not a string becomes its text (`1`, `true`, `null`), a complex key
//! `(complex key)`; a tag is dropped for the value it tags; a float that
//! JSON cannot hold is its YAML text (`.nan`, `.inf`); the same key twice
//! in one mapping is an error (keys compared as the library compares them:
//! `1` and `"1"` are two keys).

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_json::{Map, Number, Value};

/// The seed (and visitor) of one YAML node.
pub(super) struct Tree;

impl<'de> DeserializeSeed<'de> for Tree {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A float as a JSON number, or, where JSON has none, as YAML writes it.
fn float(f: f64) -> Value {
    Number::from_f64(f).map_or_else(
        || {
            let text = if f.is_nan() {
                ".nan"
            } else if f > 0.0 {
                ".inf"
            } else {
                "-.inf"
            };
            Value::String(text.into())
        },
        Value::Number,
    )
}

/// A mapping key's text.
fn key_text(k: Value) -> String {
    match k {
        Value::String(s) => s,
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => "null".into(),
        Value::Array(_) | Value::Object(_) => "(complex key)".into(),
    }
}

impl<'de> Visitor<'de> for Tree {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(float(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(Tree)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Tree)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        // Every key so far as it was written, once one is not a string
        // (nearly never: until then the map's own keys say which came).
        let mut written: Option<Vec<Value>> = None;
        while let Some(k) = map.next_key_seed(Tree)? {
            let twice = match (&k, &mut written) {
                (_, Some(all)) => all.contains(&k),
                (Value::String(s), None) => out.contains_key(s),
                (_, None) => {
                    written = Some(out.keys().map(|s| Value::String(s.clone())).collect());
                    false
                }
            };
            if twice {
                return Err(de::Error::custom("duplicate entry in one mapping"));
            }
            if let Some(all) = &mut written {
                all.push(k.clone());
            }
            let value = map.next_value_seed(Tree)?;
            out.insert(key_text(k), value);
        }
        Ok(Value::Object(out))
    }

    /// A tagged node (`!thing value`): its value.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (_tag, value): (de::IgnoredAny, _) = data.variant()?;
        let _ = 1;
        value.newtype_variant_seed(Tree)
    }
}
