/* Search page: reads the sharded prebuilt lunr index (tim-kiem/muc-luc.js, chi-muc/<n>.js),
   loads only the shards a query needs, and shows each result from its own small file
   (du-thao/<ref>.js). Every data file is a script that calls PolicyhubSearchData(name, data),
   so the page searches when opened from disk too, where browsers refuse fetch().

   normalize / fold / tokens / querySyllables are the same as
   generator/outputs/search/folding.py; the query is the one tests/search/oracle.py asks of
   lunr.py. Untrusted text (titles, summaries, bodies) only ever becomes text nodes. */
(function () {
  "use strict";

  var ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/gu;
  var GAP = /^(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)$/;
  var MAX_QUERY_WORDS = 12;
  var PAGE_SIZE = 10;
  var SNIPPET = 240;
  var PARAMS = { status: "trang-thai", agency: "co-quan", topic: "linh-vuc", year: "nam" };

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

  var pending = Object.create(null), loaded = Object.create(null);
  window.PolicyhubSearchData = function (name, data) {
    loaded[name] = data;
    if (pending[name]) { pending[name].resolve(data); }
  };

  function loadData(base, name) {
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
  }

  // ---- A shard: lunr's serialised index from the compact file ----------------------------

  function Shard(terms, fields) {
    var inverted = [], vectors = Object.create(null), order = [], groups = new Map();
    terms.forEach(function (entry, index) {
      var term = entry[0], posting = { _index: index };
      fields.forEach(function (field) { posting[field] = {}; });
      for (var e = 1; e < entry.length; e++) {
        var part = entry[e], field = fields[part[0]], gaps = part[1], scores = part[2], levels = part[3];
        var doc = 0;
        for (var k = 0; k < gaps.length; k++) {
          doc += gaps[k];
          var ref = doc.toString(36), fieldRef = field + "/" + ref;
          posting[field][ref] = {};
          if (!vectors[fieldRef]) { vectors[fieldRef] = []; order.push(fieldRef); }
          vectors[fieldRef].push(index, scores[levels ? levels[k] : 0]);
        }
      }
      inverted.push([term, posting]);
      var key = fold(term);
      if (!groups.has(key)) { groups.set(key, []); }
      groups.get(key).push(term);
    });
    this.groups = groups;   // folded form -> the terms of the shard that fold to it
    this.index = lunr.Index.load({
      version: "2.3.9", fields: fields, pipeline: [], invertedIndex: inverted,
      fieldVectors: order.map(function (fieldRef) { return [fieldRef, vectors[fieldRef]]; })
    });
  }

  // ---- The query: identical to tests/search/oracle.py ------------------------------------

  function Searcher(contents, base) {
    this.contents = contents;
    this.base = base;
    this.stopWords = new Set(contents.stopWords);
    this.fields = contents.fields.map(function (f) { return f[0]; });
    this.shards = Object.create(null);
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
      this.shards[number] = loadData(this.base, "chi-muc/" + number).then(function (terms) {
        return new Shard(terms, self.fields);
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

  /* Returns a promise of {plan, hits: [{ref, score, tier, exact, status}]}. */
  Searcher.prototype.rank = function (text) {
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
    }).then(function () { return self.query(plan); });
  };

  Searcher.prototype.query = function (plan) {
    var self = this;
    var asked = plan.syllables.filter(function (s) { return s.known.length || s.single; });
    if (!asked.length || asked.some(function (s) { return s.single && !s.single.variants.length; })) {
      return Promise.resolve({ plan: plan, hits: [] });
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
    return Promise.all(numbers.map(function (n) { return self.shard(n); })).then(function (loadedShards) {
      var docs = new Map(), clauses = 0;
      loadedShards.forEach(function (shard, i) {
        var terms = Array.from(byShard.get(numbers[i])).sort();
        clauses += terms.length;
        var magnitude = Math.sqrt(terms.length);
        shard.index.query(function (q) {
          terms.forEach(function (term) {
            q.term(term, { fields: self.fields, usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
          });
        }).forEach(function (result) {
          var doc = docs.get(result.ref);
          if (!doc) { doc = { ref: result.ref, dot: 0, found: Object.create(null) }; docs.set(result.ref, doc); }
          doc.dot += result.score * magnitude;   // undo the shard's division by its query's magnitude
          var metadata = result.matchData.metadata;
          Object.keys(metadata).forEach(function (term) {
            var best = Math.min.apply(null, Object.keys(metadata[term]).map(function (f) { return self.fields.indexOf(f); }));
            doc.found[term] = term in doc.found ? Math.min(doc.found[term], best) : best;
          });
        });
      });
      var status = self.contents.status, hits = [];
      docs.forEach(function (doc) {
        var judged = judge(asked, doc.found);
        if (judged) {
          var number = parseInt(doc.ref, 36), state = Number(status.charAt(number));
          hits.push({ ref: doc.ref, number: number, score: doc.dot / Math.sqrt(clauses), tier: judged.tier,
                      exact: judged.exact, status: state, order: state === 0 ? 0 : (state === 1 ? 1 : 2) });
        }
      });
      hits.sort(function (a, b) {
        return (b.exact - a.exact) || (a.tier - b.tier) || (a.order - b.order) ||
          (Math.floor(b.score * 1e6 + 0.5) - Math.floor(a.score * 1e6 + 0.5)) || (a.number - b.number);
      });
      return { plan: plan, hits: hits };
    });
  };

  /* Has the draft every word of the query, each beside a query neighbour where the index
     knows the two side by side? Then in which field at worst, and how many words typed
     with marks it has as typed. */
  function judge(asked, found) {
    var tier = 0, exact = 0;
    for (var i = 0; i < asked.length; i++) {
      var s = asked[i], best = Infinity, same = false;
      (s.single ? [s.single] : s.known).forEach(function (unit) {
        unit.variants.forEach(function (term) {
          if (term in found) {
            best = Math.min(best, found[term]);
            var part = s.single ? term : term.split(" ")[unit.left === s.index ? 0 : 1];
            if (part === s.word) { same = true; }
          }
        });
      });
      if (best === Infinity) { return null; }
      tier = Math.max(tier, best);
      if (same && s.folded !== s.word) { exact++; }
    }
    return { tier: tier, exact: exact };
  }

  /* Drafts for a query and filters, with how the query was read. */
  Searcher.prototype.search = function (state) {
    var self = this, contents = this.contents;
    var needsFilters = state.agency || state.topic || state.year || !tokens(state.q, this.stopWords).length;
    var ranked = tokens(state.q, this.stopWords).length ? this.rank(state.q) : Promise.resolve(null);
    var filters = needsFilters ? loadData(this.base, "bo-loc") : Promise.resolve(null);
    return Promise.all([ranked, filters]).then(function (both) {
      var outcome = both[0], facets = both[1];
      var refs = outcome ? outcome.hits.map(function (h) { return h.number; }) : facets.listing.slice();
      var status = state.status ? indexOfKey(contents.statuses, state.status) : -1;
      var agency = state.agency ? indexOfKey(facets.agencies, state.agency) : -1;
      var topic = state.topic ? indexOfKey(facets.topics, state.topic) : -1;
      var year = state.year ? Number(state.year) : 0;
      refs = refs.filter(function (i) {
        var d = facets ? facets.drafts[i] : null;
        return (!state.status || Number(contents.status.charAt(i)) === status) &&
          (!state.agency || d[0] === agency) && (!state.topic || d[1].indexOf(topic) >= 0) &&
          (!state.year || d[2] === year);
      });
      return { refs: refs, plan: outcome ? outcome.plan : null, facets: facets };
    });
  };

  Searcher.prototype.card = function (number) {
    return loadData(this.base, "du-thao/" + number.toString(36));
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

  /* [{text, mark}] pieces of `text`, and how many distinct query units it holds. */
  function pieces(text, marks) {
    var words = wordsOf(text), folded = words.map(function (w) { return fold(normalize(w.word)); });
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

  /* Appends `text` to `parent` as text nodes, the given spans inside <mark>. */
  function appendMarked(parent, text, spans) {
    var last = 0;
    spans.forEach(function (span) {
      if (span[0] > last) { parent.appendChild(document.createTextNode(text.slice(last, span[0]))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      parent.appendChild(mark);
      last = span[1];
    });
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
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

  // ---- The page --------------------------------------------------------------------------

  function readState() {
    var params = new URLSearchParams(window.location.search);
    return {
      q: params.get("q") || "",
      status: params.get(PARAMS.status) || "",
      agency: params.get(PARAMS.agency) || "",
      topic: params.get(PARAMS.topic) || "",
      year: params.get(PARAMS.year) || ""
    };
  }

  function formState(form) {
    return {
      q: form.elements.q.value,
      status: form.elements[PARAMS.status].value,
      agency: form.elements[PARAMS.agency].value,
      topic: form.elements[PARAMS.topic].value,
      year: form.elements[PARAMS.year].value
    };
  }

  function fillForm(form, state) {
    form.elements.q.value = state.q;
    var header = document.getElementById("ph-header-q");
    if (header) { header.value = state.q; }   // the header's box says what was searched
    Object.keys(PARAMS).forEach(function (name) {
      var select = form.elements[PARAMS[name]];
      select.value = state[name];
      if (select.value !== state[name]) { select.value = ""; }
    });
  }

  function addressOf(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) { params.set("q", state.q.trim()); }
    Object.keys(PARAMS).forEach(function (name) { if (state[name]) { params.set(PARAMS[name], state[name]); } });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function SearchPage(form, searcher) {
    this.form = form;
    this.searcher = searcher;
    this.status = document.getElementById("ph-search-status");
    this.list = document.getElementById("ph-search-results");
    this.heading = document.getElementById("ph-search-heading");
    this.more = document.getElementById("ph-search-more");
    this.shown = 0;
    this.refs = [];
    this.timer = 0;
    this.turn = 0;
  }

  /* Search and show the first results; resolves when they are on the page. */
  SearchPage.prototype.run = function (state) {
    var page = this, turn = ++this.turn, started = performance.now();
    var header = document.getElementById("ph-header-q");
    if (header && document.activeElement !== header) { header.value = state.q; }
    if (!state.q.trim() && !state.status && !state.agency && !state.topic && !state.year) {
      this.refs = [];
      this.list.textContent = "";
      this.more.hidden = true;
      this.say("Nhập từ khóa hoặc chọn bộ lọc để tìm dự thảo.");
      return Promise.resolve();
    }
    return this.searcher.search(state).then(function (found) {
      if (turn !== page.turn) { return; }   // a later search has begun
      page.refs = found.refs;
      page.marks = marker(found.plan);
      page.shown = 0;
      return page.showMore(true).then(function () {
        if (turn !== page.turn) { return; }
        page.lastMs = performance.now() - started;
        page.announce(state, found);
      });
    }).catch(function () { if (turn === page.turn) { page.failed(); } });
  };

  SearchPage.prototype.showMore = function (fresh) {
    var page = this, searcher = this.searcher, contents = searcher.contents;
    var end = Math.min(this.refs.length, this.shown + PAGE_SIZE), numbers = this.refs.slice(this.shown, end);
    var turn = this.turn;
    return Promise.all(numbers.map(function (n) { return searcher.card(n); })).then(function (cards) {
      if (turn !== page.turn) { return; }
      if (fresh) { page.list.textContent = ""; }
      cards.forEach(function (card, i) {
        var state = contents.statuses[Number(contents.status.charAt(numbers[i]))];
        page.list.appendChild(resultItem(card, state, page.marks));
      });
      page.shown = end;
      var left = page.refs.length - page.shown;
      page.more.hidden = left <= 0;
      page.more.textContent = "Hiện thêm " + Math.min(left, PAGE_SIZE) + " kết quả";
    });
  };

  function resultItem(card, state, marks) {
    var item = document.createElement("li");
    item.className = "ph-result";
    var title = document.createElement("h3");
    title.className = "ph-result__title";
    var link = document.createElement("a");
    link.setAttribute("href", card.url);
    var titleText = card.title.normalize("NFC");
    appendMarked(link, titleText, pieces(titleText, marks).spans);
    title.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "ph-result__meta";
    var tag = document.createElement("span");
    tag.className = "ph-status ph-status--" + state[2];
    var icon = document.createElement("span");
    icon.className = "ph-status__icon";
    icon.setAttribute("aria-hidden", "true");
    tag.appendChild(icon);
    tag.appendChild(document.createTextNode(state[1]));
    meta.appendChild(tag);
    meta.appendChild(document.createTextNode(" "));
    var agency = document.createElement("span");
    agency.className = "ph-result__agency";
    agency.textContent = card.agency;
    meta.appendChild(agency);
    var dates = document.createElement("p");
    dates.className = "ph-result__dates";
    dates.textContent = datesOf(card, state[2]);
    var snippet = document.createElement("p");
    snippet.className = "ph-result__snippet";
    var part = snippetOf(card, marks);
    appendMarked(snippet, part.text, part.spans);
    item.appendChild(title);
    item.appendChild(meta);
    item.appendChild(dates);
    item.appendChild(snippet);
    return item;
  }

  SearchPage.prototype.say = function (text) {
    if (this.status.textContent !== text) { this.status.textContent = text; }
  };

  SearchPage.prototype.announce = function (state, found) {
    var contents = this.searcher.contents, facets = found.facets;
    var filters = [];
    if (state.status) { filters.push(labelOf(contents.statuses, state.status)); }
    if (state.agency && facets) { filters.push(labelOf(facets.agencies, state.agency)); }
    if (state.topic && facets) { filters.push("lĩnh vực " + labelOf(facets.topics, state.topic)); }
    if (state.year) { filters.push("năm " + state.year); }
    var filtered = filters.length ? " (lọc theo: " + filters.join(", ") + ")" : "";
    var count = this.refs.length.toLocaleString("vi-VN");
    var query = state.q.trim();
    if (!query) {
      this.say(this.refs.length ? "Có " + count + " dự thảo" + filtered + "." : "Không có dự thảo nào" + filtered + ".");
    } else if (!this.refs.length) {
      this.say("Không tìm thấy dự thảo nào có đủ các từ “" + query + "”" + filtered + ". Hãy thử từ khác hoặc bỏ bớt bộ lọc.");
    } else {
      this.say("Tìm thấy " + count + " dự thảo cho “" + query + "”" + filtered + ".");
    }
  };

  SearchPage.prototype.failed = function () {
    this.form.hidden = true;
    document.getElementById("ph-search-region").hidden = true;
    document.getElementById("ph-search-failed").hidden = false;
  };

  function labelOf(rows, key) {
    for (var i = 0; i < rows.length; i++) { if (rows[i][0] === key) { return rows[i][1]; } }
    return key;
  }

  SearchPage.prototype.update = function (how) {
    var state = formState(this.form);
    var address = addressOf(state);
    if (address !== window.location.pathname + window.location.search) {
      if (how === "push") { history.pushState(state, "", address); } else { history.replaceState(state, "", address); }
    }
    return this.run(state);
  };

  SearchPage.prototype.start = function () {
    var page = this, form = this.form;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(page.timer);
      page.update("push");
      page.heading.focus();  // only on an explicit search: typing never moves focus
    });
    form.elements.q.addEventListener("input", function () {
      window.clearTimeout(page.timer);
      page.timer = window.setTimeout(function () { page.update("replace"); }, 250);
    });
    Object.keys(PARAMS).forEach(function (name) {
      form.elements[PARAMS[name]].addEventListener("change", function () {
        window.clearTimeout(page.timer);
        page.update("push");
      });
    });
    this.more.addEventListener("click", function () {
      var first = page.shown;
      page.showMore(false).then(function () {
        var next = page.list.children[first];
        if (next) { next.querySelector("a").focus(); }
      });
    });
    window.addEventListener("popstate", function () {
      var state = readState();
      fillForm(form, state);
      page.run(state);
    });
    var state = readState();
    fillForm(form, state);
    return this.run(state);
  };

  // ---- Start -----------------------------------------------------------------------------

  function init() {
    var form = document.querySelector("form[data-ph-search]");
    if (!form) { return; }
    var status = document.getElementById("ph-search-status");
    var nojs = document.getElementById("ph-search-nojs");
    var failed = document.getElementById("ph-search-failed");
    if (typeof lunr === "undefined" || !window.Promise || !("normalize" in String.prototype)) {
      failed.hidden = false;
      nojs.hidden = true;
      return;
    }
    nojs.hidden = true;
    form.hidden = false;
    document.getElementById("ph-search-region").hidden = false;
    status.textContent = "Đang tải dữ liệu tìm kiếm…";
    var contentsUrl = new URL(form.getAttribute("data-index"), document.baseURI);
    var base = new URL(".", contentsUrl).href;
    var name = contentsUrl.pathname.split("/").pop().replace(/\.js$/, "");
    loadData(base, name).then(function (contents) {
      var searcher = new Searcher(contents, base);
      var page = new SearchPage(form, searcher);
      window.PolicyhubSearch = { searcher: searcher, page: page, fold: fold, normalize: normalize, tokens: tokens,
                                 querySyllables: querySyllables };
      return page.start().then(function () { form.setAttribute("data-ph-ready", ""); });
    }).catch(function () {
      status.textContent = "";
      form.hidden = true;
      document.getElementById("ph-search-region").hidden = true;
      failed.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
