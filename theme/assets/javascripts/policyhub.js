/* Keep "còn N ngày" true when the page is read days after it was built.
   Only an enhancement: without JavaScript the text written at build time stands. */
(function () {
  "use strict";
  var DAY = 86400000;
  function startOfDay(date) { return new Date(date.getFullYear(), date.getMonth(), date.getDate()); }
  function update() {
    var nodes = document.querySelectorAll("[data-ph-deadline]");
    var now = new Date();
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var deadline = new Date(node.getAttribute("data-ph-deadline"));
      var opens = new Date(node.getAttribute("data-ph-opens"));
      if (isNaN(deadline.getTime()) || isNaN(opens.getTime())) { continue; }
      var text;
      if (now < opens) {
        var wait = Math.round((startOfDay(opens) - startOfDay(now)) / DAY);
        text = wait <= 0 ? "Mở góp ý từ hôm nay" : "Mở góp ý sau " + wait + " ngày";
      } else if (now <= deadline) {
        var left = Math.round((startOfDay(deadline) - startOfDay(now)) / DAY);
        text = left <= 0 ? "Hôm nay là ngày cuối góp ý" : "Còn " + left + " ngày để góp ý";
      } else {
        text = "Đã hết hạn góp ý";
      }
      if (node.textContent !== text) { node.textContent = text; }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();

/* policyhub's own script; the pages need no other. Everything here only adds to a page
   that already works without JavaScript. */
document.documentElement.classList.add("ph-js");

function phReady(run) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
}

/* The phone menu is a checkbox toggled by a label: it opens without JavaScript, but a label
   is no control for the keyboard or a screen reader. With the script a real button takes its
   place: Enter or Space opens the menu and moves focus into it; Escape, the button again or
   leaving the menu with Tab closes it. */
(function () {
  "use strict";
  phReady(function () {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector(".md-header label[for='__drawer']");
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !label || !drawer) { return; }
    if (!drawer.id) { drawer.id = "ph-danh-muc"; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button ph-menu-button";
    button.setAttribute("aria-label", "Danh mục điều hướng");
    button.setAttribute("aria-controls", drawer.id);
    var icon = label.querySelector("svg");
    if (icon) { button.appendChild(icon.cloneNode(true)); }
    label.parentNode.insertBefore(button, label);
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    function set(open, moveFocus) {
      toggle.checked = open;
      sync();
      if (!moveFocus) { return; }
      if (open) {
        var first = drawer.querySelector(".md-nav__list a[href]");
        if (first) { first.focus(); }
      } else {
        button.focus();
      }
    }
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () { set(!toggle.checked, true); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { set(false, true); }
    });
    drawer.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !drawer.contains(next) && next !== button) { set(false, false); }
    });
  });
})();

/* The response table becomes one block per comment on a phone (policyhub.css); some
   browsers then forget that it is a table. Its parts say so in ARIA roles, set here because
   the HTML may not repeat a table's own roles. */
phReady(function () {
  "use strict";
  var roles = {TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row", TH: "columnheader", TD: "cell"};
  var tables = document.querySelectorAll(".ph-response__table");
  for (var i = 0; i < tables.length; i++) {
    var parts = [tables[i]].concat(Array.prototype.slice.call(tables[i].querySelectorAll("thead, tbody, tr, th, td")));
    for (var j = 0; j < parts.length; j++) {
      if (roles[parts[j].tagName]) { parts[j].setAttribute("role", roles[parts[j].tagName]); }
    }
  }
});

/* A table wider than its box scrolls sideways; say so in words above it while it is cut. */
(function () {
  "use strict";
  phReady(function () {
    var wraps = document.querySelectorAll(".ph-table-wrap");
    if (!wraps.length) { return; }
    function mark() {
      for (var i = 0; i < wraps.length; i++) {
        var wrap = wraps[i];
        var hint = wrap.previousElementSibling;
        var has = hint && hint.classList.contains("ph-table-hint");
        var cut = wrap.scrollWidth > wrap.clientWidth + 1 && wrap.offsetParent !== null;
        if (cut && !has) {
          hint = document.createElement("p");
          hint.className = "ph-table-hint";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = "Bảng rộng hơn màn hình: kéo hoặc vuốt sang ngang để xem hết.";
          wrap.parentNode.insertBefore(hint, wrap);
        } else if (!cut && has) {
          hint.parentNode.removeChild(hint);
        }
      }
    }
    mark();
    window.addEventListener("resize", mark);
    document.addEventListener("toggle", mark, true);   // a table folded in <details> is opened
  });
})();

/* "Chia sẻ": the phone's own share sheet (Web Share API) where there is one, else the page's
   address is copied. The button is in the page hidden, and shown only here: without
   JavaScript there is no button that does nothing. */
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(field);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  phReady(function () {
    var buttons = document.querySelectorAll("[data-ph-share]");
    var canonical = document.querySelector("link[rel='canonical']");
    var address = canonical && /^https?:/.test(canonical.href) ? canonical.href : location.href.split("#")[0];
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var said = document.getElementById(button.getAttribute("data-ph-status") || "");
        function say(text) { if (said) { said.textContent = text; } }
        button.hidden = false;
        button.addEventListener("click", function () {
          var data = { title: button.getAttribute("data-ph-share") || document.title, url: address };
          if (navigator.share) {
            navigator.share(data).catch(function (error) {
              if (!error || error.name !== "AbortError") {
                copy(address).then(function () { say("Đã chép đường dẫn của trang."); },
                                   function () { say("Đường dẫn của trang: " + address); });
              }
            });
            return;
          }
          copy(address).then(function () { say("Đã chép đường dẫn của trang, dán vào tin nhắn để gửi."); },
                             function () { say("Đường dẫn của trang: " + address); });
        });
      })(buttons[i]);
    }
  });
})();
