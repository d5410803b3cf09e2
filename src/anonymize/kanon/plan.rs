//! The plan: every case's coarsening, cheapest first, in groups of
//! `min_group` (the method is in [`super`]'s documentation).

use std::collections::BTreeMap;

use ahash::AHashMap as HashMap;

use super::{Coarsening, Levels, Plan, Quasi, ladder};
use crate::config::Config;

/// Every coarsening, cheapest first: ordered by service, industry, region,
/// size and date levels, in that order of weight.
fn coarsenings(max: [u8; 5]) -> Vec<Levels> {
    let mut all = Vec::new();
    for v in 0..=max[4] {
        for i in 0..=max[3] {
            for r in 0..=max[2] {
                for s in 0..=max[1] {
                    for d in 0..=max[0] {
                        all.push([d, s, r, i, v]);
                    }
                }
            }
        }
    }
    all
}

/// Plan the coarsening of `cases` (their quasi-identifiers, and a stable
/// name for each, its file path) so that every published combination is
/// shared by `min_group` cases where the cases allow it.
pub fn plan(config: &Config, cases: &[&Quasi], names: &[&str]) -> Plan {
    let k = config.anonymize.min_group.max(1);
    let none = Coarsening::none(config);
    let n = cases.len();
    let (dates, max) = ladder(config);
    let at = |l: &Levels| Coarsening {
        dates: dates[usize::from(l[0])],
        size: l[1],
        region: l[2],
        industry: l[3],
        service: l[4],
    };
    // Every published value as a number (0: nothing), by sorted value, so
    // that nothing below depends on the order of the files.
    let vectors = coarsenings(max);
    let mut plan = Plan {
        cases: vec![none; n],
        before: vec![1; n],
        after: vec![1; n],
        lent: vec![false; n],
        k,
    };
    if n == 0 {
        return plan;
    }
    let texts: Vec<&[[Option<String>; 4]; 5]> = cases.iter().map(|q| &q.ladder).collect();
    // Provisional ids in the order met, then ranks by value.
    let mut ids: [HashMap<&str, u32>; 5] = Default::default();
    let mut table: Vec<[[u32; 4]; 5]> = vec![[[0; 4]; 5]; n];
    for (row, &texts) in table.iter_mut().zip(&texts) {
        for dim in 0..5 {
            for (level, t) in texts[dim].iter().enumerate() {
                if let Some(t) = t {
                    let next = ids[dim].len() as u32 + 1;
                    row[dim][level] = *ids[dim].entry(t).or_insert(next);
                }
            }
        }
    }
    let ranks: [Vec<u32>; 5] = std::array::from_fn(|dim| {
        let mut by_value: Vec<(&str, u32)> = ids[dim].iter().map(|(t, id)| (*t, *id)).collect();
        by_value.sort_unstable();
        let mut rank = vec![0u32; by_value.len() + 1];
        for (r, (_, id)) in by_value.into_iter().enumerate() {
            rank[id as usize] = r as u32 + 1;
        }
        rank
    });
    for row in table.iter_mut() {
        for dim in 0..5 {
            for id in row[dim].iter_mut() {
                *id = ranks[dim][*id as usize];
            }
        }
    }
    let key = |i: usize, l: &Levels| -> [u32; 5] {
        std::array::from_fn(|d| table[i][d][usize::from(l[d])])
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| names[a].cmp(names[b]));
    // Each case's place in file order.
    let mut rank = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }

    // 1. Groups as written.
    let mut level: Vec<Option<Levels>> = vec![None; n];
    let mut count: HashMap<[u32; 5], usize> = Default::default();
    for i in 0..n {
        *count.entry(key(i, &[0; 5])).or_default() += 1;
    }
    for i in 0..n {
        let c = count[&key(i, &[0; 5])];
        plan.before[i] = c;
        if c >= k {
            level[i] = Some([0; 5]);
        }
    }
    count.retain(|_, c| *c >= k);

    // 2. and 3. Each coarsening in turn, for the cases still alone.
    let mut alone: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| level[i].is_none())
        .collect();
    for v in vectors.iter().skip(1) {
        alone.retain(|&i| level[i].is_none());
        if alone.is_empty() {
            break;
        }
        // By what they would publish at `v`, in file order within a group.
        let mut keyed: Vec<([u32; 5], usize)> = alone.iter().map(|&i| (key(i, v), i)).collect();
        keyed.sort_by_key(|&(k, i)| (k, rank[i]));
        let groups = keyed
            .chunk_by(|a, b| a.0 == b.0)
            .map(|g| (g[0].0, g.iter().map(|&(_, i)| i).collect::<Vec<usize>>()));
        // Groups large enough with the cases that publish it already settle
        // here; the others may take settled cases that can coarsen to `v`.
        let mut short: BTreeMap<[u32; 5], Vec<usize>> = BTreeMap::new();
        for (target, members) in groups {
            let have = count.get(&target).copied().unwrap_or(0);
            if members.len() + have >= k {
                settle(&members, v, &target, &mut level, &mut count);
            } else {
                short.insert(target, members);
            }
        }
        if short.is_empty() {
            continue;
        }
        let mut movable: HashMap<[u32; 5], Vec<usize>> = Default::default();
        for &j in &order {
            if let Some(l) = level[j]
                && (0..5).all(|d| l[d] <= v[d])
            {
                let to = key(j, v);
                if short.contains_key(&to) {
                    movable.entry(to).or_default().push(j);
                }
            }
        }
        for (target, members) in short {
            let have = count.get(&target).copied().unwrap_or(0);
            let Some(candidates) = movable.get(&target) else {
                continue;
            };
            let mut need = k - members.len() - have;
            // The candidates by the group they would leave.
            let mut from: BTreeMap<[u32; 5], Vec<usize>> = BTreeMap::new();
            for &j in candidates {
                if let Some(l) = level[j] {
                    let now = key(j, &l);
                    if now != target {
                        from.entry(now).or_default().push(j);
                    }
                }
            }
            let mut take: Vec<usize> = Vec::new();
            for (now, js) in &from {
                let spare = count[now].saturating_sub(k).min(js.len()).min(need);
                take.extend(&js[..spare]);
                need -= spare;
            }
            if need > 0 {
                // Whole groups, smallest first, when all of a group can move.
                let mut whole: Vec<(&[u32; 5], &Vec<usize>)> = from
                    .iter()
                    .filter(|(now, js)| {
                        count[*now] == js.len() && !js.iter().any(|j| take.contains(j))
                    })
                    .collect();
                whole.sort_by_key(|(now, js)| (js.len(), **now));
                for (_, js) in whole {
                    if need == 0 {
                        break;
                    }
                    take.extend(js.iter());
                    need = need.saturating_sub(js.len());
                }
            }
            if need > 0 {
                continue;
            }
            for &j in &take {
                if let Some(l) = level[j] {
                    let now = key(j, &l);
                    if let Some(c) = count.get_mut(&now) {
                        *c -= 1;
                    }
                }
                plan.lent[j] = true;
            }
            let mut all = members.clone();
            all.extend(&take);
            settle(&all, v, &target, &mut level, &mut count);
        }
    }

    // 4. Alone even by year: the most that can be withheld.
    let top = *vectors.last().unwrap_or(&[0; 5]);
    let mut final_count: HashMap<[u32; 5], usize> = Default::default();
    let levels: Vec<Levels> = level.iter().map(|l| l.unwrap_or(top)).collect();
    for (i, l) in levels.iter().enumerate() {
        *final_count.entry(key(i, l)).or_default() += 1;
    }
    for (i, l) in levels.iter().enumerate() {
        plan.cases[i] = at(l);
        plan.after[i] = final_count[&key(i, l)];
        if *l == [0; 5] {
            plan.lent[i] = false;
        }
    }
    plan
}

fn settle(
    members: &[usize],
    v: &Levels,
    target: &[u32; 5],
    level: &mut [Option<Levels>],
    count: &mut HashMap<[u32; 5], usize>,
) {
    for &i in members {
        level[i] = Some(*v);
    }
    *count.entry(*target).or_default() += members.len();
}
