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

/* The phone menu of the theme is a checkbox toggled by a label, which the keyboard cannot
   reach. Make its button a real button: Enter or Space opens it and moves focus into the
   menu, Escape closes it and returns focus to the button. */
(function () {
  "use strict";
  function setup() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector(".md-header label[for='__drawer']");
    var nav = document.querySelector(".md-nav--primary");
    if (!toggle || !button || !nav) { return; }
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Mở danh mục điều hướng");
    button.setAttribute("aria-controls", "__drawer");
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    function set(open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
      if (open) {
        var first = nav.querySelector("a[href], label[tabindex]");
        if (first) { first.focus(); }
      } else {
        button.focus();
      }
    }
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        set(!toggle.checked);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { set(false); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
