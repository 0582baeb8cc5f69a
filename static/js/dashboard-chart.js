// The office dashboard's chart of inspections approved per month, drawn from the table's data.
(function () {
  function draw() {
    var canvas = document.getElementById("monthly-chart");
    var source = document.getElementById("monthly-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    if (canvas._chart) canvas._chart.destroy();
    canvas._chart = new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: data.title, data: data.counts }] },
      options: { plugins: { legend: { display: false } } },
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
