/* Search page: the form, the address and the results. The engine (search-engine.js: the
   sharded prebuilt lunr index, ranking, the results' texts) runs in a Web Worker where the
   page is served over http or https, so that decoding shards and querying lunr never holds
   up the page; opened from disk (file://), where workers cannot load files, or in a browser
   without workers, it runs on the page itself, with lunr.js loaded then. Untrusted text
   (titles, summaries, bodies) only ever becomes text nodes and <mark> elements. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var PARAMS = { status: "trang-thai", agency: "co-quan", topic: "linh-vuc", year: "nam" };
  var SCRIPT = document.currentScript;
  var Engine = window.PolicyhubSearchEngine;

  // ---- The engine: in a worker where it can be, else on the page -------------------------

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error(url)); };
      document.head.appendChild(tag);
    });
  }

  /* The engine on the page; it loads lunr.js at once. `started` resolves when it can search. */
  function PageEngine(contents, files, lunrUrl) {
    var searcher = new Engine.Searcher(contents, files);
    var ready = null;
    function when() {
      if (!ready) {
        ready = (typeof lunr !== "undefined" ? Promise.resolve() : loadScript(lunrUrl)).then(function () {
          if (typeof lunr === "undefined") { throw new Error("lunr"); }
        });
        ready.catch(function () { ready = null; });
      }
      return ready;
    }
    this.mode = "page";
    this.contents = contents;
    this.started = when();
    this.find = function (state, count) { return when().then(function () { return searcher.find(state, count); }); };
    this.views = function (numbers, marks) { return searcher.views(numbers, marks); };
    this.later = function () { return searcher.later(); };
    this.rank = function (q) { return when().then(function () { return searcher.rank(q); }); };
  }

  /* The engine in a worker, started at once so that it loads lunr.js while the page loads
     the contents (`open`). Calls are messages. If the worker cannot start (it cannot load its
     script or lunr.js), every call, those already made included, goes to an engine on the
     page. Throws where there can be no worker. */
  function WorkerEngine(engineUrl, lunrUrl) {
    var self = this, worker = new Worker(engineUrl), calls = new Map(), next = 0;
    var local = null, failed = false, started = {};
    this.mode = "worker";
    this.started = new Promise(function (resolve) { started.resolve = resolve; });
    function onThePage() {
      local = new PageEngine(self.contents, self.files, lunrUrl);
      started.resolve(local.started);
      calls.forEach(function (call) { call.resolve(local[call.type].apply(local, call.args)); });
      calls.clear();
    }
    function fallBack() {
      if (failed) { return; }
      failed = true;
      worker.terminate();
      self.mode = "page";
      if (self.contents) { onThePage(); }
    }
    worker.onmessage = function (event) {
      var message = event.data, call = calls.get(message.id);
      if (message.type === "failed") { fallBack(); return; }
      if (message.type === "ready") { started.resolve(); return; }
      if (!call) { return; }
      calls.delete(message.id);
      if ("error" in message) { call.reject(new Error(message.error)); } else { call.resolve(message.result); }
    };
    worker.onerror = function (event) { event.preventDefault(); fallBack(); };
    function call(type, message, args) {
      if (local) { return local[type].apply(local, args); }
      return new Promise(function (resolve, reject) {
        message.id = ++next;
        message.type = type;
        calls.set(message.id, { type: type, args: args, resolve: resolve, reject: reject });
        worker.postMessage(message);
      });
    }
    this.open = function (contents, base, files) {
      this.contents = contents;
      this.files = files;
      if (failed) { onThePage(); } else { worker.postMessage({ type: "contents", contents: contents, base: base }); }
    };
    this.close = function () { worker.terminate(); };
    this.find = function (state, count) { return call("find", { state: state, count: count }, [state, count]); };
    this.views = function (numbers, marks) { return call("views", { numbers: numbers, marks: marks }, [numbers, marks]); };
    this.later = function () { return call("later", {}, []); };
    this.rank = function (q) { return call("rank", { q: q }, [q]); };
    worker.postMessage({ type: "start", lunr: lunrUrl });
  }

  /* The engine in a worker where the page is served over http(s), or null. */
  function workerEngine(engineUrl, lunrUrl) {
    if (typeof Worker === "undefined" || window.location.protocol === "file:") { return null; }
    try { return new WorkerEngine(engineUrl, lunrUrl); } catch (e) { return null; }
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

  function SearchPage(form, engine) {
    this.form = form;
    this.engine = engine;
    this.status = document.getElementById("ph-search-status");
    this.list = document.getElementById("ph-search-results");
    this.heading = document.getElementById("ph-search-heading");
    this.more = document.getElementById("ph-search-more");
    this.shown = 0;
    this.refs = [];
    this.timer = 0;
    this.turn = 0;
  }

  /* Search and show the first results, each as soon as it and those above it are in;
     resolves when the first ten are on the page. `firstMs` and `lastMs` say how long the
     first result and the first ten took. */
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
    return this.engine.find(state, PAGE_SIZE).then(function (found) {
      if (turn !== page.turn) { return; }   // a later search has begun
      page.refs = found.refs;
      page.marks = found.marks;
      page.shown = 0;
      page.ordering = null;
      return page.showNext(function () {
        page.firstMs = performance.now() - started;
        page.announce(state, found);
      }).then(function () {
        if (turn !== page.turn) { return; }
        page.lastMs = performance.now() - started;
        // the results after the first ten are put in order once these are shown
        if (found.later) {
          page.ordering = page.engine.later().then(function (refs) {
            if (turn === page.turn && refs) { page.refs = refs; }
          });
        }
      });
    }).catch(function () { if (turn === page.turn) { page.failed(); } });
  };

  /* Shows the next ten results, once all of them are in order. */
  SearchPage.prototype.showMore = function () {
    var page = this, turn = this.turn;
    return (this.ordering || Promise.resolve()).then(function () {
      if (turn === page.turn) { return page.showNext(); }
    });
  };

  /* Shows the next ten results in order, each as soon as its view and those above it are
     in (a fresh search replaces the list when its first result is in); `first` is called
     then, or at once when there is nothing to show. */
  SearchPage.prototype.showNext = function (first) {
    var page = this, turn = this.turn, fresh = this.shown === 0, engine = this.engine, marks = this.marks;
    var numbers = this.refs.slice(this.shown, this.shown + PAGE_SIZE), views = [], next = 0;
    if (!numbers.length) {
      if (fresh) { this.list.textContent = ""; }
      this.more.hidden = true;
      if (first) { first(); }
      return Promise.resolve();
    }
    this.more.hidden = true;
    return new Promise(function (resolve, reject) {
      numbers.forEach(function (number, i) {
        engine.views([number], marks).then(function (view) {
          if (turn !== page.turn) { resolve(); return; }
          views[i] = view[0];
          var items = document.createDocumentFragment(), had = next;
          while (next < numbers.length && views[next]) { items.appendChild(resultItem(views[next])); next++; }
          if (next === had) { return; }
          if (fresh && had === 0) { page.list.textContent = ""; }
          page.list.appendChild(items);   // one layout for the results that came in together
          page.shown += next - had;
          if (had === 0 && first) { first(); }
          if (next === numbers.length) {
            var left = page.refs.length - page.shown;
            page.more.hidden = left <= 0;
            page.more.textContent = "Hiện thêm " + Math.min(left, PAGE_SIZE) + " kết quả";
            resolve();
          }
        }).catch(reject);
      });
    });
  };

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

  function resultItem(view) {
    var item = document.createElement("li");
    item.className = "ph-result";
    var title = document.createElement("h3");
    title.className = "ph-result__title";
    var link = document.createElement("a");
    link.setAttribute("href", view.url);
    appendMarked(link, view.title, view.titleSpans);
    title.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "ph-result__meta";
    var tag = document.createElement("span");
    tag.className = "ph-status ph-status--" + view.state;
    var icon = document.createElement("span");
    icon.className = "ph-status__icon";
    icon.setAttribute("aria-hidden", "true");
    tag.appendChild(icon);
    tag.appendChild(document.createTextNode(view.label));
    meta.appendChild(tag);
    meta.appendChild(document.createTextNode(" "));
    var agency = document.createElement("span");
    agency.className = "ph-result__agency";
    agency.textContent = view.agency;
    meta.appendChild(agency);
    var dates = document.createElement("p");
    dates.className = "ph-result__dates";
    dates.textContent = view.dates;
    var snippet = document.createElement("p");
    snippet.className = "ph-result__snippet";
    appendMarked(snippet, view.snippet.text, view.snippet.spans);
    item.appendChild(title);
    item.appendChild(meta);
    item.appendChild(dates);
    item.appendChild(snippet);
    return item;
  }

  SearchPage.prototype.say = function (text) {
    if (this.status.textContent !== text) { this.status.textContent = text; }
  };

  /* A count as Vietnamese writes it, thousands set off by dots (1.963). Not toLocaleString:
     its first call loads the locale's data, 58 ms of a first search of 2,000 drafts on the
     benchmarks' machine, before the results are announced. */
  function vietnameseCount(number) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  SearchPage.prototype.announce = function (state, found) {
    var contents = this.engine.contents, facets = found.facets;
    var filters = [];
    if (state.status) { filters.push(labelOf(contents.statuses, state.status)); }
    if (state.agency && facets) { filters.push(labelOf(facets.agencies, state.agency)); }
    if (state.topic && facets) { filters.push("lĩnh vực " + labelOf(facets.topics, state.topic)); }
    if (state.year) { filters.push("năm " + state.year); }
    var filtered = filters.length ? " (lọc theo: " + filters.join(", ") + ")" : "";
    var count = vietnameseCount(this.refs.length);
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
      page.showMore().then(function () {
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
    var failed = document.getElementById("ph-search-failed");
    if (!Engine || !SCRIPT || !window.Promise || !window.Map || !("normalize" in String.prototype)) {
      failed.hidden = false;
      return;
    }
    var engineUrl = new URL(SCRIPT.getAttribute("data-engine"), document.baseURI).href;
    var lunrUrl = new URL(SCRIPT.getAttribute("data-lunr"), document.baseURI).href;
    var inWorker = workerEngine(engineUrl, lunrUrl);   // loads lunr.js while the contents load
    form.hidden = false;
    document.getElementById("ph-search-region").hidden = false;
    status.textContent = "Đang tải dữ liệu tìm kiếm…";
    var contentsUrl = new URL(form.getAttribute("data-index"), document.baseURI);
    var base = new URL(".", contentsUrl).href;
    var name = contentsUrl.pathname.split("/").pop().replace(/\.js$/, "");
    var files = Engine.scriptFiles(base);
    files(name).then(function (contents) {
      var engine = inWorker || new PageEngine(contents, files, lunrUrl);
      if (inWorker) { inWorker.open(contents, base, files); }
      var page = new SearchPage(form, engine);
      window.PolicyhubSearch = { searcher: engine, page: page, fold: Engine.fold, normalize: Engine.normalize,
                                 tokens: Engine.tokens, querySyllables: Engine.querySyllables };
      // ready once the first results are shown and the engine can search
      return page.start().then(function () { return engine.started; })
        .then(function () { form.setAttribute("data-ph-ready", ""); });
    }).catch(function () {
      if (inWorker) { inWorker.close(); }
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
