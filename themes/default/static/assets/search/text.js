/* exitbook search, part 2 of 4: words, as the build splits and folds them. */

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
