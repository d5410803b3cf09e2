//! The "leaving the door open" chart: what share of cases record each
//! farewell fact.

use super::*;

/// Leaving the door open: shares of the cases that record each fact.
/// `returned_shown`: whether the outcome chart shows how many came back.
pub(super) fn door(
    cases: &[&PublicCase],
    k: usize,
    returned_shown: bool,
    words: &Words<'_>,
) -> Option<Chart> {
    let total = cases.len();
    let mut rows = Vec::new();
    let mut withheld = false;
    let mut fact = |label: String, part: usize, of: usize| {
        if of == 0 {
            return;
        }
        let small = |n: usize| (1..k).contains(&n);
        // Fewer than k records say: not even how many do.
        let few = of < k;
        let hide = few || small(part) || small(of - part);
        withheld |= hide;
        let (part_s, of_s) = (part.to_string(), of.to_string());
        rows.push(Draft {
            label,
            value: match (few, hide) {
                (true, _) => words.text("door.withheld", &[]),
                (false, true) => words.text("door.withheld_of", &[("of", &of_s)]),
                (false, false) => words.text("door.share", &[("part", &part_s), ("of", &of_s)]),
            },
            share: if hide { String::new() } else { share(part, of) },
            withheld: hide,
            combined: false,
            fraction: if hide { 0.0 } else { part as f64 / of as f64 },
        });
    };
    let thanked: Vec<bool> = cases.iter().filter_map(|c| c.thank_you_sent).collect();
    fact(
        words.text("door.thanked", &[]),
        thanked.iter().filter(|&&t| t).count(),
        thanked.len(),
    );
    let feedback: Vec<&str> = cases.iter().filter_map(|c| c.feedback.as_deref()).collect();
    fact(
        words.text("door.feedback", &[]),
        feedback.iter().filter(|&&f| f != "none").count(),
        feedback.len(),
    );
    let referrals: Vec<u32> = cases.iter().filter_map(|c| c.referrals_since).collect();
    fact(
        words.text("door.referred", &[]),
        referrals.iter().filter(|&&r| r > 0).count(),
        referrals.len(),
    );
    if returned_shown {
        fact(
            capitalized(&words.label("outcome", "returned")),
            cases.iter().filter(|c| c.outcome == "returned").count(),
            total,
        );
    }
    if rows.is_empty() {
        return None;
    }
    let note = withheld.then(|| words.text("door.note", &[("k", &k.to_string())]));
    let referred = referrals.iter().filter(|&&r| r > 0).count();
    let sum: u32 = referrals.iter().sum();
    let mut about = words.text("door.about", &[]);
    if referred >= k {
        about.push(' ');
        about.push_str(&words.count("door.referrals", sum as usize));
    }
    Some(layout(
        "door",
        words.text("door.title", &[]),
        about,
        (words.text("door.heading", &[]), words.text("cases", &[])),
        rows,
        note,
    ))
}
