/* exitbook search, part 5 of 7: postings, scores and the ranking.
 *
 * A document is a chapter section or a case. Each posting of a word has a
 * weight level (BM25F at build time: src/search/mod.rs); a document's score
 * for a unit is the best, over what the unit stands for, of weight × the
 * term's IDF × its level; its total sums its units', times the square of
 * the share of the units it has. One result per page: its best document.
 */

var postingCache = new Map();

/**
 * Postings of a term: {docs, levels}, in the order stored (by level, then
 * document). Per level, highest first: the level, the number of documents
 * and their gaps, as compact numbers.
 */
function postings(shard, n, at) {
  var key = n + ':' + at;
  var p = postingCache.get(key);
  if (p) return p;
  p = levelled(shard.postings[at]);
  postingCache.set(key, p);
  return p;
}

/**
 * Postings from their compact string, in one pass (per level: the level,
 * the number of documents, their gaps): small and alone (see the note
 * before `combine`). This runs on tens of thousands of postings while the
 * page's scripts are cold, where each pass over them counts.
 */
function levelled(s) {
  var docs = new Int32Array(s.length), levels = new Uint8Array(s.length);
  var j = 0, n = 0, state = 0, level = 0, left = 0, d = 0;
  for (var i = 0; i < s.length; i++) {
    var x = DIGIT[s.charCodeAt(i)];
    if (x >= 64) { n = n * MORE + x - 64; continue; }
    n = n * ENDS + x;
    if (state === 2) {
      d += n; docs[j] = d; levels[j++] = level;
      if (--left === 0) state = 0;
    } else if (state === 0) { level = n; state = 1; }
    else { left = n; d = 0; state = n ? 2 : 0; }
    n = 0;
  }
  return { docs: docs.subarray(0, j), levels: levels.subarray(0, j) };
}

function idf(m, df) { return Math.log(1 + (m.docs - df + 0.5) / (df + 0.5)); }

/**
 * Score of one unit for every document (0: no match). Marks the unit
 * `none` when nothing in the index stands for it.
 */
function scoreUnit(m, unit, state) {
  return expand(m, unit).then(function (alts) {
    var scores = new Float32Array(m.docs), f = (m.k1 + 1) / m.levels;
    alts.terms.forEach(function (t) {
      var p = postings(files['t/' + t.shard].data, t.shard, t.at);
      raise(scores, p, idf(m, p.docs.length) * t.weight * f);
      state.highlight.add(t.term);
    });
    return Promise.all(alts.phrases.map(function (ph) { return phraseScores(m, ph.words, state, !!unit.phrase); })).then(function (list) {
      var any = alts.terms.length > 0;
      list.forEach(function (ps, k) {
        if (!ps) return;
        any = true;
        raiseBy(scores, ps, alts.phrases[k].weight);
      });
      unit.none = !any;
      return scores;
    });
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

/** Each document scores the better of what it has and w × its phrase score. */
function raiseBy(scores, ps, w) {
  for (var d = 0; d < scores.length; d++) { var s = ps[d] * w; if (scores[d] < s) scores[d] = s; }
}

/** The level a phrase's presence counts for, besides its words' own levels. */
var PHRASE_LEVEL = 8;

/**
 * Every document's score for a phrase (folded words, stop words included),
 * or null if no document has it. The build indexes every pair of
 * neighbouring words (`leave the`, `the door`), so a phrase is where all
 * its pairs are: a phrase of two common words loads the few documents
 * where they meet, and one of small words (`"as soon as you can"`) is
 * found as written. Its words score it, and its rarest pair. A quoted
 * phrase of three words or more, or with a number (no pair has one), is
 * then checked against the texts shown (`verify`): its pairs may be in a
 * document apart.
 */
function phraseScores(m, ws, state, required) {
  var pairs = [], numbers = false;
  for (var k = 1; k < ws.length; k++) {
    // No pair has a word with a digit (src/search/analyse.rs): such a
    // word counts by its own documents, and the text shown is checked.
    if (/\d/.test(ws[k - 1]) || /\d/.test(ws[k])) numbers = true;
    else pairs.push(pairDocs(m, ws[k - 1] + ' ' + ws[k]));
  }
  var content = ws.filter(function (w, i) { return !m.stopSet.has(w) && ws.indexOf(w) === i; });
  return Promise.all([Promise.all(pairs), shardsOf(m, content)]).then(function (r) {
    var lists = r[0];
    if (lists.some(function (p) { return !p; })) return null;
    if (numbers) {
      var missing = false;
      content.forEach(function (w) {
        if (!/\d/.test(w)) return;
        var t = termOf(m, w);
        if (t) lists.push(postings(files['t/' + t.shard].data, t.shard, t.at).docs);
        else missing = true;
      });
      if (missing) return null;
    }
    if (!lists.length) return null;
    var here = new Uint8Array(m.docs), rarest = m.docs;
    lists.forEach(function (docs) { count(here, docs); rarest = Math.min(rarest, docs.length); });
    var scores = new Float32Array(m.docs), f = 1.5 * (m.k1 + 1) / m.levels;
    if (!place(scores, here, lists.length, f * idf(m, rarest) * PHRASE_LEVEL)) return null;
    content.forEach(function (w) {
      var t = termOf(m, w);
      if (!t) return;
      var p = postings(files['t/' + t.shard].data, t.shard, t.at);
      addWhere(scores, here, lists.length, p, f * idf(m, p.docs.length));
      state.highlight.add(w);
    });
    state.phrases.push(ws);
    if (required && (ws.length > 2 || numbers)) state.verify.push(ws);
    return scores;
  });
}

/** Count each document of `docs` in `here`: small and alone (see the note before `combine`). */
function count(here, docs) {
  for (var i = 0; i < docs.length; i++) here[docs[i]]++;
}

/** Score `base` for each document counted `need` times; whether there is one. */
function place(scores, here, need, base) {
  var any = false;
  for (var d = 0; d < here.length; d++) if (here[d] === need) { scores[d] = base; any = true; }
  return any;
}

/** Add f × level to the score of each posting's document counted `need` times: small and alone. */
function addWhere(scores, here, need, p, f) {
  var docs = p.docs, levels = p.levels;
  for (var i = 0; i < docs.length; i++) if (here[docs[i]] === need) scores[docs[i]] += f * levels[i];
}

/** The pair file a pair is in, among `n` (a power of two): FNV-1a over its UTF-16 code units, as the build computes it. */
function bucket(key, n) {
  var h = 0x811c9dc5 | 0;
  for (var i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & (n - 1);
}

var pairCache = new Map();

/** The documents of a pair of words (`leave the`), ascending, or null when no document has it. */
function pairDocs(m, key) {
  return load('y/' + bucket(key, m.pairBuckets)).then(function (y) {
    if (pairCache.has(key)) return pairCache.get(key);
    var at = lowerBound(y.pairs, key), docs = y.pairs[at] === key ? gapsToDocs(y.postings[at]) : null;
    pairCache.set(key, docs);
    return docs;
  });
}

/**
 * The documents the filters allow: those from `from` to `to` (the page
 * kind), and with a `mask`, those it counts `need` times (one for each
 * filter's list of cases). Values the index does not know are left out
 * (the page names them).
 */
function allowed(m, filters) {
  var lists = [], kind = filters.kind;
  Object.keys(filters).forEach(function (name) {
    var values = m.values[name], v = values && values[filters[name]];
    if (name === 'kind' || !v) return;
    lists.push(load('f/' + name + '-' + v[2]));
  });
  return Promise.all(lists).then(function (files) {
    var mask = files.length ? new Uint8Array(m.docs) : null;
    files.forEach(function (f) { count(mask, gapsToDocs(f.docs)); });
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
 * plus a tenth of each other one's, so that a chapter with the words
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
    score[p] = max + 0.1 * (sum - max);
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

/** Whether a filter is set (other than to nothing). */
function filtered(filters) { return Object.keys(filters).some(function (k) { return filters[k]; }); }

/**
 * Answer a query: {count, result(i) → {page, doc, score}, state (what to
 * highlight, phrases to check), total, query, units}, best first. An empty
 * query with filters lists what the filters allow, in site order (cases
 * newest first).
 */
function search(q, filters) {
  return meta().then(function (m) {
    var query = parse(q, m);
    var state = { highlight: new Set(), phrases: [], verify: [] };
    if (!query.units.length && !filtered(filters)) return { count: 0, empty: true, state: state, query: query, units: [] };
    return Promise.all([allowed(m, filters), resolve(m, query)]).then(function (r) {
      var units = r[1];
      return Promise.all(units.map(function (u) { return scoreUnit(m, u, state); })).then(function (perUnit) {
        return ranked(m, r[0], units, perUnit, state, query);
      });
    });
  });
}

/** The ranking of a query's scores (see `search`). */
function ranked(m, filter, units, perUnit, state, query) {
  var firstDoc = m.firstDoc, n = units.length, d, p;
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
    // A quoted phrase must be there; the filters must allow the document.
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
    total: total,
    query: query,
    units: units
  };
}
