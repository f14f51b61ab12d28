// Small page behaviours set by data attributes, in place of inline event
// handlers (onclick=, onchange=...), which the Content-Security-Policy blocks.
//   data-submit-on-change   on a <select>: submit its form when it changes
//   data-navigate-on-change on a <select>: go to the chosen option's value
//   data-print              on a button: print the page
//   data-history-back       on a link: go back one page
//   data-confirm="..."      on a <form>: ask before submitting
//   data-progress-width/-left="42" on a bar: its width / offset in percent
//                            (set from script: style attributes are refused)
(function () {
  "use strict";
  function percent(value) {
    var number = parseFloat(String(value).replace(",", "."));
    return isNaN(number) ? 0 : Math.max(0, Math.min(100, number));
  }
  function setBars() {
    document.querySelectorAll("[data-progress-width]").forEach(function (bar) {
      bar.style.width = percent(bar.dataset.progressWidth) + "%";
    });
    document.querySelectorAll("[data-progress-left]").forEach(function (mark) {
      mark.style.left = percent(mark.dataset.progressLeft) + "%";
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setBars);
  } else {
    setBars();
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches) return;
    if (target.matches("[data-submit-on-change]") && target.form) {
      target.form.submit();
    } else if (target.matches("[data-navigate-on-change]") && target.value) {
      window.location.assign(target.value);
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-print], [data-history-back]");
    if (!target) return;
    event.preventDefault();
    if (target.hasAttribute("data-print")) {
      window.print();
    } else {
      window.history.back();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
