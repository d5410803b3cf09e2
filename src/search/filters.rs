//! The filters' files: `f/NAME-K.js`, the documents having value K of
//! filter NAME.

use std::collections::HashMap;

use super::format::{FilterDocs, push_number};
use super::{FILTERS, FilterGroup, FilterValue, Page, script};
use crate::output::{Dep, OutputFile};

/// One file per filter value listing its documents; returns the filters
/// with their values, most common first.
pub(super) fn filters(
    pages: &[&Page<'_>],
    doc_of_page: &[u32],
    deps: &[Dep],
    files: &mut Vec<OutputFile>,
) -> Vec<FilterGroup> {
    let mut groups = Vec::new();
    for &(name, label) in FILTERS {
        // value → (label, docs)
        let mut values: Vec<(String, String, Vec<u32>)> = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        for (p, page) in pages.iter().enumerate() {
            for (f, value, vlabel) in &page.facets {
                if *f != name {
                    continue;
                }
                let k = *at.entry(value.as_str()).or_insert_with(|| {
                    values.push((value.clone(), vlabel.clone(), Vec::new()));
                    values.len() - 1
                });
                let docs = &mut values[k].2;
                if docs.last() != Some(&doc_of_page[p]) {
                    docs.push(doc_of_page[p]);
                }
            }
        }
        values.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then_with(|| a.1.cmp(&b.1)));
        for (k, (_, _, docs)) in values.iter().enumerate() {
            let mut list = String::with_capacity(docs.len() * 2);
            let mut last = 0;
            for d in docs {
                push_number(&mut list, d - last);
                last = *d;
            }
            files.push(script(
                &format!("f/{name}-{k}"),
                &FilterDocs { docs: list },
                deps.to_vec(),
            ));
        }
        groups.push(FilterGroup {
            name,
            label,
            values: values
                .into_iter()
                .map(|(value, label, docs)| FilterValue {
                    value,
                    label,
                    count: docs.len(),
                })
                .collect(),
        });
    }
    groups
}
