/* exitbook: the onboarding path's progress and the exercises' answers,
 * kept in the reader's browser (localStorage) and nowhere else.
 *
 * Every page of the path has a `data-store` (the handbook's key prefix, so
 * that two handbooks opened from disk keep theirs apart) and marks steps
 * with `data-step` / `data-mark-done` (the page a step leads to: a step's
 * number changes when steps are added, its page does not). The start page
 * shows which steps are done, how many are left and where to continue; an
 * exercise keeps the reader's answer and shows it beside what we did.
 * Without this script (or without storage) every page still reads in full:
 * the buttons stay hidden and the answers behind `<details>` still open. */
(function () {
  'use strict';
  var holder = document.querySelector('[data-store]');
  if (!holder) return;
  var prefix = holder.getAttribute('data-store');
  pickStep();
  var storage;
  try {
    storage = window.localStorage;
    storage.setItem(prefix + ':probe', '1');
    storage.removeItem(prefix + ':probe');
  } catch (e) {
    return;
  }
  var DONE = prefix + ':done';

  /* A page that is two steps of the path (a chapter's glossary on day 1,
   * its role-play cards on day 5) has a bar and an end for each, all shown
   * without this script. Show the step the reader came for: the link's
   * `?step=n`, else the step whose section the `#fragment` names, else the
   * first not yet done, else the first. */
  function pickStep() {
    var parts = Array.prototype.slice.call(document.querySelectorAll('[data-step-n]'));
    var ns = [];
    parts.forEach(function (p) {
      var n = p.getAttribute('data-step-n');
      if (ns.indexOf(n) < 0) ns.push(n);
    });
    if (ns.length < 2) return;
    var pick = null;
    var m = /[?&]step=(\d+)/.exec(window.location.search);
    if (m && ns.indexOf(m[1]) >= 0) pick = m[1];
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (!pick && hash) {
      parts.forEach(function (p) {
        if (!pick && p.getAttribute('data-step-anchor') === hash) pick = p.getAttribute('data-step-n');
      });
    }
    if (!pick) {
      var seen = [];
      try { seen = JSON.parse(window.localStorage.getItem(prefix + ':done') || '[]'); } catch (e) { seen = []; }
      if (!Array.isArray(seen)) seen = [];
      parts.forEach(function (p) {
        if (!pick && p.classList.contains('path-bar') && seen.indexOf(p.getAttribute('data-step')) < 0) pick = p.getAttribute('data-step-n');
      });
    }
    if (!pick) pick = ns[0];
    parts.forEach(function (p) { p.hidden = p.getAttribute('data-step-n') !== pick; });
  }

  function done() {
    try {
      var v = JSON.parse(storage.getItem(DONE) || '[]');
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }
  function setDone(id, on) {
    var all = done().filter(function (x) { return x !== id; });
    if (on) all.push(id);
    try { storage.setItem(DONE, JSON.stringify(all)); } catch (e) { /* full: nothing kept */ }
    show();
  }

  var buttons = Array.prototype.slice.call(document.querySelectorAll('[data-mark-done]'));
  buttons.forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var id = b.getAttribute('data-mark-done');
      setDone(id, done().indexOf(id) < 0);
    });
  });

  function show() {
    var all = done();
    buttons.forEach(function (b) {
      var on = all.indexOf(b.getAttribute('data-mark-done')) >= 0;
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      b.classList.toggle('is-done', on);
    });
    // The start page: each step, the count, and where to go on.
    var steps = Array.prototype.slice.call(document.querySelectorAll('.steps [data-step]'));
    var progress = document.querySelector('[data-progress]');
    if (!progress || !steps.length) return;
    var first = null, count = 0;
    steps.forEach(function (s) {
      var on = all.indexOf(s.getAttribute('data-step')) >= 0;
      s.classList.toggle('is-done', on);
      var flag = s.querySelector('[data-done-flag]');
      if (flag) flag.hidden = !on;
      if (on) count++;
      else if (!first) first = s;
    });
    var text = progress.querySelector('[data-progress-text]');
    var total = steps.length;
    text.textContent = count === total
      ? text.getAttribute('data-all-done')
      : text.getAttribute('data-template').replace('{done}', count).replace('{total}', total).replace('{left}', total - count);
    progress.querySelector('[data-progress-fill]').style.width = (100 * count / total) + '%';
    var cont = progress.querySelector('[data-continue]');
    var link = first && first.querySelector('.step-title a');
    cont.hidden = !(count > 0 && link);
    if (link) {
      var to = cont.querySelector('[data-continue-link]');
      to.href = link.getAttribute('href');
      to.textContent = link.textContent;
    }
    progress.hidden = false;
  }
  show();

  // An exercise: the reader's answer, kept as they type.
  var exercise = document.querySelector('[data-exercise]');
  var answer = exercise && exercise.querySelector('[data-answer]');
  if (!answer) return;
  var KEY = prefix + ':answer:' + exercise.getAttribute('data-exercise');
  var saved = exercise.querySelector('[data-answer-saved]');
  var echo = exercise.querySelector('[data-answer-echo]');
  var compare = exercise.querySelector('[data-compare]');
  answer.value = storage.getItem(KEY) || '';
  function mirror() {
    var text = answer.value.trim();
    echo.textContent = '';
    if (!text) {
      var p = document.createElement('p');
      p.className = 'empty';
      p.textContent = echo.getAttribute('data-empty');
      echo.appendChild(p);
      return;
    }
    text.split(/\n\s*\n/).forEach(function (para) {
      var p = document.createElement('p');
      p.textContent = para;
      echo.appendChild(p);
    });
  }
  answer.addEventListener('input', function () {
    try { storage.setItem(KEY, answer.value); } catch (e) { return; }
    if (saved) saved.hidden = false;
    mirror();
  });
  if (saved) saved.hidden = !answer.value;
  mirror();
  if (compare) compare.hidden = false;
})();
