/* insikt search — offline, works from file:// and under any sub-path.
   The search box is hidden without JavaScript. The index (search-index.js) is loaded with a
   <script> element on first use, because browsers block fetch() of local files; it assigns
   window.insiktSearchIndex:
     v         2, the version of this format
     titles    per page, its title
     sections  every section's title, once
     section   runs of pages in order: how many pages, then 0 (no section) or their
               section's number in `sections` plus one
     keep      per page, how many characters of the folder of the page before it begin its
               own folder (a page's link from the site root is its folder + "index.html")
     path      per page, the rest of its folder
     stems     sorted Snowball stems of every word in the site, each front-coded: a base-36
               digit, how many characters of the stem before it to keep, then the rest
     post      per stem, its pages: tokens joined by ".", each the distance in base 36 from
               the last page of the token before (from 0), and "-" and a count in base 36 if
               that many pages follow on without a gap ("2-4.3": pages 2-6 and 9); or a
               bitmap, "!", the first page in base 36, ":", six pages a character of BITS,
               lowest bit first
     forms     {word form: stem number} for every form that differs from its stem
   A query word is stemmed by looking it up in `forms` (exactly as the build stemmed it) or
   among the stems; a word the site does not contain falls back to prefix matching: stems
   that start with the word (a word being typed) and the longest stem the word starts with.
   Snippets come from search/text-N.js, loaded only for the pages shown. */
(function () {
  "use strict";
  var MAX_RESULTS = 50;
  var box, input, status, list, index, texts = {}, pending = {}, timer, lastQuery = "";

  function loadScript(src, onload, onerror) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = onload;
    s.onerror = onerror;
    document.head.appendChild(s);
  }

  function ensureIndex(done) {
    if (index) return done();
    if (window.insiktSearchIndex) {
      index = prepare(window.insiktSearchIndex);
      return done();
    }
    status.textContent = box.getAttribute("data-loading");
    if (ensureIndex.waiting) return ensureIndex.waiting.push(done);
    ensureIndex.waiting = [done];
    loadScript(box.getAttribute("data-index"), function () {
      index = prepare(window.insiktSearchIndex);
      var w = ensureIndex.waiting;
      ensureIndex.waiting = null;
      for (var i = 0; i < w.length; i++) w[i]();
    }, function () {
      ensureIndex.waiting = null;
      status.textContent = "";
    });
  }

  var BITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /* pages: [[title, href from the site root, section title], …] */
  function prepare(raw) {
    var pages = [], folder = "", section = [], i, k;
    for (i = 0; i < raw.section.length; i += 2) {
      for (k = 0; k < raw.section[i]; k++) section.push(raw.section[i + 1] ? raw.sections[raw.section[i + 1] - 1] : "");
    }
    for (i = 0; i < raw.titles.length; i++) {
      folder = folder.slice(0, raw.keep[i]) + raw.path[i];
      pages.push([raw.titles[i], folder + "index.html", section[i]]);
    }
    var stems = [], stem = "";
    for (i = 0; i < raw.stems.length; i++) {
      stem = stem.slice(0, parseInt(raw.stems[i].charAt(0), 36)) + raw.stems[i].slice(1);
      stems.push(stem);
    }
    return { pages: pages, stems: stems, post: raw.post, forms: raw.forms, shard: raw.shard, decoded: {} };
  }

  function postings(n) {
    var cached = index.decoded[n];
    if (cached) return cached;
    var list = index.post[n], out = [], i, k;
    if (list.charAt(0) === "!") {
      var colon = list.indexOf(":"), first = parseInt(list.slice(1, colon), 36);
      for (i = colon + 1; i < list.length; i++) {
        var bits = BITS.indexOf(list.charAt(i)), at = first + (i - colon - 1) * 6;
        for (k = 0; k < 6; k++) if (bits & (1 << k)) out.push(at + k);
      }
    } else {
      var parts = list.split("."), last = 0;
      for (i = 0; i < parts.length; i++) {
        var run = parts[i].split("-");
        last += parseInt(run[0], 36);
        out.push(last);
        for (k = run.length > 1 ? parseInt(run[1], 36) : 0; k > 0; k--) out.push(++last);
      }
    }
    index.decoded[n] = out;
    return out;
  }

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w; });
  }

  /* The first stem index >= word (binary search over the sorted stems). */
  function lowerBound(word) {
    var lo = 0, hi = index.stems.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (index.stems[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* The stems a query word matches. */
  function stemsFor(word) {
    if (Object.prototype.hasOwnProperty.call(index.forms, word)) return [index.forms[word]];
    var at = lowerBound(word);
    if (index.stems[at] === word) return [at];
    var out = [];
    for (var i = at; i < index.stems.length && out.length < 200 && index.stems[i].indexOf(word) === 0; i++) out.push(i);
    for (var len = word.length - 1; len >= 3; len--) {
      var prefix = word.slice(0, len), j = lowerBound(prefix);
      if (index.stems[j] === prefix) { out.push(j); break; }
    }
    return out;
  }

  function search(query) {
    var ws = words(query), matched = {}, result = null;
    for (var k = 0; k < ws.length; k++) {
      var stems = stemsFor(ws[k]), pages = {};
      for (var s = 0; s < stems.length; s++) {
        matched[stems[s]] = true;
        var p = postings(stems[s]);
        for (var i = 0; i < p.length; i++) pages[p[i]] = true;
      }
      if (result === null) result = pages;
      else for (var key in result) if (!pages[key]) delete result[key];
    }
    var ids = Object.keys(result || {}).map(Number);
    var titleHit = function (id) {
      var tw = words(index.pages[id][0]);
      for (var i = 0; i < tw.length; i++) if (stemMatches(tw[i], matched)) return 0;
      return 1;
    };
    var rank = {};
    ids.forEach(function (id) { rank[id] = titleHit(id); });
    ids.sort(function (a, b) { return rank[a] - rank[b] || a - b; });
    return { ids: ids, matched: matched };
  }

  function stemMatches(word, matched) {
    if (Object.prototype.hasOwnProperty.call(index.forms, word)) return !!matched[index.forms[word]];
    var at = lowerBound(word);
    return index.stems[at] === word && !!matched[at];
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  /* About 24 words around the first word of `text` whose stem matched, the hit in <mark>. */
  function snippet(text, matched) {
    var re = /[\p{L}\p{N}]+/gu, m, tokens = [], hit = -1;
    while ((m = re.exec(text)) !== null) {
      tokens.push([m.index, m.index + m[0].length]);
      if (hit < 0 && stemMatches(m[0].toLowerCase(), matched)) hit = tokens.length - 1;
      if (hit >= 0 && tokens.length > hit + 14) break;
    }
    if (hit < 0) return escapeHtml(text.slice(0, 160)) + (text.length > 160 ? " …" : "");
    var first = Math.max(0, hit - 10), last = Math.min(tokens.length - 1, hit + 14);
    var out = first > 0 ? "… " : "";
    out += escapeHtml(text.slice(tokens[first][0], tokens[hit][0]));
    out += "<mark>" + escapeHtml(text.slice(tokens[hit][0], tokens[hit][1])) + "</mark>";
    out += escapeHtml(text.slice(tokens[hit][1], tokens[last][1]));
    return out + (tokens[last][1] < text.length ? " …" : "");
  }

  function withText(ids, done) {
    var needed = [];
    ids.forEach(function (id) {
      var n = Math.floor(id / index.shard);
      if (!texts[n] && needed.indexOf(n) < 0) needed.push(n);
    });
    if (!needed.length) return done();
    var left = needed.length;
    var finish = function () { if (--left === 0) done(); };
    needed.forEach(function (n) {
      if (pending[n]) return pending[n].push(finish);
      pending[n] = [finish];
      loadScript(box.getAttribute("data-text") + "text-" + n + ".js", null, function () {
        texts[n] = [];
        var w = pending[n]; pending[n] = null;
        w.forEach(function (f) { f(); });
      });
    });
  }

  window.insiktSearchText = function (n, list) {
    texts[n] = list;
    var w = pending[n] || [];
    pending[n] = null;
    w.forEach(function (f) { f(); });
  };

  function announce(count, query) {
    var template = count === 0 ? box.getAttribute("data-none")
      : count === 1 ? box.getAttribute("data-one") : box.getAttribute("data-results");
    status.textContent = template.replace("{n}", String(count)).replace("{q}", query);
  }

  function run() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (!query) {
      list.innerHTML = "";
      status.textContent = "";
      return;
    }
    ensureIndex(function () {
      if (input.value.trim() !== query) return;
      var found = search(query), shown = found.ids.slice(0, MAX_RESULTS);
      var root = box.getAttribute("data-root");
      var html = "";
      shown.forEach(function (id) {
        var p = index.pages[id];
        html += '<li class="search-result"><a class="search-result-link" href="' + escapeHtml(root + p[1]) + '">' +
          '<span class="search-result-title">' + escapeHtml(p[0]) + "</span>" +
          (p[2] ? '<span class="search-result-section">' + escapeHtml(p[2]) + "</span>" : "") +
          '<span class="search-result-snippet" data-page="' + id + '"></span></a></li>';
      });
      // A reader who has moved into the results while this query was pending keeps
      // their place, rather than losing focus to the page when the list is replaced.
      var focused = Array.prototype.indexOf.call(links(), document.activeElement);
      list.innerHTML = html;
      if (focused >= 0 && shown.length) links()[Math.min(focused, shown.length - 1)].focus();
      announce(found.ids.length, query);
      withText(shown, function () {
        if (input.value.trim() !== query) return;
        var spans = list.querySelectorAll(".search-result-snippet");
        for (var i = 0; i < spans.length; i++) {
          var id = Number(spans[i].getAttribute("data-page"));
          var shard = texts[Math.floor(id / index.shard)] || [];
          var text = shard[id % index.shard];
          if (text) spans[i].innerHTML = snippet(text, found.matched);
        }
      });
    });
  }

  function links() {
    return list.querySelectorAll(".search-result-link");
  }

  function onKey(e) {
    var all = links(), at = Array.prototype.indexOf.call(all, document.activeElement);
    if (e.key === "ArrowDown" && all.length) {
      e.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      if (at === 0) input.focus(); else all[at - 1].focus();
    } else if (e.key === "Escape") {
      input.focus();
      if (at < 0) {
        input.value = "";
        run();
      }
    } else if (e.key === "Enter" && document.activeElement === input && all.length) {
      e.preventDefault();
      all[0].focus();
    }
  }

  function init() {
    box = document.querySelector(".site-search");
    if (!box) return;
    input = box.querySelector(".search-input");
    status = box.querySelector(".search-status");
    list = box.querySelector(".search-results");
    box.hidden = false;
    input.addEventListener("focus", function () { ensureIndex(function () { status.textContent = ""; run(); }); }, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    box.addEventListener("keydown", onKey);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
