(function () {
  "use strict";
  // Filters for the faq-lint HTML report. Without this script everything is shown.
  var form = document.getElementById("filters");
  if (!form) { return; }
  var sev = document.getElementById("f-severity");
  var cat = document.getElementById("f-category");
  var page = document.getElementById("f-page");
  var search = document.getElementById("f-search");
  var clean = document.getElementById("f-clean");
  var status = document.getElementById("filter-status");
  var pages = Array.prototype.slice.call(document.querySelectorAll("section.page"));
  var total = document.querySelectorAll(".finding:not(.mirror)").length;
  var texts = new Map();

  function lower(el) {
    var t = texts.get(el);
    if (t === undefined) { t = el ? el.textContent.toLowerCase() : ""; texts.set(el, t); }
    return t;
  }
  function keep(li, s, c) {
    return (!s || li.getAttribute("data-severity") === s) &&
      (!c || li.getAttribute("data-category") === c);
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function apply() {
    var s = sev.value, c = cat.value, p = page.value, q = search.value.trim().toLowerCase();
    var showClean = clean.checked || Boolean(p);
    var narrowing = Boolean(s || c);
    var shownF = 0, shownE = 0, shownP = 0, hiddenClean = 0;
    pages.forEach(function (pg) {
      if (p && pg.getAttribute("data-page") !== p) { pg.hidden = true; return; }
      var pageHit = Boolean(q) && lower(pg.querySelector(".page-head")).indexOf(q) >= 0;
      var any = false;
      pg.querySelectorAll(".page-level .finding").forEach(function (li) {
        var show = keep(li, s, c) && (!q || pageHit || lower(li).indexOf(q) >= 0);
        li.hidden = !show;
        if (show) { any = true; shownF += 1; }
      });
      var level = pg.querySelector(".page-level");
      if (level) { level.hidden = !any; }
      pg.querySelectorAll("article.entry").forEach(function (entry) {
        var hit = !q || pageHit || lower(entry).indexOf(q) >= 0;
        var own = 0;
        entry.querySelectorAll(".finding").forEach(function (li) {
          var show = hit && keep(li, s, c);
          li.hidden = !show;
          if (show) { own += 1; if (!li.classList.contains("mirror")) { shownF += 1; } }
        });
        var isClean = entry.classList.contains("clean");
        var visible = own > 0 || (!narrowing && hit && (q ? true : (showClean || !isClean)));
        entry.hidden = !visible;
        if (visible) { shownE += 1; any = true; }
      });
      var visiblePage = any || (!narrowing && (q ? pageHit : showClean));
      pg.hidden = !visiblePage;
      if (visiblePage) { shownP += 1; } else if (!narrowing && !q) { hiddenClean += 1; }
    });
    var text = (s || c || p || q)
      ? "Showing " + shownF + " of " + plural(total, "finding") + ", in " +
        plural(shownE, "question") + " on " + plural(shownP, "page") + "."
      : "Showing all " + plural(total, "finding") + ", on " + plural(shownP, "page") + ".";
    if (hiddenClean) {
      text += " " + plural(hiddenClean, "page") + " without findings hidden.";
    }
    status.textContent = text;
  }

  function reset() {
    sev.value = ""; cat.value = ""; page.value = ""; search.value = ""; clean.checked = true;
    apply();
  }

  // Following a link to something a filter hides (a chart bar, a related question)
  // clears the filters first, and opens the <details> around the target.
  function reveal(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    if (target.closest("[hidden]")) { reset(); }
    var box = target.closest("details");
    while (box) { box.open = true; box = box.parentElement.closest("details"); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link) { reveal(decodeURIComponent(link.getAttribute("href").slice(1))); }
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  [sev, cat, page, clean].forEach(function (el) { el.addEventListener("change", apply); });
  var timer = 0;
  search.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 150);
  });

  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });

  form.hidden = false;
  apply();
  if (window.location.hash) {
    reveal(decodeURIComponent(window.location.hash.slice(1)));
    var again = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (again) { again.scrollIntoView(); }
  }
}());
