// Type-ahead for a product search box: suggestions after two characters.
// Without this script the box is a plain GET form; with it (over combobox.js),
// Enter or a click opens the chosen product, Enter alone searches the text.
//   <input data-suggest-url="/shop/tim-kiem/goi-y/" data-suggest-list="ID">
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.dataset.suggestList);
    if (!list || input.dataset.suggestReady || !window.htxCombobox) return;
    input.dataset.suggestReady = "1";
    window.htxCombobox(input, list, {
      url: input.dataset.suggestUrl,
      key: "suggestions",
      minLength: 2,
      render: function (item, li) {
        li.dataset.url = item.url;
        li.textContent = item.title;
      },
      pick: function (option) { window.location.assign(option.dataset.url); }
    });
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
