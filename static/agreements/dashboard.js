/* Dashboard charts, drawn with the vendored Chart.js. Clicking a cooperative's
   bar opens the filtered list behind it. */
(function () {
  "use strict";
  var node = document.getElementById("chart-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var green = "#1b5e20", amber = "#f9a825";
  function bar(id, series, label, onClick) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "bar",
      data: { labels: series.labels, datasets: [{ label: label, data: series.values, backgroundColor: green }] },
      options: {
        indexAxis: "y", responsive: true,
        scales: { x: { min: 0, max: 100 } },
        onClick: onClick
      }
    });
  }
  var time = document.getElementById("chart-time");
  if (time) {
    new Chart(time, {
      type: "line",
      data: { labels: data.time.labels, datasets: [{ label: data.label_delivered, data: data.time.values, borderColor: green, backgroundColor: amber, fill: false, tension: 0.2 }] },
      options: { responsive: true, scales: { y: { beginAtZero: true } } }
    });
  }
  bar("chart-coop", data.coop, data.label_percent, function (event, elements) {
    if (elements.length) { window.location = data.coop.links[elements[0].index]; }
  });
  bar("chart-product", data.product, data.label_percent);
})();
