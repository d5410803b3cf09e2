/* exitbook search, part 4 of 7: the query, and what each of its parts
 * stands for.
 *
 * A query is units: a word, a quoted phrase, or a few words that a synonym
 * table knows as one (`money back`, `get rid of`). A word stands for terms
 * of the index, each with a weight: itself (1); while it is being typed,
 * the words it begins; its plural or singular (0.8); two words it joins
 * (`followup`: the phrase `follow up`, 0.9); its synonyms (SYNONYM, from the
 * entries of its own term shard: src/search/synonyms.rs); and when none of
 * these is in the index, the words a typo or two away (0.6, 0.4). The
 * words of a question (how, should, what…) are left out when others are
 * there: a question ranks by what it is about.
 */

/**
 * The query's words (`tokens`: every word, folded, with whether it is a
 * stop word and the quoted phrase it is in, or -1) and its units.
 */
function parse(q, m) {
  var tokens = [], units = [], re = /"([^"]*)"?|[^"]+/g, x, quote = 0;
  var typing = !/[\s"]$/.test(q);
  while ((x = re.exec(q))) {
    if (x[1] !== undefined) {
      var ws = words(x[1]).map(function (w) { return w.word; });
      if (!ws.length) continue;
      var at = tokens.length;
      ws.forEach(function (w) { tokens.push({ word: w, stop: m.stopSet.has(w), quote: quote }); });
      units.push(ws.length > 1 ? { phrase: ws, at: at } : { word: ws[0], exact: true, at: at });
      quote++;
    } else {
      words(x[0]).forEach(function (w) {
        tokens.push({ word: w.word, stop: m.stopSet.has(w.word), quote: -1 });
        units.push({ word: w.word, at: tokens.length - 1 });
      });
    }
  }
  var last = units[units.length - 1];
  if (last && last.word && !last.exact && typing) last.typing = true;
  // Stop words are not indexed alone, and a question's own words say
  // nothing of its subject: both go, unless nothing else is left.
  var content = units.filter(function (u) { return !u.word || u.exact || !m.stopSet.has(u.word); });
  var subject = content.filter(function (u) { return !u.word || u.exact || !filler(m, u.word); });
  return { tokens: tokens, units: subject.length ? subject : content.length ? content : units.filter(function (u) { return u.typing; }) };
}

/** Whether a word is one a question is made of (`how`, `should`; `needs`, `wants`). */
function filler(m, w) {
  return m.fillerSet.has(w) || (/[^s]s$/.test(w) && m.fillerSet.has(w.slice(0, -1)));
}

/** The term shards a word unit needs: its own, and while it is typed, those of the words it begins (three at most). */
function unitShards(m, u) {
  var first = shardOf(m, u.word), out = [first];
  if (u.typing && u.word.length >= 3) {
    for (var k = first + 1; k <= Math.min(shardOf(m, u.word + '\uffff'), first + 2); k++) out.push(k);
  }
  return out;
}

/** A term's place in its (loaded) shard: {term, shard, at}, or null. */
function termOf(m, word) {
  var k = shardOf(m, word), shard = files['t/' + k] && files['t/' + k].data;
  if (!shard) return null;
  var at = lowerBound(shard.terms, word);
  return shard.terms[at] === word ? { term: word, shard: k, at: at } : null;
}

/** The synonyms of `key` (a word, or words space-separated) in its (loaded) shard: [alternative…]. */
function synonymsOf(m, key) {
  var k = shardOf(m, key), shard = files['t/' + k] && files['t/' + k].data, list = shard && shard.synonyms;
  if (!list) return [];
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid][0] < key) lo = mid + 1; else hi = mid; }
  return lo < list.length && list[lo][0] === key ? list[lo].slice(1) : [];
}

/**
 * Where the words of `key` are in the unquoted tokens from `at` on, in
 * order, each at most two tokens after the one before (`let a client go`
 * spells `let go`): their indices, or null.
 */
function spelled(tokens, at, key) {
  var found = [at], i = at;
  for (var k = 1; k < key.length; k++) {
    var next = -1;
    for (var j = i + 1; j <= i + 3 && j < tokens.length && tokens[j].quote < 0; j++) {
      if (tokens[j].word === key[k]) { next = j; break; }
    }
    if (next < 0) return null;
    found.push(i = next);
  }
  return found;
}

/**
 * Load the shards of the query's words, then join the words that a
 * synonym table knows as one (`money back`, `get rid of`, `let … go`)
 * into one unit: the words as a phrase, or the table's alternatives; the
 * words between them stay units of their own. Resolves to the units.
 */
function resolve(m, query) {
  var want = [];
  query.units.forEach(function (u) { if (u.word) want = want.concat(unitShards(m, u)); });
  return Promise.all(want.map(function (k) { return load('t/' + k); })).then(function () {
    var out = [], taken = {}, tokens = query.tokens;
    query.units.forEach(function (u) {
      if (taken[u.at]) return;
      if (u.word && !u.exact) {
        // Keys that begin with this word, in its shard: the longest that
        // the words typed next (unquoted) spell.
        var list = files['t/' + shardOf(m, u.word)].data.synonyms || [], best = null;
        for (var i = lowerBound(list.map(function (e) { return e[0]; }), u.word + ' '); i < list.length && list[i][0].lastIndexOf(u.word + ' ', 0) === 0; i++) {
          var key = list[i][0].split(' '), at = spelled(tokens, u.at, key);
          if (at && (!best || key.length > best.words.length)) best = { words: key, alts: list[i].slice(1), at: at };
        }
        if (best) {
          best.at.forEach(function (t) { taken[t] = true; });
          // Contiguous, the words are also a phrase to find as written.
          var together = best.at[best.at.length - 1] - u.at === best.words.length - 1;
          out.push({ group: best.words, together: together, alts: best.alts, at: u.at, typing: false });
          return;
        }
      }
      out.push(u);
    });
    return out;
  });
}

/**
 * The weight of a synonym: below the word itself and its forms, so that a
 * page in the handbook's words comes before one in the reader's; low
 * enough that a synonym in a title does not outweigh the word in a
 * section's text by much.
 */
var SYNONYM = 0.6;

/** A word so common that its other forms and synonyms are not worth loading. */
var COMMON = 2000;

/**
 * What a unit stands for: {terms: [{term, shard, at, weight}], phrases:
 * [{words, weight}]}. See the note at the top.
 */
function expand(m, unit) {
  if (unit.phrase) return Promise.resolve({ terms: [], phrases: [{ words: unit.phrase, weight: 1 }] });
  var found = new Map(), phrases = [];
  function add(t, weight) {
    var old = found.get(t.term);
    if (!old || old.weight < weight) found.set(t.term, { term: t.term, shard: t.shard, at: t.at, weight: weight });
  }
  function lookup(word, weight) {
    var t = termOf(m, word);
    if (t) add(t, weight);
    return t;
  }
  /** Synonyms as terms (words) and phrases (several words), at `weight`. */
  function alternatives(list, weight) {
    var single = list.filter(function (a) { return a.indexOf(' ') < 0; });
    list.forEach(function (a) { if (a.indexOf(' ') >= 0) phrases.push({ words: a.split(' '), weight: weight }); });
    return shardsOf(m, single).then(function () { single.forEach(function (a) { lookup(a, weight); }); });
  }
  if (unit.group) {
    if (unit.together) phrases.push({ words: unit.group, weight: 1 });
    return alternatives(unit.alts, SYNONYM).then(function () { return { terms: Array.from(found.values()), phrases: phrases }; });
  }
  var w = unit.word, range = unitShards(m, unit);
  return Promise.all(range.map(function (k) { return load('t/' + k); })).then(function () {
    var exact = lookup(w, 1);
    if (!unit.exact && unit.typing && w.length >= 3) {
      var more = [];
      range.forEach(function (k) {
        var terms = files['t/' + k].data.terms;
        for (var i = lowerBound(terms, w); i < terms.length && terms[i].lastIndexOf(w, 0) === 0; i++) more.push({ term: terms[i], shard: k, at: i });
      });
      more.forEach(function (t) { t.df = postings(files['t/' + t.shard].data, t.shard, t.at).docs.length; });
      more.sort(function (x, y) { return y.df - x.df; });
      more.slice(0, 30).forEach(function (t) {
        // A longer completion is a weaker match: `ref` finds `refund` before `reference`.
        if (t.term !== w) add(t, 0.85 * Math.sqrt(w.length / t.term.length));
      });
    }
    var common = exact && postings(files['t/' + exact.shard].data, exact.shard, exact.at).docs.length > COMMON;
    if (unit.exact || common) return;
    var forms = variants(w);
    return shardsOf(m, forms).then(function () {
      forms.forEach(function (v) { lookup(v, 0.8); });
      var syn = [];
      [w].concat(forms).forEach(function (v) {
        synonymsOf(m, v).forEach(function (a) { if (a !== w && syn.indexOf(a) < 0) syn.push(a); });
      });
      return alternatives(syn, SYNONYM);
    });
  }).then(function () {
    if (found.size || phrases.length || unit.exact || /\d/.test(w)) return;
    // Nothing: two words joined (`followup`), else a typo. Both asked
    // at once: each is a round trip or two, and the typo's vocabulary
    // files are small.
    var typo = w.length >= 4 ? typos(m, w, w.length >= 8 ? 2 : 1) : Promise.resolve([]);
    return Promise.all([compounds(m, w), typo]).then(function (r) {
      var splits = r[0], ts = r[1];
      splits.forEach(function (s) { phrases.push({ words: s, weight: 0.9 }); });
      if (splits.length) return;
      ts.forEach(function (t) { add(t, t.d === 1 ? 0.6 : 0.4); });
      // The word it most likely stands for, with its forms and synonyms:
      // `refnud` finds what `refund` finds.
      if (ts.length) return expand(m, { word: ts[0].term, at: unit.at }).then(function (more) {
        more.terms.forEach(function (t) { add(t, t.weight * 0.6); });
        more.phrases.forEach(function (p) { phrases.push({ words: p.words, weight: p.weight * 0.6 }); });
      });
    });
  }).then(function () {
    return { terms: Array.from(found.values()), phrases: phrases };
  });
}

/**
 * The ways `w` splits into two words the index has (`followup`: `follow
 * up`; `thankyou`: `thank you`, a stop word being a word too), the longest
 * first word first, two at most; at least one of the two a word of its own.
 */
function compounds(m, w) {
  if (w.length < 5) return Promise.resolve([]);
  var near = shardOf(m, w), lefts = [];
  for (var i = w.length - 2; i >= 2; i--) {
    var left = w.slice(0, i);
    // Its first words sort before it: in its shard or the two before.
    if (shardOf(m, left) >= near - 2 && (i >= 3 || m.stopSet.has(left))) lefts.push(left);
  }
  function known(x) { return m.stopSet.has(x) || termOf(m, x); }
  return shardsOf(m, lefts).then(function () {
    var splits = lefts.filter(known).slice(0, 3).map(function (l) { return [l, w.slice(l.length)]; });
    return shardsOf(m, splits.map(function (s) { return s[1]; })).then(function () {
      return splits.filter(function (s) {
        return known(s[1]) && !(m.stopSet.has(s[0]) && m.stopSet.has(s[1]));
      }).slice(0, 2);
    });
  });
}

/** The file name of a letter (`u` and hex for other alphabets), or null. */
function letterKey(c) {
  return /^[a-z]$/.test(c) ? c : /^\p{Alphabetic}$/u.test(c) ? 'u' + c.codePointAt(0).toString(16) : null;
}

/**
 * Indexed words within `max` edits of w, wherever the typo is: [{term,
 * shard, at, d}], nearest and most common first (eight at most). The
 * vocabulary is filed by pairs of a word's first three letters (first and
 * second, second and third, first and third: see
 * src/search/vocabulary.rs); the four pairs of w's first three letters
 * below hold every word one edit away, first letter included. Only the
 * files meta.js lists are asked for.
 */
function typos(m, w, max) {
  var cs = Array.from(w), keys = [];
  [[0, 1], [1, 2], [0, 2], [1, 0]].forEach(function (p) {
    var a = letterKey(cs[p[0]]), b = letterKey(cs[p[1]]);
    if (a && b && keys.indexOf(a + b) < 0 && m.vocabularySet.has(a + b)) keys.push(a + b);
  });
  return Promise.all(keys.map(function (k) { return load('v/' + k); })).then(function (vs) {
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
    return shardsOf(m, near.map(function (t) { return t.term; })).then(function () {
      return near.map(function (t) { var found = termOf(m, t.term); found.d = t.d; return found; });
    });
  });
}

/**
 * A query close to `query` that may have results, or null: each word that
 * matched nothing replaced by the nearest word of the index (one edit more
 * than typos allow), or left out when there is none and other words are
 * left; each phrase that matched nothing unquoted.
 */
function suggest(m, query, units) {
  var fix = {}, drop = {}, unquote = {};
  var asked = units.map(function (u) {
    if (!u.none) return null;
    if (u.phrase) { unquote[query.tokens[u.at].quote] = true; return null; }
    if (!u.word) return null;
    drop[u.at] = true;
    if (/\d/.test(u.word) || u.word.length < 4) return null;
    return typos(m, u.word, u.word.length >= 9 ? 3 : 2).then(function (ts) {
      if (ts.length) { fix[u.at] = ts[0].term; drop[u.at] = false; }
    });
  });
  return Promise.all(asked).then(function () {
    var kept = query.tokens.filter(function (t, i) { return !drop[i] && !t.stop; });
    if (!kept.length) return null;
    var changed = false, out = [], open = -1;
    query.tokens.forEach(function (t, i) {
      if (drop[i]) { changed = true; return; }
      var word = fix[i] || t.word;
      changed = changed || word !== t.word || unquote[t.quote];
      var quoted = t.quote >= 0 && !unquote[t.quote];
      if (quoted && t.quote !== open) { out.push('"' + word); open = t.quote; } else out.push(word);
      var next = query.tokens[i + 1];
      if (quoted && (!next || next.quote !== t.quote)) out[out.length - 1] += '"';
    });
    return changed ? out.join(' ') : null;
  });
}
