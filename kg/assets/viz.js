// Inspection KG page script: draws the network, the side panel, filters, legend and the test report.
// All report text arrives either as plain text (vis tooltips set innerText) or as HTML built in Python
// from escaped pieces only (node.info); nothing else here writes HTML from data.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (ev) { errors.push(String(ev.message || ev)); });
  window.addEventListener("unhandledrejection", function (ev) { errors.push("rejection: " + String(ev.reason)); });
  var consoleError = console.error;
  console.error = function () {
    errors.push(Array.prototype.map.call(arguments, String).join(" "));
    return consoleError.apply(console, arguments);
  };

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgNetwork = network;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // Side panel: node.info is escaped HTML made by kg/viz.py (info_html).
  var details = document.getElementById("kg-details");
  function showDetails(id) {
    var n = nodes.get(id);
    if (!n) return;
    details.innerHTML = n.info;
  }
  network.on("click", function (p) { if (p.nodes.length) showDetails(p.nodes[0]); });

  // Timeline axis and lanes, drawn under the network in canvas coordinates.
  network.on("beforeDrawing", function (ctx) {
    var ax = data.axis, i;
    ctx.save();
    for (i = 0; i < ax.lanes.length; i++) {
      var lane = ax.lanes[i];
      ctx.fillStyle = i % 2 ? "#f4f6f7" : "#fbfcfc";
      ctx.fillRect(ax.left, lane.top, ax.right - ax.left, lane.bottom - lane.top);
    }
    var top = ax.lanes.length ? ax.lanes[0].top : 0;
    var bottom = ax.lanes.length ? ax.lanes[ax.lanes.length - 1].bottom : 100;
    // Year labels keep a readable size at any zoom.
    var px = 13 / network.getScale();
    ctx.strokeStyle = "#cfd8dc"; ctx.fillStyle = "#546e7a"; ctx.font = px + "px sans-serif";
    ctx.lineWidth = 1 / network.getScale();
    for (i = 0; i < ax.ticks.length; i++) {
      var t = ax.ticks[i];
      ctx.beginPath(); ctx.moveTo(t.x, top - px); ctx.lineTo(t.x, bottom); ctx.stroke();
      ctx.fillText(t.label, t.x + px / 4, top - px / 2);
    }
    ctx.restore();
  });

  // Filters: by authority, status and node kind.
  var state = { authority: {}, status: {}, kind: {} };
  function visible(n) {
    if (state.kind[n.kind] === false) return false;
    if (state.authority[n.authority] === false) return false;
    if (n.status && state.status[n.status] === false) return false;
    return true;
  }
  function applyFilters() {
    var updates = nodes.get().map(function (n) { return { id: n.id, hidden: !visible(n) }; });
    nodes.update(updates);
  }
  function checkbox(group, key, label, parent) {
    var l = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true;
    box.dataset.group = group; box.dataset.key = key;
    box.addEventListener("change", function () { state[group][key] = box.checked; applyFilters(); });
    l.appendChild(box); l.appendChild(document.createTextNode(" " + label));
    parent.appendChild(l);
  }
  var filters = document.getElementById("kg-filters");
  filters.appendChild(el("h2", "Filters"));
  filters.appendChild(el("div", "Authority", "kg-hint"));
  data.authorities.forEach(function (a) { checkbox("authority", a.iri, a.label, filters); });
  filters.appendChild(el("div", "Status", "kg-hint"));
  data.legend.statuses.forEach(function (s) { checkbox("status", s.label, s.label, filters); });
  filters.appendChild(el("div", "Kind", "kg-hint"));
  data.kinds.forEach(function (k) { checkbox("kind", k, k, filters); });

  // Legend.
  var legend = document.getElementById("kg-legend");
  legend.appendChild(el("h2", "Legend"));
  function swatch(colour, label) {
    var d = el("div"); var s = el("span", "", "kg-swatch");
    s.style.background = colour; d.appendChild(s); d.appendChild(document.createTextNode(label));
    legend.appendChild(d);
  }
  legend.appendChild(el("div", "Judgement grade (rank)", "kg-hint"));
  data.legend.grades.forEach(function (g) { swatch(g.colour, g.label); });
  legend.appendChild(el("div", "Recommendation status", "kg-hint"));
  data.legend.statuses.forEach(function (s) { swatch(s.colour, s.label); });
  legend.appendChild(el("div", "Shapes", "kg-hint"));
  var shapeWords = { box: "box", diamond: "diamond", dot: "circle", square: "square", triangle: "triangle",
                     triangleDown: "triangle (down)" };
  data.legend.kinds.forEach(function (k) { legend.appendChild(el("div", k.kind + ": " + shapeWords[k.shape])); });
  legend.appendChild(el("div", "Lines", "kg-hint"));
  [["#e65100", "carries forward (later \u2192 earlier)"], ["#78909c", "status assessment"],
   ["#90a4ae", "next inspection"]].forEach(function (x) {
    var d = el("div"); var s = el("span", "", "kg-line");
    s.style.borderTop = "3px solid " + x[0]; d.appendChild(s); d.appendChild(document.createTextNode(x[1]));
    legend.appendChild(d);
  });

  // Test hook: counts, painted pixels and errors, written once the network has drawn.
  function painted() {
    var canvas = container.querySelector("canvas");
    if (!canvas || !canvas.width) return 0;
    var px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data, count = 0;
    for (var i = 3; i < px.length; i += 16) if (px[i] > 0) count++;
    return count;
  }
  function report() {
    var selftest = location.hash === "#selftest", hiddenByKind = {};
    if (selftest) {
      // Render every node's panel (so injected markup would run now) and exercise the kind filter.
      nodes.getIds().forEach(showDetails);
      data.kinds.forEach(function (k) {
        state.kind[k] = false; applyFilters();
        hiddenByKind[k] = nodes.get({ filter: function (n) { return n.hidden; } }).length;
        state.kind[k] = true; applyFilters();
      });
    }
    var out = {
      nodes: network.body.nodeIndices.length,
      edges: network.body.edgeIndices.length,
      dataNodes: nodes.length, dataEdges: edges.length,
      painted: painted(), hiddenByKind: hiddenByKind,
      marker: String(window.kgMarker), errors: errors
    };
    document.getElementById("kg-test-report").textContent = JSON.stringify(out);
  }
  var reported = false;
  network.once("afterDrawing", function () {
    network.fit();
    network.moveTo({ scale: network.getScale() * 0.9 });  // fit() ignores labels: leave them room
    setTimeout(function () { if (!reported) { reported = true; report(); } }, 300);
  });
  setTimeout(function () {
    if (!reported) { reported = true; errors.push("network never drew"); report(); }
  }, 5000);
})();
