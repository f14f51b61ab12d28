// Type-ahead for a product search box: suggestions after two characters.
// Without this script the box is a plain GET form; with it, the input is an
// ARIA 1.2 combobox: arrows move through the list, Enter opens the chosen
// product (or searches for the typed text), Escape closes the list.
//   <input data-suggest-url="/shop/tim-kiem/goi-y/" data-suggest-list="ID">
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.dataset.suggestList);
    if (!list || input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var timer = null;
    var active = -1;
    var asked = "";

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(items) {
      list.innerHTML = "";
      active = -1;
      items.forEach(function (item, index) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = list.id + "-" + index;
        li.dataset.url = item.url;
        li.textContent = item.title;
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        asked = text;
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), {
          headers: { "Accept": "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (input.value.trim() === asked) show(data.suggestions || []); })
          .catch(close);
      }, 150);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
        return;
      }
      if (!all.length) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        // Past either end the focus goes back to the typed text (-1).
        var next = active + step;
        if (next >= all.length) next = -1;
        if (next < -1) next = all.length - 1;
        choose(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(all[active].dataset.url);
      }
    });

    // mousedown, not click: the input's blur must not close the list first.
    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest && event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault();
      window.location.assign(option.dataset.url);
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init() {
    document.querySelectorAll("input[data-suggest-url][data-suggest-list]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
