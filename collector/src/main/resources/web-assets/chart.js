// Charts from tables (uPlot): every element with data-chart-for names a table whose rows carry data-t
// (epoch seconds) and data-v (value); the table's data-lines are limits drawn as dashed lines. The
// numbers drawn are the numbers in the table, which stays one click away. Without script (or uPlot)
// the table is all there is, and enough. Axes speak the page's language and the site's time zone
// (the table's data-zone), as the table does: uPlot alone would write "8:20pm" in the browser's zone.
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
    var lang = document.documentElement.lang || "de";
    var zone = table.getAttribute("data-zone") || undefined;
    var numbers = new Intl.NumberFormat(lang);
    function dates(options) {
      return new Intl.DateTimeFormat(lang, Object.assign({ timeZone: zone }, options));
    }
    var hourMinute = dates({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var dayMonth = dates({ day: "2-digit", month: "2-digit" });
    var monthYear = dates({ month: "short", year: "numeric" });
    // below a day between ticks: the time, with the date under the first tick of each day
    function timeTicks(u, splits, axis, space, increment) {
      var lastDay = null;
      return splits.map(function (s) {
        var d = new Date(s * 1000);
        if (increment >= 28 * 86400) {
          return monthYear.format(d);
        }
        var day = dayMonth.format(d);
        if (increment >= 86400) {
          return day;
        }
        var label = hourMinute.format(d) + (day !== lastDay ? "\n" + day : "");
        lastDay = day;
        return label;
      });
    }
    function valueTicks(u, splits) {
      return splits.map(function (v) { return numbers.format(v); });
    }
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
        padding: [12, 28, 0, 0],
        axes: [{ values: timeTicks, space: 60 }, { size: 60, values: valueTicks }],
        // one point (or all at one time) has no width: give it an hour each side, or uPlot spans years
        scales: { x: { time: true, range: function (u, min, max) {
          return min === max ? [min - 3600, max + 3600] : [min, max];
        } } },
        tzDate: zone ? function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), zone); } : undefined
      }, data, box);
    }
    render();
    window.addEventListener("resize", render);
  }
  document.querySelectorAll("[data-chart-for]").forEach(draw);
})();
