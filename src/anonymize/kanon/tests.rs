use super::*;

fn parse(extra: &str) -> Config {
    Config::parse(
        &format!("title = \"T\"\n[anonymize]\n{extra}"),
        std::path::Path::new("site.toml"),
    )
    .unwrap()
}

/// `site.toml` with `extra` in `[anonymize]`; cases made after it use it.
fn config(extra: &str) -> Config {
    let c = parse(extra);
    CONFIG.with(|k| k.replace(c.clone()));
    c
}

/// A case's values, made for the settings of `config` (below: the last
/// one [`config`] made in this thread).
fn q(industry: &str, region: &str, size: &str, service: &str, exit: &str) -> Quasi {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    CONFIG.with(|c| {
        Quasi::new(
            &c.borrow(),
            some(industry),
            some(region),
            some(size),
            some(service),
            Date::parse(exit).unwrap(),
        )
    })
}

thread_local! {
    static CONFIG: std::cell::RefCell<Config> = std::cell::RefCell::new(parse(""));
}

fn run(config: &Config, cases: &[Quasi]) -> Plan {
    let names: Vec<String> = (0..cases.len()).map(|i| format!("c{i:02}.yaml")).collect();
    let refs: Vec<&Quasi> = cases.iter().collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    plan(config, &refs, &names)
}

/// What each case publishes.
fn published(config: &Config, cases: &[Quasi], p: &Plan) -> Vec<Values> {
    cases
        .iter()
        .zip(&p.cases)
        .map(|(q, c)| values(config, q, c))
        .collect()
}

#[test]
fn cases_that_share_their_values_keep_them() {
    let c = config("min_group = 2\n");
    let cases = [
        q("logistics", "Ohio", "10-50", "Print", "2025-03-10"),
        q("logistics", "Ohio", "10-50", "Print", "2025-03-31"),
    ];
    let p = run(&c, &cases);
    assert_eq!(p.cases, vec![Coarsening::none(&c); 2]);
    assert_eq!(p.reached(), 2);
}

#[test]
fn the_date_goes_first_then_only_as_far_as_needed() {
    let c = config("min_group = 2\n");
    let cases = [
        q("logistics", "Ohio", "10-50", "Print", "2025-01-10"),
        q("logistics", "Ohio", "10-50", "Print", "2025-03-31"),
        q("dental", "Leeds", "1-10", "Web", "2024-02-01"),
        q("dental", "Leeds", "1-10", "Web", "2024-11-30"),
    ];
    let p = run(&c, &cases);
    let dates: Vec<DatePrecision> = p.cases.iter().map(|c| c.dates).collect();
    assert_eq!(
        dates,
        [
            DatePrecision::Quarter,
            DatePrecision::Quarter,
            DatePrecision::Year,
            DatePrecision::Year
        ]
    );
    assert!(
        p.cases
            .iter()
            .all(|c| c.size + c.region + c.industry + c.service == 0)
    );
    assert_eq!(p.before, [1, 1, 1, 1]);
    assert_eq!(p.after, [2, 2, 2, 2]);
}

#[test]
fn an_industry_becomes_its_sector_before_it_is_withheld() {
    let c = config(
        "min_group = 2\n[anonymize.sectors]\ndental = \"healthcare\"\nPhysiotherapy = \"healthcare\"\n",
    );
    let cases = [
        q("dental", "Leeds", "10-50", "Print", "2025-03-10"),
        q("physiotherapy", "Leeds", "10-50", "Print", "2025-03-31"),
    ];
    let p = run(&c, &cases);
    let v = published(&c, &cases, &p);
    assert_eq!(v[0].industry.as_deref(), Some("healthcare"));
    assert_eq!(v[0], v[1]);
    // The cheaper steps did not help, so they were not kept: the region,
    // size and date stay (the search settles on the cheapest coarsening).
    assert_eq!(v[0].region.as_deref(), Some("Leeds"));
    assert_eq!(v[0].dates, DatePrecision::Month);
}

#[test]
fn a_lone_case_borrows_a_spare_member_not_a_whole_group() {
    let c = config("min_group = 2\n");
    let mut cases = vec![q("logistics", "Ohio", "10-50", "Print", "2025-03-10"); 3];
    cases.push(q("logistics", "Ohio", "10-50", "Print", "2025-02-10"));
    let p = run(&c, &cases);
    let quarter = p
        .cases
        .iter()
        .filter(|c| c.dates == DatePrecision::Quarter)
        .count();
    assert_eq!(quarter, 2, "{:?}", p.cases);
    assert_eq!(p.reached(), 2);
    // The spare goes by file name: the first of the group of three.
    assert_eq!(p.cases[0].dates, DatePrecision::Quarter);
    assert!(p.lent[0] && !p.lent[3]);
}

#[test]
fn the_result_does_not_depend_on_file_order() {
    let c = config("min_group = 3\n[anonymize.sectors]\na = \"x\"\nb = \"x\"\n");
    let mut cases = Vec::new();
    for i in 0..30u32 {
        cases.push(q(
            ["a", "b", "c"][(i % 3) as usize],
            ["North", "South"][(i % 2) as usize],
            ["1-10", "10-50", "50-200", "200-500"][(i % 4) as usize],
            ["Print", "Web"][(i / 7 % 2) as usize],
            &format!("2025-{:02}-{:02}", i % 12 + 1, i % 27 + 1),
        ));
    }
    let names: Vec<String> = (0..cases.len()).map(|i| format!("c{i:02}.yaml")).collect();
    let forward = {
        let refs: Vec<&Quasi> = cases.iter().collect();
        let n: Vec<&str> = names.iter().map(String::as_str).collect();
        plan(&c, &refs, &n)
    };
    let backward = {
        let refs: Vec<&Quasi> = cases.iter().rev().collect();
        let n: Vec<&str> = names.iter().rev().map(String::as_str).collect();
        plan(&c, &refs, &n)
    };
    let mut b = backward.cases.clone();
    b.reverse();
    assert_eq!(forward.cases, b);
    assert!(forward.reached() >= 3, "{:?}", forward.after);
    // Every published combination is shared by three.
    let v = published(&c, &cases, &forward);
    for x in &v {
        let date = |i: usize| generalize::date(cases[i].exit, v[i].dates).text;
        let me = v.iter().position(|y| std::ptr::eq(x, y)).unwrap();
        let same = (0..v.len())
            .filter(|&j| v[j] == *x && date(j) == date(me))
            .count();
        assert!(same >= 3, "{x:?} shared by {same}");
    }
}

#[test]
fn a_case_alone_in_its_year_publishes_only_the_year() {
    let c = config("min_group = 2\n");
    let cases = [
        q("logistics", "Ohio", "10-50", "Print", "2025-03-10"),
        q("logistics", "Ohio", "10-50", "Print", "2025-03-11"),
        q("dental", "Leeds", "1-10", "Web", "2026-01-01"),
    ];
    let p = run(&c, &cases);
    assert_eq!(p.after, [2, 2, 1]);
    assert_eq!(p.reached(), 1);
    let v = values(&c, &cases[2], &p.cases[2]);
    assert_eq!(
        (v.industry, v.region, v.size, v.service, v.dates),
        (None, None, None, None, DatePrecision::Year)
    );
}

#[test]
fn min_group_one_changes_nothing() {
    let c = config("min_group = 1\n");
    let cases = [
        q("logistics", "Ohio", "10-50", "Print", "2025-03-10"),
        q("dental", "Leeds", "1-10", "Web", "2026-01-01"),
    ];
    let p = run(&c, &cases);
    assert_eq!(p.cases, vec![Coarsening::none(&c); 2]);
}
