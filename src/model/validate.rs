//! Checking a parsed document against a JSON Schema derived from our types.
//!
//! serde stops at the first mistake and its messages quote values, so
//! instead the document tree is walked against the schema that `schemars`
//! generates from the same types serde reads into. The walk collects every
//! problem of the file with its path; the caller turns paths into lines and
//! columns. Values of fields marked `x-sensitive` are never quoted.
//!
//! Only the schema keywords our types produce are understood: `type`,
//! `properties`, `required`, `additionalProperties`, `items`, `enum`,
//! `const`, `anyOf`/`oneOf`, `$ref`, `minimum`, and our `x-check`.

use serde_json::Value;

use crate::diag::did_you_mean;
use crate::load::yaml::{Seg, path_string};
use crate::model::record::{Date, is_currency};

mod words;
use words::{describe, field_name, kind_of, matches_type, type_help, type_names};

/// One problem, at a path inside the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: Vec<Seg>,
    pub message: String,
    pub help: Option<String>,
    /// Point at the value (a wrong type or value) rather than the key.
    pub at_value: bool,
    /// The value may be a secret pasted into the wrong field (a name where
    /// a reason goes): not quoted, and no snippet of its line.
    pub hide_value: bool,
}

/// Validate `doc` against `schema` (whose `$defs` resolve `$ref`s).
pub fn validate(doc: &Value, schema: &Value) -> Vec<Problem> {
    validate_with(doc, &Compiled::new(schema))
}

/// Validate `doc` against a schema read once ([`Compiled`]): what a run
/// that validates every record does.
pub fn validate_with(doc: &Value, schema: &Compiled<'_>) -> Vec<Problem> {
    let mut v = Validator {
        root: schema.root,
        nodes: Some(schema),
        problems: Vec::new(),
    };
    let mut path = Vec::new();
    v.check(doc, schema.root, &mut path, false);
    v.problems
}

/// What the walk reads of one node of a schema, looked up once: each node
/// was a dozen look-ups in maps of keywords for every value of every
/// record (a twentieth of a small build).
struct Node<'s> {
    /// The node, its `$ref` followed.
    schema: &'s Value,
    sensitive: bool,
    /// `anyOf`/`oneOf`: whether one alternative allows null, and the one
    /// alternative that is not null where there is exactly one.
    alts: Option<(bool, Option<&'s Value>)>,
    types: Vec<String>,
    allowed: Option<&'s Vec<Value>>,
    check: Option<&'s str>,
    minimum: Option<f64>,
    items: Option<&'s Value>,
    props: Option<&'s serde_json::Map<String, Value>>,
    closed: bool,
    required: Option<&'s Vec<Value>>,
}

/// A schema with every node reachable from its root read once, by the
/// node's address.
pub struct Compiled<'s> {
    root: &'s Value,
    nodes: std::collections::HashMap<usize, Node<'s>, ahash::RandomState>,
    /// What a document of this schema is, for messages ("unknown field
    /// `x` in a record").
    what: &'static str,
}

impl<'s> Compiled<'s> {
    pub fn new(root: &'s Value) -> Compiled<'s> {
        let v = Validator {
            root,
            nodes: None,
            problems: Vec::new(),
        };
        let mut nodes = std::collections::HashMap::default();
        let mut todo: Vec<&'s Value> = vec![root];
        while let Some(raw) = todo.pop() {
            let key = std::ptr::from_ref(raw) as usize;
            if nodes.contains_key(&key) {
                continue;
            }
            let n = v.read_node(raw);
            todo.extend(n.items);
            todo.extend(n.props.iter().flat_map(|p| p.values()));
            if let Some(alts) = n
                .schema
                .get("anyOf")
                .or_else(|| n.schema.get("oneOf"))
                .and_then(Value::as_array)
            {
                todo.extend(alts.iter());
            }
            nodes.insert(key, n);
        }
        Compiled {
            root,
            nodes,
            what: "a record",
        }
    }

    /// The same, naming its documents `what` in messages.
    pub fn about(self, what: &'static str) -> Compiled<'s> {
        Compiled { what, ..self }
    }
}

struct Validator<'s> {
    root: &'s Value,
    /// The schema read once, where the caller has it.
    nodes: Option<&'s Compiled<'s>>,
    problems: Vec<Problem>,
}

impl<'s> Validator<'s> {
    fn resolve(&self, schema: &'s Value) -> &'s Value {
        let mut s = schema;
        for _ in 0..16 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let name = r.rsplit('/').next().unwrap_or("");
                    match self.root.get("$defs").and_then(|d| d.get(name)) {
                        Some(target) => s = target,
                        None => return s,
                    }
                }
                None => return s,
            }
        }
        s
    }

    fn report(&mut self, path: &[Seg], message: String, help: Option<String>) {
        self.problems.push(Problem {
            path: path.to_vec(),
            message,
            help,
            at_value: true,
            hide_value: false,
        });
    }

    /// [`Validator::report`] of a value that is not shown.
    fn report_hidden(&mut self, path: &[Seg], message: String, help: Option<String>) {
        self.report(path, message, help);
        if let Some(p) = self.problems.last_mut() {
            p.hide_value = true;
        }
    }

    /// A problem with the key itself (unknown) or the mapping (missing field).
    fn report_key(&mut self, path: &[Seg], message: String, help: Option<String>) {
        self.report(path, message, help);
        if let Some(p) = self.problems.last_mut() {
            p.at_value = false;
        }
    }

    /// What the walk reads of schema node `raw`.
    fn read_node(&self, raw: &'s Value) -> Node<'s> {
        let schema = self.resolve(raw);
        let alts = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
            .map(|alts| {
                let null = alts.iter().any(|a| self.allows_null(a));
                let non_null: Vec<&'s Value> =
                    alts.iter().filter(|a| !self.is_null_schema(a)).collect();
                let only = non_null.first().copied().filter(|_| non_null.len() == 1);
                (null, only)
            });
        Node {
            schema,
            sensitive: schema.get("x-sensitive") == Some(&Value::Bool(true)),
            alts,
            types: type_names(schema),
            allowed: schema.get("enum").and_then(Value::as_array),
            check: schema.get("x-check").and_then(Value::as_str),
            minimum: schema.get("minimum").and_then(Value::as_f64),
            items: schema.get("items"),
            props: schema.get("properties").and_then(Value::as_object),
            closed: schema.get("additionalProperties") == Some(&Value::Bool(false)),
            required: schema.get("required").and_then(Value::as_array),
        }
    }

    fn check(&mut self, doc: &Value, raw: &'s Value, path: &mut Vec<Seg>, sensitive: bool) {
        let read;
        let node = match self
            .nodes
            .and_then(|c| c.nodes.get(&(std::ptr::from_ref(raw) as usize)))
        {
            Some(n) => n,
            None => {
                read = self.read_node(raw);
                &read
            }
        };
        let schema = node.schema;
        let sensitive = sensitive || node.sensitive;

        // Option<T>: anyOf [T, null]; our types never use other unions.
        if let Some((null, only)) = node.alts {
            if doc.is_null() && null {
                return;
            }
            if let Some(only) = only {
                // Carry our own extensions down into the referenced schema.
                let sens = sensitive || only.get("x-sensitive") == Some(&Value::Bool(true));
                self.check(doc, only, path, sens);
                return;
            }
        }

        let types = &node.types;
        if !types.is_empty() && !types.iter().any(|t| matches_type(doc, t)) {
            let want = describe(schema, types);
            let got = kind_of(doc);
            let field = field_name(path);
            let help = type_help(doc, types, schema);
            self.report(path, format!("{field} should be {want}, not {got}"), help);
            return;
        }

        if let Some(allowed) = node.allowed {
            if !allowed.contains(doc) {
                let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
                let typo = doc
                    .as_str()
                    .and_then(|s| did_you_mean(s, names.iter().copied()));
                // A value near an allowed one is a typo, shown; any other
                // may be a secret pasted into the wrong field.
                let mut help = format!("allowed: {}", names.join(", "));
                if let Some(m) = typo {
                    help = format!("did you mean `{m}`? {help}");
                }
                let message = match (doc.as_str(), typo) {
                    (Some(s), Some(_)) if !sensitive => format!(
                        "{} is `{s}`, which is not one of the allowed values",
                        field_name(path)
                    ),
                    (Some(_), _) => {
                        format!("{} is not one of the allowed values", field_name(path))
                    }
                    (None, _) => format!(
                        "{} is not a word, and not one of the allowed values",
                        field_name(path)
                    ),
                };
                if typo.is_some() || doc.as_str().is_none() {
                    self.report(path, message, Some(help));
                } else {
                    self.report_hidden(path, message, Some(help));
                }
            }
            return;
        }

        if let Some(check) = node.check
            && let Some(s) = doc.as_str()
        {
            self.custom_check(check, s, path, sensitive);
        }

        if let (Some(min), Some(n)) = (node.minimum, doc.as_f64())
            && n < min
        {
            self.report(
                path,
                format!("{} must be at least {min}", field_name(path)),
                None,
            );
        }

        match doc {
            Value::Object(map) => self.check_object(map, node, path, sensitive),
            Value::Array(items) => {
                if let Some(item_schema) = node.items {
                    for (i, item) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.check(item, item_schema, path, sensitive);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    fn check_object(
        &mut self,
        map: &serde_json::Map<String, Value>,
        node: &Node<'s>,
        path: &mut Vec<Seg>,
        sensitive: bool,
    ) {
        let (props, closed, required) = (node.props, node.closed, node.required);
        for (key, value) in map {
            match props.and_then(|p| p.get(key)) {
                Some(prop) => {
                    path.push(Seg::Key(key.clone()));
                    self.check(value, prop, path, sensitive);
                    path.pop();
                }
                None if closed => {
                    let known: Vec<&str> = props
                        .iter()
                        .flat_map(|p| p.keys())
                        .map(String::as_str)
                        .collect();
                    let where_ = if path.is_empty() {
                        self.nodes.map_or("a record", |n| n.what).to_string()
                    } else {
                        format!("`{}`", path_string(path))
                    };
                    let help = match did_you_mean(key, known.iter().copied()) {
                        Some(m) => {
                            format!("did you mean `{m}`? (fields here: {})", known.join(", "))
                        }
                        None => format!("fields here: {}", known.join(", ")),
                    };
                    path.push(Seg::Key(key.clone()));
                    self.report_key(
                        path,
                        format!("unknown field `{key}` in {where_}"),
                        Some(help),
                    );
                    path.pop();
                }
                None => {}
            }
        }
        if let Some(required) = required {
            for r in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(r) {
                    let hint = props
                        .and_then(|p| p.get(r))
                        .map(|p| self.resolve(p))
                        .map(|p| match p.get("enum").and_then(Value::as_array) {
                            Some(vals) => format!(
                                "add `{r}: <{}>`",
                                vals.iter()
                                    .filter_map(Value::as_str)
                                    .collect::<Vec<_>>()
                                    .join(" | ")
                            ),
                            None if p.get("x-check") == Some(&Value::String("date".into())) => {
                                format!("add `{r}: YYYY-MM-DD`")
                            }
                            None if p.get("type") == Some(&Value::String("object".into())) => {
                                format!("add the `{r}:` section")
                            }
                            None => format!("add `{r}: ...`"),
                        })
                        .unwrap_or_else(|| format!("add `{r}`"));
                    let where_ = if path.is_empty() {
                        String::new()
                    } else {
                        format!(" under `{}`", path_string(path))
                    };
                    let mut full = path.clone();
                    full.push(Seg::Key(r.to_string()));
                    self.report_key(
                        path,
                        format!("missing required field `{}`", path_string(&full)),
                        Some(format!("{hint}{where_}")),
                    );
                }
            }
        }
    }

    fn custom_check(&mut self, check: &str, s: &str, path: &[Seg], sensitive: bool) {
        match check {
            "date" => {
                if let Err(why) = Date::parse(s) {
                    // A date with letters in it may be a secret pasted in.
                    let plain = !sensitive && !s.contains(char::is_alphabetic);
                    let shown = if plain {
                        format!(" `{s}`")
                    } else {
                        String::new()
                    };
                    let message = format!("{}{shown} is not a valid date: {why}", field_name(path));
                    let help = Some("write dates as YYYY-MM-DD, e.g. 2025-03-31, or YYYY-MM when only the month is known".into());
                    if plain {
                        self.report(path, message, help);
                    } else {
                        self.report_hidden(path, message, help);
                    }
                }
            }
            "currency" if !is_currency(s) => {
                let help =
                    Some("use a three-letter ISO 4217 code in capitals: USD, EUR, GBP, PLN".into());
                if s.chars().count() <= 4 && !sensitive {
                    self.report(
                        path,
                        format!("{} `{s}` is not a currency code", field_name(path)),
                        help,
                    );
                } else {
                    self.report_hidden(
                        path,
                        format!("{} is not a currency code", field_name(path)),
                        help,
                    );
                }
            }
            "slug" if !crate::text::is_plain_slug(s) => {
                self.report(
                    path,
                    format!(
                        "{} may hold only lowercase letters, digits and single hyphens",
                        field_name(path)
                    ),
                    Some("e.g. slug: late-proofs-2025".into()),
                );
            }
            _ => {}
        }
    }

    fn allows_null(&self, schema: &Value) -> bool {
        let s = self.resolve(schema);
        type_names(s).iter().any(|t| t == "null")
    }

    fn is_null_schema(&self, schema: &Value) -> bool {
        let s = self.resolve(schema);
        let t = type_names(s);
        t.len() == 1 && t[0] == "null"
    }
}

/// Every string of `doc` that `schema` marks `x-markdown`, with its path
/// (for warnings about what rendering removes from a record's text).
pub fn markdown_strings<'d>(doc: &'d Value, schema: &Value) -> Vec<(Vec<Seg>, &'d str)> {
    marked_strings(doc, schema, "x-markdown")
}

/// Every string of `doc` that `schema` marks with `mark` (`x-markdown`,
/// `x-sensitive`), with its path.
pub fn marked_strings<'d>(doc: &'d Value, schema: &Value, mark: &str) -> Vec<(Vec<Seg>, &'d str)> {
    let v = Validator {
        root: schema,
        nodes: None,
        problems: Vec::new(),
    };
    let mut out = Vec::new();
    let mut path = Vec::new();
    v.marked(doc, schema, (mark, false), &mut path, &mut out);
    out
}

impl<'s> Validator<'s> {
    fn marked<'d>(
        &self,
        doc: &'d Value,
        schema: &'s Value,
        (mark, marked): (&str, bool),
        path: &mut Vec<Seg>,
        out: &mut Vec<(Vec<Seg>, &'d str)>,
    ) {
        let schema = self.resolve(schema);
        let marked = marked || schema.get(mark) == Some(&Value::Bool(true));
        if let Some(alts) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            for a in alts.iter().filter(|a| !self.is_null_schema(a)) {
                let m = marked || a.get(mark) == Some(&Value::Bool(true));
                self.marked(doc, a, (mark, m), path, out);
            }
            return;
        }
        match doc {
            Value::String(s) if marked => out.push((path.clone(), s.as_str())),
            Value::Object(map) => {
                let props = schema.get("properties").and_then(Value::as_object);
                for (k, v) in map {
                    if let Some(p) = props.and_then(|p| p.get(k)) {
                        path.push(Seg::Key(k.clone()));
                        self.marked(v, p, (mark, false), path, out);
                        path.pop();
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item) = schema.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        path.push(Seg::Index(i));
                        self.marked(v, item, (mark, marked), path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;
    use crate::model::record;

    fn problems(src: &str) -> Vec<Problem> {
        validate(&yaml::parse(src).unwrap(), &record::schema())
    }

    const OK: &str = "client:\n  name: X\nexit:\n  date: 2025-03-31\n  initiated_by: client\n  reason: complaint\noutcome: exited\n";

    #[test]
    fn a_minimal_record_is_valid() {
        assert_eq!(problems(OK), vec![]);
    }

    #[test]
    fn reports_every_problem_at_once() {
        let src = "clinet: {}\nexit:\n  date: 2025-13-01\n  initiated_by: them\n  reason: complants\noutcome: gone\ncontacts:\n  - name: Dana Whitfield\n    phone: 5035550142\n";
        let ps = problems(src);
        let msgs: Vec<String> = ps
            .iter()
            .map(|p| format!("{} | {:?}", p.message, p.help))
            .collect();
        let all = msgs.join("\n");
        assert!(all.contains("unknown field `clinet`"), "{all}");
        assert!(all.contains("did you mean `client`"), "{all}");
        assert!(all.contains("missing required field `client`"), "{all}");
        assert!(all.contains("no month 13"), "{all}");
        assert!(all.contains("did you mean `complaint`"), "{all}");
        assert!(all.contains("`exit.initiated_by`"), "{all}");
        assert!(all.contains("`outcome`"), "{all}");
        assert!(all.contains("`contacts[0].phone` should be text"), "{all}");
        assert!(
            !all.contains("5035550142"),
            "a sensitive value was quoted: {all}"
        );
        assert_eq!(ps.len(), 7, "{all}");
    }

    #[test]
    fn nested_types_and_money() {
        let src = format!(
            "{OK}engagement:\n  value: {{ amount: lots, currency: usd, per: week }}\nfarewell:\n  thank_you_sent: maybe\n"
        );
        let all: Vec<String> = problems(&src).into_iter().map(|p| p.message).collect();
        assert_eq!(all.len(), 4, "{all:?}");
    }
}
