/* The scheduler's page: while a run is queued or running, poll its status
   (JSON) and move the progress bar; reload once it has finished, to show
   the outcome and the new counts. The table schedule's print button.
   No inline script (CSP): everything is wired here. */
(function () {
  "use strict";
  var job = document.getElementById("schedule-job");
  if (job && job.dataset.running && window.fetch) {
    var progress = document.getElementById("schedule-progress");
    var text = document.getElementById("schedule-progress-text");
    var label = document.getElementById("schedule-status-label");
    var poll = function () {
      fetch(job.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) { window.setTimeout(poll, 5000); return; }
          label.textContent = status.label;
          progress.value = status.percent;
          progress.textContent = status.percent + " %";
          text.textContent = status.percent + " %";
          if (!status.running) { window.setTimeout(function () { window.location.reload(); }, 800); return; }
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 500);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
