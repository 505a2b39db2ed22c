// Dashboard bar chart: claims per kind, stacked by review status, drawn as plain SVG.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg"; // XML namespace identifier, never fetched
  var COLOURS = { pending: "#f59e0b", approved: "#16a34a", rejected: "#dc2626", superseded: "#9ca3af" };
  var LABELS = {
    device_find: "Device finds", casualties: "Casualties", land_release: "Land release",
    inspection: "Inspections", allegation: "Allegations"
  };

  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function draw(host, data) {
    var kinds = data.kinds, statuses = data.statuses, counts = data.counts;
    var totals = kinds.map(function (k) {
      return statuses.reduce(function (sum, s) { return sum + (counts[k][s] || 0); }, 0);
    });
    var max = Math.max.apply(null, totals.concat([1]));
    var width = 560, left = 110, right = 48, barH = 24, gap = 12, top = 30;
    var height = top + kinds.length * (barH + gap);
    var scale = (width - left - right) / max;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Claims by kind and review status" });
    svg.appendChild(el("title", {}, "Claims by kind and review status"));

    var x = left;
    statuses.forEach(function (s) {
      svg.appendChild(el("rect", { x: x, y: 4, width: 11, height: 11, rx: 2, fill: COLOURS[s] || "#64748b" }));
      svg.appendChild(el("text", { x: x + 15, y: 14, "class": "legend-text" }, s));
      x += 24 + s.length * 7;
    });
    svg.appendChild(el("line", { x1: left, y1: top - 6, x2: left, y2: height - gap / 2, "class": "axis" }));

    kinds.forEach(function (kind, i) {
      var y = top + i * (barH + gap);
      svg.appendChild(el("text", { x: left - 8, y: y + barH / 2 + 4, "text-anchor": "end", "class": "bar-label" },
        LABELS[kind] || kind));
      var offset = left;
      statuses.forEach(function (s) {
        var n = counts[kind][s] || 0;
        if (!n) return;
        var w = Math.max(n * scale, 1.5);
        var rect = el("rect", { x: offset, y: y, width: w, height: barH, fill: COLOURS[s] || "#64748b",
          "class": "seg", "data-kind": kind, "data-status": s });
        rect.appendChild(el("title", {}, (LABELS[kind] || kind) + ", " + s + ": " + n));
        svg.appendChild(rect);
        offset += w;
      });
      svg.appendChild(el("text", { x: offset + 6, y: y + barH / 2 + 4, "class": "bar-value" },
        totals[i].toLocaleString("en")));
    });
    host.appendChild(svg);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var host = document.getElementById("chart");
    var source = document.getElementById("chart-data");
    if (host && source) draw(host, JSON.parse(source.textContent));
  });
})();
