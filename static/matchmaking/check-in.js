/* Check-in scanner: reads a badge's QR code with the phone's camera through
   the browser's BarcodeDetector and opens its check-in page. The QR holds
   the absolute check-in address (or, on old badges, the bare code). Where
   the browser has no BarcodeDetector the section stays hidden and staff
   type the code. No inline script: the page's CSP forbids it. */
(function () {
  "use strict";
  var section = document.querySelector("[data-check-in-scanner]");
  if (!section || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var prefix = section.getAttribute("data-badge-prefix");
  var video = section.querySelector("[data-scan-video]");
  var status = section.querySelector("[data-scan-status]");
  var start = section.querySelector("[data-scan-start]");
  var messages = section.querySelector("[data-scan-messages]");

  function message(key) {
    var node = messages && messages.content.querySelector('[data-msg="' + key + '"]');
    return node ? node.textContent : "";
  }

  function target(value) {
    var url;
    try {
      url = new URL(value, window.location.href);
    } catch (error) {
      url = null;
    }
    // Only this site's check-in pages: a QR code is untrusted input.
    if (url && url.origin === window.location.origin && url.pathname.indexOf(prefix) === 0) {
      return url.pathname;
    }
    if (/^[A-Za-z0-9_-]{4,32}$/.test(value)) {
      return prefix + encodeURIComponent(value) + "/";
    }
    return null;
  }

  section.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        status.textContent = message("starting");
        return video.play().then(function () {
          function scan() {
            detector
              .detect(video)
              .then(function (codes) {
                for (var i = 0; i < codes.length; i += 1) {
                  var path = target(codes[i].rawValue);
                  if (path) {
                    stream.getTracks().forEach(function (track) {
                      track.stop();
                    });
                    window.location.assign(path);
                    return;
                  }
                }
                window.requestAnimationFrame(scan);
              })
              .catch(function () {
                window.setTimeout(scan, 300);
              });
          }
          scan();
        });
      })
      .catch(function () {
        status.textContent = message("denied");
      });
  });
})();
