//! Whole sentences in, whole sentences out, at every setting.

use super::*;
use DatePrecision::{Day, Month, Quarter, Year};
use MoneyMode::{Band, Exact, Hidden};

fn rewrite(lang: Lang, dates: DatePrecision, money: MoneyMode, text: &str) -> String {
    Prose {
        dates,
        money,
        lang,
        day_first: lang != Lang::En,
    }
    .rewrite(text)
    .text
}

/// `text` at day, month, quarter and year precision.
fn dates(lang: Lang, text: &str, want: [&str; 4]) {
    for (p, want) in [Day, Month, Quarter, Year].into_iter().zip(want) {
        assert_eq!(rewrite(lang, p, Band, text), want, "{text} at {p:?}");
    }
}

/// `text` with money exact, banded and hidden.
fn money(lang: Lang, text: &str, band: &str, hidden: &str) {
    assert_eq!(rewrite(lang, Month, Exact, text), text);
    assert_eq!(rewrite(lang, Month, Band, text), band, "{text}: band");
    assert_eq!(rewrite(lang, Month, Hidden, text), hidden, "{text}: hidden");
}

#[test]
fn english_dates_with_a_day() {
    use Lang::En;
    dates(
        En,
        "The client emailed on 29 August 2025 about the proofs.",
        [
            "The client emailed on 29 August 2025 about the proofs.",
            "The client emailed in August 2025 about the proofs.",
            "The client emailed in Q3 2025 about the proofs.",
            "The client emailed in 2025 about the proofs.",
        ],
    );
    dates(
        En,
        "On 2025-08-29 the client called.",
        [
            "On 2025-08-29 the client called.",
            "In August 2025 the client called.",
            "In Q3 2025 the client called.",
            "In 2025 the client called.",
        ],
    );
    dates(
        En,
        "The invoice of 29.08.2025 was paid late.",
        [
            "The invoice of 29.08.2025 was paid late.",
            "The invoice of August 2025 was paid late.",
            "The invoice of Q3 2025 was paid late.",
            "The invoice of 2025 was paid late.",
        ],
    );
    dates(
        En,
        "August 29, 2025 was the deadline.",
        [
            "August 29, 2025 was the deadline.",
            "August 2025 was the deadline.",
            "Q3 2025 was the deadline.",
            "2025 was the deadline.",
        ],
    );
    dates(
        En,
        "We met on Monday, 2 March 2025 and again on the 29th of August 2025.",
        [
            "We met on Monday, 2 March 2025 and again on the 29th of August 2025.",
            "We met in March 2025 and again in August 2025.",
            "We met in Q1 2025 and again in Q3 2025.",
            "We met in 2025 and again in 2025.",
        ],
    );
    dates(
        En,
        "Proofs were approved 2025/08/29 and signed 08/29/2025.",
        [
            "Proofs were approved 2025/08/29 and signed 08/29/2025.",
            "Proofs were approved August 2025 and signed August 2025.",
            "Proofs were approved Q3 2025 and signed Q3 2025.",
            "Proofs were approved 2025 and signed 2025.",
        ],
    );
}

#[test]
fn a_date_with_a_roman_month_inside_a_sentence_is_no_capital() {
    // "Spotkaliśmy się W marcu": the Roman numeral was read as a capital.
    dates(
        Lang::Pl,
        "Spotkaliśmy się 14 III 2025 r. w biurze.",
        [
            "Spotkaliśmy się 14 III 2025 r. w biurze.",
            "Spotkaliśmy się w marcu 2025 r. w biurze.",
            "Spotkaliśmy się w I kw. 2025 r. w biurze.",
            "Spotkaliśmy się w 2025 r. w biurze.",
        ],
    );
}

#[test]
fn a_month_of_a_year_is_one_date() {
    // "It happened in March of 2025" read "It happened of 2025" at year
    // precision: "in March" went alone.
    dates(
        Lang::En,
        "It happened in March of 2025 there.",
        [
            "It happened in March of 2025 there.",
            "It happened in March of 2025 there.",
            "It happened in Q1 2025 there.",
            "It happened in 2025 there.",
        ],
    );
}

#[test]
fn a_deadline_early_in_its_month_is_its_start() {
    use Lang::En;
    // "by 2025-05-01" read "by the end of May 2025": a month late.
    dates(
        En,
        "Review by 2025-05-01, and pay by 2025-05-28.",
        [
            "Review by 2025-05-01, and pay by 2025-05-28.",
            "Review by the start of May 2025, and pay by the end of May 2025.",
            "Review by the end of Q2 2025, and pay by the end of Q2 2025.",
            "Review by the end of 2025, and pay by the end of 2025.",
        ],
    );
}

#[test]
fn english_ranges_and_pairs_of_days_are_one_date() {
    use Lang::En;
    // The later day was left behind: "in March & 15, 2025".
    dates(
        En,
        "We met on March 14 & 15, 2025 twice; the fair ran 14–16 March 2025.",
        [
            "We met on March 14 & 15, 2025 twice; the fair ran 14–16 March 2025.",
            "We met in March 2025 twice; the fair ran March 2025.",
            "We met in Q1 2025 twice; the fair ran Q1 2025.",
            "We met in 2025 twice; the fair ran 2025.",
        ],
    );
    dates(
        En,
        "The audit ran March 3 to 5, 2025 in full.",
        [
            "The audit ran March 3 to 5, 2025 in full.",
            "The audit ran March 2025 in full.",
            "The audit ran Q1 2025 in full.",
            "The audit ran 2025 in full.",
        ],
    );
}

#[test]
fn english_dates_without_a_year_or_a_month() {
    use Lang::En;
    // No year: published without one, rather than guessed.
    dates(
        En,
        "The reprint was due by Aug 29.",
        [
            "The reprint was due by Aug 29.",
            "The reprint was due by the end of August.",
            "The reprint was due by the end of Q3.",
            "The reprint was due.",
        ],
    );
    dates(
        En,
        "They emailed on August 29 and called after 2 March.",
        [
            "They emailed on August 29 and called after 2 March.",
            "They emailed in August and called after the start of March.",
            "They emailed in Q3 and called after the start of Q1.",
            "They emailed and called.",
        ],
    );
    // A day alone: nothing is left to say at month precision.
    dates(
        En,
        "On the 29th, the client called.",
        [
            "On the 29th, the client called.",
            "The client called.",
            "The client called.",
            "The client called.",
        ],
    );
    dates(
        En,
        "The client called on the 29th.",
        [
            "The client called on the 29th.",
            "The client called.",
            "The client called.",
            "The client called.",
        ],
    );
}

#[test]
fn english_months_parts_and_quarters() {
    use Lang::En;
    dates(
        En,
        "In late August 2025 the client left; since May the team grew.",
        [
            "In late August 2025 the client left; since May the team grew.",
            "In August 2025 the client left; since May the team grew.",
            "In Q3 2025 the client left; since Q2 the team grew.",
            "In 2025 the client left; the team grew.",
        ],
    );
    dates(
        En,
        "Renewal talks began in Q3 2025 (see 2025-08).",
        [
            "Renewal talks began in Q3 2025 (see 2025-08).",
            "Renewal talks began in Q3 2025 (see 2025-08).",
            "Renewal talks began in Q3 2025 (see Q3 2025).",
            "Renewal talks began in 2025 (see 2025).",
        ],
    );
}

#[test]
fn polish_dates() {
    use Lang::Pl;
    dates(
        Pl,
        "Spotkaliśmy się 14.III.2025 i 2.IV.2025 r.",
        [
            "Spotkaliśmy się 14.III.2025 i 2.IV.2025 r.",
            "Spotkaliśmy się w marcu 2025 r. i w kwietniu 2025 r.",
            "Spotkaliśmy się w I kw. 2025 r. i w II kw. 2025 r.",
            "Spotkaliśmy się w 2025 r. i w 2025 r.",
        ],
    );
    dates(
        Pl,
        "Klient zadzwonił 29 sierpnia 2025 r. w sprawie korekty.",
        [
            "Klient zadzwonił 29 sierpnia 2025 r. w sprawie korekty.",
            "Klient zadzwonił w sierpniu 2025 r. w sprawie korekty.",
            "Klient zadzwonił w III kw. 2025 r. w sprawie korekty.",
            "Klient zadzwonił w 2025 r. w sprawie korekty.",
        ],
    );
    dates(
        Pl,
        "Dnia 29.08.2025 klient odszedł, a do 3 września oddaliśmy pliki.",
        [
            "Dnia 29.08.2025 klient odszedł, a do 3 września oddaliśmy pliki.",
            // (Early in its month, a deadline is its start, not its end.)
            "W sierpniu 2025 r. klient odszedł, a do początku września oddaliśmy pliki.",
            "W III kw. 2025 r. klient odszedł, a do końca III kw. oddaliśmy pliki.",
            "W 2025 r. klient odszedł, a oddaliśmy pliki.",
        ],
    );
    dates(
        Pl,
        "Mail z 29 VIII 2025 przyszedł przed 2 września 2025. Pod koniec sierpnia 2025 odeszli.",
        [
            "Mail z 29 VIII 2025 przyszedł przed 2 września 2025. Pod koniec sierpnia 2025 odeszli.",
            "Mail z sierpnia 2025 r. przyszedł przed początkiem września 2025 r. W sierpniu 2025 r. odeszli.",
            "Mail z III kw. 2025 r. przyszedł przed końcem III kw. 2025 r. W III kw. 2025 r. odeszli.",
            "Mail z 2025 r. przyszedł przed końcem 2025 r. W 2025 r. odeszli.",
        ],
    );
    dates(
        Pl,
        "We wrześniu 2025 Maja przyszła na spotkanie.",
        [
            "We wrześniu 2025 Maja przyszła na spotkanie.",
            "We wrześniu 2025 Maja przyszła na spotkanie.",
            "W III kw. 2025 r. Maja przyszła na spotkanie.",
            "W 2025 r. Maja przyszła na spotkanie.",
        ],
    );
}

#[test]
fn amounts_with_a_space_after_the_sign_or_the_sign_after() {
    use Lang::En;
    money(
        En,
        "They paid $ 4 800, then R$ 4.800,00, kr 4 800, 4800$ and 4 800 kr.",
        "They paid $ 1 000–5 000, then R$ 1.000–5.000, kr 1 000–5 000, 1000–5000$ and 1 000–5 000 kr.",
        "They paid an undisclosed sum, then an undisclosed sum, an undisclosed sum, an undisclosed sum and an undisclosed sum.",
    );
}

#[test]
fn english_amounts() {
    use Lang::En;
    money(
        En,
        "A refund of $4,800 was agreed.",
        "A refund of $1,000–5,000 was agreed.",
        "A refund was agreed.",
    );
    money(
        En,
        "We refunded 65% (US$2,340) in March.",
        "We refunded 65% (US$1,000–5,000) in March.",
        "We refunded 65% in March.",
    );
    money(
        En,
        "We gave a $4,800 refund and a £950 credit.",
        "We gave a $1,000–5,000 refund and a sub-£1,000 credit.",
        "We gave a refund and a credit.",
    );
    money(
        En,
        "They paid €1.200 upfront and asked for 2.3k as a refund.",
        "They paid €1.000–5.000 upfront and asked for 1k–5k as a refund.",
        "They paid an undisclosed sum upfront and asked for an undisclosed sum as a refund.",
    );
    money(
        En,
        "$4,800 was refunded, then an $800 invoice and a $250,000 contract.",
        "$1,000–5,000 was refunded, then a sub-$1,000 invoice and a $100,000-plus contract.",
        "An undisclosed sum was refunded, then an invoice and a contract.",
    );
    money(
        En,
        "The retainer was USD 4,200/month, worth 50,400 dollars a year.",
        "The retainer was USD 1,000–5,000/month, worth 20,000–100,000 dollars a year.",
        "The retainer was an undisclosed sum/month.",
    );
    // Swiss thousands and Indian lakhs: "CHF 4'800" read "under CHF
    // 1,000'800", "₹4,80,000" read "under ₹1,000,000".
    money(
        En,
        "They paid CHF 4'800, then ₹4,80,000.",
        "They paid CHF 1'000–5'000, then over ₹100,000.",
        "They paid an undisclosed sum, then an undisclosed sum.",
    );
}

#[test]
fn polish_amounts() {
    use Lang::Pl;
    money(
        Pl,
        "Zapłacili 4800,- zł, potem 4 812,– zł.",
        "Zapłacili 1000–5000 zł, potem 1 000–5 000 zł.",
        "Zapłacili nieujawnioną kwotę, potem nieujawnioną kwotę.",
    );
    money(
        Pl,
        "Zwrot 4 800 zł przyjęto, a rabat w wysokości 2,5 tys. zł odrzucono.",
        "Zwrot 1 000–5 000 zł przyjęto, a rabat w wysokości 1–5 tys. zł odrzucono.",
        "Zwrot przyjęto, a rabat odrzucono.",
    );
    money(
        Pl,
        "Zapłacili 950 zł (12 000 PLN rocznie).",
        "Zapłacili poniżej 1 000 zł (5 000–20 000 PLN rocznie).",
        "Zapłacili nieujawnioną kwotę (nieujawnioną kwotę rocznie).",
    );
}

#[test]
fn english_dates_with_a_year_of_two_digits_or_a_month_between_dashes() {
    use Lang::En;
    dates(
        En,
        "We met on 3/14/25, signed on 14-Mar-2025 and paid on 2-Apr-25.",
        [
            "We met on 3/14/25, signed on 14-Mar-2025 and paid on 2-Apr-25.",
            "We met in March 2025, signed in March 2025 and paid in April 2025.",
            "We met in Q1 2025, signed in Q1 2025 and paid in Q2 2025.",
            "We met in 2025, signed in 2025 and paid in 2025.",
        ],
    );
    dates(
        En,
        "Their letter of 14.III.2025 quoted it.",
        [
            "Their letter of 14.III.2025 quoted it.",
            "Their letter of March 2025 quoted it.",
            "Their letter of Q1 2025 quoted it.",
            "Their letter of 2025 quoted it.",
        ],
    );
    dates(
        En,
        "The last call was 12/30/99.",
        [
            "The last call was 12/30/99.",
            "The last call was December 1999.",
            "The last call was Q4 1999.",
            "The last call was 1999.",
        ],
    );
}

#[test]
fn english_months_quarters_halves_and_seasons_written_otherwise() {
    use Lang::En;
    dates(
        En,
        "Invoices from 03/2025, Mar-2025 and March '25; targets for Q3/2024 and Q4-2024.",
        [
            "Invoices from 03/2025, Mar-2025 and March '25; targets for Q3/2024 and Q4-2024.",
            "Invoices from 03/2025, Mar-2025 and March '25; targets for Q3/2024 and Q4-2024.",
            "Invoices from Q1 2025, Q1 2025 and Q1 2025; targets for Q3/2024 and Q4-2024.",
            "Invoices from 2025, 2025 and 2025; targets for 2024 and 2024.",
        ],
    );
    dates(
        En,
        "At the spring 2026 review we looked back to the autumn of 2025.",
        [
            "At the spring 2026 review we looked back to the autumn of 2025.",
            "At the spring 2026 review we looked back to the autumn of 2025.",
            "At the spring 2026 review we looked back to the autumn of 2025.",
            "At the 2026 review we looked back to 2025.",
        ],
    );
    dates(
        En,
        "Churn rose in H2 2024 and in the summer of 2024, and fell in winter 2025.",
        [
            "Churn rose in H2 2024 and in the summer of 2024, and fell in winter 2025.",
            "Churn rose in H2 2024 and in the summer of 2024, and fell in winter 2025.",
            "Churn rose in H2 2024 and in the summer of 2024, and fell in winter 2025.",
            "Churn rose in 2024 and in 2024, and fell in 2025.",
        ],
    );
}

#[test]
fn false_friends_are_left_as_they_are() {
    for text in [
        "Tickets CS-05550142 and INV-2025-08-29 stay, as do 10-50 staff.",
        "We refunded 65% after 3 weeks, at 10:30, for 12 people on the 3rd floor.",
        "2.3k visitors came, version 2.5 shipped, and 4 800 leaflets were printed.",
        "See https://example.com/2025-08-29/notes and [the log](@/chapters/x.md#2025-08-29).",
        "Scores ranged 1000-5000 points; the 2024 and 2025 budgets were set.",
        "We may renew in the next round; March on.",
        "Every retainer over £2,000 a month, or of at least $500, gets a named designer.",
        "Split 1/2/3 ways, pages 3/14/250 and v2/3/25; the 10-May-team met.",
        "Sales fall 20% in a bad summer, 1/3 of 2025 leads came in H2, the 13/2025 batch.",
    ] {
        for p in [Day, Month, Quarter, Year] {
            for m in [Band, Hidden] {
                assert_eq!(rewrite(Lang::En, p, m, text), text, "{p:?} {m:?}");
            }
        }
    }
}

#[test]
fn kept_dates_are_protected_and_offsets_map_back() {
    let p = Prose {
        dates: Day,
        money: Band,
        lang: Lang::En,
        day_first: false,
    };
    let r = p.rewrite("Paid $4,800 on 2025-06-12.");
    assert_eq!(r.text, "Paid $1,000–5,000 on 2025-06-12.");
    assert_eq!(&r.text[r.kept[0].clone()], "2025-06-12");
    assert_eq!(r.layer, vec![(5..11, "$1,000–5,000".len())]);
}

#[test]
fn exact_forms_of_a_records_own_fields() {
    let yaml = "client:\n  name: X\nexit:\n  date: 2025-08-29\n  initiated_by: client\n  reason: price\noutcome: exited\nengagement:\n  started: 2023-04\n  value: { amount: 4800, currency: USD, per: month }\nnegotiation:\n  refund: { amount: 2340.5, currency: EUR }\n";
    let record: crate::model::record::Record = serde_yaml::from_str(yaml).unwrap();
    let forms = exact_forms_at(&record, Month, Band);
    let of = |field: &str| {
        forms
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let exit = of("exit.date");
    for f in [
        "2025-08-29",
        "29 August 2025",
        "August 29, 2025",
        "29.08.2025",
        "29 sierpnia 2025",
    ] {
        assert!(exit.contains(&f.to_string()), "{f}: {exit:?}");
    }
    assert!(
        !exit.contains(&"August 2025".to_string()),
        "a month is allowed"
    );
    assert!(
        of("engagement.started").is_empty(),
        "a month-only date at month precision"
    );
    let value = of("engagement.value");
    for f in ["$4,800", "USD 4,800", "4,800", "4 800 USD"] {
        assert!(value.contains(&f.to_string()), "{f}: {value:?}");
    }
    assert!(of("negotiation.refund").contains(&"€2.340,50".to_string()));
    // At year precision months and quarters are exact too; exact money is not.
    let forms = exact_forms_at(&record, Year, Exact);
    let started = &forms
        .iter()
        .find(|(f, _)| f == "engagement.started")
        .unwrap()
        .1;
    assert!(
        started.contains(&"April 2023".to_string()) && started.contains(&"2023-04".to_string())
    );
    assert!(
        forms
            .iter()
            .any(|(f, v)| f == "exit.date" && v.contains(&"Q3 2025".to_string()))
    );
    assert!(!forms.iter().any(|(f, _)| f == "engagement.value"));
    // exact_forms reads the precision from site.toml.
    let config = crate::config::Config::parse(
        "title = \"T\"\n[anonymize]\ndates = \"day\"\n",
        std::path::Path::new("site.toml"),
    )
    .unwrap();
    assert!(
        !exact_forms(&config, &record)
            .iter()
            .any(|(f, _)| f == "exit.date")
    );
}

#[test]
fn the_gate_refuses_exact_days_and_amounts_only() {
    let yaml = "client:\n  name: X\nexit:\n  date: 2025-08-29\n  initiated_by: client\n  reason: price\noutcome: exited\nengagement:\n  started: 2023-04\n  value: { amount: 5000, currency: USD, per: month }\nnegotiation:\n  refund: { amount: 2000, currency: GBP }\n";
    let record: crate::model::record::Record = serde_yaml::from_str(yaml).unwrap();
    let forms = refused_forms(&record, Year, Band);
    let of = |field: &str| {
        forms
            .iter()
            .find(|(f, _, _)| f == field)
            .map(|(_, _, v)| v.clone())
    };
    let exit = of("exit.date").unwrap_or_default();
    assert!(exit.contains(&"29 August 2025".to_string()));
    assert!(
        !exit.iter().any(|f| f == "August 2025" || f == "Q3 2025"),
        "a month or quarter is published by other cases"
    );
    assert!(of("engagement.started").is_none(), "a month-only date");
    assert!(of("engagement.value").is_none(), "a band's edge");
    assert!(of("negotiation.refund").is_none(), "a round amount");
    let record: crate::model::record::Record =
        serde_yaml::from_str(&yaml.replace("amount: 2000", "amount: 2340")).unwrap();
    let forms = refused_forms(&record, Year, Hidden);
    assert!(
        forms
            .iter()
            .any(|(f, _, v)| f == "negotiation.refund" && v.contains(&"£2,340".to_string()))
    );
    assert!(refused_forms(&record, Day, Exact).is_empty());
    let record: crate::model::record::Record =
        serde_yaml::from_str(&yaml.replace("2025-08-29", "2025-08-01")).unwrap();
    let exit = &refused_forms(&record, Month, Band)[0];
    assert!(exit.2.contains(&"1 August 2025".to_string()));
    assert!(
        !exit.2.iter().any(|f| f.starts_with("2025")),
        "2025-08-01 is how a feed writes August 2025"
    );
}

#[test]
fn dates_as_systems_write_them_and_days_without_a_year() {
    // `31 Mar 25` read "Call 25 went badly"; `20250331`, `31Mar2025`,
    // `by 3/31` and `do 31.03.` were published to the day.
    use Lang::{En, Pl};
    dates(
        En,
        "The call on 31 Mar 25 went badly; the file 20250331 and the booking 31MAR2025 show it.",
        [
            "The call on 31 Mar 25 went badly; the file 20250331 and the booking 31MAR2025 show it.",
            "The call in March 2025 went badly; the file March 2025 and the booking March 2025 show it.",
            "The call in Q1 2025 went badly; the file Q1 2025 and the booking Q1 2025 show it.",
            "The call in 2025 went badly; the file 2025 and the booking 2025 show it.",
        ],
    );
    dates(
        En,
        "It was due by 3/31 and renewed on 31.03. for good.",
        [
            "It was due by 3/31 and renewed on 31.03. for good.",
            "It was due by the end of March and renewed in March for good.",
            "It was due by the end of Q1 and renewed in Q1 for good.",
            "It was due and renewed for good.",
        ],
    );
    // Not dates: a fraction, round the clock, a section, a count after a
    // month's name.
    for text in [
        "Open 24/7, 3/4 of them agreed.",
        "See section 3.1. and 2.10. first.",
        "The ticket CS-20250331 stays.",
    ] {
        dates(En, text, [text; 4]);
    }
    dates(
        Pl,
        "Termin do 31.03. minął.",
        [
            "Termin do 31.03. minął.",
            "Termin do końca marca minął.",
            "Termin do końca I kw. minął.",
            "Termin minął.",
        ],
    );
}
