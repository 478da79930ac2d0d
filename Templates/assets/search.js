// Full-text search for search.html over the sharded index in search/ (written at build
// time: see SearchIndexWriter in the generator).
//
// The page loads search/manifest.js, then for a query only the term shards its words hash
// to, and the fragments of the documents it shows, each as a <script> (so it works from
// file://, a zip and any web server). Words are read by the same rules as the build's
// (Tokenizer, StopWords, EnglishStemmer: Porter2, here again, and checked against the
// build's by the browser tests), sections are ranked by BM25F with headings above body
// text, a phrase above scattered words, and results are grouped by document with their best
// sections under them. A word that no section holds is replaced by the nearest word the
// index has ("did you mean"). Results are built with createElement and textContent only.
(function () {
  "use strict";

  // ---- Words: the same rules as the build's Tokenizer ------------------------------------

  var LETTER = /\p{L}/u, DIGIT = /\p{N}/u, MARK = /\p{M}/u, MARKS = /\p{M}/gu;
  var APOSTROPHES = "'\u2019\u2018", HYPHENS = "-\u2010\u2011";

  function kind(c) {
    var code = c.charCodeAt(0);
    if (code < 128) {
      if (code >= 48 && code <= 57) { return "digit"; }
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) { return "letter"; }
      return "other";
    }
    if (MARK.test(c)) { return "mark"; }
    if (LETTER.test(c)) { return "letter"; }
    if (DIGIT.test(c)) { return "digit"; }
    return "other";
  }

  function foldChar(c) {
    var code = c.charCodeAt(0);
    if (code < 128) { return c.toLowerCase(); }
    return c.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  // Words of `text` with where they stand: [{text, start, end, position, joined}], the
  // hyphenated and code forms joined as the build writes them (`anyCase`: a code in a query
  // may be typed in lower case).
  function tokens(text, anyCase) {
    var chars = Array.from(text);
    var offsets = [];
    var at = 0;
    chars.forEach(function (c) { offsets.push(at); at += c.length; });
    offsets.push(at);
    var out = [], i = 0, position = 0, compound = null, codeStart = null;
    while (i < chars.length) {
      var gap = [];
      while (i < chars.length && kind(chars[i]) === "other") { if (gap.length < 2) { gap.push(chars[i]); } i++; }
      if (i >= chars.length) { break; }
      var start = i, word = "", capitals = true, digits = true;
      while (i < chars.length) {
        var c = chars[i], k = kind(c);
        if (k === "letter") {
          if (c === c.toLowerCase()) { capitals = false; }
          digits = false; word += foldChar(c);
        } else if (k === "digit") {
          capitals = false; word += foldChar(c);
        } else if (k === "mark") {
          // belongs to the letter before it
        } else if (APOSTROPHES.indexOf(c) >= 0 && word !== "" && i + 1 < chars.length && kind(chars[i + 1]) !== "other") {
          word += "'"; capitals = false; digits = false;
        } else {
          break;
        }
        i++;
      }
      if (word === "") { continue; }
      var afterHyphen = gap.length === 1 && HYPHENS.indexOf(gap[0]) >= 0;
      var afterSpace = gap.length === 1 && (gap[0] === " " || gap[0] === "\u00a0");
      var token = { text: word, start: offsets[start], end: offsets[i], position: position, joined: false };
      if (afterHyphen && compound) {
        compound.push(token);
      } else {
        pushJoined(compound, out);
        compound = [token];
      }
      if (codeStart && afterSpace && digits && word.length <= 4) {
        out.push({ text: codeStart.text + word, start: codeStart.start, end: token.end, position: codeStart.position, joined: true, code: true });
      }
      var length = Array.from(word).length;
      codeStart = (capitals || (anyCase && !digits && /^[a-z]+$/.test(word))) && length >= 2 && length <= 6 ? { text: word, position: position, start: token.start } : null;
      out.push(token);
      position++;
    }
    pushJoined(compound, out);
    return out;
  }

  // A hyphenated run's joined forms: the whole run, then each pair of a longer one
  // (`whole` marks the first, which a query uses).
  function pushJoined(run, out) {
    if (!run || run.length < 2) { return; }
    var last = run[run.length - 1];
    out.push({ text: run.map(function (t) { return t.text; }).join(""), start: run[0].start, end: last.end, position: run[0].position, joined: true, whole: true });
    if (run.length < 3) { return; }
    for (var i = 0; i + 1 < run.length; i++) {
      out.push({ text: run[i].text + run[i + 1].text, start: run[i].start, end: run[i + 1].end, position: run[i].position, joined: true });
    }
  }

  // ---- Porter2 (Snowball English), as EnglishStemmer.swift ------------------------------

  var EXCEPTIONS1 = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli",
    early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EXCEPTIONS2 = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
  var STEP2 = [["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"], ["izer", "ize"],
    ["ization", "ize"], ["ational", "ate"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["aliti", "al"], ["alli", "al"],
    ["fulness", "ful"], ["ousli", "ous"], ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"],
    ["bli", "ble"], ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""]];
  var STEP3 = [["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ical", "ic"],
    ["ful", ""], ["ness", ""], ["ative", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
    "ive", "ize", "ion"];

  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  function longest(w, suffixes) {
    var best = null;
    suffixes.forEach(function (s) {
      var suffix = typeof s === "string" ? s : s[0];
      if (w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix && (!best || suffix.length > best.length)) { best = suffix; }
    });
    return best;
  }

  function lookupPair(pairs, suffix) {
    for (var i = 0; i < pairs.length; i++) { if (pairs[i][0] === suffix) { return pairs[i][1]; } }
    return null;
  }

  function endsInShortSyllable(w) {
    var n = w.length;
    if (n >= 3 && !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(w[n - 1]) && w[n - 1] !== "w" && w[n - 1] !== "x" && w[n - 1] !== "Y") { return true; }
    return n === 2 && isVowel(w[0]) && !isVowel(w[1]);
  }

  function stem(word) {
    if (!/^[a-z']+$/.test(word)) { return word; }
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS1, word)) { return EXCEPTIONS1[word]; }
    if (word.length <= 2) { return word; }
    var w = word.charAt(0) === "'" ? word.slice(1) : word;
    var chars = w.split(""), foundY = false;
    for (var i = 0; i < chars.length; i++) {
      if (chars[i] === "y" && (i === 0 || isVowel(chars[i - 1]))) { chars[i] = "Y"; foundY = true; }
    }
    w = chars.join("");
    function after(start) {
      var j = start;
      while (j < w.length && !isVowel(w[j])) { j++; }
      while (j < w.length && isVowel(w[j])) { j++; }
      return Math.min(j + 1, w.length);
    }
    var p1 = /^(gener|commun|arsen)/.test(w) ? w.match(/^(gener|commun|arsen)/)[0].length : after(0);
    var p2 = after(p1);
    function inR1(s) { return w.length - s.length >= p1; }
    function inR2(s) { return w.length - s.length >= p2; }
    function cut(s, r) { w = w.slice(0, w.length - s.length) + r; }
    function vowelBefore(end) { for (var k = 0; k < end; k++) { if (isVowel(w[k])) { return true; } } return false; }

    var s = longest(w, ["'", "'s", "'s'"]);
    if (s) { cut(s, ""); }
    s = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]);
    if (s === "sses") { cut(s, "ss"); }
    else if (s === "ied" || s === "ies") { cut(s, w.length - s.length > 1 ? "i" : "ie"); }
    else if (s === "s") { if (w.length >= 2 && vowelBefore(w.length - 2)) { cut(s, ""); } }

    if (EXCEPTIONS2.indexOf(w) < 0) {
      s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
      if (s === "eed" || s === "eedly") {
        if (inR1(s)) { cut(s, "ee"); }
      } else if (s && vowelBefore(w.length - s.length)) {
        cut(s, "");
        var last = w[w.length - 1];
        if (/(at|bl|iz)$/.test(w)) { w += "e"; }
        else if (w.length >= 2 && w[w.length - 2] === last && "bdfgmnprt".indexOf(last) >= 0) { w = w.slice(0, -1); }
        else if (p1 >= w.length && endsInShortSyllable(w)) { w += "e"; }
      }
      var n = w.length;
      if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isVowel(w[n - 2])) { w = w.slice(0, -1) + "i"; }

      s = longest(w, STEP2);
      if (s && inR1(s)) {
        if (s === "ogi") { if (w.length > 3 && w[w.length - 4] === "l") { cut(s, "og"); } }
        else if (s === "li") { if (w.length > 2 && "cdeghkmnrt".indexOf(w[w.length - 3]) >= 0) { cut(s, ""); } }
        else { cut(s, lookupPair(STEP2, s)); }
      }
      s = longest(w, STEP3);
      if (s && inR1(s)) {
        if (s === "ative") { if (inR2(s)) { cut(s, ""); } } else { cut(s, lookupPair(STEP3, s)); }
      }
      s = longest(w, STEP4);
      if (s && inR2(s)) {
        if (s === "ion") { var before = w[w.length - 4]; if (before === "s" || before === "t") { cut(s, ""); } }
        else { cut(s, ""); }
      }
      var e = w[w.length - 1];
      if (e === "e") {
        if (inR2("e")) { w = w.slice(0, -1); }
        else if (inR1("e") && !endsInShortSyllable(w.slice(0, -1))) { w = w.slice(0, -1); }
      } else if (e === "l" && inR2("l") && w[w.length - 2] === "l") {
        w = w.slice(0, -1);
      }
    }
    return foundY ? w.replace(/Y/g, "y") : w;
  }

  // ---- Loading the index -----------------------------------------------------------------

  var root = (function () {
    var script = document.currentScript;
    var src = script ? script.getAttribute("src") || "" : "";
    var at = src.lastIndexOf("assets/search.js");
    return at >= 0 ? src.slice(0, at) : "";
  })();

  var loaded = {}, waiting = {};
  window.StrategySiteSearchData = function (kind, key, value) {
    var id = kind + ":" + key;
    loaded[id] = value;
    (waiting[id] || []).forEach(function (w) { w.resolve(value); });
    delete waiting[id];
  };

  // Loads `path` as a script once; resolves with what it hands to StrategySiteSearchData.
  var requested = {};
  function load(path, kind, key) {
    var id = kind + ":" + key;
    if (Object.prototype.hasOwnProperty.call(loaded, id)) { return Promise.resolve(loaded[id]); }
    return new Promise(function (resolve, reject) {
      (waiting[id] = waiting[id] || []).push({ resolve: resolve, reject: reject });
      if (requested[id]) { return; }
      requested[id] = true;
      var script = document.createElement("script");
      script.src = root + path;
      script.async = true;
      script.onerror = function () {
        delete requested[id];
        (waiting[id] || []).forEach(function (w) { w.reject(new Error("could not load " + path)); });
        delete waiting[id];
      };
      document.head.appendChild(script);
    });
  }

  var manifestPromise = null;
  function manifest() {
    if (!manifestPromise) { manifestPromise = load("search/manifest.js", "manifest", ""); }
    return manifestPromise;
  }

  function fnv(term) {
    var bytes = new TextEncoder().encode(term), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { hash ^= bytes[i]; hash = Math.imul(hash, 16777619) >>> 0; }
    return hash >>> 0;
  }

  function termEntry(m, term) {
    var shard = fnv(term) % m.shards;
    return load("search/t/" + shard + ".js", "terms", String(shard)).then(function (terms) {
      return Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : null;
    });
  }

  function documentFragment(number) { return load("search/d/" + number + ".js", "document", String(number)); }
  function sectionText(number, place) { var key = number + "-" + place; return load("search/x/" + key + ".js", "text", key); }
  function facets() { return load("search/facets.js", "facets", ""); }

  function vocabularyKey(term) { var c = term.charAt(0); return /[a-z0-9]/.test(c) ? c : "_"; }
  function vocabulary(term) { var key = vocabularyKey(term); return load("search/v/" + key + ".js", "words", key); }

  // ---- Queries ---------------------------------------------------------------------------

  // The query's terms: [{term, word, position}] without stop words; hyphenated forms joined;
  // a code written in two words ("ni 149") offered both ways (`code`).
  function queryTerms(query, stopWords) {
    var all = tokens(query, true), terms = [], covered = {};
    all = all.filter(function (t) { return !t.joined || t.code || t.whole; });
    all.forEach(function (t) {
      if (t.joined && !t.code) {
        // "re-offending": the joined form stands for its parts.
        all.forEach(function (u) { if (!u.joined && u.start >= t.start && u.end <= t.end) { covered[u.start] = true; } });
      }
    });
    all.forEach(function (t) {
      if (t.joined && t.code) { terms.push({ term: t.text, word: t.text, position: t.position, code: true, start: t.start, end: t.end }); return; }
      if (!t.joined && covered[t.start]) { return; }
      if (!t.joined && stopWords[t.text]) { return; }
      terms.push({ term: stem(t.text), word: t.text, position: t.position, start: t.start, end: t.end });
    });
    return terms;
  }

  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) { previous.push(j); }
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { value = Math.min(value, prev2[j - 2] + 1); }
        current.push(value);
        if (value < best) { best = value; }
      }
      var prev2 = previous;
      previous = current;
      if (best > limit) { return limit + 1; }
    }
    return previous[b.length];
  }

  // The index's nearest term to a word it lacks, or null.
  function suggestion(term) {
    var limit = term.word.length <= 4 ? 1 : 2;
    if (term.word.length < 3) { return Promise.resolve(null); }
    return vocabulary(term.term).then(function (words) {
      var best = null;
      words.forEach(function (entry) {
        var d = Math.min(editDistance(term.term, entry[0], limit), editDistance(term.word, entry[1], limit));
        if (d <= limit && (!best || d < best.d || (d === best.d && entry[2] > best.df))) { best = { term: entry[0], word: entry[1], df: entry[2], d: d }; }
      });
      return best;
    }, function () { return null; });
  }

  // Postings of one term: [{doc, place, hf, bf, hl, bl, positions}].
  function decode(entry) {
    var list = entry[1], out = [], i = 0, doc = 0;
    while (i < list.length) {
      doc += list[i];
      var p = { doc: doc, place: list[i + 1], hf: list[i + 2], bf: list[i + 3], hl: list[i + 4], bl: list[i + 5], positions: [] };
      var count = list[i + 6], at = 0;
      i += 7;
      for (var k = 0; k < count; k++) { at += list[i + k]; p.positions.push(at); }
      i += count;
      out.push(p);
    }
    return out;
  }

  function weight(m, df, p) {
    var w = m.weights;
    var idf = Math.log(1 + (m.sections - df + 0.5) / (df + 0.5));
    // Lengths come in buckets of eight per doubling (SectionIndex.lengthBucket).
    function norm(f, bucket, average, b) {
      var length = Math.pow(2, bucket / 8) - 1;
      return f > 0 ? f / (1 - b + b * (average > 0 ? length / average : 1)) : 0;
    }
    var tf = w.heading * norm(p.hf, p.hl, m.averageHeading, w.bHeading) + w.body * norm(p.bf, p.bl, m.averageBody, w.bBody);
    return idf * tf / (w.k1 + tf);
  }

  // Whether the terms stand in the section in the query's order and spacing.
  function hasPhrase(terms, postings) {
    var first = postings[0].positions;
    for (var i = 0; i < first.length; i++) {
      var ok = true;
      for (var k = 1; k < terms.length && ok; k++) {
        ok = postings[k].positions.indexOf(first[i] + terms[k].position - terms[0].position) >= 0;
      }
      if (ok) { return true; }
    }
    return false;
  }

  // Ranks sections and documents for `query`: a promise of {terms, corrected, documents}.
  function search(query, filters) {
    return manifest().then(function (m) {
      var stopWords = {};
      m.stopWords.forEach(function (w) { stopWords[w] = true; });
      var terms = queryTerms(query, stopWords);
      if (terms.length === 0) { return { terms: [], documents: [], corrected: [] }; }
      return Promise.all(terms.map(function (t) { return termEntry(m, t.term); })).then(function (entries) {
        // A code found joined replaces its two words; not found, the words stay.
        var chosen = [], chosenEntries = [];
        terms.forEach(function (t, i) {
          if (t.code) { return; }
          var code = null;
          terms.forEach(function (c, j) { if (c.code && entries[j] && t.start >= c.start && t.end <= c.end) { code = j; } });
          if (code !== null) {
            if (chosen.indexOf(terms[code]) < 0) { chosen.push(terms[code]); chosenEntries.push(entries[code]); }
            return;
          }
          chosen.push(t); chosenEntries.push(entries[i]);
        });
        terms.forEach(function (t, i) { if (t.code && entries[i] && chosen.indexOf(t) < 0) { chosen.push(t); chosenEntries.push(entries[i]); } });
        var missing = chosen.map(function (t, i) { return chosenEntries[i] ? null : t; });
        return Promise.all(missing.map(function (t) { return t ? suggestion(t) : null; })).then(function (suggested) {
          var corrected = [];
          var lookups = suggested.map(function (s, i) {
            if (!s) { return Promise.resolve(chosenEntries[i]); }
            corrected.push({ from: chosen[i].word, to: s.word });
            chosen[i] = { term: s.term, word: s.word, position: chosen[i].position };
            return termEntry(m, s.term);
          });
          return Promise.all(lookups).then(function (final) {
            return rank(m, chosen, final, corrected, filters);
          });
        });
      });
    });
  }

  function rank(m, terms, entries, corrected, filters) {
    var sections = {};
    terms.forEach(function (t, i) {
      if (!entries[i]) { return; }
      var df = entries[i][0];
      decode(entries[i]).forEach(function (p) {
        var key = p.doc + ":" + p.place;
        var s = sections[key] || (sections[key] = { doc: p.doc, place: p.place, score: 0, postings: [], matched: 0, heading: 0 });
        s.score += weight(m, df, p);
        s.postings[i] = p;
        s.matched++;
        if (p.hf > 0) { s.heading++; }
      });
    });
    var q = terms.length, docs = {};
    Object.keys(sections).forEach(function (key) {
      var s = sections[key];
      var coordination = s.matched / q;
      s.score *= coordination * coordination;
      if (q > 1 && s.matched === q && hasPhrase(terms, s.postings)) { s.score *= 3; s.phrase = true; }
      var d = docs[s.doc] || (docs[s.doc] = { doc: s.doc, sections: [], terms: {} });
      d.sections.push(s);
      s.postings.forEach(function (p, i) { if (p) { d.terms[i] = true; } });
    });
    // Every word must stand somewhere in a document (in one section or several).
    var list = Object.keys(docs).filter(function (k) { return Object.keys(docs[k].terms).length === q; }).map(function (k) {
      var d = docs[k];
      d.sections.sort(function (a, b) { return b.score - a.score || a.place - b.place; });
      var spread = Object.keys(d.terms).length / q;
      d.score = d.sections[0].score + 0.15 * ((d.sections[1] ? d.sections[1].score : 0) + (d.sections[2] ? d.sections[2].score : 0));
      d.score *= Math.max(spread * spread, d.sections[0].matched / q);
      return d;
    });
    var filtered = filters && (filters.strategy || filters.type || filters.theme);
    return (filtered ? facets() : Promise.resolve(null)).then(function (table) {
      if (table) {
        var si = indexOf(m.strategies, filters.strategy), ti = m.types.indexOf(filters.type), hi = indexOf(m.themes, filters.theme);
        list = list.filter(function (d) {
          var f = table[d.doc];
          if (!f) { return false; }
          if (f[0] === -1) { return !filters.type; } // the lookup: filtered by entry, below
          return (!filters.strategy || f[0] === si) && (!filters.type || f[1] === ti) && (!filters.theme || f[2].indexOf(hi) >= 0);
        });
        list.forEach(function (d) { d.filter = { strategy: filters.strategy ? si : null, theme: filters.theme ? hi : null, type: !!filters.type }; });
      }
      list.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { terms: terms, documents: list, corrected: corrected };
    });
  }

  function indexOf(pairs, key) {
    for (var i = 0; i < pairs.length; i++) { if (pairs[i][0] === key) { return i; } }
    return -1;
  }

  // The sections of a result to show, with its fragment: [{url, heading, text, place}].
  function resultSections(d, fragment) {
    var shown = [];
    d.sections.forEach(function (s) {
      var section = fragment.sections[s.place];
      if (!section) { return; }
      if (d.filter) {
        if (d.filter.strategy !== null && section[2] !== -1 && section[2] !== d.filter.strategy) { return; }
        if (d.filter.theme !== null && section[0] !== "" && section[3].indexOf(d.filter.theme) < 0) { return; }
      }
      shown.push({ url: fragment.url + (section[0] ? "#" + section[0] : ""), heading: section[1], opening: section[0] === "", place: s.place, score: s.score });
    });
    return shown.slice(0, 3);
  }

  // The same, with each section's text loaded (for its excerpt).
  function sectionsWithText(d, fragment) {
    var shown = resultSections(d, fragment);
    return Promise.all(shown.map(function (s) { return sectionText(d.doc, s.place); })).then(function (texts) {
      shown.forEach(function (s, i) { s.text = texts[i]; });
      return shown;
    });
  }

  // Where the query's terms stand in `text`: [[start, end]], whole words only.
  function matchRanges(text, terms) {
    var wanted = {};
    terms.forEach(function (t) { wanted[t.term] = true; });
    var ranges = [];
    tokens(text).forEach(function (t) {
      var term = t.joined ? t.text : stem(t.text);
      if (t.joined && !t.code && !wanted[term]) { term = stem(t.text); }
      if (wanted[term]) { ranges.push([t.start, t.end]); }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push([r[0], r[1]]); }
    });
    return merged;
  }

  var SNIPPET_LENGTH = 240;

  // The part of `text` with the most matches, cut at spaces, with its ranges shifted.
  function snippet(text, ranges) {
    if (text.length <= SNIPPET_LENGTH) { return { text: text, ranges: ranges }; }
    var bestStart = 0, bestCount = -1;
    ranges.forEach(function (r) {
      var from = Math.max(0, r[0] - 60), count = 0;
      ranges.forEach(function (o) { if (o[0] >= from && o[1] <= from + SNIPPET_LENGTH) { count++; } });
      if (count > bestCount) { bestCount = count; bestStart = from; }
    });
    var start = bestStart;
    if (start > 0) { var space = text.indexOf(" ", start); start = space >= 0 && space < start + 30 ? space + 1 : start; }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > start) { end = back; } }
    var prefix = start > 0 ? "\u2026 " : "", suffix = end < text.length ? " \u2026" : "";
    var shifted = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start + prefix.length, r[1] - start + prefix.length]; });
    return { text: prefix + text.slice(start, end) + suffix, ranges: shifted };
  }

  // ---- The page --------------------------------------------------------------------------

  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var PAGE = 10;

  // For the browser tests and anyone scripting the page: the same rules the page uses.
  window.StrategySiteSearch = {
    stem: stem,
    tokens: tokens,
    stopWords: function () { return manifest().then(function (m) { return m.stopWords; }); },
    search: function (query, filters) {
      return search(query, filters || {}).then(function (found) {
        return Promise.all(found.documents.slice(0, PAGE).map(function (d) {
          return documentFragment(d.doc).then(function (fragment) {
            return { url: fragment.url, title: fragment.title, sections: resultSections(d, fragment).map(function (s) { return s.url; }) };
          });
        })).then(function (documents) { return { documents: documents, count: found.documents.length, corrected: found.corrected }; });
      });
    }
  };

  if (!form || !input || !status || !list) { return; }
  form.classList.add("search-ready");

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

  /** A paragraph of class `className` holding a link to `url`, its text with the query's words marked. */
  function resultLink(className, url, text, terms) {
    var p = document.createElement("p");
    p.className = className;
    var a = document.createElement("a");
    a.className = "result-link";
    a.href = root + url;
    appendHighlighted(a, text, matchRanges(text, terms));
    p.appendChild(a);
    return p;
  }

  function renderDocument(d, fragment, shown, terms) {
    var li = document.createElement("li");
    li.appendChild(resultLink("result-title", fragment.url, fragment.title, terms));
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = fragment.meta;
    li.appendChild(meta);
    var sub = document.createElement("ul");
    sub.className = "sub-results";
    shown.forEach(function (s) {
      var target = s.opening ? li : document.createElement("li");
      if (!s.opening) {
        target.appendChild(resultLink("result-section", s.url, s.heading, terms));
      }
      if (s.text) {
        var cut = snippet(s.text, matchRanges(s.text, terms));
        var text = document.createElement("p");
        text.className = "snippet";
        appendHighlighted(text, cut.text, cut.ranges);
        target.appendChild(text);
      }
      if (!s.opening) { sub.appendChild(target); }
    });
    if (sub.firstChild) { li.appendChild(sub); }
    return li;
  }

  var baseTitle = document.title;
  var lastKey = null, generation = 0, statusTimer = null, current = null, shownCount = 0;
  var filterFields = {};

  function say(message, now) {
    window.clearTimeout(statusTimer);
    if (now) { status.textContent = message; return; }
    statusTimer = window.setTimeout(function () { status.textContent = message; }, 400);
  }

  function filters() {
    var f = {};
    Object.keys(filterFields).forEach(function (k) { if (filterFields[k].value) { f[k] = filterFields[k].value; } });
    return f;
  }

  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = "More results";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);

  function showPage(found, from) {
    var page = found.documents.slice(from, from + PAGE);
    return Promise.all(page.map(function (d) {
      return documentFragment(d.doc).then(function (fragment) {
        return sectionsWithText(d, fragment).then(function (shown) { return renderDocument(d, fragment, shown, found.terms); });
      });
    }));
  }

  // Shows the results for the field's query and filters; `typing` when from a key press.
  function run(typing) {
    var query = input.value.trim();
    var chosen = filters();
    var key = query + "\u0000" + JSON.stringify(chosen);
    if (key === lastKey) { return; }
    lastKey = key;
    var mine = ++generation;
    setURL(query, chosen);
    if (!query) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      more.hidden = true;
      say("", true);
      document.title = baseTitle;
      return;
    }
    search(query, chosen).then(function (found) {
      if (mine !== generation) { return; }
      current = found;
      return showPage(found, 0).then(function (items) {
        if (mine !== generation) { return; }
        while (list.firstChild) { list.removeChild(list.firstChild); }
        items.forEach(function (li) { list.appendChild(li); });
        shownCount = items.length;
        more.hidden = shownCount >= found.documents.length;
        var count = found.documents.length;
        var fix = found.corrected.length ? " Showing results for \u201c" + found.corrected.map(function (c) { return c.to; }).join(" ") +
          "\u201d instead of \u201c" + found.corrected.map(function (c) { return c.from; }).join(" ") + "\u201d." : "";
        var message = count === 0 ? "No results for \u201c" + query + "\u201d." + fix
          : count + (count === 1 ? " result" : " results") + " for \u201c" + query + "\u201d." + fix;
        list.setAttribute("data-query", query);
        say(message, !typing);
        document.title = "Search: " + query + " \u2013 " + baseTitle.replace(/^Search \u2013 /, "");
      });
    }).catch(function () {
      if (mine === generation) { say("The search index could not be loaded.", true); }
    });
  }

  more.addEventListener("click", function () {
    if (!current) { return; }
    var mine = generation;
    showPage(current, shownCount).then(function (items) {
      if (mine !== generation) { return; }
      items.forEach(function (li) { list.appendChild(li); });
      if (items[0]) { var first = items[0].querySelector("a"); if (first) { first.focus(); } }
      shownCount += items.length;
      more.hidden = shownCount >= current.documents.length;
    });
  });

  function setURL(query, chosen) {
    if (!window.history || !window.history.replaceState) { return; }
    try {
      var url = new URL(window.location.href);
      if (query) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
      ["strategy", "type", "theme"].forEach(function (k) {
        if (chosen[k]) { url.searchParams.set(k, chosen[k]); } else { url.searchParams.delete(k); }
      });
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // Some browsers refuse to change a file:// URL; the search still works.
    }
  }

  // The filters, made from the manifest: strategy, document type, theme.
  function addFilters(m, params) {
    var box = document.createElement("div");
    box.className = "search-filters";
    [["strategy", "Strategy", m.strategies], ["type", "Document type", m.types.map(function (t) { return [t, t]; })],
     ["theme", "Theme", m.themes]].forEach(function (spec) {
      if (spec[2].length === 0) { return; }
      var label = document.createElement("label");
      label.textContent = spec[1];
      var select = document.createElement("select");
      select.name = spec[0];
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      spec[2].forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        select.appendChild(option);
      });
      select.value = params.get(spec[0]) || "";
      select.addEventListener("change", function () { run(false); });
      label.appendChild(select);
      box.appendChild(label);
      filterFields[spec[0]] = select;
    });
    form.appendChild(box);
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(true); }, 60);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    lastKey = null;
    run(false);
  });

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

  var params;
  try { params = new URLSearchParams(window.location.search); } catch (e) { params = { get: function () { return null; } }; }
  manifest().then(function (m) {
    addFilters(m, params);
    var initial = params.get("q") || "";
    if (initial) { input.value = initial; }
    if (input.value) { run(false); }
  }, function () {
    say("The search index could not be loaded.", true);
  });
})();
