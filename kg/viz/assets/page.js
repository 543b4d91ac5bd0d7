// Inspection KG page: per council, the tracker table beside the timeline of its asks; choosing an ask or
// an inspection opens its evidence trail below. Every piece of report text reaches the page through
// textContent or an SVG <title>'s textContent: nothing here writes HTML from data.
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (ev) { errors.push(String(ev.message || ev)); });
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var ROW_LABEL = 18, AXIS_TOP = 16, PAD_LEFT = 14, PAD_RIGHT = 14;
  var main = document.getElementById("kg-main");
  var trail = document.getElementById("kg-trail");
  var askById = {}, inspById = {}, councilOf = {}, sectionOf = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function tip(node, text) { var t = svg("title", {}, node); t.textContent = text; return node; }
  function colour(status) { return data.colours.status[status] || "#9e9e9e"; }
  function gradeColour(grade) { return grade ? data.colours.grade[grade.rank] : "#9fa8da"; }
  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }
  function named(date, what) { return date ? what + " " + date : ""; }

  data.councils.forEach(function (c) {
    c.asks.forEach(function (a) { askById[a.id] = a; councilOf[a.id] = c; });
    c.inspections.forEach(function (i) { inspById[i.id] = i; councilOf[i.id] = c; });
  });

  // ------------------------------------------------------------------------------------------- councils
  function statusBadge(a) {
    var byAnalyst = a.verdict && a.verdict.statusKey, reread = !byAnalyst && a.reread;
    var b = el("span", a.statusWords + (byAnalyst ? " \u2713" : reread ? " *" : ""), "kg-status kg-" + a.status);
    if (a.status !== "Unknown") b.style.background = colour(a.status);
    if (byAnalyst) b.title = "an analyst's verdict; the machine's reading: " + a.machineStatusWords;
    if (reread) b.title = a.reread.words + "; its reading of all the evidence: " + a.machineStatusWords;
    return b;
  }
  function verdictWords(v) {
    return (v.action === "set" ? "set as " + v.status : v.action === "confirm" ? "confirmed " + v.status :
      "the machine's reading rejected") + " by " + v.by + " on " + v.when;
  }
  function counts(c) {
    var s = el("span", c.asks.length + " asks, " + c.inspections.length + " inspections " +
      c.inspections[0].date.slice(0, 4) + "\u2013" + c.inspections[c.inspections.length - 1].date.slice(0, 4) + ":",
      "kg-counts");
    data.statuses.forEach(function (st) {
      if (!c.counts[st.key]) return;
      var i = el("i"); i.style.background = st.colour; s.appendChild(i);
      s.appendChild(document.createTextNode(c.counts[st.key] + " " + st.words));
    });
    return s;
  }
  function council(c, open) {
    var sec = el("section", null, "kg-council" + (open ? "" : " kg-closed"));
    sec.id = "council-" + c.id;
    sec.dataset.name = c.label.toLowerCase();
    var h = el("h2"); h.appendChild(document.createTextNode(c.label)); h.appendChild(counts(c));
    h.addEventListener("click", function () { toggle(c, sec); });
    sec.appendChild(h);
    sectionOf[c.id] = sec;
    main.appendChild(sec);
    if (open) draw(c, sec);
  }
  function toggle(c, sec, open) {
    var wantOpen = open === undefined ? sec.classList.contains("kg-closed") : open;
    sec.classList.toggle("kg-closed", !wantOpen);
    if (wantOpen && !sec.querySelector(".kg-grid")) draw(c, sec);
    var grid = sec.querySelector(".kg-grid");
    if (grid) grid.hidden = !wantOpen;
  }

  // ---------------------------------------------------------------------------------------- the tracker
  var COLUMNS = [
    ["Ask (topic)", "30%"], ["For", "10%"], ["Made (inspection)", "94px"], ["Due", "94px"], ["Status", "128px"],
    ["Latest evidence (dated)", "auto"], ["Carried forward by", "12%"]
  ];
  function table(c, headHeight) {
    // A column no ask of the council fills is left out: its room goes to the words.
    var verdicts = c.asks.some(function (a) { return a.verdict; });
    var dues = c.asks.some(function (a) { return a.due || a.timescale; });
    var cols = COLUMNS.filter(function (col) { return dues || col[0] !== "Due"; });
    if (verdicts) cols = cols.concat([["Analyst's verdict", "11%"]]);
    var t = el("table", null, "kg-tracker"), cg = el("colgroup"), thead = el("thead"), tr = el("tr");
    cols.forEach(function (col) { var x = el("col"); x.style.width = col[1]; cg.appendChild(x);
      var th = el("th", col[0]); th.style.height = headHeight + "px"; tr.appendChild(th); });
    t.appendChild(cg); thead.appendChild(tr); t.appendChild(thead);
    var body = el("tbody");
    c.asks.forEach(function (a) {
      var row = el("tr"); row.dataset.ask = a.id; row.id = "row-" + a.id;
      var topic = el("td", null, "kg-topic"), span = el("span", a.title, "kg-ask-label");
      topic.appendChild(span); topic.title = a.text; row.appendChild(topic);
      row.appendChild(cell(a.for, a.for));
      row.appendChild(cell(a.made, "made by the " + a.madeBy + " inspection, which " + a.madeWhen + " " + a.made));
      if (dues) row.appendChild(cell(a.due || (a.timescale ? clip(a.timescale, 20) : ""),
        a.due ? "due " + a.due + (a.overdue ? ", overdue" : "") : a.timescale));
      var st = el("td"); st.appendChild(statusBadge(a)); row.appendChild(st);
      var latest = a.latest ? find(a.assessments, a.latest) : null;
      row.appendChild(latest ? cell(latest.dated + ": \u201c" + latest.quote + "\u201d",
        latest.dated + ", " + latest.evidence + ": " + latest.quote) : cell("\u2014", "no later document speaks of it", "kg-muted"));
      row.appendChild(cell(a.carriedForwardBy.map(function (id) { return askById[id].madeBy; }).join(", ") || "\u2014",
        a.carriedForwardBy.map(function (id) { return askById[id].madeBy + ": " + askById[id].title; }).join("\n"),
        a.carriedForwardBy.length ? "" : "kg-muted"));
      if (verdicts) row.appendChild(cell(a.verdict ? verdictWords(a.verdict) : "", a.verdict ? a.verdict.note : ""));
      row.addEventListener("click", function () { chooseAsk(a.id); });
      body.appendChild(row);
    });
    t.appendChild(body);
    return t;
  }
  function cell(text, title, cls) {
    var td = el("td", text, cls);
    if (title) td.title = title;
    return td;
  }
  function find(list, id) { for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i]; return null; }

  // --------------------------------------------------------------------------------------- the timeline
  function draw(c, sec) {
    var grid = el("div", null, "kg-grid");
    var head = AXIS_TOP + 8 + c.levels * ROW_LABEL + 16;
    var t = table(c, head);
    grid.appendChild(t);
    var width = data.axis.width + PAD_LEFT + PAD_RIGHT;
    var s = svg("svg", { "class": "kg-timeline", width: width, role: "img" });
    s.setAttribute("aria-label", "Timeline of " + c.label + "'s inspections and asks");
    grid.appendChild(s);
    sec.appendChild(grid);
    var top = t.getBoundingClientRect().top;
    var rows = Array.prototype.map.call(t.tBodies[0].rows, function (r) {
      var b = r.getBoundingClientRect(); return { id: r.dataset.ask, y: b.top - top, h: b.height };
    });
    var height = Math.ceil(t.getBoundingClientRect().height) + 4;
    s.setAttribute("height", height);
    var g = svg("g", { transform: "translate(" + PAD_LEFT + ",0)" }, s);
    data.axis.ticks.forEach(function (tk) {
      svg("line", { "class": "kg-tick", x1: tk.x, x2: tk.x, y1: AXIS_TOP + 2, y2: height }, g);
      if (tk.x + 36 > data.axis.width + PAD_RIGHT) return;  // the axis's last year: no room for its label
      var lab = svg("text", { x: tk.x + 3, y: AXIS_TOP - 2, "class": "kg-tick-label" }, g);
      lab.textContent = tk.label;
    });
    var axisY = head - 9;
    svg("line", { x1: 0, x2: data.axis.width, y1: axisY, y2: axisY, stroke: "#90a4ae" }, g);
    var y = {};
    rows.forEach(function (r) { y[r.id] = r; });
    c.asks.forEach(function (a) { drawAsk(a, y[a.id], g); });
    c.asks.forEach(function (a) {
      a.carriesForward.forEach(function (e) {
        var from = askById[e], y0 = y[e].y + y[e].h / 2, y1 = y[a.id].y + y[a.id].h / 2, mid = (from.x + a.x) / 2;
        var p = svg("path", { "class": "kg-cf", "data-chain": a.chain.join(" "),
          d: "M" + from.x + " " + y0 + " C " + mid + " " + y0 + ", " + mid + " " + y1 + ", " + a.x + " " + y1 }, g);
        tip(p, a.title + " (" + a.madeBy + ") carries forward " + from.title + " (" + from.madeBy + ")");
      });
    });
    function labelY(i) { return axisY - 12 - i.level * ROW_LABEL; }  // level 0 is the row next to the axis
    c.inspections.forEach(function (i) {  // every line first, so that no line is drawn over a label
      svg("line", { "class": "kg-insp-line", x1: i.x, x2: i.x, y1: axisY, y2: height }, g);
      svg("line", { x1: i.x, x2: i.x, y1: labelY(i) + 3, y2: axisY, stroke: "#9fa8da" }, g);
    });
    c.inspections.forEach(function (i) {
      var ly = labelY(i);
      var ig = svg("g", { "class": "kg-insp-g" }, g);
      tip(ig, i.kindLabel + ", " + [named(i.start, "started"), named(i.end, "ended"),
        named(i.published, "report published")].filter(Boolean).join(", ") +
        (i.grade ? "; " + i.grade.aspect + ": " + i.grade.label : ""));
      var lab = svg("text", { x: i.anchor === "end" ? i.x - 3 : i.x + 3, y: ly, "text-anchor": i.anchor,
        "class": "kg-insp-label", "data-insp": i.id }, ig);
      lab.textContent = i.label;
      svg("path", { "class": "kg-insp", "data-insp": i.id, fill: gradeColour(i.grade),
        d: "M" + i.x + " " + (axisY - 7) + " l7 7 l-7 7 l-7 -7 Z" }, ig);
      ig.addEventListener("click", function () { chooseInspection(i.id); });
    });
  }
  function drawAsk(a, row, g) {
    var cy = row.y + row.h / 2;
    var grp = svg("g", { "class": "kg-ask", "data-ask": a.id }, g);
    svg("rect", { "class": "kg-rowbg", x: -PAD_LEFT, y: row.y, width: data.axis.width + PAD_LEFT + PAD_RIGHT,
      height: row.h }, grp);
    // A doubt is no evidence of its own (it only keeps its document from closing the ask): the trail
    // lists it, the timeline does not draw it.
    var evidence = a.assessments.filter(function (s) { return s.x !== null && s.foundBy !== "Doubt"; });
    var last = evidence.reduce(function (m, s) { return s.x > m ? s.x : m; }, a.x);
    svg("line", { x1: a.x, x2: last, y1: cy, y2: cy, stroke: colour(a.status), "stroke-width": 3 }, grp);
    if (a.xDue !== null) tip(svg("line", { x1: a.xDue, x2: a.xDue, y1: cy - 8, y2: cy + 8, stroke: "#263238",
      "stroke-width": 2 }, grp), "due " + a.due);
    tip(svg("circle", { cx: a.x, cy: cy, r: 5, fill: colour(a.status), stroke: "#37474f" }, grp),
      a.title + ": made " + a.made + " (" + a.madeBy + "), " + a.statusWords);
    evidence.forEach(function (s) {
      var inspectorate = s.evidence === "inspectorate finding", r = 6;
      var m = svg("path", { d: "M" + s.x + " " + (cy - r) + " l" + r + " " + 2 * r + " l" + -2 * r + " 0 Z",
        fill: inspectorate ? colour(s.status) : "#fff", stroke: colour(s.status), "stroke-width": 1.5 }, grp);
      tip(m, s.dated + ", " + s.evidence + ", " + data.words.status[s.status] + ": " + clip(s.quote, 240));
    });
    grp.addEventListener("click", function () { chooseAsk(a.id); });
  }

  // ------------------------------------------------------------------------------------- choosing, trail
  function mark(ids, selected) {
    document.querySelectorAll(".kg-chain, .kg-selected").forEach(function (n) {
      n.classList.remove("kg-chain"); n.classList.remove("kg-selected");
    });
    var set = {};
    ids.forEach(function (id) { set[id] = true; });
    document.querySelectorAll("[data-ask]").forEach(function (n) {
      if (set[n.dataset.ask]) n.classList.add("kg-chain");
      if (n.dataset.ask === selected) n.classList.add("kg-selected");
    });
    document.querySelectorAll(".kg-cf").forEach(function (p) {
      if (selected && set[selected] && p.dataset.chain.split(" ").indexOf(selected) >= 0) p.classList.add("kg-chain");
    });
    main.classList.toggle("kg-focus", ids.length > 0);
  }
  function open(id) {
    var c = councilOf[id], sec = sectionOf[c.id];
    toggle(c, sec, true);
  }
  function chooseAsk(id) {
    var a = askById[id];
    if (!a) return;
    open(id);
    mark(a.chain, id);
    showAsk(a);
    var row = document.getElementById("row-" + id);
    if (row) row.scrollIntoView({ block: "center" });
  }
  function chooseInspection(id) {
    var i = inspById[id];
    open(id);
    mark(councilOf[id].asks.filter(function (a) { return a.inspection === id; }).map(function (a) { return a.id; }), null);
    showInspection(i);
  }
  function reset() {
    trail.hidden = true;
    mark([], null);
  }
  var side;  // the trail's second column, for the evidence
  function header(title) {
    trail.textContent = "";
    trail.hidden = false;
    var close = el("button", "Close", "kg-close");
    close.addEventListener("click", reset);
    trail.appendChild(close);
    trail.appendChild(el("h3", title));
    var cols = el("div", null, "kg-trail-cols"), first = el("div");
    side = el("div");
    cols.appendChild(first); cols.appendChild(side); trail.appendChild(cols);
    return first;
  }
  function facts(parts) { return el("p", parts.filter(Boolean).join(" \u00b7 "), "kg-facts"); }
  function linkTo(id) {
    var a = askById[id], b = el("button", a.title + " (" + a.madeBy + ", " + a.statusWords + ")", "kg-link");
    b.addEventListener("click", function () { chooseAsk(id); });
    return b;
  }
  function showAsk(a) {
    var box = header(a.title);
    var status = el("p", null, "kg-facts");
    status.appendChild(statusBadge(a));
    status.appendChild(document.createTextNode(" " + (a.statusSource ? "according to the " + a.statusSource : "") +
      (a.overdue ? " \u00b7 overdue" : "")));
    box.appendChild(status);
    var i = inspById[a.inspection];
    box.appendChild(facts([councilOf[a.id].label, "made by the " + i.kindLabel.toLowerCase() +
      (i.start ? " that started " + i.start : "") + (i.end ? " and ended " + i.end : ""),
      i.published ? "report published " + i.published : "", a.number ? "its ask no. " + a.number : "",
      a.for ? "for " + a.for : "", a.due ? "due " + a.due : "", a.timescale ? "timescale: " + a.timescale : "",
      a.reconstructed ? "rebuilt from what a later document says of it" : ""]));
    box.appendChild(el("blockquote", a.text));
    a.source.forEach(function (p) {
      box.appendChild(el("div", "written in " + p.file + (p.paragraph ? ", paragraph " + p.paragraph : ""), "kg-how"));
    });
    if (a.themes.length) box.appendChild(facts(["themes: " + a.themes.join(", ")]));
    if (a.verdict) box.appendChild(facts(["analyst's verdict: " + verdictWords(a.verdict), a.verdict.note,
      "the machine's reading: " + a.machineStatusWords]));
    if (a.reread) box.appendChild(facts([a.reread.words + ": " + data.words.status[a.reread.status],
      "its reading of all the evidence: " + a.machineStatusWords]));
    if (a.parts.length) {
      var parts = el("ol", null, "kg-parts");
      a.parts.forEach(function (p) {
        parts.appendChild(el("li", p.statusWords + ": \u201c" + p.text + "\u201d" + (p.verdict ?
          " (analyst's verdict: " + verdictWords(p.verdict) + ": " + p.verdict.note + "; the machine's reading: " +
          p.machineStatusWords + ")" : p.status !== p.machineStatus ? " (the machine's reading of all the evidence: " +
          p.machineStatusWords + ")" : "")));
      });
      box.appendChild(el("p", "Its parts (the ask stands where its parts do):", "kg-facts"));
      box.appendChild(parts);
    }
    [["Carried forward by", a.carriedForwardBy], ["Carries forward", a.carriesForward]].forEach(function (x) {
      if (!x[1].length) return;
      var p = el("p", x[0] + ": ", "kg-facts");
      x[1].forEach(function (id, k) { if (k) p.appendChild(document.createTextNode("; ")); p.appendChild(linkTo(id)); });
      box.appendChild(p);
    });
    side.appendChild(el("h4", a.assessments.length ? "Evidence, oldest first (" + a.assessments.length + ")" :
      "Evidence: no later document in the graph speaks of this ask"));
    var list = el("ol", null, "kg-evidence");
    a.assessments.forEach(function (s) {
      var li = el("li");
      li.appendChild(facts(["evidence dated " + (s.dated || "(undated)"), data.words.status[s.status], s.evidence,
        s.document + (s.paragraph ? ", paragraph " + s.paragraph : ""),
        s.contradicted ? "contradicted by a later inspectorate finding" : "",
        s.parts.length ? "on part " + s.parts.join(" and ") : "",
        s.rejected ? "rejected by an analyst: not the latest word" : ""]));
      li.appendChild(el("blockquote", s.quote, "kg-quote"));
      li.appendChild(el("div", "how it was found: " + (data.words.foundBy[s.foundBy] || "not recorded") +
        (s.confidence !== null ? "; the linker's confidence " + s.confidence.toFixed(2) : ""), "kg-how"));
      list.appendChild(li);
    });
    side.appendChild(list);
    box.appendChild(el("div", a.iri, "kg-iri"));
  }
  function showInspection(i) {
    var box = header(i.kindLabel + ", " + councilOf[i.id].label);
    box.appendChild(facts([named(i.start, "started"), named(i.end, "ended"), named(i.published, "report published")]));
    if (i.title) box.appendChild(el("blockquote", i.title));
    i.documents.forEach(function (d) {
      box.appendChild(el("div", "described in " + d.file + (d.published ? ", published " + d.published : ""), "kg-how"));
    });
    if (i.judgements.length) {
      var list = el("ul");
      i.judgements.forEach(function (j) { list.appendChild(el("li", j.aspect + ": " + j.grade)); });
      side.appendChild(el("h4", "Judgements")); side.appendChild(list);
    }
    var asks = councilOf[i.id].asks.filter(function (a) { return a.inspection === i.id; });
    var p = el("p", asks.length ? "Its asks (" + asks.length + "): " : "It made no asks the graph holds.", "kg-facts");
    asks.forEach(function (a, k) { if (k) p.appendChild(document.createTextNode("; ")); p.appendChild(linkTo(a.id)); });
    box.appendChild(p);
    box.appendChild(el("div", i.iri, "kg-iri"));
  }

  // ---------------------------------------------------------------------------------------------- start
  var openAll = data.councils.length <= data.openUpTo;
  data.councils.forEach(function (c) { council(c, openAll); });
  var find_ = document.getElementById("kg-find");
  find_.addEventListener("input", function () {
    var q = find_.value.trim().toLowerCase();
    data.councils.forEach(function (c) { sectionOf[c.id].hidden = q !== "" && sectionOf[c.id].dataset.name.indexOf(q) < 0; });
  });
  var params = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    var k = kv.split("=")[0]; if (k) params[k] = decodeURIComponent(kv.slice(k.length + 1));
  });
  var chosen = params.ask || data.focus;
  if (chosen) {
    var hit = data.councils.reduce(function (m, c) { return m || c.asks.filter(function (a) { return a.iri === chosen; })[0]; }, null);
    if (hit) chooseAsk(hit.id);
  }

  // Test hook: what a person sees at first paint, measured by the browser itself.
  function box(n) { var b = n.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }
  function visibleIn(b, area) { return b[2] > area[0] && b[0] < area[2] && b[3] > area[1] && b[1] < area[3]; }
  function labels(selector, kind) {
    var area = box(main);
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (n) {
      return n.getClientRects().length && visibleIn(box(n), area);
    }).map(function (n) {
      return { kind: kind, text: n.textContent, px: parseFloat(getComputedStyle(n).fontSize), box: box(n) };
    });
  }
  function report() {
    var out = {
      councils: data.councils.length, drawn: document.querySelectorAll(".kg-grid").length,
      rows: document.querySelectorAll(".kg-tracker tbody tr").length,
      labels: labels(".kg-insp-label", "inspection").concat(labels(".kg-ask-label", "ask")),
      ticks: Array.prototype.map.call(document.querySelectorAll(".kg-grid"), function (grid) {
        return Array.prototype.map.call(grid.querySelectorAll(".kg-tick"), function (t, k) {
          return { label: data.axis.ticks[k].label, x: box(t)[0] };
        });
      }),
      inspections: Array.prototype.map.call(document.querySelectorAll("path.kg-insp"), function (d) {
        var i = inspById[d.dataset.insp], b = box(d); return { date: i.date, x: (b[0] + b[2]) / 2 };
      }),
      trail: trail.hidden ? null : {
        title: trail.querySelector("h3").textContent,
        quotes: Array.prototype.map.call(trail.querySelectorAll(".kg-quote"), function (q) { return q.textContent; })
      },
      selected: Array.prototype.map.call(document.querySelectorAll("tr.kg-selected, tr.kg-chain"), function (r) {
        return askById[r.dataset.ask].iri;
      }),
      marker: String(window.kgMarker), errors: errors
    };
    if (params.click) {  // choose the row of this ask by a real click, as a person would
      var row = data.councils.reduce(function (m, c) { return m || c.asks.filter(function (a) { return a.iri === params.click; })[0]; }, null);
      if (row) document.getElementById("row-" + row.id).querySelector("td").click();
      out.clicked = trail.hidden ? null : Array.prototype.map.call(trail.querySelectorAll(".kg-quote"), function (q) { return q.textContent; });
      out.clickedFacts = trail.hidden ? null : Array.prototype.map.call(trail.querySelectorAll(".kg-facts"), function (q) { return q.textContent; });
      out.clickedParts = trail.hidden ? null : Array.prototype.map.call(trail.querySelectorAll(".kg-parts li"), function (q) { return q.textContent; });
      out.clickedRow = row ? Array.prototype.map.call(document.getElementById("row-" + row.id).querySelectorAll("td"), function (td) { return td.textContent; }) : null;
    }
    document.getElementById("kg-test-report").textContent = JSON.stringify(out);
  }
  setTimeout(report, 0);  // layout is done: the drawing above measured the rows
})();
