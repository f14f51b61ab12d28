/* Import with progress: upload through XMLHttpRequest so the browser reports
   how much of a large file has gone, then show the row errors or follow the
   redirect. Without JavaScript the form posts normally. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("import-form");
  if (!form || !window.FormData) { return; }
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  var box = document.getElementById("import-errors");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.setRequestHeader("X-Requested-With", "fetch");
    bar.hidden = false; bar.value = 0; box.innerHTML = "";
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
      bar.hidden = true; text.textContent = "";
      var div = document.createElement("div");
      div.className = "ag-errors"; div.setAttribute("role", "alert");
      var p = document.createElement("p"); p.textContent = script.dataset.failed; div.appendChild(p);
      var ul = document.createElement("ul");
      body.errors.forEach(function (message) { var li = document.createElement("li"); li.textContent = message; ul.appendChild(li); });
      div.appendChild(ul); box.appendChild(div);
    };
    xhr.send(new FormData(form));
  });
})();
