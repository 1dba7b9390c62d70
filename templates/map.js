/* argmap's argument map: filters, search, focus and details over vis-network.
   Everything shown from the articles is set with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var state = {
    perspectives: new Set(data.perspectives.map(function (p) { return p.id; })),
    relations: new Set(data.relations.map(function (r) { return r.id; })),
    query: "",
    focus: null,
    unlinked: document.getElementById("show-unlinked").checked,
    wordings: document.getElementById("show-wordings").checked,
    signalledOnly: document.getElementById("signalled-only").checked
  };
  var focusSet = null;

  function haystack(n) {
    return [n.text, (n.speakers || []).join(" "), (n.outlets || []).join(" "), n.perspective_name || ""]
      .join(" ").toLowerCase();
  }
  function nodeVisible(n) {
    if (!state.perspectives.has(n.perspective || "")) return false;
    if (n.kind === "wording" && !state.wordings) return false;
    if (!n.linked && !state.unlinked && !(focusSet && focusSet.has(n.id))) return false;
    if (focusSet && !focusSet.has(n.id) && !(n.kind === "wording" && focusSet.has(n.parent))) return false;
    if (state.query) {
      var own = haystack(n).indexOf(state.query) >= 0;
      var parent = n.kind === "wording" && nodes.get(n.parent);
      if (!own && !(parent && haystack(parent).indexOf(state.query) >= 0)) return false;
    }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var visibleIds = new Set();
  function relationShown(e) {
    return state.relations.has(e.style) && (!state.signalledOnly || e.signalled);
  }
  function edgeVisible(e) {
    return relationShown(e) && visibleIds.has(e.from) && visibleIds.has(e.to);
  }
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  function refresh(fit) {
    nodeView.refresh();
    visibleIds = new Set(nodeView.getIds());
    edgeView.refresh();
    var claims = nodeView.get({ filter: function (n) { return n.kind === "claim"; } }).length;
    var status = document.getElementById("status");
    status.textContent = claims + " of " + data.counts.claims + " claims shown" +
      (state.focus ? " (around the selected claim)" : "");
    if (fit && visibleIds.size) network.fit({ nodes: Array.from(visibleIds), animation: false });
  }

  function neighbourhood(id) {
    var set = new Set([id]);
    edges.forEach(function (e) {
      if (!relationShown(e)) return;
      if (e.from === id) set.add(e.to);
      if (e.to === id) set.add(e.from);
    });
    return set;
  }
  function focus(id) {
    var n = nodes.get(id);
    if (!n) return;
    if (n.kind === "wording") id = n.parent;
    state.focus = id;
    focusSet = neighbourhood(id);
    refresh(true);
    network.selectNodes([id]);
    showDetail(id);
  }
  function reset() {
    state.focus = null;
    focusSet = null;
    state.query = "";
    document.getElementById("search").value = "";
    hideDetail();
    refresh(true);
  }

  var detail = document.getElementById("detail");
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = text;
    if (cls) x.className = cls;
    return x;
  }
  function showDetail(id) {
    var n = nodes.get(id);
    if (!n) return;
    detail.replaceChildren();
    var head = el("div", n.perspective_name, "small");
    detail.appendChild(head);
    var claim = el("p", n.text, "claim");
    detail.appendChild(claim);
    var who = el("p");
    who.appendChild(el("strong", "Said by: "));
    who.appendChild(document.createTextNode((n.speakers || []).join(", ") || "the outlet"));
    detail.appendChild(who);
    if (n.prevalence) {
      detail.appendChild(el("p", "Made by " + n.prevalence.speakers + " speaker(s) in " +
        n.prevalence.outlets + " outlet(s)" + (n.hedged ? "; hedged" : ""), "small"));
    }
    var list = el("ul");
    (n.sources || []).forEach(function (s) {
      var li = el("li");
      var label = "[" + s.n + "] " + s.label + ": " + s.title;
      if (s.url && /^https?:\/\//i.test(s.url)) {
        var a = el("a", label);
        a.href = s.url;
        a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else {
        var b = el("a", label);
        b.href = "explainer.html#source-" + s.n;
        li.appendChild(b);
      }
      list.appendChild(li);
    });
    detail.appendChild(el("strong", "Sources"));
    detail.appendChild(list);
    var rels = [];
    edges.forEach(function (e) {
      if (e.relation === "restates") return;
      if (e.from === id || e.to === id) rels.push(e);
    });
    if (rels.length) {
      detail.appendChild(el("strong", "Relations"));
      var rl = el("ul");
      rels.forEach(function (e) {
        var other = nodes.get(e.from === id ? e.to : e.from);
        var verb = e.from === id ? (e.relation === "supports" ? "supports" : "attacks")
                                 : (e.relation === "supports" ? "supported by" : "attacked by");
        var li = el("li");
        li.appendChild(el("em", verb + ": "));
        li.appendChild(document.createTextNode(other ? other.text : e.from));
        li.appendChild(el("div", e.rationale + (e.tentative ? " (tentative)" : ""), "small"));
        rl.appendChild(li);
      });
      detail.appendChild(rl);
    }
    detail.hidden = false;
  }
  function hideDetail() { detail.hidden = true; detail.replaceChildren(); }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (state.focus === id) { reset(); } else { focus(id); }
    } else if (!params.edges.length) {
      if (state.focus) reset(); else hideDetail();
    }
  });
  network.on("hoverNode", function (params) { if (!state.focus) showDetail(params.node); });
  network.on("blurNode", function () { if (!state.focus) hideDetail(); });

  document.querySelectorAll("#perspective-filters input").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) state.perspectives.add(box.value); else state.perspectives.delete(box.value);
      refresh(false);
    });
  });
  document.querySelectorAll("#relation-filters input").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) state.relations.add(box.value); else state.relations.delete(box.value);
      if (state.focus) focusSet = neighbourhood(state.focus);
      refresh(false);
    });
  });
  document.getElementById("show-unlinked").addEventListener("change", function (ev) {
    state.unlinked = ev.target.checked; refresh(true);
  });
  document.getElementById("show-wordings").addEventListener("change", function (ev) {
    state.wordings = ev.target.checked; refresh(false);
  });
  document.getElementById("signalled-only").addEventListener("change", function (ev) {
    state.signalledOnly = ev.target.checked;
    if (state.focus) focusSet = neighbourhood(state.focus);
    refresh(false);
  });
  document.getElementById("search").addEventListener("input", function (ev) {
    state.query = ev.target.value.trim().toLowerCase(); refresh(false);
  });
  document.getElementById("reset").addEventListener("click", reset);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") reset(); });

  refresh(true);
  // fit again once the canvas has its size (the first fit can run before layout)
  network.once("afterDrawing", function () {
    if (visibleIds.size) network.fit({ nodes: Array.from(visibleIds), animation: false });
  });
  window.argmap = {
    network: network, nodes: nodes, edges: edges, state: state,
    focus: focus, reset: reset,
    search: function (q) { state.query = (q || "").toLowerCase(); document.getElementById("search").value = q || ""; refresh(false); },
    visibleNodes: function () { return nodeView.getIds(); },
    visibleEdges: function () { return edgeView.getIds(); }
  };
})();
