/* exitbook search, part 6 of 7: showing results (a chapter's best
 * section, or the sentence of a case's story that matched, beside its
 * reason and outcome), and what a list says when nothing matches. */

/**
 * What the page says: the `search.script` texts of the page's language,
 * which base.html writes as JSON (#exitbook-search-text), over these
 * English ones (for a theme whose base.html leaves them out); a theme's
 * script may also set window.exitbookSearchText. A text with forms by
 * number ({one, few, many, other}) takes the form of the page's language.
 */
var TEXT = Object.assign({
  chapter: 'Playbook chapter',
  case: 'Case',
  also: 'Also: ',
  prompt: 'Type a question or a few words, or choose a filter.',
  result: '1 result', results: { one: '{n} result', other: '{n} results' }, forQuery: ' for “{q}”',
  nothing: 'Nothing matches “{q}”.',
  nothingFiltered: 'Nothing matches “{q}” with these filters: {filters}.',
  withoutFilters: 'Without them, {n}.', clearFilters: 'Search without filters',
  noCase: 'No case matches all of these filters: {filters}. Remove one to see more.',
  chaptersOnly: 'Chapters have no {filters}: these filters are about cases. Show cases, or clear them.',
  noneOfThese: 'Nothing has all of these: {filters}.',
  didYouMean: 'Did you mean ', didYouMeanEnd: '?',
  tryWords: 'Try fewer or other words, or check the spelling.',
  unknown: '“{value}” is not one of the values of {filter}: it is left out.',
  allFor: 'All results for “{q}” →',
  unavailable: 'Search is not available: {error}. Rebuild the site with exitbook build.'
}, (function () {
  var e = document.getElementById('exitbook-search-text');
  try { return e ? JSON.parse(e.textContent) : {}; } catch (err) { return {}; }
})(), window.exitbookSearchText || {});

function say(key, values) {
  var text = TEXT[key];
  if (text && typeof text === 'object') {
    var form = 'other';
    try { form = new Intl.PluralRules(document.documentElement.lang || 'en').select(values.n); } catch (err) { /* an unknown language */ }
    text = text[form] || text.other || text.many || text.one || '';
  }
  return String(text).replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
}

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

/**
 * What results show: a chapter's page (title, link, headings) and the
 * text of its best section, from the few small files that hold them (d/);
 * a case's, from its own file (c/).
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
  results.forEach(function (r) { names.add(r.page < m.chapterPages ? 'd/' + floor(m.textFiles, r.doc) : 'c/' + (r.page - m.chapterPages)); });
  var loading = Promise.all(Array.from(names).map(load));
  warmUp();
  return loading.then(function () {
    results.forEach(function (r) {
      if (r.page >= m.chapterPages) {
        r.info = files['c/' + (r.page - m.chapterPages)].data;
        r.text = r.info.text.join('\n');
        return;
      }
      var f = files['d/' + floor(m.textFiles, r.doc)].data;
      r.text = f.texts[r.doc - f.first].join('\n');
      f.pages.forEach(function (p) { if (p[0] === r.page) r.info = p[1]; });
    });
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

/**
 * Whether a chapter's section has the query's long phrases as written (its
 * pairs of words may be apart). A case's facts are indexed but not shown,
 * so a case is taken as found.
 */
function verified(m, r, state) {
  if (!state.verify.length || r.page >= m.chapterPages) return true;
  var s = r.info.sections[r.doc - m.firstDoc[r.page]] || ['', ''];
  var ws = words(r.info.title + '\n' + s[1] + '\n' + (r.text || ''));
  return state.verify.every(function (ph) { return phraseAt(ws, ph).length > 0; });
}

/** Which of the words `ws` to mark: a word of the query, a phrase's, or two that join into one (`counter-offer`). */
function hits(ws, state) {
  var hit = ws.map(function (w) { return state.highlight.has(w.word); });
  state.phrases.forEach(function (ph) {
    phraseAt(ws, ph).forEach(function (i) { for (var k = 0; k < ph.length; k++) hit[i + k] = true; });
  });
  for (var i = 0; i + 1 < ws.length; i++) {
    if (state.highlight.has(ws[i].word + ws[i + 1].word)) hit[i] = hit[i + 1] = true;
  }
  return hit;
}

/** Words `start` to `end` of `text`, the marked ones in <mark> (neighbours in one). */
function marked(text, ws, hit, start, end, from, to) {
  var frag = document.createDocumentFragment(), at = from;
  for (var k = start; k < end; k++) {
    if (!hit[k]) continue;
    var last = k;
    while (last + 1 < end && hit[last + 1] && /^\s*$/.test(text.slice(ws[last].end, ws[last + 1].start))) last++;
    frag.appendChild(document.createTextNode(text.slice(at, ws[k].start)));
    frag.appendChild(el('mark', '', text.slice(ws[k].start, ws[last].end)));
    at = ws[last].end;
    k = last;
  }
  frag.appendChild(document.createTextNode(text.slice(at, to).replace(/\s+/g, ' ')));
  return frag;
}

/**
 * A window of `size` words of the text around the most matched words,
 * matches in <mark>; the window stays within one line (a paragraph): a
 * snippet never runs the end of one paragraph into the next.
 */
function snippet(text, state, size) {
  var ws = words(text), best = 0, bestCount = -1, hit = hits(ws, state);
  if (!ws.length) return document.createTextNode(text.split('\n')[0].slice(0, 200));
  var line = [], n = 0, at = 0;
  ws.forEach(function (w) {
    while ((at = text.indexOf('\n', at)) >= 0 && at < w.start) { n++; at++; }
    if (at < 0) at = text.length;
    line.push(n);
  });
  for (var i = 0; i < ws.length; i++) {
    if (i > 0 && !hit[i]) continue;
    var seen = new Set();
    for (var j = i; j < Math.min(ws.length, i + size) && line[j] === line[i]; j++) if (hit[j]) seen.add(ws[j].word);
    if (seen.size > bestCount) { bestCount = seen.size; best = i; }
  }
  var first = best, last = best;
  while (first > 0 && line[first - 1] === line[best]) first--;
  while (last + 1 < ws.length && line[last + 1] === line[best]) last++;
  // A few words before the first match, more where the paragraph ends soon after.
  var start = Math.max(first, Math.min(best - 4, last + 1 - size)), end = Math.min(last + 1, start + size);
  var lineEnd = text.indexOf('\n', ws[last].end);
  var from = start > first ? ws[start].start : text.lastIndexOf('\n', ws[first].start) + 1;
  var to = end <= last ? ws[end - 1].end : (lineEnd < 0 ? text.length : lineEnd);
  var frag = document.createDocumentFragment();
  if (start) frag.appendChild(document.createTextNode('… '));
  frag.appendChild(marked(text, ws, hit, start, end, from, to));
  if (end < ws.length) frag.appendChild(document.createTextNode(' …'));
  return frag;
}

/**
 * A case's snippet: the sentence of its story with the most of the query's
 * words, marked (its lede, the text's first line, when none has one).
 */
function caseSnippet(text, state, size) {
  var ws = words(text), hit = hits(ws, state), best = null, bestCount = 0, k = 0;
  var lede = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  sentences(text).forEach(function (s) {
    var seen = new Set(), first = k;
    while (k < ws.length && ws[k].start < s[1]) { if (hit[k]) seen.add(ws[k].word); k++; }
    // The story's sentences before the lede (which the facts make).
    var count = seen.size + (s[0] < lede ? 0 : 0.5);
    if (seen.size && count > bestCount) { bestCount = count; best = [s, first, k]; }
  });
  if (!best) return snippet(text.split('\n')[0], state, size);
  while (/\s/.test(text.charAt(best[0][0]))) best[0][0]++;
  var sentence = text.slice(best[0][0], best[0][1]);
  if (best[2] - best[1] > size) return snippet(sentence, state, size);
  return marked(text, ws, hit, best[1], best[2], best[0][0], best[0][1]);
}

function href(page, section) {
  return ROOT + page.href + (section && section[0] ? '#' + section[0] : '');
}

/** A case's reason and outcome, as badges that link to their cases. */
function badges(m, info) {
  var frag = document.createDocumentFragment();
  (info.badges || []).forEach(function (value, i) {
    var facet = i ? 'outcome' : 'reason', v = m.values[facet] && m.values[facet][value];
    var label = v ? v[0] : value.replace(/-/g, ' ');
    var a = el('a', 'badge ' + facet + '-' + value, label.charAt(0).toUpperCase() + label.slice(1));
    a.href = ROOT + 'cases/' + facet + '/' + value + '/' + (m.pretty ? '' : 'index.html');
    frag.appendChild(document.createTextNode(' '));
    frag.appendChild(a);
  });
  return frag;
}

function resultItem(m, r, state, compact) {
  var info = r.info, isCase = r.page >= m.chapterPages;
  var li = el('li', 'search-result' + (isCase ? ' search-case' : ''));
  li.setAttribute('data-search-result', '');
  var s = isCase ? null : info.sections[r.doc - m.firstDoc[r.page]];
  var a = el('a', 'result-link');
  a.href = href(info, s);
  a.appendChild(el('span', 'result-title')).appendChild(snippet(info.title, state, 1e6));
  if (s && s[1]) a.appendChild(el('span', 'result-section', ' › ' + s[1]));
  if (info.lang) a.firstChild.appendChild(el('span', 'lang', ' ' + info.lang));
  li.appendChild(a);
  if (isCase) {
    var meta = el('p', 'meta', compact ? '' : TEXT.case + (info.date ? ' · ' + info.date : ''));
    meta.appendChild(badges(m, info));
    li.appendChild(meta);
  } else if (!compact) li.appendChild(el('p', 'meta', TEXT.chapter));
  var p = el('p', 'snippet');
  p.appendChild((isCase ? caseSnippet : snippet)(r.text || '', state, compact ? 16 : 30));
  li.appendChild(p);
  if (!compact && r.more.length) {
    var also = el('p', 'also', TEXT.also);
    r.more.forEach(function (doc, i) {
      var o = info.sections[doc - m.firstDoc[r.page]];
      var link = el('a', '', o[1] || info.title);
      link.href = href(info, o);
      if (i) also.appendChild(document.createTextNode(', '));
      also.appendChild(link);
    });
    li.appendChild(also);
  }
  return li;
}

/**
 * Run `q` with `filters` into a results list; resolves when shown.
 * `opts`: size (results at a time), compact, onShown(more?), describe
 * (filters → their labels), retry (a query or no filters → run it).
 */
function Searcher(list, status, opts) {
  var seq = 0, last = null, shown = 0, dropped = 0;
  function setState(s) { list.setAttribute('data-search-state', s); }
  // Results appear as soon as the file each needs has come, in order. The
  // first result's file is asked for alone, the others once it has come:
  // nine files in flight beside it held it back by 10-30 ms. A result
  // whose text lacks a long phrase is left out, and the next one shown.
  function show(m, answer, count, mine) {
    var added = 0;
    function batch(want) {
      var slice = [], next = 0, from = shown + dropped;
      for (var i = from; i < Math.min(from + want, answer.count); i++) slice.push(answer.result(i));
      if (!slice.length) return Promise.resolve();
      var head = fragments(m, [slice[0]], answer.total);
      var arrived = slice.map(function (r, i) {
        return (i ? head.then(function () { return fragments(m, [r], answer.total); }) : head).then(function () {
          r.ready = true;
          while (mine === seq && next < slice.length && slice[next].ready) {
            if (verified(m, slice[next], answer.state)) {
              list.appendChild(resultItem(m, slice[next], answer.state, opts.compact));
              shown++;
              added++;
              if (!list.hasAttribute('data-search-first-ms')) list.setAttribute('data-search-first-ms', Math.round(performance.now()));
            } else dropped++;
            next++;
          }
        });
      });
      return Promise.all(arrived).then(function () {
        if (mine === seq && added < count && shown + dropped < answer.count) return batch(count - added);
      });
    }
    return batch(count);
  }
  function link(text, href, onClick) {
    var a = el('a', '', text);
    a.href = href;
    if (onClick) a.addEventListener('click', function (e) { e.preventDefault(); onClick(); });
    return a;
  }
  /** What the status says when nothing matches (see TEXT). */
  function explain(m, answer, q, filters) {
    var described = opts.describe ? opts.describe(filters) : [];
    var caseFilters = Object.keys(filters).filter(function (k) { return k !== 'kind' && filters[k]; });
    if (!q && filtered(filters)) {
      status.textContent = filters.kind === 'chapter' && caseFilters.length
        ? say('chaptersOnly', { filters: caseFilters.map(function (k) { return (opts.label && opts.label(k)) || k; }).join(', ') })
        : caseFilters.length > 1 ? say('noCase', { filters: described.filter(function (d, i) { return filters.kind ? i > 0 : true; }).join(' · ') })
        : say('noneOfThese', { filters: described.join(' · ') });
      return Promise.resolve();
    }
    if (filtered(filters)) {
      return search(q, {}).then(function (all) {
        status.textContent = say('nothingFiltered', { q: q, filters: described.join(' · ') });
        if (all.count && opts.retry) {
          status.appendChild(document.createTextNode(' ' + say('withoutFilters', { n: say(all.count === 1 ? 'result' : 'results', { n: all.count }) }) + ' '));
          status.appendChild(link(TEXT.clearFilters, '?q=' + encodeURIComponent(q), function () { opts.retry(q, true); }));
        }
      });
    }
    status.textContent = say('nothing', { q: q }) + ' ';
    return suggest(m, answer.query, answer.units).then(function (s) {
      return s ? search(s, filters).then(function (a) { return a.count ? s : null; }) : null;
    }).then(function (s) {
      if (s) {
        status.appendChild(document.createTextNode(TEXT.didYouMean));
        var target = opts.searchPage ? opts.searchPage + '?q=' + encodeURIComponent(s) : '?q=' + encodeURIComponent(s);
        status.appendChild(link(s, target, opts.retry && !opts.searchPage ? function () { opts.retry(s, false); } : null));
        status.appendChild(document.createTextNode(TEXT.didYouMeanEnd + ' '));
      }
      status.appendChild(document.createTextNode(TEXT.tryWords));
    });
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
          dropped = 0;
          last = { m: m, answer: answer };
          return show(m, answer, opts.size, mine).then(function () {
            if (mine !== seq) return;
            var n = answer.count - dropped, done = Promise.resolve();
            status.classList.toggle('search-none', !n && !answer.empty);
            if (answer.empty) status.textContent = TEXT.prompt;
            else if (n) status.textContent = say(n === 1 ? 'result' : 'results', { n: n }) + (q.trim() ? say('forQuery', { q: q.trim() }) : '');
            else done = explain(m, answer, q.trim(), filters);
            return done.then(function () {
              if (mine !== seq) return;
              if (opts.onShown) opts.onShown(answer.count > shown + dropped);
              setState('done');
              if (!list.hasAttribute('data-search-ms')) list.setAttribute('data-search-ms', Math.round(performance.now()));
            });
          });
        });
      }).catch(function (e) {
        if (mine !== seq) return;
        status.textContent = say('unavailable', { error: e.message });
        setState('error');
      });
    },
    more: function () {
      if (!last) return Promise.resolve();
      setState('loading');
      return show(last.m, last.answer, opts.size, seq).then(function () {
        if (opts.onShown) opts.onShown(last.answer.count > shown + dropped);
        setState('done');
      });
    }
  };
}

/**
 * The first `n` results of `q` (with `filters`) as the page ranks them,
 * each `{href, title, text, score}` (before long phrases are checked):
 * for tests and benchmarks, which ask many questions without a page.
 */
window.exitbookSearch.rank = function (q, filters, n) {
  return search(q, filters || {}).then(function (answer) {
    return meta().then(function (m) {
      var rs = [];
      for (var i = 0; i < Math.min(n || 10, answer.count); i++) rs.push(answer.result(i));
      return fragments(m, rs, answer.total).then(function () {
        return rs.map(function (r) {
          var s = r.page < m.chapterPages ? r.info.sections[r.doc - m.firstDoc[r.page]] : null;
          return { href: href(r.info, s), title: r.info.title, text: r.text, score: r.score };
        });
      });
    });
  });
};
