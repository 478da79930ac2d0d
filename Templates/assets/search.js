// Full-text search for search.html over window.STRATEGY_SITE_SEARCH (search-index.js).
//
// Works from file:// (the index is a script, nothing is fetched). Every query word must
// match the start of a word of an entry's title, text or document; titles rank above text,
// whole words above prefixes, and the whole query as a phrase gets a bonus. Results are
// plain links in an ordered list, built with createElement and textContent only.
(function () {
  "use strict";

  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var index = window.STRATEGY_SITE_SEARCH;
  if (!form || !input || !status || !list) { return; }
  if (!Array.isArray(index)) {
    status.textContent = "The search index could not be loaded.";
    return;
  }

  var MAX_RESULTS = 50;
  var SNIPPET_BEFORE = 70;
  var SNIPPET_LENGTH = 220;
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var MARKS = /[\u0300-\u036f]/g;

  // The URLs in the index are relative to the site root; this script is root + assets/search.js.
  var root = (function () {
    var script = document.currentScript;
    var src = script ? script.getAttribute("src") || "" : "";
    var at = src.lastIndexOf("assets/search.js");
    return at >= 0 ? src.slice(0, at) : "";
  })();

  // Lower case, accents and curly quotes folded: what queries and entries are compared as.
  function foldText(text) {
    return text.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/[\u2018\u2019]/g, "'");
  }

  // The same, character by character, with a map from each folded character back to its
  // position in the original text, so matches can be highlighted there.
  function fold(text) {
    var out = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var f = c.normalize("NFD").replace(MARKS, "").toLowerCase();
      if (c === "\u2019" || c === "\u2018") { f = "'"; }
      for (var k = 0; k < f.length; k++) { out += f.charAt(k); map.push(i); }
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  function isWordChar(c) { return c !== "" && WORD_CHAR.test(c); }

  function queryWords(query) {
    var words = foldText(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w !== ""; });
    var unique = [];
    words.forEach(function (w) { if (unique.indexOf(w) < 0) { unique.push(w); } });
    return unique;
  }

  // Every place `word` starts a word of `text` (both folded): [{start, end, whole}].
  function findWord(text, word, limit) {
    var hits = [];
    var from = 0;
    while (hits.length < (limit || Infinity)) {
      var at = text.indexOf(word, from);
      if (at < 0) { break; }
      if (!isWordChar(text.charAt(at - 1))) {
        hits.push({ start: at, end: at + word.length, whole: !isWordChar(text.charAt(at + word.length)) });
      }
      from = at + 1;
    }
    return hits;
  }

  // Folded, with every run of other characters as one space: for the phrase bonus.
  function phraseForm(text) {
    return " " + foldText(text).replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
  }

  function entryTitle(entry) {
    // Indicators without a code come as ": title".
    return String(entry.title || "").replace(/^:\s*/, "");
  }

  var entries = index.map(function (entry, position) {
    var title = entryTitle(entry);
    var text = String(entry.text || "");
    var within = String(entry["in"] || "");
    return {
      entry: entry, position: position, title: title, text: text, within: within,
      titleFolded: foldText(title), textFolded: foldText(text), withinFolded: foldText(within),
      titlePhrase: phraseForm(title), textPhrase: phraseForm(text)
    };
  });

  function score(item, words, phrase) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var inTitle = findWord(item.titleFolded, word, 1)[0];
      var inText = findWord(item.textFolded, word, 4);
      var inWithin = findWord(item.withinFolded, word, 1)[0];
      if (!inTitle && inText.length === 0 && !inWithin) { return 0; }
      if (inTitle) { total += inTitle.whole ? 100 : 60; }
      if (inText.length) {
        total += inText.some(function (h) { return h.whole; }) ? 10 : 6;
        total += inText.length - 1;
      }
      if (inWithin) { total += 2; }
    }
    if (words.length > 1) {
      if (item.titlePhrase.indexOf(phrase) >= 0) { total += 300; }
      if (item.textPhrase.indexOf(phrase) >= 0) { total += 40 * words.length; }
    }
    if (item.entry.kind === "document") { total += 1; }
    return total;
  }

  function search(query) {
    var words = queryWords(query);
    if (words.length === 0) { return { words: words, results: [] }; }
    // The query as typed (not de-duplicated) as a run of words, the last maybe unfinished.
    var phrase = " " + foldText(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ");
    var results = [];
    entries.forEach(function (item) {
      var s = score(item, words, phrase);
      if (s > 0) { results.push({ item: item, score: s }); }
    });
    results.sort(function (a, b) { return b.score - a.score || a.item.position - b.item.position; });
    return { words: words, results: results };
  }

  // Where the words match the start of a word of `original`: `hits` ([start, end, word])
  // in order, and `ranges` ([start, end), overlaps merged) to highlight.
  function matchRanges(original, words) {
    var folded = fold(original);
    var hits = [];
    words.forEach(function (needle, n) {
      findWord(folded.text, needle, 200).forEach(function (hit) {
        hits.push([folded.map[hit.start], folded.map[hit.end], n]);
      });
    });
    hits.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var ranges = [];
    hits.forEach(function (h) {
      var last = ranges[ranges.length - 1];
      if (last && h[0] <= last[1]) { last[1] = Math.max(last[1], h[1]); } else { ranges.push([h[0], h[1]]); }
    });
    return { hits: hits, ranges: ranges };
  }

  // Appends `text` to `parent`, with the ranges wrapped in <mark>.
  function appendHighlighted(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) { parent.appendChild(document.createTextNode(text.slice(at, r[0]))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) { parent.appendChild(document.createTextNode(text.slice(at))); }
  }

  // The first match that starts the window holding the most different query words (for
  // one word, simply the first match).
  function bestStart(hits) {
    var best = hits.length ? hits[0][0] : 0;
    var bestCount = 0;
    var reach = SNIPPET_LENGTH - SNIPPET_BEFORE;
    for (var i = 0; i < hits.length; i++) {
      var seen = {};
      var count = 0;
      for (var j = i; j < hits.length && hits[j][0] < hits[i][0] + reach; j++) {
        if (!seen[hits[j][2]]) { seen[hits[j][2]] = true; count += 1; }
      }
      if (count > bestCount) { bestCount = count; best = hits[i][0]; }
    }
    return best;
  }

  // A window of the text around the first match (of the best group of matches), cut at
  // spaces, with ellipses where it was cut.
  function snippet(text, match) {
    var ranges = match.ranges;
    if (text.length <= SNIPPET_LENGTH) { return { text: text, ranges: ranges }; }
    var first = bestStart(match.hits);
    var start = Math.max(0, first - SNIPPET_BEFORE);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > first) { end = back; }
    }
    var prefix = start > 0 ? "\u2026 " : "";
    var suffix = end < text.length ? " \u2026" : "";
    var shifted = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start + prefix.length, r[1] - start + prefix.length]; });
    return { text: prefix + text.slice(start, end) + suffix, ranges: shifted };
  }

  function kindLabel(item) {
    switch (item.entry.kind) {
      case "document": return "Document" + (item.within ? ", " + item.within : "");
      case "section": return "Section" + (item.within ? " in " + item.within : "");
      case "indicator": return "Indicator";
      default: return item.within;
    }
  }

  function renderResult(result, words) {
    var item = result.item;
    var li = document.createElement("li");
    var heading = document.createElement("p");
    heading.className = "result-title";
    var link = document.createElement("a");
    link.className = "result-link";
    link.href = root + item.entry.url;
    appendHighlighted(link, item.title, matchRanges(item.title, words).ranges);
    heading.appendChild(link);
    li.appendChild(heading);

    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = kindLabel(item);
    li.appendChild(meta);

    if (item.text) {
      var cut = snippet(item.text, matchRanges(item.text, words));
      var p = document.createElement("p");
      p.className = "snippet";
      appendHighlighted(p, cut.text, cut.ranges);
      li.appendChild(p);
    }
    return li;
  }

  var baseTitle = document.title;
  var lastQuery = null;
  var statusTimer = null;

  // The status is a live region: while typing, it speaks once the typing pauses.
  function say(message, now) {
    window.clearTimeout(statusTimer);
    if (now) { status.textContent = message; return; }
    statusTimer = window.setTimeout(function () { status.textContent = message; }, 400);
  }

  // Shows the results for `query`; `typing` when it comes from a key press in the field.
  function run(query, typing) {
    query = query.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    var found = search(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (found.words.length === 0) {
      say("", true);
      document.title = baseTitle;
    } else {
      var shown = found.results.slice(0, MAX_RESULTS);
      shown.forEach(function (result) { list.appendChild(renderResult(result, found.words)); });
      var count = found.results.length;
      var message = count === 0 ? "No results for \u201c" + query + "\u201d."
        : count + (count === 1 ? " result" : " results") + " for \u201c" + query + "\u201d" +
          (count > shown.length ? ", showing the first " + shown.length : "") + ".";
      say(message, !typing);
      document.title = "Search: " + query + " \u2013 " + baseTitle.replace(/^Search \u2013 /, "");
    }
    setQueryInURL(query);
  }

  function setQueryInURL(query) {
    if (!window.history || !window.history.replaceState) { return; }
    try {
      var url = new URL(window.location.href);
      if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // Some browsers refuse to change a file:// URL; the search still works.
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value, true); }, 100);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    lastQuery = null;
    run(input.value, false);
  });

  // Arrow keys: from the field down into the results, between results, and back up.
  function resultLinks() { return Array.prototype.slice.call(list.querySelectorAll("a.result-link")); }
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var links = resultLinks();
      if (links.length) { event.preventDefault(); links[0].focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (at < 0) { return; }
    event.preventDefault();
    if (event.key === "ArrowDown") {
      if (at + 1 < links.length) { links[at + 1].focus(); }
    } else if (at === 0) {
      input.focus();
    } else {
      links[at - 1].focus();
    }
  });

  var initial = "";
  try { initial = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { initial = ""; }
  if (initial) {
    input.value = initial;
    run(initial, false);
  } else if (input.value) {
    // The browser restored the field (back button).
    run(input.value, false);
  }
})();
