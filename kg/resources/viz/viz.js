(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("kg-network"), {}, data.options);
  var details = document.getElementById("kg-details");
  var status = document.getElementById("kg-status");
  var input = document.getElementById("kg-search");

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

  network.on("click", function (params) {
    if (params.nodes.length) showDetails(nodes.get(params.nodes[0]).title);
    else if (params.edges.length) showDetails(edges.get(params.edges[0]).title);
    else details.hidden = true;
  });

  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var id = findNode(input.value);
    if (id === null) {
      status.textContent = "未找到 Not found: " + input.value;
      return;
    }
    status.textContent = "";
    network.selectNodes([id]);
    network.focus(id, { scale: 1.5 });
    showDetails(nodes.get(id).title);
  });

  // Freeze the layout once stabilised so the first view stays put.
  function freeze() {
    network.setOptions({ physics: false });
    window.kgReady = true;
  }
  network.once("stabilizationIterationsDone", freeze);
  window.kgNetwork = network;
  network.setData({ nodes: nodes, edges: edges });
  if (nodes.length === 0) freeze();  // vis does not stabilise an empty network
})();
