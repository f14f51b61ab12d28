// The search page's filter panel (<details data-search-filters>).
// Without this script it is a plain GET form: tick, then press the button.
// With it: ticking a box, or clicking a price, submits the form at once, and
// on screens 768 px and wider the panel is a sidebar, always open. After the
// new page loads, focus returns to the control that was changed.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 768px)");
  var FOCUS_KEY = "htx-search-filter-focus";

  function pin(panel) {
    if (wide.matches) {
      panel.open = true;
      panel.classList.add("search-filters--pinned");
    } else if (panel.classList.contains("search-filters--pinned")) {
      panel.classList.remove("search-filters--pinned");
      panel.open = false;
    }
  }

  function remember(id) {
    try { window.sessionStorage.setItem(FOCUS_KEY, id); } catch (e) { /* private mode */ }
  }

  function restoreFocus(panel) {
    var id = null;
    try {
      id = window.sessionStorage.getItem(FOCUS_KEY);
      window.sessionStorage.removeItem(FOCUS_KEY);
    } catch (e) { return; }
    var control = id && document.getElementById(id);
    if (control && panel.contains(control)) {
      panel.open = true;
      control.focus();
    }
  }

  function setUp() {
    var panel = document.querySelector("[data-search-filters]");
    if (!panel) return;
    pin(panel);
    if (wide.addEventListener) {
      wide.addEventListener("change", function () { pin(panel); });
    }
    restoreFocus(panel);
    var form = panel.closest("form");
    // Short, shareable addresses: no empty values (price=), no default sort.
    form.addEventListener("formdata", function (event) {
      var data = event.formData;
      Array.from(data.keys()).forEach(function (name) {
        var kept = data.getAll(name).filter(function (value) {
          return value !== "" && !(name === "sort" && value === "relevance");
        });
        data.delete(name);
        kept.forEach(function (value) { data.append(name, value); });
      });
    });
    var byPointer = false;
    form.addEventListener("pointerdown", function () { byPointer = true; });
    form.addEventListener("keydown", function () { byPointer = false; });
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches("input[type=checkbox], input[type=radio]")) return;
      // Arrow keys move through radios, changing the choice at each step:
      // from the keyboard a price is applied with the button (or Enter).
      if (input.type === "radio" && !byPointer) return;
      if (form.dataset.submitting) return;
      form.dataset.submitting = "1";
      remember(input.id);
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
