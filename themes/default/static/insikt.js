/* insikt — progressive enhancement only. Every page works fully without this file:
   the menu is a plain <details>, tables scroll with CSS alone.
   1. On wide screens the navigation <details> is opened and its toggle hidden, for
      browsers whose CSS cannot show closed <details> content (no ::details-content).
   2. A table that is wider than the text column gets tabindex="0", so that keyboard
      users can scroll it (WCAG 2.1.1). */
(function () {
  "use strict";
  var wide = window.matchMedia ? window.matchMedia("(min-width: 68.75em)") : null;

  function syncMenu() {
    var menu = document.querySelector("details.site-menu");
    if (!menu || !wide) return;
    if (wide.matches) {
      menu.open = true;
      menu.classList.add("is-static");
    } else if (menu.classList.contains("is-static")) {
      menu.open = false;
      menu.classList.remove("is-static");
    }
  }

  function markScrollableTables() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var t = tables[i];
      if (t.scrollWidth > t.clientWidth + 1) {
        if (!t.hasAttribute("tabindex")) {
          t.setAttribute("tabindex", "0");
          t.setAttribute("data-insikt-scroll", "");
        }
      } else if (t.hasAttribute("data-insikt-scroll")) {
        t.removeAttribute("tabindex");
        t.removeAttribute("data-insikt-scroll");
      }
    }
  }

  function init() {
    syncMenu();
    markScrollableTables();
    if (wide) {
      if (wide.addEventListener) wide.addEventListener("change", syncMenu);
      else if (wide.addListener) wide.addListener(syncMenu);
    }
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(markScrollableTables, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
