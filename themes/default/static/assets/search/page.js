/* exitbook search, part 7 of 7: the search page (its address, filters
 * and messages) and the box on every page, the keys that move through
 * them, and the query of the address started as soon as the page is
 * parsed. */

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

var PAGE_SIZE = 10;
var POPUP_SIZE = 6;

function searchPage(form) {
  var input = form.querySelector('[data-search-input]');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var notice = document.querySelector('[data-search-notice]');
  var moreButton = document.querySelector('[data-search-more]');
  var toggle = form.querySelector('[data-search-filters-toggle]');
  var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
  function select(name) { return selects.filter(function (s) { return s.name === name; })[0]; }
  /** A filter's name as its menu says it (`Exit reason`). */
  function label(name) {
    var s = select(name), l = s && s.closest('label');
    return l ? l.firstChild.textContent.trim() : name;
  }
  var searcher = Searcher(list, status, {
    size: PAGE_SIZE,
    onShown: function (more) { if (moreButton) moreButton.hidden = !more; },
    label: label,
    describe: function (f) {
      return Object.keys(f).filter(function (k) { return f[k]; }).map(function (k) {
        var o = select(k).selectedOptions[0];
        return (k === 'kind' ? '' : label(k) + ': ') + o.textContent.replace(/\s*\(\d+\)$/, '').trim();
      });
    },
    retry: function (q, clear) {
      input.value = q;
      if (clear) selects.forEach(function (s) { s.value = ''; });
      run();
    }
  });
  var params = new URLSearchParams(location.search), unknown = [];
  input.value = params.get('q') || '';
  selects.forEach(function (s) {
    var v = params.get(s.name) || '';
    s.value = v;
    // A value the menu does not have (an old link, a typo in the address): named, and left out.
    if (v && s.value !== v) {
      unknown.push(say('unknown', { value: v, filter: label(s.name) }));
      s.value = '';
    }
  });
  if (notice) { notice.textContent = unknown.join(' '); notice.hidden = !unknown.length; }
  function filters() {
    var f = {};
    selects.forEach(function (s) { if (s.value) f[s.name] = s.value; });
    return f;
  }
  // On a phone the filters fold away behind one button, which says how many are set.
  function count() {
    if (!toggle) return;
    var n = Object.keys(filters()).length;
    toggle.querySelector('[data-search-filters-count]').textContent = n ? ' (' + n + ')' : '';
  }
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var open = form.classList.toggle('search-filters-open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    count();
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
  selects.forEach(function (s) { s.addEventListener('change', function () { count(); run(); }); });
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
    searchPage: form.getAttribute('action'),
    onShown: function () {
      all.href = form.getAttribute('action') + '?q=' + encodeURIComponent(input.value);
      all.textContent = say('allFor', { q: input.value.trim() });
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
