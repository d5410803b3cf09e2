//! How a schema problem is put in words: the types a value may have, what
//! it is instead, and a hint that fits.

use serde_json::Value;

use crate::load::yaml::{Seg, path_string};

pub(super) fn type_names(schema: &Value) -> Vec<String> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn matches_type(doc: &Value, t: &str) -> bool {
    match t {
        "null" => doc.is_null(),
        "boolean" => doc.is_boolean(),
        "string" => doc.is_string(),
        "integer" => doc.is_i64() || doc.is_u64(),
        "number" => doc.is_number(),
        "array" => doc.is_array(),
        "object" => doc.is_object(),
        _ => true,
    }
}

pub(super) fn describe(schema: &Value, types: &[String]) -> String {
    if schema.get("x-check").and_then(Value::as_str) == Some("date") {
        return "a date (YYYY-MM-DD or YYYY-MM)".into();
    }
    let words: Vec<&str> = types
        .iter()
        .filter(|t| *t != "null")
        .map(|t| match t.as_str() {
            "boolean" => "true or false",
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "array" => "a list",
            "object" => "a mapping of fields",
            _ => "something else",
        })
        .collect();
    words.join(" or ")
}

pub(super) fn kind_of(doc: &Value) -> &'static str {
    match doc {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

pub(super) fn type_help(doc: &Value, types: &[String], schema: &Value) -> Option<String> {
    let want = |t: &str| types.iter().any(|x| x == t);
    if want("string") && (doc.is_number() || doc.is_boolean()) {
        return Some("put the value in quotes to make it text, e.g. \"50-200\"".into());
    }
    if want("array") && !doc.is_array() {
        return Some("write a list as [a, b] or as lines starting with \"- \"".into());
    }
    if want("object") {
        let fields: Vec<&str> = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        return Some(format!("indent the fields below it: {}", fields.join(", ")));
    }
    if want("boolean") {
        return Some("write true or false".into());
    }
    if (want("integer") || want("number")) && doc.is_string() {
        return Some("write the number without quotes or units, e.g. 4200".into());
    }
    None
}

pub(super) fn field_name(path: &[Seg]) -> String {
    if path.is_empty() {
        "the record".into()
    } else {
        format!("`{}`", path_string(path))
    }
}
