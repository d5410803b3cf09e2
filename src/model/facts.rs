//! Facts: record fields published as they are, declared by one mark on the
//! field (`#[schemars(extend("x-fact" = true))]` in [`super::record`]).
//!
//! Most published fields have a presentation of their own (the reason is a
//! badge, dates make the timeline, industry and region are generalised by
//! k-anonymity). A field that is only a fact about the case — a word, a
//! choice, a number, a yes or no, a date — needs none: marked `x-fact`, it
//! is published on the case page's facts, in `check --show` and in the
//! search index, labelled from the interface text's `[fact.<path>]` table
//! (`label`, and a label per choice). Adding such a field touches the record
//! type and the two shipped language tables, nothing else.
//!
//! The schema says where the facts are and what kind each is; that is read
//! once per type, and a record is read through its serialised form only when
//! its type has facts at all.

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use super::values::Date;

/// A fact of one record: its field's dotted path and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// `engagement.channel`: also its interface text's table, `fact.<path>`.
    pub path: String,
    pub value: FactValue,
}

/// A fact's value, by what its field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    /// Free text (one line; the anonymizer scrubs it before it is shown).
    Text(String),
    /// One value of an enumeration, as written in records (`third-party`).
    Choice(String),
    Number(String),
    Flag(bool),
    Date(Date),
}

/// What kind of value a fact field holds, from its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Choice,
    Number,
    Flag,
    Date,
    /// Anything else (an object): not publishable as one fact.
    Other,
}

/// Where the facts of a type are: each marked field's path and kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactFields(pub Vec<FactField>);

/// One field marked `x-fact`.
#[derive(Debug, Clone, PartialEq)]
pub struct FactField {
    /// Its keys from the record's top: `["engagement", "channel"]`.
    pub path: Vec<String>,
    pub kind: Kind,
    /// A choice's values, as written in records.
    pub choices: Vec<String>,
}

impl FactFields {
    /// The fact fields of the record format. The schema is a property of
    /// the compiled type, so it is read once.
    pub fn of_record() -> &'static FactFields {
        static FIELDS: OnceLock<FactFields> = OnceLock::new();
        FIELDS.get_or_init(|| FactFields::of(&super::record::schema()))
    }

    /// The fields `schema` marks `x-fact`, in the schema's order.
    pub fn of(schema: &Value) -> FactFields {
        let mut out = Vec::new();
        walk(schema, schema, &mut Vec::new(), &mut out);
        FactFields(out)
    }

    /// The facts `doc` (a value of the schema's type) holds; empty fields
    /// are left out. A list is one fact per item.
    pub fn read(&self, doc: &impl Serialize) -> Vec<Fact> {
        if self.0.is_empty() {
            return Vec::new();
        }
        let Ok(doc) = serde_json::to_value(doc) else {
            return Vec::new();
        };
        let mut facts = Vec::new();
        for FactField { path, kind, .. } in &self.0 {
            let Some(v) = path.iter().try_fold(&doc, |v, k| v.get(k)) else {
                continue;
            };
            let items = match v {
                Value::Array(items) => items.iter().collect(),
                v => vec![v],
            };
            let name = path.join(".");
            facts.extend(items.into_iter().filter_map(|v| {
                let value = fact_value(v, *kind)?;
                Some(Fact {
                    path: name.clone(),
                    value,
                })
            }));
        }
        facts
    }
}

fn fact_value(v: &Value, kind: Kind) -> Option<FactValue> {
    Some(match (kind, v) {
        (Kind::Choice, Value::String(s)) => FactValue::Choice(s.clone()),
        (Kind::Date, Value::String(s)) => FactValue::Date(Date::parse(s).ok()?),
        (Kind::Text, Value::String(s)) if !s.trim().is_empty() => FactValue::Text(s.clone()),
        (Kind::Number, Value::Number(n)) => FactValue::Number(n.to_string()),
        (Kind::Flag, Value::Bool(b)) => FactValue::Flag(*b),
        _ => return None,
    })
}

/// Collect the `x-fact` fields under `schema` (at `path`) into `out`.
fn walk(root: &Value, schema: &Value, path: &mut Vec<String>, out: &mut Vec<FactField>) {
    let schema = resolve(root, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, prop) in props {
            path.push(name.clone());
            if prop.get("x-fact") == Some(&Value::Bool(true)) {
                out.push(FactField {
                    path: path.clone(),
                    kind: kind(root, prop),
                    choices: choices(root, prop),
                });
            } else if let Some(inner) = not_null(root, prop) {
                walk(root, inner, path, out);
            }
            path.pop();
        }
    }
}

/// The kind of value a field's schema allows (`Option`s and lists seen
/// through).
fn kind(root: &Value, schema: &Value) -> Kind {
    let Some(s) = not_null(root, schema) else {
        return Kind::Other;
    };
    if let Some(items) = s.get("items") {
        return kind(root, items);
    }
    if s.get("enum").is_some() || s.get("oneOf").is_some() {
        return Kind::Choice;
    }
    if s.get("x-check").and_then(Value::as_str) == Some("date") {
        return Kind::Date;
    }
    let types: Vec<&str> = match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    match types.iter().find(|t| **t != "null").copied() {
        Some("string") => Kind::Text,
        Some("integer" | "number") => Kind::Number,
        Some("boolean") => Kind::Flag,
        Some("array") => Kind::Other,
        _ => Kind::Other,
    }
}

/// The values a choice field allows (none for any other field).
fn choices(root: &Value, schema: &Value) -> Vec<String> {
    let Some(s) = not_null(root, schema) else {
        return Vec::new();
    };
    let s = s.get("items").map_or(s, |i| not_null(root, i).unwrap_or(i));
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    match (s.get("enum"), s.get("oneOf").and_then(Value::as_array)) {
        (Some(e), _) => strings(e),
        (None, Some(alts)) => alts
            .iter()
            .flat_map(|a| {
                let a = resolve(root, a);
                a.get("const")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .into_iter()
                    .chain(strings(a.get("enum").unwrap_or(&Value::Null)))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `schema` with `$ref`s followed and a `null` alternative (an `Option`)
/// taken away; `None` when it is only `null`.
fn not_null<'v>(root: &'v Value, schema: &'v Value) -> Option<&'v Value> {
    let s = resolve(root, schema);
    match s.get("anyOf").and_then(Value::as_array) {
        Some(alts) => alts
            .iter()
            .map(|a| resolve(root, a))
            .find(|a| a.get("type").and_then(Value::as_str) != Some("null")),
        None => Some(s),
    }
}

fn resolve<'v>(root: &'v Value, schema: &'v Value) -> &'v Value {
    let mut s = schema;
    for _ in 0..16 {
        let Some(r) = s.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let name = r.rsplit('/').next().unwrap_or("");
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(target) => s = target,
            None => break,
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemars::JsonSchema;

    /// A made-up record type with one fact of every kind.
    #[derive(Serialize, JsonSchema)]
    struct Toy {
        #[schemars(extend("x-fact" = true))]
        channel: Option<String>,
        #[schemars(extend("x-fact" = true))]
        contract: Option<Contract>,
        inner: Option<Inner>,
        /// Not a fact.
        secret: String,
    }

    #[derive(Serialize, JsonSchema)]
    struct Inner {
        #[schemars(extend("x-fact" = true))]
        seats: Option<u32>,
        #[schemars(extend("x-fact" = true))]
        renewed: bool,
        #[schemars(extend("x-fact" = true))]
        signed: Option<Date>,
        #[schemars(extend("x-fact" = true))]
        tools: Vec<String>,
    }

    #[derive(Serialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    #[allow(dead_code)] // only its schema reads `Retainer`
    enum Contract {
        Retainer,
        FixedPrice,
    }

    fn toy_fields() -> FactFields {
        FactFields::of(&schemars::schema_for!(Toy).to_value())
    }

    #[test]
    fn a_marked_field_of_every_kind_is_found_with_its_kind() {
        let f = toy_fields();
        let found: Vec<(String, Kind)> = f.0.iter().map(|f| (f.path.join("."), f.kind)).collect();
        let contract =
            f.0.iter()
                .find(|f| f.path == ["contract"])
                .map(|f| &f.choices);
        assert_eq!(
            contract,
            Some(&vec!["retainer".to_string(), "fixed-price".to_string()])
        );
        assert_eq!(
            found,
            vec![
                ("channel".into(), Kind::Text),
                ("contract".into(), Kind::Choice),
                ("inner.renewed".into(), Kind::Flag),
                ("inner.seats".into(), Kind::Number),
                ("inner.signed".into(), Kind::Date),
                ("inner.tools".into(), Kind::Text),
            ]
        );
    }

    #[test]
    fn a_record_publishes_its_facts_and_nothing_unmarked() {
        let toy = Toy {
            channel: Some("referral".into()),
            contract: Some(Contract::FixedPrice),
            inner: Some(Inner {
                seats: Some(12),
                renewed: false,
                signed: Date::parse("2024-05").ok(),
                tools: vec!["crm".into(), "wiki".into()],
            }),
            secret: "not a fact".into(),
        };
        let facts = toy_fields().read(&toy);
        let values: Vec<(&str, FactValue)> = facts
            .iter()
            .map(|f| (f.path.as_str(), f.value.clone()))
            .collect();
        assert_eq!(
            values,
            vec![
                ("channel", FactValue::Text("referral".into())),
                ("contract", FactValue::Choice("fixed-price".into())),
                ("inner.renewed", FactValue::Flag(false)),
                ("inner.seats", FactValue::Number("12".into())),
                (
                    "inner.signed",
                    FactValue::Date(Date::parse("2024-05").unwrap())
                ),
                ("inner.tools", FactValue::Text("crm".into())),
                ("inner.tools", FactValue::Text("wiki".into())),
            ]
        );
        let empty = Toy {
            channel: None,
            contract: None,
            inner: None,
            secret: String::new(),
        };
        assert!(toy_fields().read(&empty).is_empty());
    }

    /// Every object in `v` that holds both `a` and `b` set to true.
    fn both_marks(v: &Value, a: &str, b: &str) -> usize {
        let here = |o: &serde_json::Map<String, Value>| {
            usize::from(
                o.get(a) == Some(&Value::Bool(true)) && o.get(b) == Some(&Value::Bool(true)),
            )
        };
        match v {
            Value::Object(o) => here(o) + o.values().map(|v| both_marks(v, a, b)).sum::<usize>(),
            Value::Array(items) => items.iter().map(|v| both_marks(v, a, b)).sum(),
            _ => 0,
        }
    }

    #[test]
    fn no_fact_of_the_record_is_sensitive_or_an_object() {
        // A sensitive value must never be published as it is: the two marks
        // exclude each other, and a fact is one value a page can show.
        let schema = crate::model::record::schema();
        for f in &FactFields::of(&schema).0 {
            assert_ne!(
                f.kind,
                Kind::Other,
                "fact {} is not one value",
                f.path.join(".")
            );
        }
        assert_eq!(both_marks(&schema, "x-fact", "x-sensitive"), 0);
        // The check itself sees both marks where they are.
        let planted = serde_json::json!({"p": {"q": {"x-fact": true, "x-sensitive": true}}});
        assert_eq!(both_marks(&planted, "x-fact", "x-sensitive"), 1);
    }
}
