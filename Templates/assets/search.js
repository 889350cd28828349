/* vios: zoeken zonder server (index: Sources/VIOSSite/Search); tekst alleen via textContent. */
(function () {
  'use strict';
  var me = document.currentScript, out = document.getElementById('zoekresultaten');
  if (!me || !out) return;
  var base = new URL(me.getAttribute('data-index') || '../zoeken/index/', me.src), root = new URL('../../', base);
  var form = document.querySelector('main form[role="search"]') || document.querySelector('form[role="search"]');
  var input = form && form.querySelector('input[name="q"]');
  var PAGE = 20;
  var SEP = /[^0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff\u2c00-\u2fff\u3040-\ud7ff\uf900-\ufdff\ufe70-\ufefc]+/;
  var AB = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', DV = new Int8Array(128);
  for (var i = 0; i < 64; i++) DV[AB.charCodeAt(i)] = i;
  var got = {}, jobs = {}, man = null, seq = 0, decoded = {}, stop = {};

  // Index files call this (so file:// works).
  window.__viosZoeken = function (name, data) { got[name] = data; };
  function load(name) {
    return jobs[name] || (jobs[name] = new Promise(function (ok, fail) {
      var s = document.createElement('script');
      s.src = new URL(name + '.js' + (man ? '?v=' + man.version : ''), base).href;
      s.onload = s.onerror = function () {
        s.remove();
        if (name in got) ok(got[name]); else { delete jobs[name]; fail(Error(name)); }
      };
      document.head.appendChild(s);
    }));
  }

  function fold(s) {
    return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/\u00df/g, 'ss').replace(/\u00e6/g, 'ae').replace(/\u0153/g, 'oe')
      .replace(/\u00f8/g, 'o').replace(/\u0142/g, 'l').replace(/\u0111/g, 'd');
  }
  // [{t: term, p: prefix?}]: the last word is a prefix unless a space follows.
  function parse(q) {
    var words = fold(q).split(SEP), seen = {}, terms = [];
    words.forEach(function (w, n) {
      if (w.length < 2 || w.length > 40 || stop[w] || seen[w]) return;
      seen[w] = 1;
      terms.push({ t: w, p: n === words.length - 1 && w.length >= man.minPrefix });
    });
    return terms;
  }
  function shardOf(t) {
    var a = man.shards, lo = 0, hi = a.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (a[mid] <= t) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function decode(term, code) {
    if (decoded[term]) return decoded[term];
    var ids = [], ws = [], prev = -1, i = 0, d, v;
    while (i < code.length) {
      d = DV[code.charCodeAt(i++)]; v = 0;
      while (d >= 32) { v = v * 32 + d - 32; d = DV[code.charCodeAt(i++)]; }
      v = v * 32 + d;
      prev += (v >> 4) + 1;
      ids.push(prev); ws.push((v & 15) + 1);
    }
    return (decoded[term] = { ids: ids, ws: ws });
  }

  // Ids of documents holding every term, best first, ties by id.
  async function find(terms, kind) {
    var n = man.docs, hits = new Uint8Array(n), score = new Float64Array(n);
    for (var g = 0; g < terms.length; g++) {
      var t = terms[g].t, pre = terms[g].p, first = shardOf(t);
      var last = pre ? shardOf(t + '\uffff') : first, nums = [], best = new Map();
      if (last - first > 5) last = first;
      for (var k = first; k <= last; k++) nums.push(load('t/' + k));
      (await Promise.all(nums)).forEach(function (rows) {
        rows.forEach(function (row) {
          var exact = row[0] === t;
          if (!exact && !(pre && row[0].indexOf(t) === 0)) return;
          var p = decode(row[0], row[1]), df = p.ids.length;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (exact ? 1 : 0.8);
          for (var j = 0; j < df; j++) {
            var s = p.ws[j] * idf, id = p.ids[j];
            if (hits[id] === g && !(best.get(id) >= s)) best.set(id, s);
          }
        });
      });
      best.forEach(function (s, id) { hits[id] = g + 1; score[id] += s; });
    }
    var ids = [];
    for (var id = kind ? kind[1] : 0; id < (kind ? kind[2] : n); id++) {
      if (hits[id] === terms.length) ids.push(id);
    }
    return ids.sort(function (a, b) { return score[b] - score[a] || a - b; });
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function kindOf(id) {
    return man.kinds.filter(function (k) { return id >= k[1] && id < k[2]; })[0][0];
  }
  function href(url) {
    var u = new URL(url, root);
    if (u.protocol === 'file:' && /\/$/.test(u.pathname)) u.pathname += 'index.html';
    return u.href;
  }
  // Adds a page of results to list; returns its first link.
  async function show(ids, from, list, my) {
    var part = ids.slice(from, from + PAGE), need = {}, link = null;
    part.forEach(function (id) { need[(id / man.chunk | 0)] = 1; });
    await Promise.all(Object.keys(need).map(function (c) { return load('d/' + c); }));
    if (my !== seq) return null;
    part.forEach(function (id) {
      var d = got['d/' + (id / man.chunk | 0)][id % man.chunk];
      var li = el('li', '', 'zoekresultaat'), h = el('h2'), a = el('a', d[1]);
      a.href = href(d[0]);
      h.appendChild(a); li.appendChild(h);
      li.appendChild(el('p', kindOf(id) + (d[2] ? ' \u00b7 ' + d[2] : ''), 'zoekresultaat-soort'));
      if (d[3]) li.appendChild(el('p', d[3], 'zoekresultaat-samenvatting'));
      list.appendChild(li);
      link = link || a;
    });
    return link;
  }

  function status(my, text) {
    if (my !== seq) return false;
    out.textContent = '';
    if (text) out.appendChild(el('p', text, 'zoek-aantal'));
    return true;
  }
  async function run() {
    var my = ++seq, q = input ? input.value.trim() : '';
    try {
      if (!man) {
        man = await load('manifest');
        man.stopwords.forEach(function (w) { stop[w] = 1; });
      }
      var sel = kinds(), kind = null;
      man.kinds.forEach(function (k) { if (sel && k[0] === sel.value) kind = k; });
      remember(q, kind);
      if (!q) return status(my, '');
      var terms = parse(input.value);
      if (!terms.length) return status(my, 'Typ een specifieker zoekwoord (minstens twee letters).');
      var ids = await find(terms, kind), shown = PAGE;
      var list = el('ul', '', 'zoekresultaten-lijst'), more = el('button', 'Meer resultaten tonen', 'zoek-meer');
      more.type = 'button';
      more.addEventListener('click', async function () {
        more.disabled = true;
        var a = await show(ids, shown, list, my);
        shown += PAGE;
        more.disabled = false;
        if (shown >= ids.length) more.remove();
        if (a) a.focus();
      });
      await show(ids, 0, list, my);
      var count = ids.length ? ids.length.toLocaleString('nl') + (ids.length > 1 ? ' resultaten' : ' resultaat') : 'Geen resultaten';
      if (!status(my, count + ' voor \u2018' + q + '\u2019' + (kind ? ' (' + kind[0] + ')' : ''))) return;
      if (ids.length) out.appendChild(list);
      if (ids.length > shown) out.appendChild(more);
    } catch (e) {
      status(my, 'De zoekindex kon niet worden geladen.');
    }
  }

  // The kind filter, filled from the manifest.
  function kinds() {
    var sel = document.getElementById('zoek-soort');
    if (!sel || sel.getAttribute('data-gevuld')) return sel;
    var want = param('soort') || sel.value;
    sel.textContent = '';
    [['Alle soorten', '']].concat(man.kinds).forEach(function (k) {
      sel.appendChild(new Option(k[0], k[1] === '' ? '' : k[0], false, k[0] === want));
    });
    sel.setAttribute('data-gevuld', '1');
    sel.addEventListener('change', run);
    return sel;
  }
  function remember(q, kind) {
    var p = new URLSearchParams(q ? { q: q } : {});
    if (kind) p.set('soort', kind[0]);
    try { history.replaceState(null, '', p.toString() ? '?' + p : location.pathname); } catch (e) { /* file: */ }
  }

  function param(k) { return new URLSearchParams(location.search).get(k); }
  var timer = 0;
  if (input) {
    input.value = param('q') || input.value;
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 200); });
  }
  if (form) form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  run();
})();
