/* Search page: loads the prebuilt lunr index (tim-kiem/chi-muc.json) and the result data
   (tim-kiem/du-lieu.json), and answers queries typed with or without Vietnamese marks.

   normalize / fold / tokens and the query are the same as generator/folding.py and
   generator/search_index.py (rank); tests/search/ runs one list of queries through both.
   Untrusted text (titles, summaries) only ever becomes text nodes. */
(function () {
  "use strict";

  var ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARK = /\p{M}/gu;
  var MAX_QUERY_WORDS = 12;
  var PAGE_SIZE = 20;
  var PARAMS = { status: "trang-thai", agency: "co-quan", topic: "linh-vuc", year: "nam" };

  // ---- Vietnamese folding: identical to generator/folding.py -------------------------

  function normalize(text) {
    return text.normalize("NFC").replace(ASTRAL, " ").toLowerCase();
  }

  function fold(word) {
    return word.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARK, "").normalize("NFC");
  }

  function tokens(text, stopWords) {
    var words = normalize(text).match(WORD) || [];
    return words.filter(function (word) { return !stopWords.has(word); });
  }

  // ---- The query: identical to generator/search_index.py rank() ----------------------

  function Searcher(index, data) {
    this.index = index;
    this.data = data;
    this.stopWords = new Set(data.stopWords);
    this.fields = index.fields.slice();
    var groups = new Map();
    Object.keys(index.invertedIndex).sort().forEach(function (term) {
      var key = fold(term);
      if (!groups.has(key)) { groups.set(key, []); }
      groups.get(key).push(term);
    });
    this.groups = groups;
  }

  Searcher.prototype.queryWords = function (text) {
    var seen = new Set(), words = [], groups = this.groups;
    tokens(text, this.stopWords).forEach(function (word) {
      if (seen.has(word)) { return; }
      seen.add(word);
      var folded = fold(word);
      words.push({ word: word, folded: folded, variants: groups.get(folded) || [], marked: folded !== word });
    });
    return words.slice(0, MAX_QUERY_WORDS);
  };

  /* Returns {words, hits: [{ref, score, matched, exact}], complete}. */
  Searcher.prototype.rank = function (text) {
    var words = this.queryWords(text);
    var clauses = [], seen = new Set();
    words.forEach(function (w) {
      w.variants.forEach(function (v) { if (!seen.has(v)) { seen.add(v); clauses.push(v); } });
    });
    if (!clauses.length) { return { words: words, hits: [], complete: false }; }
    var fields = this.fields;
    var results = this.index.query(function (q) {
      clauses.forEach(function (term) {
        q.term(term, { fields: fields, usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
      });
    });
    var hits = results.map(function (result) {
      var found = result.matchData.metadata;
      var matched = 0, exact = 0;
      words.forEach(function (w) {
        if (w.variants.some(function (v) { return Object.prototype.hasOwnProperty.call(found, v); })) { matched++; }
        if (w.marked && Object.prototype.hasOwnProperty.call(found, w.word)) { exact++; }
      });
      return { ref: result.ref, score: result.score, matched: matched, exact: exact };
    });
    var complete = hits.filter(function (h) { return h.matched === words.length; });
    var chosen = complete.length ? complete : hits;
    chosen.sort(function (a, b) {
      return (b.matched - a.matched) || (b.exact - a.exact) ||
        (Math.floor(b.score * 1e6 + 0.5) - Math.floor(a.score * 1e6 + 0.5)) || (parseInt(a.ref, 16) - parseInt(b.ref, 16));
    });
    return { words: words, hits: chosen, complete: complete.length > 0 };
  };

  /* Drafts for a query and filters: [{draft index}], plus how the query went. */
  Searcher.prototype.search = function (state) {
    var data = this.data, refs, outcome = { words: [], hits: [], complete: true };
    if (tokens(state.q, this.stopWords).length) {
      outcome = this.rank(state.q);
      refs = outcome.hits.map(function (h) { return parseInt(h.ref, 16); });
    } else {
      refs = data.listing.slice();
    }
    var status = state.status ? indexOfKey(data.statuses, state.status) : -1;
    var agency = state.agency ? indexOfKey(data.agencies, state.agency) : -1;
    var topic = state.topic ? indexOfKey(data.topics, state.topic) : -1;
    var year = state.year ? Number(state.year) : 0;
    refs = refs.filter(function (i) {
      var d = data.drafts[i];
      return (!state.status || d[2] === status) && (!state.agency || d[3] === agency) &&
        (!state.topic || d[4].indexOf(topic) >= 0) && (!state.year || d[5] === year);
    });
    return { refs: refs, words: outcome.words, complete: outcome.complete };
  };

  function indexOfKey(rows, key) {
    for (var i = 0; i < rows.length; i++) { if (rows[i][0] === key) { return i; } }
    return -2;  // an unknown value in the address matches nothing
  }

  // ---- The page -----------------------------------------------------------------------

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

  /* Appends `text` to `parent`, wrapping words that fold to a query word in <mark>. */
  function appendMarked(parent, text, folded) {
    var last = 0, match;
    WORD.lastIndex = 0;
    var nfc = text.normalize("NFC");
    while ((match = WORD.exec(nfc)) !== null) {
      if (folded.has(fold(normalize(match[0])))) {
        if (match.index > last) { parent.appendChild(document.createTextNode(nfc.slice(last, match.index))); }
        var mark = document.createElement("mark");
        mark.textContent = match[0];
        parent.appendChild(mark);
        last = match.index + match[0].length;
      }
    }
    if (last < nfc.length) { parent.appendChild(document.createTextNode(nfc.slice(last))); }
  }

  /* A part of the summary around the first matched word, at most about 240 characters. */
  function snippetOf(summary, folded) {
    var text = summary.normalize("NFC");
    if (text.length <= 240) { return text; }
    var match, start = 0;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      if (folded.has(fold(normalize(match[0])))) { start = match.index; break; }
    }
    var from = start > 80 ? text.lastIndexOf(" ", start - 60) + 1 : 0;
    var to = text.indexOf(" ", Math.min(text.length, from + 240));
    var part = text.slice(from, to < 0 ? text.length : to);
    return (from > 0 ? "… " : "") + part + (to < 0 ? "" : " …");
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
  }

  SearchPage.prototype.run = function (state) {
    var started = performance.now();
    var found = this.searcher.search(state);
    this.lastMs = performance.now() - started;
    this.refs = found.refs;
    this.folded = new Set(found.words.map(function (w) { return w.folded; }));
    this.list.textContent = "";
    this.shown = 0;
    this.showMore();
    this.announce(state, found);
  };

  SearchPage.prototype.showMore = function () {
    var data = this.searcher.data, folded = this.folded;
    var end = Math.min(this.refs.length, this.shown + PAGE_SIZE);
    for (var n = this.shown; n < end; n++) {
      var d = data.drafts[this.refs[n]];
      var status = data.statuses[d[2]];
      var item = document.createElement("li");
      item.className = "ph-result";
      var title = document.createElement("h3");
      title.className = "ph-result__title";
      var link = document.createElement("a");
      link.setAttribute("href", d[0]);
      appendMarked(link, d[1], folded);
      title.appendChild(link);
      var meta = document.createElement("p");
      meta.className = "ph-result__meta";
      var tag = document.createElement("span");
      tag.className = "ph-status ph-status--" + status[2];
      var icon = document.createElement("span");
      icon.className = "ph-status__icon";
      icon.setAttribute("aria-hidden", "true");
      tag.appendChild(icon);
      tag.appendChild(document.createTextNode(status[1]));
      meta.appendChild(tag);
      meta.appendChild(document.createTextNode(" "));
      var agency = document.createElement("span");
      agency.className = "ph-result__agency";
      agency.textContent = data.agencies[d[3]][1];
      meta.appendChild(agency);
      var dates = document.createElement("p");
      dates.className = "ph-result__dates";
      dates.textContent = "Hạn góp ý: hết ngày " + d[6];
      var snippet = document.createElement("p");
      snippet.className = "ph-result__snippet";
      appendMarked(snippet, snippetOf(d[7], folded), folded);
      item.appendChild(title);
      item.appendChild(meta);
      item.appendChild(dates);
      item.appendChild(snippet);
      this.list.appendChild(item);
    }
    this.shown = end;
    var left = this.refs.length - this.shown;
    this.more.hidden = left <= 0;
    this.more.textContent = "Hiện thêm " + Math.min(left, PAGE_SIZE) + " kết quả";
  };

  SearchPage.prototype.announce = function (state, found) {
    var data = this.searcher.data;
    var filters = [];
    if (state.status) { filters.push(labelOf(data.statuses, state.status)); }
    if (state.agency) { filters.push(labelOf(data.agencies, state.agency)); }
    if (state.topic) { filters.push("lĩnh vực " + labelOf(data.topics, state.topic)); }
    if (state.year) { filters.push("năm " + state.year); }
    var filtered = filters.length ? " (lọc theo: " + filters.join(", ") + ")" : "";
    var count = this.refs.length.toLocaleString("vi-VN");
    var query = state.q.trim();
    var text;
    if (!query && !filters.length) {
      text = "Nhập từ khóa hoặc chọn bộ lọc để tìm dự thảo.";
      this.list.textContent = "";
      this.refs = [];
      this.more.hidden = true;
    } else if (!query) {
      text = this.refs.length ? "Có " + count + " dự thảo" + filtered + "." : "Không có dự thảo nào" + filtered + ".";
    } else if (!this.refs.length) {
      text = "Không tìm thấy dự thảo nào cho “" + query + "”" + filtered + ". Hãy thử từ khác hoặc bỏ bớt bộ lọc.";
    } else if (!found.complete) {
      text = "Không có dự thảo nào chứa đủ các từ “" + query + "”; " + count + " dự thảo chứa một phần các từ" + filtered + ".";
    } else {
      text = "Tìm thấy " + count + " dự thảo cho “" + query + "”" + filtered + ".";
    }
    if (this.status.textContent !== text) { this.status.textContent = text; }
  };

  function labelOf(rows, key) {
    for (var i = 0; i < rows.length; i++) { if (rows[i][0] === key) { return rows[i][1]; } }
    return key;
  }

  SearchPage.prototype.update = function (how) {
    var state = formState(this.form);
    this.run(state);
    var address = addressOf(state);
    if (address !== window.location.pathname + window.location.search) {
      if (how === "push") { history.pushState(state, "", address); } else { history.replaceState(state, "", address); }
    }
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
      page.showMore();
      var next = page.list.children[first];
      if (next) { next.querySelector("a").focus(); }
    });
    window.addEventListener("popstate", function () {
      var state = readState();
      fillForm(form, state);
      page.run(state);
    });
    var state = readState();
    fillForm(form, state);
    this.run(state);
  };

  // ---- Start --------------------------------------------------------------------------

  function load(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function init() {
    var form = document.querySelector("form[data-ph-search]");
    if (!form) { return; }
    var status = document.getElementById("ph-search-status");
    var nojs = document.getElementById("ph-search-nojs");
    var failed = document.getElementById("ph-search-failed");
    if (typeof lunr === "undefined" || !window.fetch || !("normalize" in String.prototype)) {
      failed.hidden = false;
      nojs.hidden = true;
      return;
    }
    nojs.hidden = true;
    form.hidden = false;
    document.getElementById("ph-search-region").hidden = false;
    status.textContent = "Đang tải dữ liệu tìm kiếm…";
    var base = document.baseURI;
    Promise.all([load(new URL(form.getAttribute("data-index"), base).href),
                 load(new URL(form.getAttribute("data-data"), base).href)])
      .then(function (loaded) {
        var searcher = new Searcher(lunr.Index.load(loaded[0]), loaded[1]);
        var page = new SearchPage(form, searcher);
        window.PolicyhubSearch = { searcher: searcher, page: page, fold: fold, normalize: normalize, tokens: tokens };
        page.start();
        form.setAttribute("data-ph-ready", "");
      })
      .catch(function () {
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
