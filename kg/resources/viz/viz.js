(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("kg-network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, {}, data.options);
  var details = document.getElementById("kg-details");
  var status = document.getElementById("kg-status");
  var shown = document.getElementById("kg-shown");
  var input = document.getElementById("kg-search");
  var filters = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("#kg-article .kg-evidence"));
  var FONT = getComputedStyle(document.body).fontFamily;
  var DIM = 0.12;                 // opacity of what lies outside a highlighted neighbourhood
  var LABEL_WIDTH = 150;          // px; longer names wrap, past LABEL_LINES lines they end in …
  var LABEL_LINES = 2;
  var EDGE_FONT = 11;
  var OBSTACLE = 4;               // px: smaller nodes are no obstacle to labels
  var GAP = 3;                    // px kept free between two labels, so that none reads as the next one's end

  var lit = null;                 // {id, nodes: Set, edges: Set} while a neighbourhood is highlighted
  var placed = [];                // the labels of the last frame: {id, kind, text, box}

  function byName(a, b) {
    return a.names[0] < b.names[0] ? -1 : a.names[0] > b.names[0] ? 1 : 0;
  }
  // What never changes of a node or an edge, without the DataSet's copying.
  var nodeInfo = {}, edgeInfo = {};
  data.nodes.forEach(function (n) { nodeInfo[n.id] = n; });
  data.edges.forEach(function (e) { edgeInfo[e.id] = e; });
  // Labels are placed greedily in this order, so hubs are named first; an edge ranks by its busier end.
  var nodeOrder = data.nodes.slice().sort(function (a, b) { return b.degree - a.degree || byName(a, b); })
    .map(function (n) { return n.id; });
  var edgeOrder = data.edges.slice().sort(function (a, b) {
    return Math.max(nodeInfo[b.from].degree, nodeInfo[b.to].degree) - Math.max(nodeInfo[a.from].degree, nodeInfo[a.to].degree);
  }).map(function (e) { return e.id; });

  function normalise(name) {
    return name.normalize("NFKC").trim().toLowerCase();
  }

  // Exact match on any name first, else the first node with a name containing the query.
  function findNode(query) {
    var q = normalise(query);
    var partial = null;
    if (!q) return null;
    var all = nodes.get();
    for (var i = 0; i < all.length; i++) {
      var names = all[i].names.map(normalise);
      if (names.indexOf(q) >= 0) return all[i].id;
      if (partial === null && names.some(function (n) { return n.indexOf(q) >= 0; })) partial = all[i].id;
    }
    return partial;
  }

  // Shows a tooltip text in the side panel, with its URL lines as links.
  function showDetails(text) {
    details.replaceChildren();
    text.split("\n").forEach(function (line, i) {
      if (i > 0) details.appendChild(document.createTextNode("\n"));
      if (/^https?:\/\/\S+$/.test(line)) {
        var link = document.createElement("a");
        link.href = line;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.textContent = line;
        details.appendChild(link);
      } else {
        details.appendChild(document.createTextNode(line));
      }
    });
    details.hidden = false;
  }

  // ---- labels: drawn over the canvas at a fixed screen size, none overlapping another or a node ----

  var wrapped = {};
  function wrap(ctx, text, size) {
    var key = size + "|" + text;
    if (wrapped[key]) return wrapped[key];
    ctx.font = size + "px " + FONT;
    var lines = [], line = "";
    Array.from(text).forEach(function (ch) {
      if (line && ctx.measureText(line + ch).width > LABEL_WIDTH) {
        lines.push(line);
        line = "";
      }
      line += ch;
    });
    lines.push(line);
    if (lines.length > LABEL_LINES) {
      lines = lines.slice(0, LABEL_LINES);
      lines[LABEL_LINES - 1] = Array.from(lines[LABEL_LINES - 1]).slice(0, -1).join("") + "…";
    }
    var width = Math.max.apply(null, lines.map(function (l) { return ctx.measureText(l).width; }));
    wrapped[key] = { lines: lines, size: size, width: width, height: lines.length * Math.round(size * 1.25) };
    return wrapped[key];
  }

  // Boxes in a uniform grid of cells, to test a new box against nearby ones only.
  function Grid(cell) {
    this.cell = cell;
    this.cells = new Map();
  }
  Grid.prototype.each = function (box, fn) {
    var c = this.cell;
    for (var i = Math.floor(box.x0 / c); i <= Math.floor(box.x1 / c); i++) {
      for (var j = Math.floor(box.y0 / c); j <= Math.floor(box.y1 / c); j++) {
        if (fn(i * 65536 + j) === true) return true;
      }
    }
    return false;
  };
  Grid.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) {
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(box);
    });
  };
  // Whether ``box`` overlaps a box of another owner, keeping GAP px from another label; a label may
  // touch a node's square, as it touches its own node.
  Grid.prototype.hits = function (box, owner) {
    var cells = this.cells;
    var x0 = box.x0 - GAP, y0 = box.y0 - GAP, x1 = box.x1 + GAP, y1 = box.y1 + GAP;
    return this.each({ x0: x0, y0: y0, x1: x1, y1: y1 }, function (key) {
      return (cells.get(key) || []).some(function (b) {
        var gap = b.node ? 0 : GAP;
        return b.owner !== owner && b.x0 < box.x1 + gap && box.x0 - gap < b.x1 && b.y0 < box.y1 + gap && box.y0 - gap < b.y1;
      });
    });
  };

  function drawText(ctx, text, cx, y, colour) {
    ctx.font = text.size + "px " + FONT;
    ctx.fillStyle = colour;
    var step = text.height / text.lines.length;
    text.lines.forEach(function (line, i) {
      ctx.strokeText(line, cx, y + i * step);
      ctx.fillText(line, cx, y + i * step);
    });
  }

  // Below the node, else above, right or left of it, else at one of its corners (the eight places of
  // map lettering); null when every place is taken or off screen.
  function placeNodeLabel(grid, text, p, owner, w, h) {
    var gap = 2, tw = text.width, th = text.height, d = p.r * Math.SQRT1_2 + gap;
    var spots = [[p.x - tw / 2, p.y + p.r + gap], [p.x - tw / 2, p.y - p.r - gap - th],
                 [p.x + p.r + gap + 2, p.y - th / 2], [p.x - p.r - gap - 2 - tw, p.y - th / 2],
                 [p.x + d, p.y + d], [p.x + d, p.y - d - th], [p.x - d - tw, p.y + d], [p.x - d - tw, p.y - d - th]];
    for (var i = 0; i < spots.length; i++) {
      var box = { x0: spots[i][0], y0: spots[i][1], x1: spots[i][0] + tw, y1: spots[i][1] + th, owner: owner };
      if (box.x0 >= 0 && box.y0 >= 0 && box.x1 <= w && box.y1 <= h && !grid.hits(box, owner)) return box;
    }
    return null;
  }

  function drawLabels(ctx) {
    var body = network.body;
    var scale = network.getScale();
    var w = container.clientWidth, h = container.clientHeight;
    var grid = new Grid(64);
    var at = {};
    placed = [];
    body.nodeIndices.forEach(function (id) {
      var n = body.nodes[id];
      var p = network.canvasToDOM({ x: n.x, y: n.y });
      p.r = n.options.size * scale;
      at[id] = p;
      // A dot of a few pixels may be covered by a label: in a dense view hubs still get their names.
      if (p.r >= OBSTACLE && p.x + p.r >= 0 && p.x - p.r <= w && p.y + p.r >= 0 && p.y - p.r <= h) {
        grid.add({ x0: p.x - p.r, y0: p.y - p.r, x1: p.x + p.r, y1: p.y + p.r, owner: id, node: true });
      }
    });
    ctx.save();
    ctx.setTransform(network.canvas.pixelRatio, 0, 0, network.canvas.pixelRatio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    var order = lit ? [lit.id].concat(nodeOrder.filter(function (id) { return id !== lit.id && lit.nodes.has(id); }))
      : nodeOrder;
    order.forEach(function (id) {
      if (!at[id]) return;  // hidden by a filter
      var item = nodeInfo[id];
      var text = wrap(ctx, item.names[0], 12 + Math.min(3, Math.floor(item.degree / 4)));
      var box = placeNodeLabel(grid, text, at[id], id, w, h);
      if (!box) return;
      grid.add(box);
      drawText(ctx, text, (box.x0 + box.x1) / 2, box.y0, "#222");
      placed.push({ id: id, kind: "node", text: item.names[0], box: box });
    });
    // An edge is named at its middle when both its ends are named and it is long enough on screen
    // to carry its relation.
    var visible = new Set(body.edgeIndices);
    var named = new Set(placed.map(function (label) { return label.id; }));
    edgeOrder.forEach(function (id) {
      var item = edgeInfo[id];
      if (!visible.has(id) || (lit && !lit.edges.has(id)) || !named.has(item.from) || !named.has(item.to)) return;
      var edge = body.edges[id], a = at[item.from], b = at[item.to];
      var relation = data.relations[item.relation];
      var text = wrap(ctx, relation.zh, EDGE_FONT);
      if (Math.hypot(a.x - b.x, a.y - b.y) - a.r - b.r < text.width + 24) return;
      var mid = network.canvasToDOM(edge.edgeType.getPoint(0.5));
      var box = { x0: mid.x - text.width / 2 - 1, y0: mid.y - text.height / 2, x1: mid.x + text.width / 2 + 1,
                  y1: mid.y + text.height / 2, owner: id };
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > w || box.y1 > h || grid.hits(box, id)) return;
      grid.add(box);
      drawText(ctx, text, mid.x, box.y0, relation.color);
      placed.push({ id: id, kind: "edge", text: relation.zh, box: box });
    });
    ctx.restore();
  }
  network.on("afterDrawing", drawLabels);

  // ---- neighbourhood highlighting ----

  function neighbourhood(id) {
    var visible = new Set(network.body.edgeIndices);
    var around = { id: id, nodes: new Set([id]), edges: new Set() };
    network.getConnectedEdges(id).forEach(function (edgeId) {
      if (!visible.has(edgeId)) return;
      var e = edgeInfo[edgeId];
      around.edges.add(edgeId);
      around.nodes.add(e.from);
      around.nodes.add(e.to);
    });
    return around;
  }

  function paint() {
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, opacity: !lit || lit.nodes.has(n.id) ? 1 : DIM };
    }));
    edges.update(edges.get().map(function (e) {
      var colour = data.relations[e.relation].color;  // also when selected or hovered, as a plain colour does
      return { id: e.id, color: { color: colour, highlight: colour, hover: colour,
                                  opacity: !lit || lit.edges.has(e.id) ? 1 : DIM } };
    }));
  }

  function highlight(id) {
    lit = id === null ? null : neighbourhood(id);
    paint();
  }

  // ---- filters by class and by relation ----

  function applyFilters() {
    var off = { cls: new Set(), relation: new Set() };
    filters.forEach(function (box) { if (!box.checked) off[box.dataset.filter].add(box.value); });
    nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: off.cls.has(n.cls) }; }));
    edges.update(edges.get().map(function (e) { return { id: e.id, hidden: off.relation.has(e.relation) }; }));
    if (lit) highlight(nodes.get(lit.id).hidden ? null : lit.id);
    var hidden = new Set(nodes.getIds({ filter: function (n) { return n.hidden; } }));
    var edgeCount = edges.get({ filter: function (e) { return !e.hidden && !hidden.has(e.from) && !hidden.has(e.to); } }).length;
    shown.textContent = hidden.size || edgeCount < edges.length
      ? "筛选后显示 " + (nodes.length - hidden.size) + " / " + nodes.length + " 个节点 nodes · " + edgeCount + " / "
        + edges.length + " 条关系 edges shown" : "";
  }
  filters.forEach(function (box) { box.addEventListener("change", applyFilters); });

  // ---- the article beside the graph: evidence sentences of the chosen edges ----

  function markEvidence(edgeIds) {
    var wanted = new Set(edgeIds);
    var first = null;
    marks.forEach(function (mark) {
      var on = mark.dataset.edges.split(" ").some(function (id) { return wanted.has(id); });
      mark.classList.toggle("kg-current", on);
      if (on && first === null) first = mark;
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
  marks.forEach(function (mark) {
    mark.addEventListener("click", function () {
      var ids = mark.dataset.edges.split(" ");
      network.selectEdges(ids);
      markEvidence(ids);
      showDetails(edges.get(ids[0]).title);
    });
  });

  network.on("click", function (params) {
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showDetails(nodes.get(params.nodes[0]).title);
      markEvidence(Array.from(lit.edges));
    } else if (params.edges.length) {
      showDetails(edges.get(params.edges[0]).title);
      markEvidence(params.edges);
    } else {
      highlight(null);
      details.hidden = true;
      markEvidence([]);
    }
  });

  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var id = findNode(input.value);
    if (id === null) {
      status.textContent = "未找到 Not found: " + input.value;
      return;
    }
    status.textContent = "";
    select(id);
  });

  function select(id) {
    var node = nodes.get(id);
    if (node.hidden) {  // its class was filtered out: show the class again
      filters.forEach(function (box) { if (box.dataset.filter === "cls" && box.value === node.cls) box.checked = true; });
      applyFilters();
    }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2) });
    showDetails(node.title);
  }

  // graph.html#node=IRI (the build's report.html links so) selects that node once the layout stands.
  function selectFromAddress() {
    var match = /^#node=(.+)$/.exec(window.location.hash);
    if (!match) return;
    var id;
    try {
      id = decodeURIComponent(match[1]);
    } catch (error) {  // a malformed %-escape: no node has that address
      id = match[1];
    }
    if (nodes.get(id) === null) {
      status.textContent = "此图未显示该节点 Not drawn on this page: " + id;
      return;
    }
    status.textContent = "";
    select(id);
  }
  window.addEventListener("hashchange", selectFromAddress);

  // Freeze the layout once stabilised so the first view stays put.
  function freeze() {
    network.setOptions({ physics: false });
    network.redraw();
    selectFromAddress();
    window.kgReady = true;
  }
  network.once("stabilizationIterationsDone", freeze);
  window.kgNetwork = network;
  window.kgLabels = function () { return placed.slice(); };
  network.setData({ nodes: nodes, edges: edges });
  if (nodes.length === 0) freeze();  // vis does not stabilise an empty network
})();
