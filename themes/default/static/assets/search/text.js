/* exitbook search, part 3 of 7: words, as the build splits and folds
 * them; their other forms; the distance between two; where a phrase is. */

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

/**
 * Other English forms of a word worth trying: its stem (`asks`, `asked`,
 * `asking` → `ask`; `replies`, `replied`, `replying` → `reply`;
 * `cancelled` → `cancel`) and the stem's forms (`ask` → `asks`, `asked`,
 * `asking`). A guess may name a word that does not exist; it is then not
 * in the index, and costs a lookup.
 */
function variants(w) {
  if (w.length < 3 || /\d/.test(w)) return [];
  var stems = [w];
  if (w.length >= 4) {
    if (/ies$/.test(w)) stems.push(w.slice(0, -3) + 'y');
    if (/(ses|xes|ches|shes)$/.test(w)) stems.push(w.slice(0, -2));
    if (/[^s]s$/.test(w)) stems.push(w.slice(0, -1));
    if (w.length > 4 && /ied$/.test(w)) stems.push(w.slice(0, -3) + 'y');
    else if (w.length > 4 && /ed$/.test(w)) stems.push(w.slice(0, -2), w.slice(0, -1));
    if (w.length > 5 && /ing$/.test(w)) stems.push(w.slice(0, -3), w.slice(0, -3) + 'e');
    // `cancelled`, `dropping`: the consonant doubled before the ending.
    var doubled = /([bdglmnprt])\1(ed|ing)$/.exec(w);
    if (doubled && w.length > 6) stems.push(w.slice(0, doubled.index + 1));
  }
  var out = [];
  function add(x) { if (x !== w && out.indexOf(x) < 0) out.push(x); }
  stems.forEach(function (b, i) {
    if (i) add(b);
    // The forms of a stem that is not itself a form.
    if (/(s|ed|ing)$/.test(b)) return;
    if (/[^aeiou]y$/.test(b)) add(b.slice(0, -1) + 'ies');
    else if (/(s|x|ch|sh)$/.test(b)) add(b + 'es');
    else add(b + 's');
    if (b.length < 3 || /(ed|ing)$/.test(b)) return;
    if (/[^aeiou]y$/.test(b)) add(b.slice(0, -1) + 'ied');
    else if (/e$/.test(b)) add(b + 'd');
    else add(b + 'ed');
    add((/[^e]e$/.test(b) ? b.slice(0, -1) : b) + 'ing');
  });
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

/**
 * Where the words of `phrase` (folded, in order) are in `ws` (a text's
 * words, as `words` gives them): the index of each occurrence's first word.
 */
function phraseAt(ws, phrase) {
  var out = [];
  for (var i = 0; i + phrase.length <= ws.length; i++) {
    var k = 0;
    while (k < phrase.length && ws[i + k].word === phrase[k]) k++;
    if (k === phrase.length) out.push(i);
  }
  return out;
}

/** The sentences of a text (each line, and a line's sentences), as [start, end) offsets. */
function sentences(text) {
  var out = [], start = 0;
  function cut(end, next) {
    if (text.slice(start, end).trim()) out.push([start, end]);
    start = next;
  }
  for (var i = 0; i < text.length; i++) {
    var c = text.charAt(i);
    if (c === '\n') cut(i, i + 1);
    else if ((c === '.' || c === '!' || c === '?') && (i + 1 === text.length || /\s/.test(text.charAt(i + 1)))) cut(i + 1, i + 1);
  }
  cut(text.length, text.length);
  return out;
}
