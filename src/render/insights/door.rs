//! The "leaving the door open" chart: what share of cases record each
//! farewell fact.

use super::*;

/// Leaving the door open: shares of the cases that record each fact.
/// `returned_shown`: whether the outcome chart shows how many came back.
pub(super) fn door(cases: &[&PublicCase], k: usize, returned_shown: bool) -> Option<Chart> {
    let total = cases.len();
    let mut rows = Vec::new();
    let mut withheld = false;
    let mut fact = |label: &str, part: usize, of: usize| {
        if of == 0 {
            return;
        }
        let small = |n: usize| (1..k).contains(&n);
        // Fewer than k records say: not even how many do.
        let few = of < k;
        let hide = few || small(part) || small(of - part);
        withheld |= hide;
        rows.push(Draft {
            label: label.to_string(),
            value: match (few, hide) {
                (true, _) => "not shown".to_string(),
                (false, true) => format!("not shown (of {of})"),
                (false, false) => format!("{part} of {of}"),
            },
            share: if hide { String::new() } else { share(part, of) },
            withheld: hide,
            combined: false,
            fraction: if hide { 0.0 } else { part as f64 / of as f64 },
        });
    };
    let thanked: Vec<bool> = cases.iter().filter_map(|c| c.thank_you_sent).collect();
    fact(
        "Thank-you note sent",
        thanked.iter().filter(|&&t| t).count(),
        thanked.len(),
    );
    let feedback: Vec<&str> = cases.iter().filter_map(|c| c.feedback.as_deref()).collect();
    fact(
        "Feedback gathered",
        feedback.iter().filter(|&&f| f != "none").count(),
        feedback.len(),
    );
    let referrals: Vec<u32> = cases.iter().filter_map(|c| c.referrals_since).collect();
    fact(
        "Referred others to us since",
        referrals.iter().filter(|&&r| r > 0).count(),
        referrals.len(),
    );
    if returned_shown {
        fact(
            "Came back",
            cases.iter().filter(|c| c.outcome == "returned").count(),
            total,
        );
    }
    if rows.is_empty() {
        return None;
    }
    let note = withheld.then(|| {
        format!(
            "Where fewer than {k} cases are on one side of a share, or fewer than {k} record the fact, the share is withheld."
        )
    });
    let referred = referrals.iter().filter(|&&r| r > 0).count();
    let sum: u32 = referrals.iter().sum();
    let mut about = String::from(
        "How each exit left the door open, as a share of the cases that record it (a record may leave a fact out).",
    );
    if referred >= k {
        about.push_str(&format!(
            " Clients who referred others sent {sum} referrals in all."
        ));
    }
    Some(layout(
        "door",
        "Leaving the door open",
        about,
        "Fact",
        "Cases",
        rows,
        note,
    ))
}
