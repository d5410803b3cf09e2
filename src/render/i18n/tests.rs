use super::*;

fn keys(t: &toml::Table, at: &str, out: &mut Vec<String>) {
    for (k, v) in t {
        let path = format!("{at}{k}");
        match v {
            toml::Value::Table(sub) if !is_forms(sub) => keys(sub, &format!("{path}."), out),
            _ => out.push(path),
        }
    }
}

#[test]
fn the_built_in_tables_parse_and_have_the_same_keys() {
    let mut all = Vec::new();
    for (lang, text) in BUILT_IN {
        let t: toml::Table = text.parse().unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
        let mut k = Vec::new();
        keys(&t, "", &mut k);
        k.sort();
        all.push((lang, k));
    }
    let (_, en) = &all[0];
    for (lang, k) in &all[1..] {
        let missing: Vec<_> = en.iter().filter(|x| !k.contains(x)).collect();
        let extra: Vec<_> = k.iter().filter(|x| !en.contains(x)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}.toml: missing {missing:?}, unknown {extra:?}"
        );
    }
}

#[test]
fn labels_counts_and_dates_in_polish() {
    let i = I18n::built_in();
    assert_eq!(i.label("pl", "outcome", "retained"), "Został");
    assert_eq!(i.label("en", "outcome", "retained"), "Stayed");
    assert_eq!(i.count("pl", "count.cases", 1), "1 przypadek");
    assert_eq!(i.count("pl", "count.cases", 3), "3 przypadki");
    assert_eq!(i.count("pl", "count.cases", 12), "12 przypadków");
    assert_eq!(i.count("pl", "count.cases", 22), "22 przypadki");
    assert_eq!(i.count("en", "count.cases", 1), "1 case");
    let date = |text: &str, datetime: &str, key: u32| PublicDate {
        text: text.into(),
        datetime: datetime.into(),
        key,
        precision: Default::default(),
    };
    assert_eq!(
        i.date("pl", &date("March 2025", "2025-03", 20250300)),
        "marzec 2025"
    );
    assert_eq!(i.date("pl", &date("", "2025-03-31", 1)), "31 marca 2025");
    assert_eq!(i.date("en", &date("", "2025-03-31", 1)), "31 March 2025");
    assert_eq!(i.date("en", &date("Q2 2025", "2025", 20250600)), "Q2 2025");
    assert_eq!(
        i.date("pl", &date("Q2 2025", "2025", 20250600)),
        "2 kw. 2025"
    );
    assert_eq!(i.date("pl", &date("2025", "2025", 20250000)), "2025");
    // After "od" and "do", and in a sentence.
    let march = date("March 2025", "2025-03", 20250300);
    assert_eq!(i.date_bound("pl", &march), "marca 2025");
    assert_eq!(i.date_bound("en", &march), "March 2025");
    assert_eq!(i.when("pl", &march), "w marcu 2025");
    assert_eq!(i.when("en", &march), "in March 2025");
    // An unknown language reads English; a regional one its main language.
    assert_eq!(i.text("de", "site.cases"), "Cases");
    assert_eq!(i.text("pl-PL", "site.cases"), "Przypadki");
}

#[test]
fn a_theme_table_is_read_over_english_and_checked() {
    let theme = vec![
        (
            "de.toml".to_string(),
            "[site]\ncases = \"Fälle\"\ncasse = \"x\"\n[months]\nnames = [\"Januar\"]\n"
                .to_string(),
        ),
        ("notes.txt".to_string(), String::new()),
        ("German.toml".to_string(), String::new()),
        ("fr.toml".to_string(), "[site\n".to_string()),
    ];
    let (i, diags) = I18n::load(&theme, &|n| PathBuf::from(format!("i18n/{n}")));
    assert_eq!(i.text("de", "site.cases"), "Fälle");
    assert_eq!(
        i.text("de", "site.playbook"),
        "Playbook",
        "English where the table is silent"
    );
    let text: Vec<String> = diags.iter().map(|d| format!("{d:?}")).collect();
    let all = text.join("\n");
    assert!(all.contains("unknown key `site.casse`"), "{all}");
    assert!(all.contains("did you mean `cases`"), "{all}");
    assert!(all.contains("`months.names`"), "{all}");
    assert!(all.contains("`German` is not a language code"), "{all}");
    assert!(!all.contains("notes"), "{all}");
    assert!(all.contains("invalid TOML"), "{all}");
    assert_eq!(
        i.date(
            "de",
            &PublicDate {
                text: String::new(),
                datetime: "2025-01".into(),
                key: 0,
                precision: Default::default(),
            }
        ),
        "January 2025"
    );
}

#[test]
fn a_fact_is_labelled_in_the_page_language() {
    let i = I18n::built_in();
    let flag = crate::anonymize::PublicFact {
        path: "farewell.renewed".into(),
        kind: "flag",
        value: "yes".into(),
        date: None,
    };
    assert_eq!(i.fact("pl", &flag).1, "Tak");
    assert_eq!(i.fact("en", &flag).1, "Yes");
}
