/* exitbook: the case library's filters (cases/index.html).
 *
 * The page lists every case as an element with `data-case`, carrying its
 * facet values in `data-reason`, `data-outcome`, `data-initiated-by`,
 * `data-industry`, `data-region`, `data-year` (one value each) and
 * `data-chapter`, `data-tag` (values separated by spaces). This script
 * shows the filter form, reads the filters and the sort from the address
 * (`?reason=complaint&outcome=retained&sort=oldest`), hides the cases that
 * do not match (the `hidden` attribute), says how many match, and writes
 * every change back to the address, so that a filtered view can be shared
 * and bookmarked (opened from disk too). Without it the page is the full
 * list, and each value has its own page (cases/<facet>/<value>/). */
(function () {
  'use strict';
  var form = document.querySelector('[data-library-filters]');
  var list = document.querySelector('.case-list');
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.querySelectorAll('[data-case]'));
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter]'));
  var sort = form.querySelector('select[data-sort]');
  var count = form.querySelector('[data-library-count]');
  var clear = form.querySelector('[data-clear]');
  var none = document.querySelector('[data-none]');
  var fold = form.querySelector('[data-filter-fold]');
  var active = form.querySelector('[data-active-count]');
  var LISTS = { chapter: true, tag: true };

  // The newest-first order the page came in, for sorting back to it.
  cards.forEach(function (c, i) { c.setAttribute('data-order', i); });

  function fromAddress() {
    var q = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = q.get(s.name) || '';
      if (v && !Array.prototype.some.call(s.options, function (o) { return o.value === v; })) {
        // A value no case has (a shared link from before a change): keep
        // it, so the page says that nothing matches rather than show all.
        var o = document.createElement('option');
        o.value = v;
        o.textContent = v + ' (0)';
        s.appendChild(o);
      }
      s.value = v;
    });
    var sorted = q.get('sort') || '';
    if (sort) sort.value = sorted === 'oldest' || sorted === 'title' ? sorted : '';
  }

  function wanted() {
    return selects.filter(function (s) { return s.value; }).map(function (s) { return [s.name, s.value]; });
  }

  function matches(card, wants) {
    return wants.every(function (w) {
      var have = card.getAttribute('data-' + w[0]) || '';
      return LISTS[w[0]] ? have.split(' ').indexOf(w[1]) >= 0 : have === w[1];
    });
  }

  function order(how) {
    var byOrder = function (a, b) { return a.getAttribute('data-order') - b.getAttribute('data-order'); };
    var sorted = cards.slice().sort(byOrder);
    if (how === 'oldest') {
      sorted.sort(function (a, b) { return (a.getAttribute('data-date') - b.getAttribute('data-date')) || byOrder(a, b); });
    } else if (how === 'title') {
      var title = function (c) { var a = c.querySelector('.case-link'); return a ? a.textContent : ''; };
      sorted.sort(function (a, b) { return title(a).localeCompare(title(b), document.documentElement.lang) || byOrder(a, b); });
    }
    sorted.forEach(function (c) { list.appendChild(c); });
  }

  function apply(write) {
    var wants = wanted();
    var shown = 0;
    cards.forEach(function (c) {
      var ok = matches(c, wants);
      c.hidden = !ok;
      if (ok) shown++;
    });
    order(sort ? sort.value : '');
    count.textContent = (count.getAttribute('data-template') || '{n} / {total}')
      .replace('{n}', shown).replace('{total}', cards.length);
    if (clear) clear.hidden = !wants.length && !(sort && sort.value);
    if (active) active.textContent = wants.length ? ' (' + wants.length + ')' : '';
    if (none) none.hidden = shown > 0;
    if (!write) return;
    var q = new URLSearchParams();
    wants.forEach(function (w) { q.set(w[0], w[1]); });
    if (sort && sort.value) q.set('sort', sort.value);
    var query = q.toString();
    try {
      history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    } catch (e) { /* a browser that refuses it for a file: the view still works */ }
  }

  // Open on a wide screen; folded on a phone, where it would fill the
  // first screen (its summary says how many filters are on).
  if (fold && window.matchMedia) fold.open = window.matchMedia('(min-width: 40rem)').matches;
  form.hidden = false;
  // One count on the page: the one that says how many match.
  var total = document.querySelector('[data-library-total]');
  if (total) total.hidden = true;
  fromAddress();
  apply(false);
  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (e) { e.preventDefault(); apply(true); });
  if (clear) {
    clear.addEventListener('click', function (e) {
      e.preventDefault();
      selects.forEach(function (s) { s.value = ''; });
      if (sort) sort.value = '';
      apply(true);
      if (selects[0]) selects[0].focus();
    });
  }
})();
