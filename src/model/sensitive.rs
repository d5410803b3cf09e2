//! Every sensitive value of a record, in one list: the fields the record
//! type marks `x-sensitive` (the schema, and so the validator and the
//! masking of diagnostics, read that mark), with what kind of value each
//! is. The secret set and the fingerprint that says when to make it again
//! both read this list, so a sensitive field is declared here and in the
//! type, nowhere else; a test fails when the two disagree.

use crate::model::record::Record;

/// What a sensitive value is: it decides which forms of it are secrets and
/// what stands in for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The client's name.
    Client,
    /// Another name the client goes by.
    Alias,
    /// A web or email domain of the client.
    Domain,
    /// A contact's name, email or phone (by the contact's index).
    ContactName(usize),
    ContactEmail(usize),
    ContactPhone(usize),
    /// Our account owner.
    Owner,
    /// Any other string to keep out of the site.
    Other,
}

/// One sensitive value, with the field it is in (`contacts[1].email`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sensitive<'r> {
    pub field: String,
    pub text: &'r str,
    pub kind: Kind,
}

/// Every sensitive value of `r`, in the record's order.
pub fn values(r: &Record) -> Vec<Sensitive<'_>> {
    let mut list: Vec<Sensitive<'_>> = Vec::new();
    list.push(Sensitive {
        field: "client.name".into(),
        text: &r.client.name,
        kind: Kind::Client,
    });
    for (i, a) in r.client.aliases.iter().enumerate() {
        list.push(Sensitive {
            field: format!("client.aliases[{i}]"),
            text: a,
            kind: Kind::Alias,
        });
    }
    for (i, d) in r.client.domains.iter().enumerate() {
        list.push(Sensitive {
            field: format!("client.domains[{i}]"),
            text: d,
            kind: Kind::Domain,
        });
    }
    for (i, c) in r.contacts.iter().enumerate() {
        let fields = [
            ("name", &c.name, Kind::ContactName(i)),
            ("email", &c.email, Kind::ContactEmail(i)),
            ("phone", &c.phone, Kind::ContactPhone(i)),
        ];
        for (name, value, kind) in fields {
            if let Some(text) = value.as_deref() {
                list.push(Sensitive {
                    field: format!("contacts[{i}].{name}"),
                    text,
                    kind,
                });
            }
        }
    }
    if let Some(o) = r.owner.as_deref() {
        list.push(Sensitive {
            field: "owner".into(),
            text: o,
            kind: Kind::Owner,
        });
    }
    for (i, s) in r.sensitive.iter().enumerate() {
        list.push(Sensitive {
            field: format!("sensitive[{i}]"),
            text: s,
            kind: Kind::Other,
        });
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::path_string;
    use crate::model::record::schema;
    use crate::model::validate::marked_strings;

    /// A record with every field filled, twice where a field is a list.
    const FULL: &str = r#"
title: A title
client:
  name: Org One
  aliases: [Alias One, Alias Two]
  domains: [one.example, two.example]
  industry: Retail
  region: North
  size: "10-50"
contacts:
  - {name: Ann Person, role: Director, email: ann@one.example, phone: "+44 20 7946 0000"}
  - {name: Bob Person, role: Buyer, email: bob@one.example, phone: "+48 22 123 45 67"}
owner: Our Owner
exit: {date: 2025-01-02, initiated_by: client, reason: price}
outcome: exited
sensitive: [Secret One, Secret Two]
notes: some notes
"#;

    #[test]
    fn the_list_is_every_field_the_type_marks_sensitive() {
        let doc = crate::load::yaml::parse(FULL).expect("the test record parses");
        let record: Record = serde_json::from_value(doc.clone()).expect("a valid record");
        let listed: Vec<(String, &str)> = values(&record)
            .into_iter()
            .map(|s| (s.field, s.text))
            .collect();
        let marked: Vec<(String, &str)> = marked_strings(&doc, &schema(), "x-sensitive")
            .into_iter()
            .map(|(p, s)| (path_string(&p), s))
            .collect();
        let mut a = listed.clone();
        let mut b = marked.clone();
        a.sort();
        b.sort();
        assert_eq!(
            a, b,
            "model::sensitive::values and the x-sensitive marks of the record type disagree"
        );
        assert_eq!(listed.len(), 14, "every field of the test record is filled");
    }
}
