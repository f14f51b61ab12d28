// Type-ahead for the register's business and cooperative boxes.
// Without this script the box is a plain text field: the server reads the
// typed name or tax code. With it, the box is a combobox (combobox.js) over the
// look-up URL: Enter or a click chooses (the
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
    if (!window.htxCombobox) return;
    box.dataset.lookupReady = "1";

    function code(item, element) {
      if (!item.tax_code) return;
      var small = document.createElement("small");
      small.className = "ag-lookup__code";
      small.textContent = item.tax_code;
      element.appendChild(small);
    }

    function add(option) {
      var existing = chosen.querySelector("input[value='" + option.dataset.id + "']");
      if (existing) { existing.checked = true; return; }
      var li = document.createElement("li");
      var label = document.createElement("label");
      var tick = document.createElement("input");
      tick.type = "checkbox";
      tick.name = box.dataset.name;
      tick.value = option.dataset.id;
      tick.checked = true;
      label.appendChild(tick);
      label.appendChild(document.createTextNode(" " + option.dataset.name + " "));
      code({ tax_code: option.dataset.code }, label);
      li.appendChild(label);
      chosen.appendChild(li);
    }

    window.htxCombobox(input, list, {
      url: box.dataset.lookupUrl,
      key: "results",
      render: function (item, li) {
        li.dataset.id = item.id;
        li.dataset.name = item.name;
        li.dataset.code = item.tax_code || "";
        li.appendChild(document.createTextNode(item.name));
        code(item, li);
      },
      // Enter chooses; the next Enter submits the filters.
      pick: function (option) {
        if (chosen) {
          add(option);
          input.value = "";
        } else {
          input.value = option.dataset.name;
          hidden.value = option.dataset.id;
        }
        status.textContent = "";
      },
      // The typed text no longer names the chosen party: the server reads it.
      onInput: function (text) {
        if (hidden) hidden.value = "";
        if (!text) status.textContent = "";
      },
      onShow: function (items) {
        status.textContent = items.length
          ? box.dataset.count.replace("%(count)s", items.length)
          : box.dataset.none;
      }
    });
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
