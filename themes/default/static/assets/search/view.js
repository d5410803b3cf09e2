/* exitbook search, part 4 of 4: showing results, the search page and the box on every page. */

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
