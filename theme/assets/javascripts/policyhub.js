/* Words that count days and the "Hôm nay" mark of the timeline.

   A built page says only what stays true until a draft's state changes: its state and
   absolute dates ("Hạn góp ý: hết ngày 05/12/2026"). This script adds what depends on the
   reader's day: "Còn 4 ngày để góp ý", "Hôm nay là ngày cuối góp ý", "Mở góp ý sau 3 ngày",
   the mark of a close within three days, the day a notice is printed, and "Hôm nay" on the
   timeline. Days are counted in the site's time zone (data-ph-zone), not the reader's: the
   civil date of a deadline is the date written in its ISO 8601 form. Without JavaScript
   (or on a browser that cannot run this) the page keeps what the build wrote. */
(function () {
  "use strict";
  var DAY = 86400000;
  var URGENT_DAYS = 3;
  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var DASH = "5 4";   // the axis ahead of today (render/timeline.py: FUTURE_DASH)

  function isoDay(iso) {   // "2026-12-05T23:59:59+07:00" -> the day number of 5 December 2026
    var m = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso || "");
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY) : NaN;
  }
  function offsetMinutes(iso) {   // "…+07:00" -> 420
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso || "");
    return m ? (m[1] === "-" ? -1 : 1) * (+m[2] * 60 + +m[3]) : 0;
  }
  // the day number of `instant` in `zone`; where the browser knows no zones, by the offset of `iso`
  function dayIn(instant, zone, iso) {
    if (zone && window.Intl && Intl.DateTimeFormat) {
      try {
        var parts = new Intl.DateTimeFormat("en-US", {timeZone: zone, year: "numeric", month: "numeric",
                                                      day: "numeric"}).formatToParts(instant);
        var v = {};
        for (var i = 0; i < parts.length; i++) { v[parts[i].type] = +parts[i].value; }
        if (v.year && v.month && v.day) { return Math.round(Date.UTC(v.year, v.month - 1, v.day) / DAY); }
      } catch (e) { /* an unknown zone, or no formatToParts: the offset below */ }
    }
    return Math.floor((instant.getTime() + offsetMinutes(iso) * 60000) / DAY);
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function shortDate(day) {
    var d = new Date(day * DAY);
    return two(d.getUTCDate()) + "/" + two(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
  }
  function longDate(day) { return WEEKDAYS[new Date(day * DAY).getUTCDay()] + ", " + shortDate(day); }

  // What to tell a reader on `today` about a consultation from `opens` to `deadline` (ISO 8601).
  function countdown(now, today, opens, deadline) {
    if (now < new Date(opens)) {
      var wait = isoDay(opens) - today;
      return {text: wait <= 0 ? "Mở góp ý từ hôm nay" : "Mở góp ý sau " + wait + " ngày", urgent: false};
    }
    if (now <= new Date(deadline)) {
      var left = isoDay(deadline) - today;
      return {text: left <= 0 ? "Hôm nay là ngày cuối góp ý" : "Còn " + left + " ngày để góp ý",
              urgent: left <= URGENT_DAYS};
    }
    return {text: "Đã hết hạn góp ý", urgent: false, over: true};
  }

  function daysLeft(node, now) {
    var opens = node.getAttribute("data-ph-opens"), deadline = node.getAttribute("data-ph-deadline");
    var today = dayIn(now, node.getAttribute("data-ph-zone"), deadline);
    if (isNaN(isoDay(opens)) || isNaN(isoDay(deadline))) { return; }
    var told = countdown(now, today, opens, deadline);
    node.textContent = (node.getAttribute("data-ph-prefix") || "") + told.text;
    var line = node.previousElementSibling;
    if (line && line.classList.contains("ph-deadline")) { line.classList.toggle("ph-deadline--urgent", told.urgent); }
  }

  function readersDay(node, now) {
    var words = node.getAttribute("data-ph-words") || "";
    node.textContent = words.replace("%s", shortDate(dayIn(now, node.getAttribute("data-ph-zone"), "")));
  }

  function num(el, name) { return parseFloat(el.getAttribute(name)) || 0; }
  function shiftY(el) {   // the y of translate(0 y)
    var m = /translate\(0[ ,]+([-\d.]+)\)/.exec(el.getAttribute("transform") || "");
    return m ? +m[1] : 0;
  }
  function setShift(el, y) { el.setAttribute("transform", "translate(0 " + y + ")"); }

  // Put "Hôm nay" into a timeline between the milestones before and after `now`.
  function timeline(box, now) {
    var svg = box.querySelector("svg.ph-svg--timeline");
    var template = svg && svg.querySelector("defs .ph-tl-today");
    var axis = svg && svg.querySelector(".ph-tl-axis");
    if (!template || !axis || svg.querySelector(":scope > .ph-tl-today")) { return; }
    var opens = box.getAttribute("data-ph-opens"), deadline = box.getAttribute("data-ph-deadline");
    var today = dayIn(now, box.getAttribute("data-ph-zone"), deadline);
    var events = svg.querySelectorAll(":scope > .ph-tl-event");
    // the days left while the build saw the draft open or upcoming; else what its state says
    var status = box.getAttribute("data-ph-status");
    var note = status === "open" || status === "upcoming" ? countdown(now, today, opens, deadline).text
                                                         : box.getAttribute("data-ph-note") || "";
    // milestones at or before now are past; today sits right after them
    var at = 0;
    for (var i = 0; i < events.length; i++) {
      var past = new Date(events[i].getAttribute("data-ph-at")) <= now;
      if (past) { at = i + 1; }
      if ((events[i].getAttribute("data-ph-past") === "1") !== past) {   // a milestone passed since the build
        var mark = events[i].querySelector("circle");
        var fill = mark.getAttribute("fill");
        mark.setAttribute("fill", mark.getAttribute("stroke"));
        mark.setAttribute("stroke", fill);
        mark.setAttribute("stroke-width", past ? "2" : "3");
        events[i].setAttribute("data-ph-past", past ? "1" : "0");
      }
    }
    var block = template.cloneNode(true);
    block.querySelector(".ph-tl-word").textContent = "Hôm nay";
    block.querySelector(".ph-tl-date").textContent = longDate(today);
    var noteLine = block.querySelector(".ph-tl-note");
    var height = 20 + 19 * 2 + 4;
    if (note) { noteLine.textContent = note; } else { noteLine.parentNode.removeChild(noteLine); height -= 19; }
    block.querySelector("rect").setAttribute("height", height + 6);
    var top = at < events.length ? shiftY(events[at]) : num(svg, "height") + 8;
    var moved = height + 18, centre = top + 13;
    setShift(block, top);
    for (var j = at; j < events.length; j++) { setShift(events[j], shiftY(events[j]) + moved); }
    // segment k of the axis joins milestones k and k + 1: solid up to today, dashed after it
    var lines = axis.querySelectorAll("line");
    for (var k = 0; k < lines.length; k++) {
      var y1 = num(lines[k], "y1"), y2 = num(lines[k], "y2");
      if (k >= at) {
        lines[k].setAttribute("y1", y1 + moved);
        lines[k].setAttribute("y2", y2 + moved);
        lines[k].setAttribute("stroke-dasharray", DASH);
      } else {
        lines[k].removeAttribute("stroke-dasharray");
      }
      if (k === at - 1) {   // the segment today falls on: cut in two at today's mark
        var after = lines[k].cloneNode(true);
        after.setAttribute("y1", centre);
        after.setAttribute("y2", y2 + moved);
        after.setAttribute("stroke-dasharray", DASH);
        lines[k].setAttribute("y2", centre);
        axis.appendChild(after);
      }
    }
    if (at === 0 || at === events.length) {   // before the first milestone, or after the last
      var outside = svg.querySelector("defs .ph-tl-outside").cloneNode(true);
      var other = events.length ? (at === 0 ? shiftY(events[0]) + 13 : shiftY(events[events.length - 1]) + 13) : centre;
      outside.setAttribute("y1", Math.min(centre, other));
      outside.setAttribute("y2", Math.max(centre, other));
      if (at === 0) { outside.setAttribute("stroke-dasharray", DASH); }
      axis.appendChild(outside);
    }
    svg.appendChild(block);
    var grown = num(svg, "height") + moved;
    svg.setAttribute("height", grown);
    var box4 = (svg.getAttribute("viewBox") || "").split(/\s+/);
    if (box4.length === 4) { box4[3] = grown; svg.setAttribute("viewBox", box4.join(" ")); }
    var desc = svg.querySelector("desc");
    var said = "Hôm nay: " + longDate(today) + (note ? " – " + note : "") + ".";
    if (desc) { desc.textContent = desc.textContent + " " + said; }
    // the same row in the table
    var rows = box.querySelectorAll("tr[data-ph-at]");
    for (var r = 0; r < rows.length; r++) {
      var cell = rows[r].cells[rows[r].cells.length - 1];
      var phase = new Date(rows[r].getAttribute("data-ph-at")) <= now ? "Đã qua" : "Sắp tới";
      if (cell.textContent !== phase) { cell.textContent = phase; }
    }
    if (rows.length) {
      var row = document.createElement("tr");
      var head = document.createElement("th");
      head.setAttribute("scope", "row");
      head.textContent = "Hôm nay" + (note ? " (" + note + ")" : "");
      row.appendChild(head);
      [longDate(today), "Hôm nay"].forEach(function (text) {
        var td = document.createElement("td");
        td.textContent = text;
        row.appendChild(td);
      });
      rows[0].parentNode.insertBefore(row, at < rows.length ? rows[at] : null);
    }
  }

  function update() {
    var now = new Date();
    var each = function (selector, fn) {
      var nodes = document.querySelectorAll(selector);
      for (var i = 0; i < nodes.length; i++) {
        try { fn(nodes[i], now); } catch (e) { /* leave what the build wrote */ }
      }
    };
    each(".ph-days-left[data-ph-deadline]", daysLeft);
    each(".ph-today[data-ph-words]", readersDay);
    each(".ph-timeline[data-ph-deadline]", timeline);
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
