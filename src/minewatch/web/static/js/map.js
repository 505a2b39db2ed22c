// Map: offline country outlines (no tile server), the areas records are located to (a
// district, a province: drawn as the gazetteer's polygon when it has one) and located claims
// as points, from the GeoJSON API.
(function () {
  "use strict";
  var COLOURS = {
    device_find: "#d97706", casualties: "#dc2626", land_release: "#16a34a",
    inspection: "#2563eb", allegation: "#9333ea"
  };

  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: "application/json, application/geo+json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  function popup(feature, documentsUrl) {
    var p = feature.properties, box = document.createElement("div");
    var kind = document.createElement("div");
    kind.className = "popup-kind";
    kind.textContent = p.kind.replace("_", " ") + " · " + p.status;
    var fig = document.createElement("div");
    fig.className = "popup-figure";
    fig.textContent = p.figure;
    box.appendChild(kind);
    box.appendChild(fig);
    [p.place, p.date, p.authority].forEach(function (line) {
      if (!line) return;
      var d = document.createElement("div");
      d.textContent = line;
      box.appendChild(d);
    });
    var a = document.createElement("a");
    a.href = documentsUrl + p.document_id + "#claim-" + feature.id;
    a.textContent = "Open the document";
    box.appendChild(a);
    return box;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function areaTooltip(feature) {
    var p = feature.properties, box = document.createElement("div");
    var title = document.createElement("div");
    title.className = "popup-kind";
    title.textContent = p.name + " (area)";
    box.appendChild(title);
    var kinds = Object.keys(p.records_by_kind || {}).sort().map(function (k) {
      return p.records_by_kind[k] + " " + k.replace("_", " ");
    });
    var line = document.createElement("div");
    line.textContent = plural(p.records, "record") + (kinds.length ? " (" + kinds.join(", ") + ")" : "") +
      (p.pending ? ", " + plural(p.pending, "pending fact") : "") + " located to the whole area";
    box.appendChild(line);
    return box;
  }

  function drawAreas(map, url) {
    return fetchJSON(url).then(function (fc) {
      var features = fc.features || [];
      if (!features.length) return null;
      var layer = L.geoJSON(fc, {
        style: {
          color: "#b45309", weight: 1.5, dashArray: "4 3", fillColor: "#f59e0b", fillOpacity: 0.12, className: "map-area"
        },
        onEachFeature: function (f, l) { l.bindTooltip(areaTooltip(f), { sticky: true }); }
      }).addTo(map);
      return layer;
    }).catch(function (e) {
      console.warn("record areas unavailable:", e.message);
      return null;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var host = document.getElementById("map");
    if (!host || typeof L === "undefined") return;
    var map = L.map(host, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 }).setView([25, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
    var notice = document.getElementById("map-notice");
    var count = document.getElementById("map-count");

    fetchJSON(host.dataset.outlines).then(function (geo) {
      L.geoJSON(geo, {
        style: { color: "#7b8794", weight: 0.7, fillColor: "#f8f5ee", fillOpacity: 1 },
        onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, { sticky: true }); }
      }).addTo(map).bringToBack();
      host.classList.add("outlines-ready");
    }).catch(function (e) { console.warn("country outlines unavailable:", e.message); });

    var areas = host.dataset.areas ? drawAreas(map, host.dataset.areas) : Promise.resolve(null);

    Promise.all([fetchJSON(host.dataset.claims), areas]).then(function (loaded) {
      var fc = loaded[0], areaLayer = loaded[1];
      var features = fc.features || [];
      if (!features.length) {
        if (areaLayer) map.fitBounds(areaLayer.getBounds(), { padding: [40, 40], maxZoom: 8 });
        notice.hidden = false;
        return;
      }
      var layer = L.geoJSON(fc, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, {
            radius: 7, weight: 1.5, color: "#fff", fillOpacity: 0.9, fillColor: COLOURS[f.properties.kind] || "#475569"
          });
        },
        onEachFeature: function (f, l) { l.bindPopup(popup(f, host.dataset.documents)); }
      }).addTo(map);
      var bounds = layer.getBounds();
      if (areaLayer) bounds.extend(areaLayer.getBounds());
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 8 });
      count.hidden = false;
      count.textContent = features.length + " of " + fc.numberMatched + " located claims shown" +
        (areaLayer ? "; " + plural(areaLayer.getLayers().length, "area") + " of area-level records" : "");
    }).catch(function (e) {
      notice.hidden = false;
      notice.textContent = "Claims could not be loaded: " + e.message;
    });
  });
})();
