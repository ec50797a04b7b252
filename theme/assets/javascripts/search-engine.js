/* The search engine: reads the sharded prebuilt lunr index (tim-kiem/muc-luc.js,
   chi-muc/<n>.js), loads only the shards a query needs, ranks the drafts and makes what each
   result shows from its own small file (du-thao/<ref>.js). Every data file is a script that
   calls PolicyhubSearchData(name, data), so the engine searches from disk too, where
   browsers refuse fetch().

   It runs in one of two places, with the same code:
   - in a Web Worker (search.js starts this file as one where the page is served over http
     or https): lunr.js is loaded with importScripts, the data files are fetched side by side
     and read without running them, and the page's thread stays free while shards are
     decoded, loaded into lunr and queried;
   - in the page itself (opened from disk, where workers cannot load files, or in a browser
     without workers): the data files are script tags, and lunr.js is loaded by search.js.

   normalize / fold / tokens / querySyllables are the same as
   generator/outputs/search/folding.py; the query is the one tests/search/oracle.py asks of
   lunr.py. Untrusted text (titles, summaries, bodies) is only ever data here: search.js
   turns it into text nodes. */
(function (scope) {
  "use strict";

  var ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/gu;
  var GAP = /^(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)$/;
  var MAX_QUERY_WORDS = 12;
  var SNIPPET = 240;
  var CALLBACK = "PolicyhubSearchData";
  var IN_WORKER = typeof document === "undefined" && typeof importScripts === "function";

  // ---- Vietnamese folding: identical to generator/outputs/search/folding.py -------------

  function normalize(text) {
    return text.normalize("NFC").replace(ASTRAL, " ").toLowerCase();
  }

  function fold(word) {
    return word.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARK, "").normalize("NFC");
  }

  function tokens(text, stopWords) {
    var words = normalize(text).replace(/_/g, "-").match(WORD) || [];
    return words.filter(function (word) { return !stopWords.has(word); });
  }

  /* Words of a text with where they are and whether the next one stands beside them. */
  function wordsOf(text) {
    var out = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      out.push({ word: match[0], start: match.index, end: match.index + match[0].length, joined: false });
    }
    for (var i = 0; i + 1 < out.length; i++) { out[i].joined = GAP.test(text.slice(out[i].end, out[i + 1].start)); }
    return out;
  }

  /* [[word, joined with the next], …] of a query, stop words included. */
  function querySyllables(text) {
    return wordsOf(normalize(text).replace(/_/g, "-")).map(function (w) { return [w.word, w.joined]; });
  }

  // ---- Data files ------------------------------------------------------------------------

  /* A page's data files: script tags, each calling PolicyhubSearchData(name, data). */
  function scriptFiles(base) {
    var pending = Object.create(null), loaded = Object.create(null);
    scope[CALLBACK] = function (name, data) {
      loaded[name] = data;
      if (pending[name]) { pending[name].resolve(data); }
    };
    return function load(name) {
      if (!pending[name]) {
        var waiting = {};
        waiting.promise = new Promise(function (resolve, reject) { waiting.resolve = resolve; waiting.reject = reject; });
        pending[name] = waiting;
        if (name in loaded) { waiting.resolve(loaded[name]); return waiting.promise; }
        var tag = document.createElement("script");
        tag.src = new URL(name + ".js", base).href;
        tag.async = true;
        tag.onerror = function () { delete pending[name]; waiting.reject(new Error(name)); };
        tag.onload = function () { if (!(name in loaded)) { waiting.reject(new Error(name)); } };
        document.head.appendChild(tag);
      }
      return pending[name].promise;
    };
  }

  /* A worker's data files: fetched side by side (importScripts would load them one after
     the other) and read as the JSON they hand over, which is also quicker than running
     them. A file written some other way is run with importScripts, as a page would. */
  function fetchedFiles(base) {
    var files = Object.create(null), ran = Object.create(null);
    scope[CALLBACK] = function (name, data) { ran[name] = data; };
    function read(name, url, text) {
      var head = CALLBACK + "(" + JSON.stringify(name) + ",", tail = text.lastIndexOf(");");
      if (text.lastIndexOf(head, 0) === 0 && tail > head.length && !text.slice(tail + 2).trim()) {
        try { return JSON.parse(text.slice(head.length, tail)); } catch (e) { /* run it below */ }
      }
      importScripts(url);
      if (!(name in ran)) { throw new Error(name); }
      var data = ran[name];
      delete ran[name];
      return data;
    }
    return function load(name) {
      if (!files[name]) {
        var url = new URL(name + ".js", base).href;
        files[name] = fetch(url).then(function (response) {
          if (!response.ok) { throw new Error(name); }
          return response.text();
        }).then(function (text) { return read(name, url, text); });
        files[name].catch(function () { delete files[name]; });
      }
      return files[name];
    };
  }

  // ---- A shard: lunr's serialised index from the compact file ----------------------------

  /* lunr only reads a posting's metadata (lunr.MatchData copies it), and this index keeps
     none: one frozen empty object serves every posting. */
  var NO_METADATA = Object.freeze({});
  var NONE = 255;   // a draft without the term, in a term's table of first fields (Shard.firstFields)
  var REST_AT_ONCE = 2000;   // hits scored in one task once the first results are shown

  /* The folded form of an indexed term: a pair folds word by word (folding never joins
     across a space), and words repeat from pair to pair. */
  var foldedSyllables = new Map();
  function foldedTerm(term) {
    var space = term.indexOf(" ");
    if (space >= 0) { return foldedTerm(term.slice(0, space)) + " " + foldedTerm(term.slice(space + 1)); }
    var folded = foldedSyllables.get(term);
    if (folded === undefined) {
      if (foldedSyllables.size > 50000) { foldedSyllables.clear(); }
      folded = fold(term);
      foldedSyllables.set(term, folded);
    }
    return folded;
  }

  /* A shard as read: its terms grouped by folded form. A query needs only a few of its
     terms, so the lunr index of a query (`index`) holds those terms alone. That gives lunr's
     scores unchanged: a field's score is the dot product of the query's vector and the
     document's, divided by the query vector's magnitude, and the query's vector has entries
     for the asked terms only, so the other terms' entries in the documents' vectors never
     count. Decoding every posting of a shard was most of a first query's time on a phone. */
  function Shard(terms) {
    var position = new Map(), groups = new Map();
    for (var index = 0; index < terms.length; index++) {
      var term = terms[index][0], key = foldedTerm(term), group = groups.get(key);
      position.set(term, index);
      if (group) { group.push(term); } else { groups.set(key, [term]); }
    }
    this.terms = terms;
    this.position = position;
    this.groups = groups;   // folded form -> the terms of the shard that fold to it
  }

  /* For each of the `asked` terms, for each of the site's `drafts`, the first field (in the
     order of `fields`) that holds it, or NONE, into `found` (term -> Uint8Array): what lunr's
     match data would say, without an object for every draft. */
  Shard.prototype.firstFields = function (asked, fields, drafts, found) {
    for (var index = 0; index < asked.length; index++) {
      var entry = this.terms[this.position.get(asked[index])], first = new Uint8Array(drafts).fill(NONE);
      for (var e = 1; e < entry.length; e++) {
        var field = entry[e][0], gaps = entry[e][1], doc = 0;
        for (var k = 0; k < gaps.length; k++) {
          doc += gaps[k];
          if (field < first[doc]) { first[doc] = field; }
        }
      }
      found.set(asked[index], first);
    }
  };

  /* lunr's serialised index of the shard's `asked` terms (sorted, as lunr.Index.load wants
     them) over the drafts `wanted` marks, loaded with lunr.Index.load. lunr scores a draft
     from its own vectors and the query's alone, so a draft scores the same in an index of
     fewer drafts: a query lets lunr score only the drafts it shows. */
  Shard.prototype.index = function (asked, fields, wanted) {
    // a document's vector in a field, by field and document number; each gets its entries in
    // the order of the terms, as lunr.Vector wants them
    var inverted = [], fieldVectors = [], refs = [], vectorsOf = fields.map(function () { return []; });
    for (var index = 0; index < asked.length; index++) {
      var entry = this.terms[this.position.get(asked[index])], posting = { _index: index };
      for (var f = 0; f < fields.length; f++) { posting[fields[f]] = {}; }
      for (var e = 1; e < entry.length; e++) {
        var part = entry[e], field = fields[part[0]], vectors = vectorsOf[part[0]], docs = posting[field];
        var gaps = part[1], scores = part[2], levels = part[3], doc = 0;
        for (var k = 0; k < gaps.length; k++) {
          doc += gaps[k];
          if (!wanted[doc]) { continue; }
          var ref = refs[doc] || (refs[doc] = doc.toString(36));
          docs[ref] = NO_METADATA;
          var vector = vectors[doc];
          if (!vector) { vector = vectors[doc] = []; fieldVectors.push([field + "/" + ref, vector]); }
          vector.push(index, scores[levels ? levels[k] : 0]);
        }
      }
      inverted.push([asked[index], posting]);
    }
    return lunr.Index.load({ version: "2.3.9", fields: fields, pipeline: [], invertedIndex: inverted,
                             fieldVectors: fieldVectors });
  };

  // ---- The query: identical to tests/search/oracle.py ------------------------------------

  /* The engine over one site's search files; `load(name)` gives a promise of a data file. */
  function Searcher(contents, load) {
    this.contents = contents;
    this.load = load;
    this.stopWords = new Set(contents.stopWords);
    this.fields = contents.fields.map(function (f) { return f[0]; });
    this.shards = Object.create(null);
    this.finds = 0;      // `find`s asked so far
    this.rest = null;    // the `rest` (see `rank`) of the find that ended last, and its turn
    this.restOf = 0;
  }

  Searcher.prototype.shardOf = function (key) {
    var bounds = this.contents.shards, lo = 0, hi = bounds.length - 1;
    while (lo < hi) {   // the last shard that begins at or before `key`
      var mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= key) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  };

  Searcher.prototype.shard = function (number) {
    var self = this;
    if (!this.shards[number]) {
      this.shards[number] = self.load("chi-muc/" + number).then(function (terms) {
        return new Shard(terms);
      });
    }
    return this.shards[number];
  };

  /* The units a query asks for: a pair for every two words side by side (unless both are
     stop words), a single word where no pair of it is known to the index. */
  Searcher.prototype.plan = function (text) {
    var stop = this.stopWords;
    var syllables = querySyllables(text).slice(0, MAX_QUERY_WORDS).map(function (s, i) {
      return { index: i, word: s[0], folded: fold(s[0]), joined: s[1], stop: stop.has(s[0]), pairs: [] };
    });
    var pairs = [];
    syllables.forEach(function (s, i) {
      var next = syllables[i + 1];
      if (s.joined && next && !(s.stop && next.stop)) {
        var pair = { key: s.folded + " " + next.folded, left: i, variants: [] };
        pairs.push(pair);
        s.pairs.push(pair);
        next.pairs.push(pair);
      }
    });
    return { syllables: syllables, pairs: pairs, text: text };
  };

  Searcher.prototype.variants = function (key) {
    var self = this;
    return this.shard(this.shardOf(key)).then(function (shard) {
      return { shard: self.shardOf(key), terms: shard.groups.get(key) || [] };
    });
  };

  /* Returns a promise of {plan, hits: [{ref, score, tier, exact, status}], rest}: every
     draft that has all the query's words, in order. With `count`, only the hits the first
     `count` places need are scored and in their final order (see `order`); `rest()` then
     gives every hit in order, else it is null. `keep`: a promise of a test of a draft's
     number (the filters), or of null. */
  Searcher.prototype.rank = function (text, count, keep) {
    var self = this, plan = this.plan(text);
    var first = plan.pairs.map(function (pair) {
      return self.variants(pair.key).then(function (found) { pair.shard = found.shard; pair.variants = found.terms; });
    });
    return Promise.all(first).then(function () {
      var singles = [];
      plan.syllables.forEach(function (s) {
        s.known = s.pairs.filter(function (p) { return p.variants.length > 0; });
        if (!s.known.length && !s.stop) {
          s.single = { key: s.folded, variants: [] };
          singles.push(self.variants(s.folded).then(function (found) {
            s.single.shard = found.shard; s.single.variants = found.terms;
          }));
        }
      });
      return Promise.all(singles);
    }).then(function () { return self.query(plan, count, keep || Promise.resolve(null)); });
  };

  Searcher.prototype.query = function (plan, count, keep) {
    var self = this;
    var asked = plan.syllables.filter(function (s) { return s.known.length || s.single; });
    if (!asked.length || asked.some(function (s) { return s.single && !s.single.variants.length; })) {
      return Promise.resolve({ plan: plan, hits: [], rest: null });
    }
    var units = [];
    asked.forEach(function (s) {
      (s.single ? [s.single] : s.known).forEach(function (u) { if (units.indexOf(u) < 0) { units.push(u); } });
    });
    var byShard = new Map();
    units.forEach(function (u) {
      if (!byShard.has(u.shard)) { byShard.set(u.shard, new Set()); }
      u.variants.forEach(function (v) { byShard.get(u.shard).add(v); });
    });
    var numbers = Array.from(byShard.keys()).sort(function (a, b) { return a - b; });
    var loading = Promise.all(numbers.map(function (n) { return self.shard(n); }));
    return Promise.all([loading, keep]).then(function (both) {
      var drafts = self.contents.status.length, kept = both[1];
      var firstFields = new Map(), parts = [], clauses = 0;   // term -> for each draft, the first field that has it
      both[0].forEach(function (shard, i) {
        var terms = Array.from(byShard.get(numbers[i])).sort();
        clauses += terms.length;
        shard.firstFields(terms, self.fields, drafts, firstFields);
        parts.push({ shard: shard, terms: terms });
      });
      var words = asked.map(function (s) { return checksOf(s, firstFields); });
      var status = self.contents.status, hits = [];
      for (var number = 0; number < drafts; number++) {
        var judged = judge(words, number);
        if (judged && (!kept || kept(number))) {
          var state = Number(status.charAt(number));
          hits.push({ ref: number.toString(36), number: number, score: 0, tier: judged.tier, exact: judged.exact,
                      status: state, order: state === 0 ? 0 : (state === 1 ? 1 : 2) });
        }
      }
      // lunr's score orders drafts only among those of one exactness, tier and state: the
      // first places need the scores of their groups alone
      hits.sort(byGroup);
      var scored = count ? groupsEnd(hits, count) : hits.length;
      score(parts, self.fields, drafts, hits, 0, scored, Math.sqrt(clauses));
      var head = hits.slice(0, scored).sort(byRank);
      if (scored === hits.length) { return { plan: plan, hits: head, rest: null }; }
      var all = null;
      return { plan: plan, hits: head.concat(hits.slice(scored)), rest: function (current) {
        // scored a few thousand at a time, each in a task of its own, so that a new query
        // typed meanwhile is not held up: while `current()` is false it stops (and gives null)
        all = all || new Promise(function (resolve) {
          var at = scored;
          (function next() {
            if (!current()) { all = null; resolve(null); return; }
            var to = Math.min(hits.length, at + REST_AT_ONCE);
            score(parts, self.fields, drafts, hits, at, to, Math.sqrt(clauses));
            at = to;
            if (at < hits.length) { setTimeout(next, 0); } else { resolve(hits.sort(byRank)); }
          })();
        });
        return all;
      } };
    });
  };

  /* lunr's score of the hits from `from` to `to`: each shard's lunr index holds those drafts
     alone; its scores, over its part of the query's terms, add up to the whole query's. */
  function score(parts, fields, drafts, hits, from, to, magnitude) {
    if (from >= to) { return; }
    var wanted = new Uint8Array(drafts), dots = new Float64Array(drafts);
    for (var i = from; i < to; i++) { wanted[hits[i].number] = 1; }
    parts.forEach(function (part) {
      var own = Math.sqrt(part.terms.length);
      part.shard.index(part.terms, fields, wanted).query(function (q) {
        part.terms.forEach(function (term) {
          q.term(term, { fields: fields, usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
        });
      }).forEach(function (result) {
        dots[parseInt(result.ref, 36)] += result.score * own;   // undo the shard's division by its query's magnitude
      });
    });
    for (var h = from; h < to; h++) { hits[h].score = dots[hits[h].number] / magnitude; }
  }

  function byGroup(a, b) {
    return (b.exact - a.exact) || (a.tier - b.tier) || (a.order - b.order) || (a.number - b.number);
  }

  function byRank(a, b) {
    return (b.exact - a.exact) || (a.tier - b.tier) || (a.order - b.order) ||
      (Math.floor(b.score * 1e6 + 0.5) - Math.floor(a.score * 1e6 + 0.5)) || (a.number - b.number);
  }

  /* Where the group (exactness, tier, state) of the `count`-th of `hits` ends. */
  function groupsEnd(hits, count) {
    if (hits.length <= count) { return hits.length; }
    var last = hits[count - 1], end = count;
    while (end < hits.length && hits[end].exact === last.exact && hits[end].tier === last.tier &&
           hits[end].order === last.order) { end++; }
    return end;
  }

  /* The terms that stand for a query word, each with its table of first fields and whether
     it has the word as typed. */
  function checksOf(s, firstFields) {
    var checks = [];
    (s.single ? [s.single] : s.known).forEach(function (unit) {
      unit.variants.forEach(function (term) {
        var part = s.single ? term : term.split(" ")[unit.left === s.index ? 0 : 1];
        checks.push({ first: firstFields.get(term), same: part === s.word });
      });
    });
    return { checks: checks, marked: s.folded !== s.word };
  }

  /* Has the draft `number` every word of the query, each beside a query neighbour where the
     index knows the two side by side? Then in which field at worst, and how many words typed
     with marks it has as typed. */
  function judge(words, number) {
    var tier = 0, exact = 0;
    for (var i = 0; i < words.length; i++) {
      var checks = words[i].checks, best = NONE, same = false;
      for (var c = 0; c < checks.length; c++) {
        var field = checks[c].first[number];
        if (field !== NONE) {
          if (field < best) { best = field; }
          if (checks[c].same) { same = true; }
        }
      }
      if (best === NONE) { return null; }
      if (best > tier) { tier = best; }
      if (same && words[i].marked) { exact++; }
    }
    return { tier: tier, exact: exact };
  }

  /* Drafts for a query and filters, with how the query was read: {refs, plan, facets, rest},
     `rest` as `rank` gives it. */
  Searcher.prototype.search = function (state, count) {
    var self = this, contents = this.contents, query = tokens(state.q, this.stopWords).length > 0;
    var needsFilters = state.agency || state.topic || state.year || !query;
    var filters = needsFilters ? this.load("bo-loc") : Promise.resolve(null);
    var kept = filters.then(function (facets) {
      var status = state.status ? indexOfKey(contents.statuses, state.status) : -1;
      var agency = state.agency ? indexOfKey(facets.agencies, state.agency) : -1;
      var topic = state.topic ? indexOfKey(facets.topics, state.topic) : -1;
      var year = state.year ? Number(state.year) : 0;
      if (!state.status && !state.agency && !state.topic && !state.year) { return null; }
      return function (i) {
        var d = facets ? facets.drafts[i] : null;
        return (!state.status || Number(contents.status.charAt(i)) === status) &&
          (!state.agency || d[0] === agency) && (!state.topic || d[1].indexOf(topic) >= 0) &&
          (!state.year || d[2] === year);
      };
    });
    var ranked = query ? this.rank(state.q, count, kept) : Promise.resolve(null);
    return Promise.all([ranked, filters, kept]).then(function (all) {
      var outcome = all[0], facets = all[1], keep = all[2];
      function numbersOf(hits) { return hits.map(function (h) { return h.number; }); }
      var refs = outcome ? numbersOf(outcome.hits) : facets.listing.filter(function (i) { return !keep || keep(i); });
      var rest = outcome && outcome.rest ? function (current) {
        return outcome.rest(current).then(function (hits) { return hits && numbersOf(hits); });
      } : null;
      return { refs: refs, plan: outcome ? outcome.plan : null, facets: facets, rest: rest };
    });
  };

  /* What the page shows first for a query and filters: the drafts found, what to mark and
     the names of the filters' values; data only, so that a worker can hand it over. The
     files of the first `count` results are on their way meanwhile (`views` then waits for
     them alone). Only the first `count` drafts are surely in their final places; when the
     others may not be, `later` is true and the searcher's `later()` gives them all in
     order, the first `count` where they were. */
  Searcher.prototype.find = function (state, count) {
    var self = this, load = this.load, turn = ++this.finds;
    return this.search(state, count).then(function (found) {
      found.refs.slice(0, count).forEach(function (number) {
        load("du-thao/" + number.toString(36)).catch(function () { /* said by views */ });
      });
      self.rest = found.rest;
      self.restOf = turn;
      var facets = found.facets;
      return { refs: found.refs, marks: marker(found.plan), later: Boolean(found.rest),
               facets: facets ? { agencies: facets.agencies, topics: facets.topics } : null };
    });
  };

  /* A promise of every draft the last `find` found, in order (its first `count` where it
     put them); of null once another `find` has begun. */
  Searcher.prototype.later = function () {
    var self = this, turn = this.restOf;
    if (!this.rest || turn !== this.finds) { return Promise.resolve(null); }
    return this.rest(function () { return turn === self.finds; });
  };

  /* What the results `numbers` show: a promise of one view each (`view`). */
  Searcher.prototype.views = function (numbers, marks) {
    var contents = this.contents, load = this.load;
    return Promise.all(numbers.map(function (number) {
      return load("du-thao/" + number.toString(36)).then(function (card) {
        return view(card, contents.statuses[Number(contents.status.charAt(number))], marks);
      });
    }));
  };

  function indexOfKey(rows, key) {
    for (var i = 0; i < rows.length; i++) { if (rows[i][0] === key) { return i; } }
    return -2;  // an unknown value in the address matches nothing
  }

  // ---- Marking the words a query found ---------------------------------------------------

  /* What to mark in a text: folded pairs and single words of the query that the index knows. */
  function marker(plan) {
    var pairs = new Set(), singles = new Set();
    if (plan) {
      plan.pairs.forEach(function (p) { if (p.variants.length) { pairs.add(p.key); } });
      plan.syllables.forEach(function (s) { if (s.single) { singles.add(s.folded); } });
    }
    return { pairs: pairs, singles: singles };
  }

  /* A word of a text as the index folds it; bodies repeat their words, so folding (three
     Unicode normalisations) is done once a word. */
  var foldedWords = new Map();
  function foldedWord(word) {
    var folded = foldedWords.get(word);
    if (folded === undefined) {
      if (foldedWords.size > 50000) { foldedWords.clear(); }
      folded = fold(normalize(word));
      foldedWords.set(word, folded);
    }
    return folded;
  }

  /* [{text, mark}] pieces of `text`, and how many distinct query units it holds. */
  function pieces(text, marks) {
    var words = wordsOf(text), folded = words.map(function (w) { return foldedWord(w.word); });
    var marked = words.map(function () { return false; }), units = new Set();
    for (var i = 0; i < words.length; i++) {
      if (marks.singles.has(folded[i])) { marked[i] = true; units.add(folded[i]); }
      if (words[i].joined && i + 1 < words.length && marks.pairs.has(folded[i] + " " + folded[i + 1])) {
        marked[i] = marked[i + 1] = true;
        units.add(folded[i] + " " + folded[i + 1]);
      }
    }
    return { spans: mergeSpans(words, marked), units: units.size };
  }

  function mergeSpans(words, marked) {
    var spans = [];
    for (var i = 0; i < words.length; i++) {
      if (!marked[i]) { continue; }
      var start = words[i].start, end = words[i].end;
      while (i + 1 < words.length && marked[i + 1] && words[i].joined) { i++; end = words[i].end; }
      spans.push([start, end]);
    }
    return spans;
  }


  /* The passage of the body with the most of the query, cut around its first match. */
  function snippetOf(card, marks) {
    var best = null, bestUnits = 0;
    card.body.forEach(function (passage) {
      var text = passage.normalize("NFC"), found = pieces(text, marks);
      if (found.units > bestUnits) { best = { text: text, spans: found.spans }; bestUnits = found.units; }
    });
    if (!best) {
      var summary = card.summary.normalize("NFC");
      best = { text: summary, spans: pieces(summary, marks).spans };
    }
    return cut(best.text, best.spans);
  }

  function cut(text, spans) {
    if (text.length <= SNIPPET) { return { text: text, spans: spans }; }
    var start = spans.length ? spans[0][0] : 0;
    var from = start > 80 ? text.lastIndexOf(" ", start - 60) + 1 : 0;
    var to = text.indexOf(" ", Math.min(text.length, from + SNIPPET));
    if (to < 0) { to = text.length; }
    var lead = from > 0 ? "… " : "", tail = to < text.length ? " …" : "";
    var inside = spans.filter(function (s) { return s[0] >= from && s[1] <= to; })
      .map(function (s) { return [s[0] - from + lead.length, s[1] - from + lead.length]; });
    return { text: lead + text.slice(from, to) + tail, spans: inside };
  }

  /* What matters of a draft's state, with its dates: when comments open, until when, when
     the agency answered, when the text was adopted or withdrawn. */
  function datesOf(card, state) {
    switch (state) {
      case "open": return "Hạn góp ý: hết ngày " + card.closes;
      case "upcoming": return "Mở góp ý từ ngày " + card.opens + " đến hết ngày " + card.closes;
      case "closed": return "Hết hạn góp ý ngày " + card.closes + "; đang tổng hợp ý kiến";
      case "responded": return "Công bố kết quả tiếp thu ý kiến ngày " + card.answered;
      case "adopted": return "Ban hành ngày " + card.adopted + (card.number ? " (số " + card.number + ")" : "");
      default: return card.withdrawn ? "Rút dự thảo ngày " + card.withdrawn : "Đã rút dự thảo";
    }
  }

  /* A result as the page shows it: link, title and snippet with the spans to mark, the
     state's label and class, the agency and the dates that matter. */
  function view(card, state, marks) {
    var title = card.title.normalize("NFC");
    return { url: card.url, title: title, titleSpans: pieces(title, marks).spans, state: state[2], label: state[1],
             agency: card.agency, dates: datesOf(card, state[2]), snippet: snippetOf(card, marks) };
  }

  // ---- Where it runs ---------------------------------------------------------------------

  /* In a worker: {type: "start", lunr} first (answered "ready", or "failed" when lunr.js
     cannot be loaded), then {type: "contents", contents, base}, then {id, type: "find" |
     "views" | "rank", …}, each answered {id, result} or {id, error}. */
  function serve() {
    var searcher = null;
    scope.onmessage = function (event) {
      var message = event.data, work;
      if (message.type === "start") {
        try {
          importScripts(message.lunr);
          if (typeof lunr === "undefined") { throw new Error("lunr"); }
          scope.postMessage({ type: "ready" });
        } catch (e) {
          scope.postMessage({ type: "failed" });
        }
        return;
      }
      if (message.type === "contents") {
        searcher = new Searcher(message.contents, fetchedFiles(message.base));
        return;
      }
      if (message.type === "find") {
        work = searcher.find(message.state, message.count);
      } else if (message.type === "views") {
        work = searcher.views(message.numbers, message.marks);
      } else if (message.type === "later") {
        work = searcher.later();
      } else {
        work = searcher.rank(message.q).then(function (ranked) { return { hits: ranked.hits }; });
      }
      work.then(function (result) { scope.postMessage({ id: message.id, result: result }); },
                function (error) { scope.postMessage({ id: message.id, error: String(error && error.message) }); });
    };
  }

  if (IN_WORKER) {
    serve();
  } else {
    scope.PolicyhubSearchEngine = { Searcher: Searcher, scriptFiles: scriptFiles, fold: fold, normalize: normalize,
                                    tokens: tokens, querySyllables: querySyllables, wordsOf: wordsOf };
  }
})(self);
