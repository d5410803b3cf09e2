/* exitbook search: runs entirely in the reader's browser, offline.
 *
 * The index (written by `exitbook build` under search/, see src/search/mod.rs)
 * is a set of classic scripts, each calling exitbookSearch.load(name, data):
 * inserting a <script> tag works from file://, where fetch() of local files
 * does not. Only what a query needs is loaded: meta.js, the term shard of
 * each word (t/N), pairs of words for quoted phrases (y/B), the vocabulary of a
 * few pairs of letters when a word has a typo (v/AB), the cases of a filter
 * value (f/…), and for the results shown, their texts and pages (d/N).
 *
 * Words are segmented and folded as the build does (Unicode word breaks,
 * accents removed, lowercase). A document is a chapter section or a case;
 * its score is the sum, over the query's words, of the best of: the word
 * itself, words it begins (prefix), its plural/singular, and — when the word
 * is not in the index — words within one typo (4+ letters) or two (8+).
 */
(function () {
  'use strict';

  // Loaded twice (a theme's page adding it again): the first one serves.
  // The search page may have started loading a query's files before this
  // script ran (`exitbookSearch.early`: the data of those that ran; its
  // `pending`: the script elements of those still loading); it takes them
  // over.
  var earlyFiles = window.exitbookSearch;
  if (earlyFiles && !earlyFiles.early) return;
  var STARTED = performance.now();
  var script = document.currentScript;
  var ROOT = (script && script.getAttribute('data-root')) || './';
  var BASE = ROOT + 'search/';
  var PAGE_SIZE = 10;
  var POPUP_SIZE = 6;

  // ---- Loading the index --------------------------------------------------

  var files = {};
  var version = '';
  window.exitbookSearch = {
    /** Called by every index file. */
    load: function (name, data) {
      var f = files[aliases[name] || name];
      if (f) { f.data = data; f.resolve(data); }
      else if (earlyFiles) earlyFiles.early[name] = data;
    },
    /** The index files this page has asked for, in order, by file name (`t/1f0c2a9b`). */
    loaded: [],
    /** Those the search page's own script started loading before this one ran. */
    loadedEarly: earlyFiles ? Object.keys(earlyFiles.pending) : [],
    /** The words of a text as the index has them (tests compare the build's). */
    tokens: function (text) { return words(text).map(function (w) { return w.word; }); }
  };

  // Term shards and text files are numbered here (`t/3`, `d/12`) and named
  // on disk by meta.js (`t/1f0c…`): a name stays while the shards around
  // it are split or joined, so an edit rewrites few files.
  var aliases = {};
  function fileOf(name) {
    var m = files.meta && files.meta.data, kind = name.slice(0, 2);
    if (!m) return name;
    // Names are 8 hex digits each, one after the other.
    var list = kind === 'd/' ? m.textNames : kind === 't/' ? m.shardNames : null;
    var at = 8 * +name.slice(2);
    return list && at + 8 <= list.length ? kind + list.substr(at, 8) : name;
  }

  function load(name) {
    if (files[name]) return files[name].promise;
    var f = {};
    f.promise = new Promise(function (resolve, reject) { f.resolve = resolve; f.reject = reject; });
    files[name] = f;
    // The search page has meta.js as a deferred script of its own, right
    // after this one: it runs as soon as this one has, with no wait for a
    // task or a frame in between.
    var s = name === 'meta' && document.querySelector('script[data-search-meta]');
    if (!s) {
      var file = fileOf(name);
      aliases[file] = name;
      if (earlyFiles && earlyFiles.early[file]) {
        f.data = earlyFiles.early[file];
        f.resolve(f.data);
      } else if (earlyFiles && earlyFiles.pending[file] && !earlyFiles.pending[file].done) {
        s = earlyFiles.pending[file];
      } else {
        s = document.createElement('script');
        s.src = BASE + file + '.js' + (version ? '?v=' + version : '');
        document.head.appendChild(s);
      }
    }
    if (s) s.addEventListener('error', function () { f.reject(new Error('the search index file ' + name + '.js is missing')); });
    window.exitbookSearch.loaded.push(name === 'meta' ? name : fileOf(name));
    return f.promise;
  }

  var metaPromise = null;
  function meta() {
    if (!metaPromise) {
      metaPromise = load('meta').then(function (m) {
        version = m.version;
        m.stopSet = new Set(m.stop);
        // First document of every page: chapters have one per section, cases one.
        // (And one more: the end of the last page.)
        m.firstDoc = new Int32Array(m.pages + 1);
        var d = 0;
        for (var p = 0; p < m.pages; p++) {
          m.firstDoc[p] = d;
          d += p < m.chapterPages ? m.sections[p] : 1;
        }
        m.firstDoc[m.pages] = m.docs;
        // meta.js has how many documents each text file holds; make it
        // each file's first document.
        var sum = 0;
        m.textFiles = m.textFiles.map(function (n) { var first = sum; sum += n; return first; });
        m.caseDocs = m.chapterPages ? m.firstDoc[m.chapterPages - 1] + m.sections[m.chapterPages - 1] : 0;
        return m;
      });
    }
    return metaPromise;
  }

  // The last index i with list[i] <= key (list sorted), or -1.
  function floor(list, key) {
    var lo = 0, hi = list.length - 1, ans = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= key) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  // ---- Words --------------------------------------------------------------

  // Unicode word breaks (UAX #29), as the build's unicode-segmentation: in
  // alphabetic scripts, runs of letters and digits joined by `:` `.` `'` `’`
  // between letters and `,` `.` `;` `'` `’` between digits — a regular
  // expression says that exactly, and costs nothing to set up. Scripts
  // written without spaces go to Intl.Segmenter (about 20 ms to create).
  var WORD = /[\p{L}\p{N}\p{M}\p{Cf}_]+(?:(?:(?<=\p{L}\p{M}*)[:.'’·](?=\p{L})|(?<=\p{Nd})[.,;'’](?=\p{Nd}))[\p{L}\p{N}\p{M}\p{Cf}_]+)*/gu;
  var NO_SPACES = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
  var IDEOGRAPH = /[\p{sc=Han}\p{sc=Hiragana}]/u;
  // The same for text in ASCII alone (most queries and texts): the Unicode
  // expressions take milliseconds to compile, on the way to a first result.
  var ASCII = /^[\x00-\x7f]*$/;
  var ASCII_WORD = /[A-Za-z0-9_]+(?:(?:(?<=[A-Za-z])[:.'](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))[A-Za-z0-9_]+)*/g;
  var segmenter = null;
  var SPECIAL = { 'ł': 'l', 'đ': 'd', 'ð': 'd', 'ø': 'o', 'ħ': 'h', 'ı': 'i', 'ŧ': 't', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th' };

  /** Fold a word as the build does: `Zakończeniu` → `zakonczeniu`. */
  function fold(w) {
    if (ASCII.test(w)) return w.toLowerCase().replace(/[^a-z0-9]/g, '');
    return w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/[łđðøħıŧßæœþ]/g, function (c) { return SPECIAL[c]; })
      .replace(/[^\p{Alphabetic}\p{N}]/gu, '');
  }

  /** Words of a text with where they are: [{word, start, end}] (word folded). */
  function words(text) {
    var out = [];
    function push(seg, index) {
      var w = fold(seg);
      if (w) out.push({ word: w, start: index, end: index + seg.length });
    }
    if (NO_SPACES.test(text) && typeof Intl === 'object' && Intl.Segmenter) {
      segmenter = segmenter || new Intl.Segmenter(undefined, { granularity: 'word' });
      for (var s of segmenter.segment(text)) {
        if (!s.isWordLike) continue;
        // Unicode word breaks give one word per ideograph; ICU groups them.
        if (IDEOGRAPH.test(s.segment)) {
          var re = /[\p{sc=Han}\p{sc=Hiragana}]|[^\p{sc=Han}\p{sc=Hiragana}]+/gu, m;
          while ((m = re.exec(s.segment))) push(m[0], s.index + m.index);
        } else push(s.segment, s.index);
      }
    } else {
      var re = ASCII.test(text) ? ASCII_WORD : WORD, x;
      re.lastIndex = 0;
      while ((x = re.exec(text))) push(x[0], x.index);
    }
    return out;
  }

  /** The query as units: a word, or a quoted phrase (words with offsets). */
  function parse(q, stop) {
    var units = [], re = /"([^"]*)"?|[^"]+/g, m;
    var typing = !/[\s"]$/.test(q);
    while ((m = re.exec(q))) {
      if (m[1] !== undefined) {
        var ws = words(m[1]).map(function (w, i) { return { word: w.word, offset: i }; });
        var kept = ws.filter(function (w) { return !stop.has(w.word); });
        if (kept.length > 1) units.push({ phrase: true, words: kept });
        else if (kept.length === 1) units.push({ word: kept[0].word, exact: true });
      } else {
        words(m[0]).forEach(function (w) { units.push({ word: w.word }); });
      }
    }
    var last = units[units.length - 1];
    if (last && !last.phrase && !last.exact && typing) last.typing = true;
    // Stop words are not indexed: drop them, unless nothing else is left.
    var content = units.filter(function (u) { return u.phrase || !stop.has(u.word); });
    return content.length ? content : units.filter(function (u) { return u.typing; });
  }

  /** `asks` → `ask`, `refund` → `refunds`, `refunded` → `refund`: other forms worth trying. */
  function variants(w) {
    var out = [];
    if (w.length < 3 || /\d/.test(w)) return out;
    if (/[^aeiou]y$/.test(w)) out.push(w.slice(0, -1) + 'ies');
    else if (/(s|x|ch|sh)$/.test(w)) out.push(w + 'es');
    else out.push(w + 's');
    if (w.length < 4) return out;
    if (/ies$/.test(w)) out.push(w.slice(0, -3) + 'y');
    if (/(ses|xes|ches|shes)$/.test(w)) out.push(w.slice(0, -2));
    if (/[^s]s$/.test(w)) out.push(w.slice(0, -1));
    if (w.length > 4 && /ed$/.test(w)) out.push(w.slice(0, -2), w.slice(0, -1));
    if (w.length > 5 && /ing$/.test(w)) out.push(w.slice(0, -3), w.slice(0, -3) + 'e');
    return out;
  }

  /** Edit distance with transpositions, giving up above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

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

  // ---- Showing results ----------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  /** A window of the text around the most matched words, matches in <mark>. */
  function snippet(text, highlight, size) {
    var ws = words(text), best = 0, bestCount = -1;
    var hit = ws.map(function (w) { return highlight.has(w.word); });
    for (var i = 0; i < ws.length; i++) {
      if (i > 0 && !hit[i]) continue;
      var seen = new Set();
      for (var j = i; j < Math.min(ws.length, i + size); j++) if (hit[j]) seen.add(ws[j].word);
      if (seen.size > bestCount) { bestCount = seen.size; best = i; }
    }
    var start = Math.max(0, best - 4), end = Math.min(ws.length, start + size);
    var frag = document.createDocumentFragment();
    if (!ws.length) { frag.appendChild(document.createTextNode(text.slice(0, 200))); return frag; }
    var from = start ? ws[start].start : 0, to = end < ws.length ? ws[end - 1].end : text.length;
    if (start) frag.appendChild(document.createTextNode('… '));
    var at = from;
    for (var k = start; k < end; k++) {
      if (!hit[k]) continue;
      frag.appendChild(document.createTextNode(text.slice(at, ws[k].start)));
      frag.appendChild(el('mark', '', text.slice(ws[k].start, ws[k].end)));
      at = ws[k].end;
    }
    frag.appendChild(document.createTextNode(text.slice(at, to).replace(/\s+/g, ' ')));
    if (end < ws.length) frag.appendChild(document.createTextNode(' …'));
    return frag;
  }

  function href(page, section) {
    return ROOT + page.href + (section && section[0] ? '#' + section[0] : '');
  }

  function resultItem(m, r, highlight, compact) {
    var frag = r.info;
    var li = el('li', 'search-result');
    li.setAttribute('data-search-result', '');
    var s = frag.sections[r.doc - m.firstDoc[r.page]];
    var a = el('a', 'result-link');
    a.href = href(frag, s);
    a.appendChild(el('span', 'result-title')).appendChild(snippet(frag.title, highlight, 1e6));
    if (s && s[1]) a.appendChild(el('span', 'result-section', ' › ' + s[1]));
    li.appendChild(a);
    if (frag.lang) a.firstChild.appendChild(el('span', 'lang', ' ' + frag.lang));
    if (!compact) li.appendChild(el('p', 'meta', frag.meta));
    var p = el('p', 'snippet');
    p.appendChild(snippet(r.text || '', highlight, compact ? 16 : 30));
    li.appendChild(p);
    if (!compact && r.more.length) {
      var also = el('p', 'also', 'Also: ');
      r.more.forEach(function (doc, i) {
        var o = frag.sections[doc - m.firstDoc[r.page]];
        var link = el('a', '', o[1] || frag.title);
        link.href = href(frag, o);
        if (i) also.appendChild(document.createTextNode(', '));
        also.appendChild(link);
      });
      li.appendChild(also);
    }
    return li;
  }

  /** Run `q` with `filters` into a results list; resolves when shown. */
  function Searcher(list, status, opts) {
    var seq = 0, last = null, shown = 0;
    function setState(s) { list.setAttribute('data-search-state', s); }
    // Results appear as soon as the file each needs has come, in order. The
    // first result's file is asked for alone, the others once it has come:
    // nine files in flight beside it held it back by 10-30 ms.
    function show(m, answer, count, mine) {
      var slice = [], next = 0;
      for (var i = shown; i < Math.min(shown + count, answer.count); i++) slice.push(answer.result(i));
      shown += slice.length;
      var head = slice.length ? fragments(m, [slice[0]], answer.total) : null;
      var arrived = slice.map(function (r, i) {
        return (i ? head.then(function () { return fragments(m, [r], answer.total); }) : head).then(function () {
          r.ready = true;
          while (mine === seq && next < slice.length && slice[next].ready) {
            list.appendChild(resultItem(m, slice[next++], answer.state.highlight, opts.compact));
            if (!list.hasAttribute('data-search-first-ms')) list.setAttribute('data-search-first-ms', Math.round(performance.now()));
          }
        });
      });
      return Promise.all(arrived);
    }
    return {
      run: function (q, filters) {
        var mine = ++seq;
        if (!list.hasAttribute('data-search-start-ms')) list.setAttribute('data-search-start-ms', Math.round(STARTED));
        setState('loading');
        return answerFor(q, filters).then(function (answer) {
          if (mine !== seq) return;
          return meta().then(function (m) {
            list.textContent = '';
            shown = 0;
            last = { m: m, answer: answer };
            return show(m, answer, opts.size, mine).then(function () {
              if (mine !== seq) return;
              var n = answer.count;
              status.textContent = answer.empty ? 'Type a question or a few words, or choose a filter.'
                : n ? n + (n === 1 ? ' result' : ' results') + (q.trim() ? ' for “' + q.trim() + '”' : '')
                : 'Nothing matches “' + q.trim() + '”' + (Object.keys(filters).some(function (k) { return filters[k]; }) ? ' with these filters' : '') +
                  '. Try fewer or other words, or check the spelling.';
              status.classList.toggle('search-none', !n && !answer.empty);
              if (opts.onShown) opts.onShown(n > shown);
              setState('done');
              if (!list.hasAttribute('data-search-ms')) list.setAttribute('data-search-ms', Math.round(performance.now()));
            });
          });
        }).catch(function (e) {
          if (mine !== seq) return;
          status.textContent = 'Search is not available: ' + e.message + '. Rebuild the site with exitbook build.';
          setState('error');
        });
      },
      more: function () {
        if (!last) return Promise.resolve();
        setState('loading');
        return show(last.m, last.answer, opts.size, seq).then(function () {
          if (opts.onShown) opts.onShown(last.answer.count > shown);
          setState('done');
        });
      }
    };
  }

  // ---- Keyboard -----------------------------------------------------------

  function resultLinks(list) { return Array.prototype.slice.call(list.querySelectorAll('[data-search-result] > a')); }

  /** Arrow keys move from the box through the results and back; Escape clears. */
  function keyboard(input, list, clear) {
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var links = resultLinks(list);
        if (links.length) { e.preventDefault(); links[0].focus(); }
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (input.value) clear(); else input.blur();
      }
    });
    list.addEventListener('keydown', function (e) {
      var links = resultLinks(list), i = links.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < links.length) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (i ? links[i - 1] : input).focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); clear(); input.focus(); }
    });
  }

  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var input = document.querySelector('[data-search-page] [data-search-input]') || document.querySelector('[data-search-input]');
    if (input) { e.preventDefault(); input.focus(); input.select(); }
  });

  // ---- The search page ----------------------------------------------------

  function searchPage(form) {
    var input = form.querySelector('[data-search-input]');
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    var moreButton = document.querySelector('[data-search-more]');
    var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
    var searcher = Searcher(list, status, {
      size: PAGE_SIZE,
      onShown: function (more) { if (moreButton) moreButton.hidden = !more; }
    });
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    selects.forEach(function (s) { s.value = params.get(s.name) || ''; });
    function filters() {
      var f = {};
      selects.forEach(function (s) { if (s.value) f[s.name] = s.value; });
      return f;
    }
    function run() {
      var f = filters(), p = new URLSearchParams();
      if (input.value) p.set('q', input.value);
      Object.keys(f).forEach(function (k) { p.set(k, f[k]); });
      if ('?' + p.toString() !== location.search) {
        try { history.replaceState(null, '', '?' + p.toString()); } catch (e) { /* some file:// setups refuse */ }
      }
      return searcher.run(input.value, f);
    }
    input.addEventListener('input', run);
    selects.forEach(function (s) { s.addEventListener('change', run); });
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    if (moreButton) moreButton.addEventListener('click', function () { searcher.more(); });
    keyboard(input, list, function () { input.value = ''; run(); });
    run();
  }

  // ---- The box on every page ----------------------------------------------

  function searchBox(form) {
    var input = form.querySelector('[data-search-input]');
    var popup = form.querySelector('.search-popup');
    var list = popup.querySelector('[data-search-results]');
    var status = popup.querySelector('.search-status');
    var all = el('a', 'search-all');
    var searcher = Searcher(list, status, {
      size: POPUP_SIZE,
      compact: true,
      onShown: function () {
        all.href = form.getAttribute('action') + '?q=' + encodeURIComponent(input.value);
        all.textContent = 'All results for “' + input.value.trim() + '” →';
        popup.appendChild(all);
      }
    });
    function close() { popup.hidden = true; input.setAttribute('aria-expanded', 'false'); }
    input.addEventListener('focus', function () { meta(); });
    input.addEventListener('input', function () {
      if (!input.value.trim()) { close(); return; }
      popup.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      searcher.run(input.value, {});
    });
    form.addEventListener('focusout', function (e) {
      if (!form.contains(e.relatedTarget)) close();
    });
    keyboard(input, list, function () { input.value = ''; list.textContent = ''; close(); });
  }

  // ---- Starting early -----------------------------------------------------

  /**
   * On the search page this script is deferred in the head, marked
   * data-search-early, with meta.js deferred right after it: as soon as the
   * page is parsed, the query in its address starts (meta.js runs next, then
   * the term shards load), and the page's first run takes that answer if it
   * asks the same question (the filters in the address are those its menus
   * show, unless a value is unknown to them).
   */
  var early = null;
  function key(q, filters) {
    return JSON.stringify([q, Object.keys(filters).sort().filter(function (k) { return filters[k]; }).map(function (k) { return [k, filters[k]]; })]);
  }
  function answerFor(q, filters) {
    var e = early;
    early = null;
    return e && e.key === key(q, filters) ? e.promise : search(q, filters);
  }
  if (script && script.hasAttribute('data-search-early')) {
    var params = new URLSearchParams(location.search), q = params.get('q') || '', f = {};
    params.forEach(function (v, k) { if (k !== 'q' && v) f[k] = v; });
    if (q || Object.keys(f).length) early = { key: key(q, f), promise: search(q, f) };
  }

  function start() {
    var page = document.querySelector('[data-search-page]');
    if (page) searchPage(page);
    var box = document.querySelector('form.site-search');
    if (box) searchBox(box);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
