// The indicator lookup's filter (indicators/index.html). Without JavaScript the form stays
// hidden and every entry shows; with it, entries are filtered as you type:
// - a code, with or without its space and in any case ("NI 149", "ni149"): that entry only;
//   the start of a code ("NI 14") gives every code that starts so;
// - otherwise words: each word must be the start of a word of the entry's text (its code,
//   title, monitoring ideas, description, aliases and theme names);
// - and the strategy chosen in the list.
// Groups left with no entry are hidden, and the count says how many entries show.
(function () {
  "use strict";

  var form = document.querySelector("[data-lookup-form]");
  if (!form) { return; }
  var input = document.getElementById("lookup-query");
  var select = document.getElementById("lookup-strategy");
  var count = document.getElementById("lookup-count");
  var empty = document.getElementById("lookup-empty");
  var articles = Array.prototype.slice.call(document.querySelectorAll("article.indicator"));
  var kindGroups = Array.prototype.slice.call(document.querySelectorAll("[data-kind-group]"));
  var strategyGroups = Array.prototype.slice.call(document.querySelectorAll("section.indicator-strategy"));
  var MARKS = /[\u0300-\u036f]/g;
  var SPLIT = /[^\p{L}\p{N}]+/u;

  function fold(text) {
    return String(text || "").normalize("NFD").replace(MARKS, "").toLowerCase().replace(/[\u2018\u2019]/g, "'");
  }
  function compact(text) { return fold(text).replace(/[^\p{L}\p{N}]+/gu, ""); }
  function words(text) { return fold(text).split(SPLIT).filter(Boolean); }

  // Optional extra data (codes, aliases and theme ids) from indicators-data.js.
  var data = {};
  if (Array.isArray(window.STRATEGY_SITE_INDICATORS)) {
    window.STRATEGY_SITE_INDICATORS.forEach(function (item) { if (item && item.id) { data[item.id] = item; } });
  }

  var entries = articles.map(function (article) {
    var id = article.id;
    var extra = data[id] || {};
    var codeElement = article.querySelector(".code");
    var codes = [];
    [codeElement ? codeElement.textContent : "", extra.code].concat(extra.aliases || []).forEach(function (code) {
      var c = compact(code);
      if (c && codes.indexOf(c) < 0) { codes.push(c); }
    });
    var text = [article.getAttribute("data-search") || ""].concat(extra.themes || []).join(" ");
    return {
      article: article,
      strategy: article.getAttribute("data-strategy") || extra.strategy || "",
      codes: codes,
      words: words(text)
    };
  });

  function matchesWords(entry, queryWords) {
    return queryWords.every(function (q) {
      return entry.words.some(function (w) { return w.lastIndexOf(q, 0) === 0; });
    });
  }

  // The entries the query selects, before the strategy filter.
  function selectEntries(query) {
    var queryWords = words(query);
    if (queryWords.length === 0) { return entries; }
    var code = compact(query);
    if (/^\p{L}+\p{N}+\p{L}?$/u.test(code)) {
      var exact = entries.filter(function (e) { return e.codes.indexOf(code) >= 0; });
      if (exact.length) { return exact; }
      var started = entries.filter(function (e) { return e.codes.some(function (c) { return c.lastIndexOf(code, 0) === 0; }); });
      if (started.length) { return started; }
    }
    return entries.filter(function (e) { return matchesWords(e, queryWords); });
  }

  var statusTimer = null;

  function apply() {
    var query = input.value.trim();
    var strategy = select.value;
    var filtering = query !== "" || strategy !== "";
    var chosen = selectEntries(query);
    var shown = 0;
    entries.forEach(function (entry) {
      var visible = chosen.indexOf(entry) >= 0 && (strategy === "" || entry.strategy === strategy);
      entry.article.hidden = !visible;
      if (visible) { shown += 1; }
    });
    kindGroups.forEach(function (group) {
      group.hidden = filtering && !group.querySelector("article.indicator:not([hidden])");
    });
    strategyGroups.forEach(function (group) {
      var own = group.getAttribute("data-strategy");
      group.hidden = filtering && (!group.querySelector("article.indicator:not([hidden])") || (strategy !== "" && own !== strategy));
    });
    if (empty) { empty.hidden = shown > 0; }
    var message = shown + " of " + entries.length + (entries.length === 1 ? " indicator" : " indicators");
    // The count is a live region: say it once typing pauses, not at every key.
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(function () { count.textContent = message; }, 250);
  }

  // Someone following a link to an entry the filter hides: clear the filter first.
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target || !target.closest) { return; }
    var article = target.closest("article.indicator");
    var hiddenGroup = target.closest("[hidden]");
    if ((article && article.hidden) || hiddenGroup) {
      input.value = "";
      select.value = "";
      apply();
      target.scrollIntoView();
    }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  input.addEventListener("input", apply);
  select.addEventListener("change", apply);
  window.addEventListener("hashchange", reveal);

  form.hidden = false;
  if (input.value || select.value) {
    apply(); // values the browser restored
  } else {
    count.textContent = entries.length + " of " + entries.length + (entries.length === 1 ? " indicator" : " indicators");
  }
})();
