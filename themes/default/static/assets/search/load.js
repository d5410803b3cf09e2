/* exitbook search, part 2 of 7: loading the index.
 *
 * The index (written by `exitbook build` under search/; see format.js) is a
 * set of classic scripts, each calling exitbookSearch.load(name, data):
 * inserting a <script> tag works from file://, where fetch() of local files
 * does not. Only what a query needs is loaded: meta.js, the term shard of
 * each word (t/N, with the synonyms of its words), pairs of words for
 * phrases (y/B), the vocabulary of a few pairs of letters when a word has a
 * typo (v/AB, only those that exist), the cases of a filter value (f/…),
 * and for the results shown, their texts and pages (d/N).
 */

// The search page may have started loading a query's files before this
// script ran (`exitbookSearch.early`: the data of those that ran; its
// `pending`: the script elements of those still loading); it takes them
// over.
var earlyFiles = window.exitbookSearch;
var STARTED = performance.now();
var script = document.currentScript;
var ROOT = (script && script.getAttribute('data-root')) || './';
var BASE = ROOT + 'search/';

var files = {};
var version = '';
window.exitbookSearch = {
  /** Called by every index file. */
  load: function (name, data) {
    var f = files[aliases[name] || name];
    if (f) {
      var problem = formatProblem(name, data);
      if (problem) f.reject(new Error('the search index file ' + name + '.js does not fit this page: ' + problem));
      else { f.data = data; f.resolve(data); }
    } else if (earlyFiles) earlyFiles.early[name] = data;
  },
  /** The index files this page has asked for, in order, by file name (`t/1f0c2`). */
  loaded: [],
  /** Those the search page's own script started loading before this one ran. */
  loadedEarly: earlyFiles ? Object.keys(earlyFiles.pending) : [],
  /** The words of a text as the index has them (tests compare the build's). */
  tokens: function (text) { return words(text).map(function (w) { return w.word; }); },
  /** The format this script reads (tests compare it with the build's). */
  format: FORMAT
};

// Term shards and text files are numbered here (`t/3`, `d/12`) and named
// on disk by meta.js (`t/1f0c2`): a name stays while the shards around
// it are split or joined, so an edit rewrites few files.
var aliases = {};
function fileOf(name) {
  var m = files.meta && files.meta.data, kind = name.slice(0, 2);
  if (!m) return name;
  // Names are FORMAT.nameLength characters each, one after the other.
  var list = kind === 'd/' ? m.textNames : kind === 't/' ? m.shardNames : null;
  var n = FORMAT.nameLength, at = n * +name.slice(2);
  return list && at + n <= list.length ? kind + list.substr(at, n) : name;
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
      window.exitbookSearch.load(file, earlyFiles.early[file]);
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
      m.shards = m.shards.map(function (s) {
        var codes = new Int32Array(s.length);
        return String.fromCharCode.apply(null, codes.subarray(0, numbers(s, codes)));
      });
      m.stopSet = new Set(m.stop);
      m.fillerSet = new Set(m.fillers);
      m.vocabularySet = new Set(m.vocabulary.split(' '));
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
      m.caseDocs = m.firstDoc[m.chapterPages];
      // Each filter's values by value: [label, cases, position].
      m.values = {};
      m.filters.forEach(function (g) {
        var byValue = m.values[g[0]] = {};
        g[1].forEach(function (v, k) { byValue[v[0]] = [v[1], v[2], k]; });
      });
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

function lowerBound(list, key) {
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < key) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The term shard a word (or a phrase, by its first word) is in. */
function shardOf(m, term) { return Math.max(0, floor(m.shards, term)); }

/** Load the term shards of `words` (numbers, loaded or not): resolves when all are in. */
function shardsOf(m, list) {
  var nums = new Set(list.map(function (x) { return shardOf(m, x); }));
  return Promise.all(Array.from(nums).map(function (k) { return load('t/' + k); }));
}

// ---- Compact numbers (see format.js) ---------------------------------------

// Each numeral's value; those before a number's last have 64 added.
var ENDS = FORMAT.digits[0].length, MORE = FORMAT.digits[1].length;
var DIGIT = (function () {
  var t = new Int8Array(128), i;
  for (i = 0; i < ENDS; i++) t[FORMAT.digits[0].charCodeAt(i)] = i;
  for (i = 0; i < MORE; i++) t[FORMAT.digits[1].charCodeAt(i)] = 64 + i;
  return t;
})();

/** The numbers of compact string `s` into `out` (at least `s.length` long); returns how many. */
function numbers(s, out) {
  var n = 0, k = 0;
  for (var i = 0; i < s.length; i++) {
    var x = DIGIT[s.charCodeAt(i)];
    if (x >= 64) n = n * MORE + x - 64;
    else { out[k++] = n * ENDS + x; n = 0; }
  }
  return k;
}

/** Documents from their gaps, as stored in pairs' postings and filters: ascending. */
function gapsToDocs(s) {
  var out = new Int32Array(s.length), k = numbers(s, out), d = 0;
  for (var i = 0; i < k; i++) { d += out[i]; out[i] = d; }
  return out.subarray(0, k);
}
