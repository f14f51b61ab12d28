/* The agreements import.
   Upload page: send the file through XMLHttpRequest so the browser reports
   how much has gone, then open the import's own page (the server checks the
   rows in the background). Without JavaScript the form posts normally.
   Import page: while the job runs, poll its status (JSON) and move the
   progress bar; reload once it has finished, to show the preview, the
   errors or the outcome. */
(function () {
  "use strict";
  var script = document.currentScript;

  var form = document.getElementById("import-form");
  if (form && window.FormData) {
    var bar = document.getElementById("import-progress");
    var text = document.getElementById("import-progress-text");
    var box = document.getElementById("import-errors");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "fetch");
      bar.hidden = false; bar.value = 0; box.textContent = "";
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * e.loaded / e.total);
          text.textContent = script.dataset.uploading + " " + bar.value + " %";
        }
      };
      xhr.upload.onload = function () { bar.removeAttribute("value"); text.textContent = script.dataset.checking; };
      xhr.onload = function () {
        var body;
        try { body = JSON.parse(xhr.responseText); } catch (err) { form.submit(); return; }
        if (body.ok) { window.location = body.redirect; return; }
        if (button) { button.disabled = false; }
        bar.hidden = true; text.textContent = "";
        var div = document.createElement("div");
        div.className = "ag-errors"; div.setAttribute("role", "alert");
        var p = document.createElement("p"); p.textContent = script.dataset.failed; div.appendChild(p);
        var ul = document.createElement("ul");
        (body.errors || []).forEach(function (message) {
          var li = document.createElement("li"); li.textContent = message; ul.appendChild(li);
        });
        div.appendChild(ul); box.appendChild(div);
      };
      xhr.onerror = function () { form.submit(); };
      xhr.send(new FormData(form));
    });
  }

  var job = document.getElementById("import-job");
  if (job && job.dataset.running && window.fetch) {
    var progress = document.getElementById("import-progress");
    var progressText = document.getElementById("import-progress-text");
    var label = document.getElementById("import-status-label");
    var poll = function () {
      fetch(job.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (status) {
          if (!status) { window.setTimeout(poll, 5000); return; }
          if (!status.running) { window.location.reload(); return; }
          label.textContent = status.label;
          progress.value = status.percent;
          progress.textContent = status.percent + " %";
          progressText.textContent = script.dataset.progress
            .replace("{done}", status.rows_done).replace("{total}", status.rows_total);
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1000);
  }
})();
