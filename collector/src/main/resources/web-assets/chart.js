// Charts from tables (uPlot): every element with data-chart-for names a table whose rows carry data-t
// (epoch seconds) and data-v (value); the table's data-lines are limits drawn as dashed lines. The
// numbers drawn are the numbers in the table, which stays one click away. Without script (or uPlot)
// the table is all there is, and enough.
(function () {
  "use strict";
  if (!window.uPlot) {
    return;
  }
  function draw(box) {
    var table = document.getElementById(box.getAttribute("data-chart-for"));
    if (!table) {
      return;
    }
    var xs = [], ys = [];
    table.querySelectorAll("tbody tr[data-t]").forEach(function (tr) {
      xs.push(Number(tr.getAttribute("data-t")));
      ys.push(Number(tr.getAttribute("data-v")));
    });
    var unit = table.getAttribute("data-unit") || "";
    var data = [xs, ys];
    var series = [{}, { label: unit, stroke: "#1d70b8", width: 2, points: { show: xs.length < 60 } }];
    (table.getAttribute("data-lines") || "").split(",").filter(Boolean).forEach(function (line, i) {
      data.push(xs.map(function () { return Number(line); }));
      series.push({ label: line + " " + unit, stroke: i === 0 ? "#b58800" : "#d4351c", width: 2, dash: [8, 6],
        points: { show: false } });
    });
    var plot = null;
    function render() {
      var width = Math.max(240, box.clientWidth);
      if (plot) {
        plot.setSize({ width: width, height: 260 });
        return;
      }
      plot = new window.uPlot({
        width: width,
        height: 260,
        series: series,
        legend: { show: false },
        axes: [{}, { size: 60 }],
        scales: { x: { time: true } }
      }, data, box);
    }
    render();
    window.addEventListener("resize", render);
  }
  document.querySelectorAll("[data-chart-for]").forEach(draw);
})();
