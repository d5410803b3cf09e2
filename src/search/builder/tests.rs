use super::*;
use crate::search::{Field, Hashes, Piece, Section, shards};

fn chapter(title: &'static str, sections: &[(&'static str, &'static str)]) -> Page<'static> {
    Page {
        kind: Kind::Chapter,
        href: format!("chapters/{}/index.html", crate::text::slugify(title)),
        title: title.into(),
        lang: None,
        date: None,
        sections: sections
            .iter()
            .map(|(h, t)| Section {
                anchor: (!h.is_empty()).then(|| crate::text::slugify(h)),
                heading: (*h).into(),
                fields: vec![
                    (Field::Title, Piece::Borrowed(title)),
                    (Field::Heading, (*h).into()),
                    (Field::Body, (*t).into()),
                ],
                text: (*t).into(),
            })
            .collect(),
        facets: Vec::new(),
        deps: vec![Dep::Source(format!("chapters/{title}.md"))],
        hashes: Hashes::default(),
    }
}

/// The one file whose path starts with `prefix` (a small index has one
/// term shard and one text file).
fn only<'a>(index: &'a Index, prefix: &str) -> &'a OutputFile {
    let found: Vec<&OutputFile> = index
        .files
        .iter()
        .filter(|f| f.path.starts_with(prefix))
        .map(|f| &**f)
        .collect();
    assert_eq!(found.len(), 1, "{prefix}");
    found[0]
}

/// The data of an index file.
fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text.split_once(", ").unwrap().1.trim_end_matches(");\n")).unwrap()
}

fn file<'a>(index: &'a Index, path: &str) -> &'a str {
    let f = index
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&f.bytes).unwrap()
}

/// A number in letters (`0` → `a`, `27` → `bb`): made-up words, which
/// pairs of words take (no pair has a word with a digit).
fn letters(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}

#[test]
fn writes_sorted_shards_postings_pairs_and_texts() {
    let mut case = chapter("Refund granted", &[("", "The client asked for a refund.")]);
    case.kind = Kind::Case;
    case.date = Some("March 2025".into());
    case.facets = vec![
        ("reason", "complaint".into(), "A complaint".into()),
        ("outcome", "retained".into(), "Retained".into()),
    ];
    let pages = vec![
        case,
        chapter(
            "Negotiation",
            &[("", "Intro."), ("Refunds", "Refund refund, then credit.")],
        ),
    ];
    let index = build(&pages, &Options::default(), &[Dep::Config]);
    let meta = file(&index, "search/meta.js");
    assert!(
        meta.starts_with(&format!(
            "exitbookSearch.load(\"meta\", {{\"format\":{},",
            format::FORMAT
        )),
        "{meta}"
    );
    assert!(meta.contains("\"docs\":3"), "{meta}");
    assert!(meta.contains("\"chapterPages\":1"), "{meta}");
    assert!(meta.contains("\"sections\":[2]"), "{meta}");
    let t = std::str::from_utf8(&only(&index, "search/t/").bytes).unwrap();
    // Chapters first: docs 0 and 1 are the chapter's, 2 the case.
    let terms = json(t);
    let names: Vec<&str> = terms["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let k = names.iter().position(|&n| n == "refund").unwrap();
    let postings = format::numbers(terms["postings"][k].as_str().unwrap());
    // Grouped by level, highest first: (level, count, gaps…) each.
    let (mut docs, mut levels, mut at) = (Vec::new(), Vec::new(), 0);
    while at < postings.len() {
        let (level, n) = (postings[at], postings[at + 1] as usize);
        levels.push(level);
        let mut d = 0;
        for gap in &postings[at + 2..at + 2 + n] {
            d += gap;
            docs.push(d);
        }
        at += 2 + n;
    }
    docs.sort();
    assert_eq!(docs, [1, 2], "{postings:?}");
    assert!(levels.windows(2).all(|w| w[0] > w[1]), "{postings:?}");
    // One pair file (a small index has one bucket), stop words in pairs.
    assert!(meta.contains("\"pairBuckets\":1"), "{meta}");
    let y = std::str::from_utf8(&only(&index, "search/y/").bytes).unwrap();
    assert!(y.starts_with("exitbookSearch.load(\"y/0\", {"), "{y}");
    let pairs = json(y);
    let at = |key: &str| {
        let k = pairs["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .position(|p| p == key)
            .unwrap_or_else(|| panic!("{key} in {y}"));
        format::numbers(pairs["postings"][k].as_str().unwrap())
    };
    assert_eq!(at("refund granted"), [2]);
    assert_eq!(at("client asked"), [2]);
    assert_eq!(at("for a"), [2]);
    assert_eq!(at("a refund"), [2]);
    assert_eq!(at("refund refund"), [1]);
    assert!(
        !y.contains("\"granted the\""),
        "no pair spans two fields: {y}"
    );
    assert!(file(&index, "search/v/re.js").contains("\"refund\""));
    assert!(
        meta.contains("\"vocabulary\":\"") && meta.contains(" re "),
        "{meta}"
    );
    let d = std::str::from_utf8(&only(&index, "search/d/").bytes).unwrap();
    assert!(d.contains("\"refunds\",\"Refunds\""), "{d}");
    assert!(d.contains("\"first\":0"), "{d}");
    assert!(
        d.contains("\"texts\":[[\"Intro.\"],[\"Refund refund, then credit.\"]]"),
        "{d}"
    );
    assert!(d.contains("\"page\":[0,0]"), "{d}");
    // The case has a file of its own, by its number among the cases.
    let c = file(&index, "search/c/0.js");
    assert!(
        c.contains("\"date\":\"March 2025\",\"badges\":[\"complaint\",\"retained\"]"),
        "a case's date and badges: {c}"
    );
    assert!(
        c.contains("\"text\":[\"The client asked for a refund.\"]"),
        "{c}"
    );
    let f = file(&index, "search/f/reason-0.js");
    assert_eq!(
        f,
        "exitbookSearch.load(\"f/reason-0\", {\"docs\":\"$\"});\n"
    );
    assert_eq!(index.filters[0].values[0].count, 1);
    let frag = only(&index, "search/d/");
    assert!(
        frag.deps
            .contains(&Dep::Source("chapters/Negotiation.md".into()))
    );
}

#[test]
fn a_large_handbook_is_split_into_small_files_that_meta_points_to() {
    // 1,500 pages of 200 words from a vocabulary of 3,000 made-up words.
    let vocab: Vec<String> = (0..3000u32)
        .map(|i| {
            format!(
                "qw{}{}",
                letters(i as usize % 7),
                letters(i.wrapping_mul(2_654_435_761) as usize % 100_000)
            )
        })
        .collect();
    let texts: Vec<String> = (0..1500usize)
        .map(|p| {
            (0..200usize)
                .map(|k| vocab[(p * 7919 + k * k * 31) % vocab.len()].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let pages: Vec<Page<'_>> = texts
        .iter()
        .enumerate()
        .map(|(p, t)| Page {
            kind: if p % 5 == 0 {
                Kind::Chapter
            } else {
                Kind::Case
            },
            href: format!("p/{p}/index.html"),
            title: format!("Page {p}"),
            lang: None,
            date: None,
            sections: vec![Section {
                fields: vec![(Field::Body, Piece::Borrowed(t.as_str()))],
                text: Piece::Borrowed(t.as_str()),
                ..Section::default()
            }],
            facets: Vec::new(),
            deps: vec![Dep::Source(format!("p{p}"))],
            hashes: Hashes::default(),
        })
        .collect();
    let index = build(&pages, &Options::default(), &[]);
    let json = |path: &str| -> serde_json::Value {
        let text = file(&index, path);
        serde_json::from_str(text.split_once(", ").unwrap().1.trim_end_matches(");\n")).unwrap()
    };
    let meta = json("search/meta.js");
    // Where each shard starts, from its UTF-16 code units.
    let starts: Vec<String> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let units: Vec<u16> = format::numbers(v.as_str().unwrap())
                .into_iter()
                .map(|u| u as u16)
                .collect();
            String::from_utf16(&units).unwrap()
        })
        .collect();
    let firsts: Vec<&str> = starts.iter().map(String::as_str).collect();
    assert!(firsts.len() > 5, "several term shards: {}", firsts.len());
    assert!(firsts.windows(2).all(|w| w[0] < w[1]));
    let mut seen = 0;
    let split = |v: &'static str| -> Vec<&str> {
        let all = meta[v].as_str().unwrap();
        let n = format::NAME_LENGTH;
        assert_eq!(all.len() % n, 0);
        (0..all.len() / n).map(|i| &all[i * n..i * n + n]).collect()
    };
    let names = split("shardNames");
    assert_eq!(names.len(), firsts.len());
    for (n, first) in firsts.iter().enumerate() {
        let shard = json(&format!("search/t/{}.js", names[n]));
        let terms = shard["terms"].as_array().unwrap();
        assert!(terms[0].as_str().unwrap().starts_with(first));
        let next = firsts.get(n + 1).copied();
        for t in terms {
            let t = t.as_str().unwrap();
            assert!(
                t >= *first && next.is_none_or(|n| t < n),
                "{t} in shard {n}"
            );
        }
        seen += terms.len();
        let bytes = file(&index, &format!("search/t/{}.js", names[n])).len();
        assert!(bytes < 60_000, "shard {n} is {bytes} bytes");
    }
    assert_eq!(seen, 3000, "every word is in exactly one shard");
    let texts = split("textNames");
    assert!(texts.len() > 20);
    assert_eq!(texts.len(), meta["textFiles"].as_array().unwrap().len());
    for name in texts {
        let path = format!("search/d/{name}.js");
        assert!(file(&index, &path).len() < 24_000, "{path}");
        // A text file depends on its own pages only (and the lists).
        let deps = &index.files.iter().find(|f| f.path == path).unwrap().deps;
        let sources = deps.iter().filter(|d| matches!(d, Dep::Source(_))).count();
        assert!((1..=12).contains(&sources), "{path}: {deps:?}");
        assert!(!deps.contains(&Dep::AllContent));
    }
    let t0 = &index
        .files
        .iter()
        .find(|f| f.path == format!("search/t/{}.js", names[0]))
        .unwrap()
        .deps;
    assert!(t0.contains(&Dep::AllContent), "{t0:?}");
}

/// Pages of made-up words for the incremental tests.
fn corpus(texts: &[Vec<String>]) -> Vec<Page<'_>> {
    texts
        .iter()
        .enumerate()
        .map(|(p, sections)| Page {
            kind: if p % 4 == 0 {
                Kind::Chapter
            } else {
                Kind::Case
            },
            href: format!("p/{p}/index.html"),
            title: format!("Page {p}"),
            lang: None,
            date: None,
            sections: sections
                .iter()
                .enumerate()
                .map(|(k, t)| Section {
                    anchor: (k > 0).then(|| format!("s{k}")),
                    heading: format!("Part {k}"),
                    fields: vec![(Field::Body, Piece::Borrowed(t.as_str()))],
                    text: Piece::Borrowed(t.as_str()),
                })
                .collect(),
            facets: vec![("reason", format!("r{}", p % 3), "R".into())],
            deps: vec![Dep::Source(format!("p{p}"))],
            hashes: Hashes::default(),
        })
        .collect()
}

fn same(a: &Index, b: &Index) -> Result<(), String> {
    if a.files.len() != b.files.len() {
        return Err(format!("{} files against {}", a.files.len(), b.files.len()));
    }
    for (x, y) in a.files.iter().zip(&b.files) {
        if x.path != y.path || x.bytes != y.bytes || x.deps != y.deps {
            return Err(format!("{} differs from {}", x.path, y.path));
        }
    }
    Ok(())
}

#[test]
fn an_index_kept_between_builds_equals_one_built_from_nothing() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let words: Vec<String> = (0..600)
        .map(|i| format!("qw{}x{}", letters(i % 13), letters(i * 7919 % 4001)))
        .collect();
    let sentence = |rand: &mut dyn FnMut(usize) -> usize, n: usize| {
        (0..n)
            .map(|_| words[rand(words.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Small enough to run in a second or two, large enough that every
    // kind of file (term shards, pair buckets, texts) is cut in several.
    let mut texts: Vec<Vec<String>> = (0..120)
        .map(|p| (0..1 + p % 3).map(|_| sentence(&mut rand, 60)).collect())
        .collect();
    let mut builder = Builder::default();
    let mut previous: Vec<Arc<OutputFile>> = Vec::new();
    let mut reused = 0;
    for step in 0..24 {
        // Most steps edit a few sections' words; some change the shape.
        match rand(10) {
            0 => texts.push(vec![sentence(&mut rand, 100)]),
            1 => {
                let p = rand(texts.len());
                texts[p].push(sentence(&mut rand, 40));
            }
            2 => {
                let p = rand(texts.len());
                texts.remove(p);
            }
            _ => {
                for _ in 0..1 + rand(3) {
                    let p = rand(texts.len());
                    let k = rand(texts[p].len());
                    match rand(3) {
                        0 => texts[p][k].push_str(&format!(" {}", sentence(&mut rand, 5))),
                        1 => texts[p][k] = sentence(&mut rand, 120),
                        _ => texts[p][k].push_str(&format!(" brandnew{}", letters(step))),
                    }
                }
            }
        }
        let pages = corpus(&texts);
        let kept = builder.build(
            &pages.iter().collect::<Vec<_>>(),
            &Options::default(),
            &[Dep::Config],
        );
        let fresh = build(&pages, &Options::default(), &[Dep::Config]);
        if let Err(e) = same(&kept, &fresh) {
            panic!("step {step}: {e}");
        }
        // Files kept as they were (the same allocation), not made again.
        reused += kept
            .files
            .iter()
            .filter(|f| previous.iter().any(|p| Arc::ptr_eq(p, f)))
            .count();
        previous = kept.files.clone();
    }
    assert!(reused > 0, "the kept index never reused a file");
}

#[test]
fn a_pair_in_every_document_stays_in_its_bucket_kept_as_built() {
    // `churn risk` 40 times on each of 300 pages: one posting a page.
    let mut texts: Vec<Vec<String>> = (0..300usize)
        .map(|p| {
            let mut t: String = (0..300usize)
                .map(|k| format!("qw{}z{} ", letters(p), letters(k % 97)))
                .collect();
            t.push_str(&"churn risk ahead. ".repeat(40));
            vec![t]
        })
        .collect();
    let mut builder = Builder::default();
    let index = builder.build(
        &corpus(&texts).iter().collect::<Vec<_>>(),
        &Options::default(),
        &[],
    );
    let n = json(file(&index, "search/meta.js"))["pairBuckets"]
        .as_u64()
        .unwrap() as u32;
    assert!(n > 1, "{n} buckets");
    let b = shards::bucket("churn risk", n);
    let bucket = json(file(&index, &format!("search/y/{b}.js")));
    let k = bucket["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p == "churn risk")
        .unwrap();
    let docs = format::numbers(bucket["postings"][k].as_str().unwrap());
    assert_eq!(docs.len(), 300, "one posting a document");
    assert!(docs[1..].iter().all(|&g| g == 1), "as gaps: {docs:?}");
    // Kept between builds as built from nothing, also when the pair
    // grows or shrinks.
    texts[5][0].push_str(" churn risk churn risk");
    let kept = builder.build(
        &corpus(&texts).iter().collect::<Vec<_>>(),
        &Options::default(),
        &[],
    );
    same(&kept, &build(&corpus(&texts), &Options::default(), &[])).unwrap();
    texts[7][0] = "churn alone".into();
    let kept = builder.build(
        &corpus(&texts).iter().collect::<Vec<_>>(),
        &Options::default(),
        &[],
    );
    same(&kept, &build(&corpus(&texts), &Options::default(), &[])).unwrap();
}

#[test]
fn an_edit_rewrites_few_files() {
    let words: Vec<String> = (0..3000)
        .map(|i| format!("qv{}y{}", letters(i % 11), letters(i * 104_729 % 7001)))
        .collect();
    let mut texts: Vec<Vec<String>> = (0..600usize)
        .map(|p| {
            vec![
                (0..200usize)
                    .map(|k| words[(p * 7919 + k * k * 31) % words.len()].as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    let mut builder = Builder::default();
    let before = builder.build(
        &corpus(&texts).iter().collect::<Vec<_>>(),
        &Options::default(),
        &[],
    );
    // A sentence of known words appended to one page.
    texts[300][0].push_str(&format!(
        " {} {} {}",
        words[1 + 11 * 5],
        words[2 + 11 * 9],
        words[3]
    ));
    let after = builder.build(
        &corpus(&texts).iter().collect::<Vec<_>>(),
        &Options::default(),
        &[],
    );
    let old: HashMap<&str, &Arc<OutputFile>> =
        before.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let rewritten: Vec<&str> = after
        .files
        .iter()
        .filter(|f| old.get(f.path.as_str()).is_none_or(|o| o.bytes != f.bytes))
        .map(|f| f.path.as_str())
        .collect();
    let changed = |prefix: &str| rewritten.iter().filter(|p| p.starts_with(prefix)).count();
    let all = |prefix: &str| {
        after
            .files
            .iter()
            .filter(|f| f.path.starts_with(prefix))
            .count()
    };
    let (shards_changed, shards) = (changed("search/t/"), all("search/t/"));
    assert_eq!(changed("search/d/"), 1, "{rewritten:?}");
    // Three new pairs of words: three buckets at most.
    let (pairs_changed, pair_files) = (changed("search/y/"), all("search/y/"));
    assert!(
        (1..=3).contains(&pairs_changed) && pair_files > 8,
        "{pairs_changed} of {pair_files}: {rewritten:?}"
    );
    assert!(
        shards_changed <= shards / 2,
        "{shards_changed} of {shards}: {rewritten:?}"
    );
    same(&after, &build(&corpus(&texts), &Options::default(), &[])).unwrap();
}
