//! The interface text labels every fact of the record format: a test of
//! render's tables against the model's fact fields, so it lives where both
//! are known.

use crate::model::facts;

/// The text at a dotted `path` of `t`, if there is one.
fn lookup<'t>(t: &'t toml::Table, path: &str) -> Option<&'t str> {
    let mut parts = path.split('.');
    let mut v = t.get(parts.next()?)?;
    for p in parts {
        v = v.get(p)?;
    }
    v.as_str()
}

/// Every table's labels of the record's facts: `label`, and one per
/// choice. (The check runs over whatever fields are marked `x-fact`; with
/// a made-up table it is shown to catch a missing label.)
fn missing_fact_labels(tables: &[(&str, &str)], fields: &facts::FactFields) -> Vec<String> {
    let mut missing = Vec::new();
    for (lang, text) in tables {
        let t: toml::Table = text.parse().unwrap_or_default();
        for f in &fields.0 {
            let table = format!("fact.{}", f.path.join("."));
            let wanted = std::iter::once("label".to_string()).chain(f.choices.iter().cloned());
            for key in wanted {
                let path = format!("{table}.{key}");
                if lookup(&t, &path).is_none() {
                    missing.push(format!("{lang}: {path}"));
                }
            }
        }
    }
    missing
}

#[test]
fn every_fact_of_the_record_is_labelled_in_every_language() {
    let fields = facts::FactFields::of_record();
    let missing = missing_fact_labels(crate::render::i18n::BUILT_IN, fields);
    assert!(missing.is_empty(), "facts without a label: {missing:?}");

    let made_up = facts::FactFields(vec![facts::FactField {
        path: vec!["engagement".into(), "contract".into()],
        kind: facts::Kind::Choice,
        choices: vec!["retainer".into()],
    }]);
    let tables = [
        (
            "en",
            "[fact.engagement.contract]\nlabel = \"Contract\"\nretainer = \"Retainer\"\n",
        ),
        ("pl", "[fact.engagement.contract]\nlabel = \"Umowa\"\n"),
    ];
    assert_eq!(
        missing_fact_labels(&tables, &made_up),
        vec!["pl: fact.engagement.contract.retainer".to_string()]
    );
}
