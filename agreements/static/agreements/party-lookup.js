// Type-ahead for the register's business and cooperative boxes.
// Without this script the box is a plain text field: the server reads the
// typed name or tax code. With it, the box is an ARIA 1.2 combobox over the
// look-up URL: arrows move through the list, Enter or a click chooses (the
// chosen id goes into the hidden "<name>_id" input), Escape closes the list,
// and typing again forgets the chosen id. In a box for several parties
// (.ag-lookup--multi, data-name) the chosen one is added as a ticked box
// instead, and the text box is emptied for the next.
//   <div class="ag-lookup" data-lookup-url="..." data-none="..." data-count="...">
//     [<ul class="ag-lookup__chosen">] <input type="text"> [<input type="hidden">]
//     <ul role="listbox"> <span role="status">
(function () {
  "use strict";

  function setUp(box) {
    var input = box.querySelector("input[type=text]");
    var hidden = box.querySelector("input[type=hidden]");
    var chosen = box.querySelector(".ag-lookup__chosen");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[role=status]");
    if (!input || !(hidden || chosen) || !list || box.dataset.lookupReady) return;
    box.dataset.lookupReady = "1";
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

    function add(option) {
      var existing = chosen.querySelector("input[value='" + option.dataset.id + "']");
      if (existing) { existing.checked = true; return; }
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box_ = document.createElement("input");
      box_.type = "checkbox";
      box_.name = box.dataset.name;
      box_.value = option.dataset.id;
      box_.checked = true;
      label.appendChild(box_);
      label.appendChild(document.createTextNode(" " + option.dataset.name + " "));
      if (option.dataset.code) {
        var code = document.createElement("small");
        code.className = "ag-lookup__code";
        code.textContent = option.dataset.code;
        label.appendChild(code);
      }
      li.appendChild(label);
      chosen.appendChild(li);
    }

    function pick(option) {
      if (chosen) {
        add(option);
        input.value = "";
      } else {
        input.value = option.dataset.name;
        hidden.value = option.dataset.id;
      }
      close();
      status.textContent = "";
    }

    function show(items) {
      list.innerHTML = "";
      active = -1;
      items.forEach(function (item, index) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.id = list.id + "-" + index;
        li.dataset.id = item.id;
        li.dataset.name = item.name;
        li.dataset.code = item.tax_code || "";
        li.appendChild(document.createTextNode(item.name));
        if (item.tax_code) {
          var code = document.createElement("small");
          code.className = "ag-lookup__code";
          code.textContent = item.tax_code;
          li.appendChild(code);
        }
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = items.length
        ? box.dataset.count.replace("%(count)s", items.length)
        : box.dataset.none;
    }

    input.addEventListener("input", function () {
      // The typed text no longer names the chosen party: the server reads it.
      if (hidden) hidden.value = "";
      clearTimeout(timer);
      var text = input.value.trim();
      if (!text) { close(); status.textContent = ""; return; }
      timer = setTimeout(function () {
        asked = text;
        fetch(box.dataset.lookupUrl + "?q=" + encodeURIComponent(text), {
          headers: { "Accept": "application/json" },
          credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (input.value.trim() === asked) show(data.results || []); })
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
        highlight(next);
      } else if (event.key === "Enter" && active >= 0) {
        // Enter chooses; the next Enter submits the filters.
        event.preventDefault();
        pick(all[active]);
      }
    });

    // mousedown, not click: the input's blur must not close the list first.
    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest && event.target.closest("[role=option]");
      if (!option) return;
      event.preventDefault();
      pick(option);
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init() {
    document.querySelectorAll(".ag-lookup[data-lookup-url]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
