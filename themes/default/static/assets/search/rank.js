/* exitbook search, part 3 of 4: postings, scores and the ranking. */

// ---- Terms and postings -------------------------------------------------

var postingCache = new Map();

function shardOf(m, term) { return Math.max(0, floor(m.shards, term)); }

/** Terms of a shard in [from, to), with the shard number. */
function termsIn(shard, n, from, to) {
  var out = [], terms = shard.terms;
  for (var i = lowerBound(terms, from); i < terms.length && terms[i] < to; i++) out.push({ term: terms[i], shard: n, at: i });
  return out;
}

function lowerBound(list, key) {
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < key) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * Postings of a term: {docs, levels}, in the order stored (by level, then
 * document), which is also the order of its positions. `level:doc,doc;…`
 */
function postings(shard, n, at) {
  var key = n + ':' + at;
  var p = postingCache.get(key);
  if (p) return p;
  // This runs on tens of thousands of postings while the page's scripts
  // are cold: the browser's JSON parser reads the numbers (`[[level, gap,
  // gap…], …]`), faster than a loop over the characters.
  var groups = JSON.parse('[[' + shard.postings[at].replace(/;/g, '],[').replace(/:/g, ',') + ']]');
  p = { docs: null, levels: null, groups: null };
  gaps(groups, p);
  postingCache.set(key, p);
  return p;
}

/** Postings from their levels' lists of gaps: small and alone (see the note before `combine`). */
function gaps(groups, p) {
  var n = 0, g;
  for (g = 0; g < groups.length; g++) n += groups[g].length - 1;
  var docs = new Int32Array(n), levels = new Uint8Array(n), k = 0;
  for (g = 0; g < groups.length; g++) {
    var list = groups[g], d = 0;
    levels.fill(list[0], k, k + list.length - 1);
    for (var i = 1; i < list.length; i++) { d += list[i]; docs[k++] = d; }
  }
  p.docs = docs;
  p.levels = levels;
}

/** A word so common that its other forms and synonyms are not worth loading. */
var COMMON = 2000;

/**
 * The terms a word stands for, each with a weight: [{term, shard, at, weight}].
 * The word itself; while it is being typed, the words it begins; unless it
 * is very common, its plural or singular and its synonyms; and when none of
 * these is in the index, the words within a typo or two of it.
 */
function expand(m, unit) {
  var w = unit.word, found = new Map();
  function add(t, weight) {
    var old = found.get(t.term);
    if (!old || old.weight < weight) found.set(t.term, { term: t.term, shard: t.shard, at: t.at, weight: weight });
  }
  function lookup(word, weight) {
    var k = shardOf(m, word), hit = termsIn(files['t/' + k].data, k, word, word + '\u0000')[0];
    if (hit) add(hit, weight);
    return hit;
  }
  function shards(list) {
    var nums = new Set(list.map(function (x) { return shardOf(m, x); }));
    return Promise.all(Array.from(nums).map(function (k) { return load('t/' + k); }));
  }
  var prefix = !unit.exact && unit.typing && w.length >= 2;
  // The words that begin with w sit in [w, w + U+FFFF): three shards at most.
  var first = shardOf(m, w), last = prefix ? Math.min(shardOf(m, w + '\uffff'), first + 2) : first;
  var range = [];
  for (var k = first; k <= last; k++) range.push(k);
  return Promise.all(range.map(function (k) { return load('t/' + k); })).then(function () {
    var exact = lookup(w, 1);
    if (prefix) {
      var more = [];
      range.forEach(function (k) { more = more.concat(termsIn(files['t/' + k].data, k, w, w + '\uffff')); });
      more.forEach(function (t) { t.df = postings(files['t/' + t.shard].data, t.shard, t.at).docs.length; });
      more.sort(function (x, y) { return y.df - x.df; });
      more.slice(0, 30).forEach(function (t) {
        // A longer completion is a weaker match: `ref` finds `refund` before `reference`.
        if (t.term !== w) add(t, 0.85 * Math.sqrt(w.length / t.term.length));
      });
    }
    var common = exact && postings(files['t/' + exact.shard].data, exact.shard, exact.at).docs.length > COMMON;
    var others = [];
    if (!unit.exact && !common) {
      variants(w).forEach(function (v) { others.push({ word: v, weight: 0.8 }); });
      m.synonyms.forEach(function (p) {
        if (p[0] === w) others.push({ word: p[1], weight: 0.7 });
        if (p[1] === w) others.push({ word: p[0], weight: 0.7 });
      });
    }
    return shards(others.map(function (o) { return o.word; })).then(function () {
      others.forEach(function (o) { lookup(o.word, o.weight); });
      if (found.size || unit.exact || w.length < 4 || /\d/.test(w)) return Array.from(found.values());
      return typos(m, w).then(function (ts) { ts.forEach(function (t) { add(t, t.weight); }); return Array.from(found.values()); });
    });
  });
}

/** The file name of a letter (`u` and hex for other alphabets), or null. */
function letterKey(c) {
  return /^[a-z]$/.test(c) ? c : /^\p{Alphabetic}$/u.test(c) ? 'u' + c.codePointAt(0).toString(16) : null;
}

/**
 * Indexed words within one edit of w (two for 8+ letters), wherever the
 * typo is. The vocabulary is filed by pairs of a word's first three
 * letters (first and second, second and third, first and third: see
 * src/search/vocabulary.rs); the four pairs of w's first three letters
 * below hold every word one edit away, first letter included.
 */
function typos(m, w) {
  var cs = Array.from(w), max = w.length >= 8 ? 2 : 1, keys = [];
  [[0, 1], [1, 2], [0, 2], [1, 0]].forEach(function (p) {
    var a = letterKey(cs[p[0]]), b = letterKey(cs[p[1]]);
    if (a && b && keys.indexOf(a + b) < 0) keys.push(a + b);
  });
  var none = { terms: [], df: [] };
  return Promise.all(keys.map(function (k) { return load('v/' + k).catch(function () { return none; }); })).then(function (vs) {
    var near = [], seen = new Set();
    vs.forEach(function (v) {
      for (var i = 0; i < v.terms.length; i++) {
        var t = v.terms[i];
        if (seen.has(t)) continue;
        seen.add(t);
        var d = distance(w, t, max);
        if (d <= max) near.push({ term: t, d: d, df: v.df[i] });
      }
    });
    near.sort(function (a, b) { return a.d - b.d || b.df - a.df || (a.term < b.term ? -1 : 1); });
    near = near.slice(0, 8);
    var nums = Array.from(new Set(near.map(function (t) { return shardOf(m, t.term); })));
    return Promise.all(nums.map(function (k) { return load('t/' + k); })).then(function () {
      return near.map(function (t) {
        var k = shardOf(m, t.term), shard = files['t/' + k].data;
        return { term: t.term, shard: k, at: lowerBound(shard.terms, t.term), weight: t.d === 1 ? 0.6 : 0.4 };
      });
    });
  });
}

// ---- Scoring ------------------------------------------------------------

function idf(m, df) { return Math.log(1 + (m.docs - df + 0.5) / (df + 0.5)); }

/** Score of one unit for every document (0: no match). */
function scoreUnit(m, unit, state) {
  if (unit.phrase) return scorePhrase(m, unit, state);
  return expand(m, unit).then(function (terms) {
    var scores = new Float32Array(m.docs);
    terms.forEach(function (t) {
      var shard = files['t/' + t.shard].data, p = postings(shard, t.shard, t.at);
      raise(scores, p, idf(m, p.docs.length) * t.weight * (m.k1 + 1) / m.levels);
      if (p.docs.length) state.highlight.add(t.term);
    });
    return scores;
  });
}

/** Each posting's document scores the better of what it has and f × level: small and alone (see the note before `combine`). */
function raise(scores, p, f) {
  var docs = p.docs, levels = p.levels;
  for (var i = 0; i < docs.length; i++) {
    var s = f * levels[i], d = docs[i];
    if (scores[d] < s) scores[d] = s;
  }
}

/**
 * Documents holding the words of a phrase at the right distances. The
 * build indexes every pair of neighbouring words (`leave 2 door`: `door`
 * two positions after `leave`, the stop word between counted), so a
 * phrase is where all its pairs are, each at its distance from the first:
 * a phrase of two common words loads the few places where they meet, not
 * every place where each of them is. Its words' own postings score it.
 */
function scorePhrase(m, unit, state) {
  var scores = new Float32Array(m.docs), ws = unit.words, pairs = [];
  for (var k = 1; k < ws.length; k++) {
    var gap = ws[k].offset - ws[k - 1].offset;
    // No pair is that far apart.
    if (gap > m.maxGap) return Promise.resolve(scores);
    pairs.push(pairPostings(m, pairKey(ws[k - 1].word, ws[k].word, gap), ws.length > 2));
  }
  var found = ws.map(function (w) { return expand(m, { word: w.word, exact: true }); });
  return Promise.all([Promise.all(found), Promise.all(pairs)]).then(function (r) {
    if (r[0].some(function (f) { return !f.length; }) || r[1].some(function (p) { return !p; })) return scores;
    var lists = r[1].map(function (p, k) {
      return { p: p, at: [], j: 0, where: null, offset: ws[k].offset - ws[0].offset };
    });
    var here = new Uint8Array(m.docs), f = 1.5 * (m.k1 + 1) / m.levels;
    phrase(lists, here);
    r[0].forEach(function (found) {
      var t = found[0], p = postings(files['t/' + t.shard].data, t.shard, t.at);
      addWhere(scores, here, p, f * idf(m, p.docs.length));
      state.highlight.add(t.term);
    });
    return scores;
  });
}

/** The key of word `a` followed by `b` `gap` positions later, as the build writes it. */
function pairKey(a, b, gap) { return gap === 1 ? a + ' ' + b : a + ' ' + gap + ' ' + b; }

/** The pair file a pair is in, among `n` (a power of two): FNV-1a over its UTF-16 code units, as the build computes it. */
function bucket(key, n) {
  var h = 0x811c9dc5 | 0;
  for (var i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & (n - 1);
}

/**
 * A pair's postings (with each posting's positions as text when
 * `positions`), or null when no document has it. A large pair's bucket
 * names the file that holds its positions (`y/…`), which a phrase of two
 * words does not need: its one pair's documents are the phrase's.
 */
function pairPostings(m, key, positions) {
  return load('y/' + bucket(key, m.pairBuckets)).then(function (y) {
    var at = lowerBound(y.pairs, key);
    if (y.pairs[at] !== key) return null;
    var p = postings(y, key, at), text = y.positions[at];
    if (!positions || p.groups) return p;
    if (text.charAt(0) !== 'y') { p.groups = text.split(';'); return p; }
    return load(text).then(function (own) {
      // Each posting's positions, as gaps: `p,p…;p…`.
      if (!p.groups) p.groups = own.positions[0].split(';');
      return p;
    });
  });
}

/**
 * Mark every document that has all of a phrase's pairs (`lists`) at the
 * right distances. Goes through the postings of its rarest pair, finding
 * the others' by document. Small and alone (see the note before `combine`).
 */
function phrase(lists, here) {
  var driver = lists[0], n = lists.length, k;
  if (n === 1) {
    // Two words, one pair: where the pair is, the phrase is.
    for (k = 0; k < driver.p.docs.length; k++) here[driver.p.docs[k]] = 1;
    return;
  }
  for (k = 1; k < n; k++) if (lists[k].p.docs.length < driver.p.docs.length) driver = lists[k];
  for (k = 0; k < n; k++) if (lists[k] !== driver) lists[k].where = where(lists[k].p, here.length);
  var docs = driver.p.docs;
  docs:
  for (var i = 0; i < docs.length; i++) {
    var doc = docs[i], l;
    // Every pair in the document first; then where.
    for (k = 0; k < n; k++) {
      l = lists[k];
      l.j = l === driver ? i : l.where[doc] - 1;
      if (l.j < 0) continue docs;
    }
    for (k = 0; k < n; k++) positionsAt(lists[k]);
    var ats = driver.at;
    for (var a = 0; a < ats.length; a++) {
      var start = ats[a] - driver.offset;
      for (k = 0; k < n && lists[k].at.indexOf(start + lists[k].offset) >= 0; k++);
      if (k === n) { here[doc] = 1; break; }
    }
  }
}

/** Add f × level to the score of each posting's document that is `here`: small and alone (see the note before `combine`). */
function addWhere(scores, here, p, f) {
  var docs = p.docs, levels = p.levels;
  for (var i = 0; i < docs.length; i++) if (here[docs[i]]) scores[docs[i]] += f * levels[i];
}

/** Each document's place in a term's postings, plus one (0: not there). */
function where(p, docs) {
  var w = new Int32Array(docs);
  for (var i = 0; i < p.docs.length; i++) w[p.docs[i]] = i + 1;
  return w;
}

/** The positions of a phrase pair's posting `l.j`, into `l.at` (ascending). */
function positionsAt(l) {
  var text = l.p.groups[l.j], at = l.at, num = 0, pos = 0;
  at.length = 0;
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c === 44) { pos += num; at.push(pos); num = 0; } else num = num * 10 + c - 48;
  }
  at.push(pos + num);
}

/**
 * The documents the filters allow: those from `from` to `to` (the page
 * kind), and with a `mask`, those it counts `need` times (one for each
 * filter's list of cases).
 */
function allowed(m, filters) {
  var lists = [], kind = filters.kind;
  Object.keys(filters).forEach(function (name) {
    if (name === 'kind' || !filters[name]) return;
    var values = (m.filters.find(function (g) { return g[0] === name; }) || [name, []])[1];
    var k = values.findIndex(function (v) { return v[0] === filters[name]; });
    lists.push(k < 0 ? Promise.resolve({ docs: '' }) : load('f/' + name + '-' + k));
  });
  return Promise.all(lists).then(function (files) {
    var mask = files.length ? new Uint8Array(m.docs) : null;
    files.forEach(function (f) {
      // The cases' documents, as gaps.
      if (!f.docs) return;
      var gaps = JSON.parse('[' + f.docs + ']'), d = 0;
      for (var i = 0; i < gaps.length; i++) mask[d += gaps[i]]++;
    });
    return {
      mask: mask, need: files.length,
      from: kind === 'case' ? m.caseDocs : 0,
      to: kind === 'chapter' ? m.caseDocs : m.docs
    };
  });
}

/** How many results are ranked before any is shown; the rest on demand. */
var TOP = 32;

// The loops below run on every document of the handbook (26,287 at 10,005
// pages) while the page's scripts are still cold. Each is a small function
// of its own: the browser compiles such a loop to fast code early, where
// the same loops inside the large function that calls them ran several
// times slower, and so did one function doing all of it at once.

/**
 * Every document's total over the query's units (`perUnit`, two or more),
 * times the square of the share of the units it has: documents with every
 * word come first.
 */
function combine(perUnit, total) {
  var n = perUnit.length;
  for (var d = 0; d < total.length; d++) {
    var t = 0, c = 0;
    for (var k = 0; k < n; k++) { var v = perUnit[k][d]; if (v > 0) { t += v; c++; } }
    total[d] = c < n ? t * (c / n) * (c / n) : t;
  }
}

/** Only the documents with a score in `scores` (a phrase's) keep their total. */
function only(total, scores) {
  for (var d = 0; d < total.length; d++) if (!(scores[d] > 0)) total[d] = 0;
}

/** Only the documents the filter allows (see `allowed`) keep their total. */
function keepAllowed(total, filter) {
  var mask = filter.mask, need = filter.need;
  for (var d = 0; d < total.length; d++) {
    if (d < filter.from || d >= filter.to || (mask && mask[d] !== need)) total[d] = 0;
  }
}

/**
 * Each page's best document and score, from every document's total (0: no
 * match): `best[p]` (-1: none) and `score[p]`, the best document's total
 * plus a twentieth of each other one's, so that a chapter with the words
 * in several sections comes before one with them in one. Also the TOP
 * best pages, best first, then in site order (`top`, which it fills).
 * Returns how many pages matched.
 */
function pagesOf(total, firstDoc, best, score, top) {
  var count = 0, d = 0, kept = 0;
  for (var p = 0; p < best.length; p++) {
    var at = -1, max = 0, sum = 0;
    for (var end = firstDoc[p + 1]; d < end; d++) {
      var t = total[d];
      if (t > 0) { sum += t; if (t > max) { max = t; at = d; } }
    }
    best[p] = at;
    if (at < 0) continue;
    score[p] = max + 0.05 * (sum - max);
    var s = score[p]; // as stored (a float), so that equal scores compare equal
    count++;
    // Pages come in site order: a later one with an equal score goes after.
    if (kept === TOP && !(s > score[top[kept - 1]])) continue;
    var j = kept < TOP ? kept++ : kept - 1;
    while (j > 0 && score[top[j - 1]] < s) { top[j] = top[j - 1]; j--; }
    top[j] = p;
  }
  top.length = kept;
  return count;
}

/**
 * The pages with a best document (`best[p] >= 0`), best score first, then
 * in site order: `at(i)` is the i-th. The first TOP are those `pagesOf`
 * kept; the others are sorted when first asked for (Show more), if ever.
 */
function ranking(best, score, count, top) {
  var all = null;
  return function (i) {
    if (i < top.length) return top[i];
    if (!all) {
      all = new Int32Array(count);
      for (var p = 0, k = 0; p < best.length; p++) if (best[p] >= 0) all[k++] = p;
      all.sort(function (a, b) { return score[b] - score[a] || a - b; });
    }
    return all[i];
  };
}

/**
 * Answer a query: {count, result(i) → {page, doc, score, more: [doc…]},
 * highlight, total}, best first. An empty query with filters lists what
 * the filters allow, in site order (cases newest first).
 */
function search(q, filters) {
  return meta().then(function (m) {
    var units = parse(q, m.stopSet);
    var state = { highlight: new Set() };
    var filtered = Object.keys(filters).some(function (k) { return filters[k]; });
    if (!units.length && !filtered) return { count: 0, empty: true, state: state };
    return Promise.all([allowed(m, filters), Promise.all(units.map(function (u) { return scoreUnit(m, u, state); }))]).then(function (r) {
      var filter = r[0], perUnit = r[1], firstDoc = m.firstDoc, n = units.length, d, p;
      // One result per page: its best section, with a little of the others that matched.
      var best = new Int32Array(m.pages).fill(-1), score = new Float32Array(m.pages), count = 0, top = [];
      // Every document's score (a unit's own array when it is alone).
      var total = n === 1 ? perUnit[0] : new Float32Array(m.docs);
      if (!n) {
        // Filters alone: the pages they allow, in site order (cases newest first).
        for (p = 0; p < m.pages; p++) {
          d = firstDoc[p];
          if (d < filter.from || d >= filter.to || (filter.mask && filter.mask[d] !== filter.need)) continue;
          total[d] = m.pages - p; best[p] = d; score[p] = total[d]; count++;
          if (top.length < TOP) top.push(p);
        }
      } else {
        if (n > 1) combine(perUnit, total);
        // A phrase must be there; the filters must allow the document.
        perUnit.forEach(function (scores, k) { if (n > 1 && units[k].phrase) only(total, scores); });
        if (filter.mask || filter.from > 0 || filter.to < m.docs) keepAllowed(total, filter);
        count = pagesOf(total, firstDoc, best, score, top);
      }
      var at = ranking(best, score, count, top), made = [];
      return {
        count: count,
        result: function (i) {
          if (!made[i]) { var p = at(i); made[i] = { page: p, doc: best[p], score: score[p] }; }
          return made[i];
        },
        state: state,
        total: total
      };
    });
  });
}

/**
 * What results show: their pages (title, link, headings) and the text of
 * their best section, from the few small files that hold them.
 */
function fragments(m, results, total) {
  // The other sections of the page that matched, best first (two at most).
  results.forEach(function (r) {
    if (r.more) return;
    var first = m.firstDoc[r.page], end = m.firstDoc[r.page + 1], more = [];
    for (var d = first; d < end; d++) if (d !== r.doc && total[d] > 0) more.push(d);
    r.more = more.sort(function (a, b) { return total[b] - total[a]; }).slice(0, 2);
  });
  var names = new Set();
  results.forEach(function (r) { names.add('d/' + floor(m.textFiles, r.doc)); });
  var loading = Promise.all(Array.from(names).map(load));
  warmUp();
  return loading.then(function (list) {
    var pages = {}, texts = {};
    list.forEach(function (f) {
      f.texts.forEach(function (t, i) { texts[f.first + i] = t; });
      f.pages.forEach(function (p) { pages[p[0]] = p[1]; });
    });
    results.forEach(function (r) { r.info = pages[r.page]; r.text = texts[r.doc]; });
  });
}

/**
 * Snippets split texts that are rarely ASCII alone (a `·`, a `’`) with
 * the Unicode expressions, whose first use costs milliseconds: spend them
 * once while the first results' texts are on their way, not after.
 */
var warm = false;
function warmUp() {
  if (warm) return;
  warm = true;
  words('\u00e9\u00b7a\u2019b');
}
