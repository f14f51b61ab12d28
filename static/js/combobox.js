// An ARIA 1.2 combobox over a JSON look-up URL, shared by the site's type-ahead
// boxes (search-suggest.js, the register's party-lookup.js). Arrows move
// through the list (past either end back to the typed text), Enter or a
// click (mousedown, so the input's blur does not close the list first) picks
// the option, Escape closes the list. The caller says how to fetch, how to
// draw an option and what picking one does:
//   window.htxCombobox(input, list, {
//     url, minLength, credentials, key,      // fetch url?q=…, read data[key]
//     render(item, li), pick(option), onInput(text), onShow(items)
//   });
(function () {
  "use strict";

  window.htxCombobox = function (input, list, config) {
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

    function highlight(index) {
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
        config.render(item, li);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      if (config.onShow) config.onShow(items);
    }

    function pick(option) {
      config.pick(option);
      close();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (config.onInput) config.onInput(text);
      if (text.length < (config.minLength || 1)) { close(); return; }
      timer = setTimeout(function () {
        asked = text;
        fetch(config.url + "?q=" + encodeURIComponent(text), {
          headers: { "Accept": "application/json" },
          credentials: config.credentials || "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : {}; })
          .then(function (data) { if (input.value.trim() === asked) show(data[config.key] || []); })
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
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= all.length) next = -1;
        if (next < -1) next = all.length - 1;
        highlight(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(all[active]);
      }
    });

    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest && event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault();
      pick(option);
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  };
})();
