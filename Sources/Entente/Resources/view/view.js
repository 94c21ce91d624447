// Entente's graph view. The graph is embedded once, as JSON (#graph-data), or, when the page
// is served (`entente serve`, serve.js), fetched from the server a piece at a time; vis-network
// draws it on a canvas at the positions Entente laid out. The page draws the strongest edges
// first and reveals a node's neighbours when it is clicked or found. The state of the page can be
// set by the URL fragment: #node=NAME, #edge=SOURCE|TARGET|KIND, #q=SEARCH, and the filters
// types=, kinds=, tones=, since=, until=, min-weight= (lists comma-separated).
"use strict";

// ---- Data -----------------------------------------------------------------------------------
// nodes: [name, type, aliases, mentions, articles, x, y], strongest first
// edges: [kind, source, target, weight, toneSum, evidence], strongest first
// evidence: [sentence, quote, cue, marks, tone, toneCues]; marks: [from, to, group] triples
// (UTF-16 offsets; group 0 names the source, 1 the target); tone −1, 0 or +1 with the cue
// words that set it; sentences: [article, index, text]
// Served (ententeServer.get), nodes and edges come with their number in the whole graph,
// nodes also with their strength and degree, edges with how many evidence records they keep
// and no evidence (see ViewIndex): [id, name, type, aliases, mentions, articles, x, y, strength,
// degree] and [id, kind, source, target, weight, toneSum, kept]; an edge's evidence comes a page
// at a time as [article, date, sentence, text, quote, cue, marks, tone, toneCues].
const server = window.ententeServer;
const embedded = server ? null : JSON.parse(document.getElementById("graph-data").textContent);
// An edge's tone is the sign of the sum of its evidence's tones (as `entente edges --tone`).
const toneName = sum => sum < 0 ? "conflictual" : sum > 0 ? "cooperative" : "neutral";
let raw = embedded;                 // the header: title, initialEdges, types, kinds
const nodes = [];                   // by number; served, only those loaded so far
const edges = [];
let edgeOrder = [];                 // the numbers of the edges loaded, strongest first
let articles = [];

function addNode(id, name, type, aliases, mentions, articleCount, x, y, strength, degree) {
  if (!nodes[id]) nodes[id] = { id, name, type: raw.types[type], aliases, mentions, articleCount, x, y, edges: [], strength, degree, keys: [name, ...aliases].map(s => s.toLowerCase()) };
  return nodes[id];
}
function addEdge(id, kind, source, target, weight, toneSum, kept, evidence) {
  if (edges[id]) return edges[id];
  const e = edges[id] = { id, kind: raw.kinds[kind], source, target, weight, toneSum, tone: toneName(toneSum), kept, evidence };
  nodes[source].edges.push(e);
  if (target !== source) nodes[target].edges.push(e);
  return e;
}
// A piece of the graph from the server: nodes and edges not yet here are added.
function merge(part) {
  for (const n of part.nodes) addNode(...n);
  const before = edgeOrder.length;
  for (const e of part.edges) if (!edges[e[0]]) { addEdge(...e, null); edgeOrder.push(e[0]); }
  if (edgeOrder.length > before) edgeOrder.sort((a, b) => a - b);
}
function servedEvidence([article, date, index, text, quote, cue, marks, tone, toneCues]) {
  return { sentence: { article: { id: article, date }, index, text }, quote, cue, marks, tone: toneName(tone), toneCues };
}

if (embedded) {
  articles = raw.articles.map(([id, date]) => ({ id, date }));
  const sentences = raw.sentences.map(([article, index, text]) => ({ article: articles[article] || { id: "?", date: "" }, index, text }));
  raw.nodes.forEach(([name, type, aliases, mentions, articleCount, x, y], id) => addNode(id, name, type, aliases, mentions, articleCount, x, y, 0, 0));
  raw.edges.forEach(([kind, source, target, weight, toneSum, evidence], id) => {
    addEdge(id, kind, source, target, weight, toneSum, evidence.length, evidence.map(([sentence, quote, cue, marks, tone, toneCues]) =>
      ({ sentence: sentences[sentence], quote, cue, marks, tone: toneName(tone), toneCues })));
    nodes[source].strength += weight;
    if (target !== source) nodes[target].strength += weight;
  });
  for (const n of nodes) { n.degree = n.edges.length; n.complete = true; }
  edgeOrder = edges.map(e => e.id);
  raw.nodeCount = nodes.length;
  raw.edgeCount = edges.length;
}

// The neighbourhood of a node: every edge, or served, the strongest the panel lists.
async function loadNeighbourhood(n) {
  if (n.complete) return;
  merge(await server.get("api/node", { id: n.id, limit: 300 }));
  n.complete = true;
}
// An edge's evidence (served: every page of it, when it is first shown).
async function loadEvidence(e) {
  if (e.evidence) return;
  const got = [];
  for (let page = 0, pages = 1; page < pages; page++) {
    const answer = await server.get("api/edge", { id: e.id, page });
    pages = answer.pages;
    got.push(...answer.evidence.map(servedEvidence));
  }
  e.evidence = got;
}

// An edge's line tells its kind (a quotation is a dashed arrow) and its colour its tone: red
// conflictual, grey neutral, green cooperative, as in the diagrams — a vermilion and a bluish
// green that people with red-green colour blindness still tell apart (Okabe and Ito's palette),
// and every tone named in words in the panels.
const STYLE = {
  person: { color: "#4e79a7", shape: "dot", label: "people" },
  state: { color: "#59a14f", shape: "square", label: "states" },
  organization: { color: "#f28e2b", shape: "hexagon", label: "organizations" },
  cooccurrence: { label: "co-occurrence" },
  quotation: { label: "quotation" },
  conflictual: { color: "#d55e00", highlight: "#8f3f00", opacity: 0.85, label: "conflictual" },
  neutral: { color: "#9aa0a6", highlight: "#333333", opacity: 0.45, label: "neutral" },
  cooperative: { color: "#009e73", highlight: "#00664a", opacity: 0.85, label: "cooperative" },
};
const TONES = ["conflictual", "neutral", "cooperative"];

// ---- Filters --------------------------------------------------------------------------------
const filters = { types: null, kinds: null, tones: new Set(TONES), since: "", until: "", minWeight: 1 };

const dated = ev => ev.sentence.article.date;
function inDates(date) {
  return date !== "" && (!filters.since || date >= filters.since) && (!filters.until || date <= filters.until);
}
// Under a date filter an edge weighs what its evidence in range says (a lower bound when the
// graph kept only the first few records), as `entente edges --since` counts.
function weightOf(e) {
  if (!filters.since && !filters.until || !e.evidence) return e.weight;
  return e.evidence.filter(ev => inDates(dated(ev))).length;
}
function passes(e) {
  return filters.kinds.has(e.kind) && filters.tones.has(e.tone) && filters.types.has(nodes[e.source].type)
    && filters.types.has(nodes[e.target].type) && weightOf(e) >= filters.minWeight;
}

// ---- What is drawn --------------------------------------------------------------------------
let budget = 0;                     // how many of the strongest passing edges to draw
const revealed = new Set();         // nodes whose every passing edge is drawn
const nodeSet = new vis.DataSet();
const edgeSet = new vis.DataSet();
let network = null;

function createNetwork() {
const large = raw.edgeCount > 3000;
// The more nodes the first view draws, the further out it is zoomed: sizes grow with their
// number so that the strongest stay labelled (labels never grow past 26 pixels on screen).
const firstNodes = new Set(edgeOrder.slice(0, budget).flatMap(id => [edges[id].source, edges[id].target])).size;
const spread = Math.sqrt(Math.max(1, firstNodes / 50));
network = new vis.Network(document.getElementById("graph"), { nodes: nodeSet, edges: edgeSet }, {
  physics: false,
  layout: { improvedLayout: false },
  interaction: { hover: true, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 300 },
  nodes: {
    borderWidth: 1,
    font: { face: "system-ui, sans-serif", color: "#1d1d1f", strokeWidth: 4, strokeColor: "#ffffff" },
    // Sizes (and labels) grow with the square root of the weight of a node's edges: the
    // strongest are labelled in the first view, the others as one zooms in.
    scaling: {
      min: 4, max: 26 * spread, label: { enabled: true, min: 12, max: 24 * spread, drawThreshold: 8, maxVisible: 26 },
      customScalingFunction: (min, max, total, value) => max > min ? (Math.sqrt(value) - Math.sqrt(min)) / (Math.sqrt(max) - Math.sqrt(min)) : 0.5,
    },
  },
  edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 1, scaling: { min: 0.6, max: 7 }, arrows: { to: { scaleFactor: 0.5 } } },
});
network.once("afterDrawing", () => { document.body.dataset.painted = Math.round(performance.now()); });
network.on("click", params => {
  if (params.nodes.length) selectNode(params.nodes[0], false);
  else if (params.edges.length) selectEdge(params.edges[0]);
  else clearSelection();
});
}

function visNode(n) {
  const s = STYLE[n.type];
  return {
    id: n.id, label: n.name, x: n.x, y: n.y, value: n.strength, shape: s.shape,
    color: { background: s.color, border: "#ffffff", highlight: { background: s.color, border: "#111111" }, hover: { background: s.color, border: "#111111" } },
  };
}
function visEdge(e) {
  const quote = e.kind === "quotation", tone = STYLE[e.tone];
  return {
    id: e.id, from: e.source, to: e.target, value: e.weight, dashes: quote, arrows: quote ? "to" : "",
    title: `${STYLE[e.kind].label}, ${e.tone}, weight ${e.weight}`,
    color: { color: tone.color, opacity: quote ? Math.max(0.8, tone.opacity) : tone.opacity, highlight: tone.highlight, hover: tone.highlight },
  };
}

function drawnEdges() {
  const shown = new Set();
  for (const id of edgeOrder) {
    if (shown.size >= budget) break;
    if (passes(edges[id])) shown.add(id);
  }
  for (const id of revealed) for (const e of nodes[id].edges) if (passes(e)) shown.add(e.id);
  return shown;
}

function redraw() {
  const shownEdges = drawnEdges();
  const shownNodes = new Set([...revealed].filter(id => filters.types.has(nodes[id].type)));
  for (const id of shownEdges) { shownNodes.add(edges[id].source); shownNodes.add(edges[id].target); }
  edgeSet.remove(edgeSet.getIds().filter(id => !shownEdges.has(id)));
  nodeSet.remove(nodeSet.getIds().filter(id => !shownNodes.has(id)));
  nodeSet.add([...shownNodes].filter(id => !nodeSet.get(id)).sort((a, b) => a - b).map(id => visNode(nodes[id])));
  edgeSet.add([...shownEdges].filter(id => !edgeSet.get(id)).sort((a, b) => a - b).map(id => visEdge(edges[id])));
  const passing = edgeOrder.filter(id => passes(edges[id])).length;
  document.getElementById("status").textContent =
    `${raw.nodeCount.toLocaleString("en")} entities, ${raw.edgeCount.toLocaleString("en")} edges; ` +
    `drawn: ${shownNodes.size.toLocaleString("en")} entities, ${shownEdges.size.toLocaleString("en")} of the ` +
    `${passing.toLocaleString("en")} edges ${server ? "loaded that " : ""}the filters keep (the strongest; click or find an entity for its neighbours)`;
  document.body.dataset.drawnNodes = shownNodes.size;
  document.body.dataset.drawnEdges = shownEdges.size;
  // The colours the drawn edges were given, for tests and scripts ("#d55e00:3 #9aa0a6:40 …").
  const colours = edgeSet.get().map(e => e.color.color);
  document.body.dataset.edgeColours = TONES.map(t => STYLE[t].color).map(c => `${c}:${colours.filter(x => x === c).length}`).join(" ");
  if (!selection) showOverview();
}

// ---- Panels ---------------------------------------------------------------------------------
const panel = document.getElementById("panel");
let selection = null;

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}
function entityLink(n) {
  const a = el("a", { className: "entity", textContent: n.name, href: "#" });
  a.addEventListener("click", ev => { ev.preventDefault(); ev.stopPropagation(); selectNode(n.id, true); });
  return a;
}
function swatch(type) { return el("span", { className: "swatch " + type, style: `background:${STYLE[type].color}` }); }
function line(kind, tone) { return el("span", { className: "line " + kind + " " + tone }); }
// The tone in words, with the cue words that set it ("conflictual (accused)").
function toneText(tone, cues) { return tone + (cues && cues.length ? " (" + cues.join(", ") + ")" : ""); }

function showOverview() {
  const list = el("table", {}, el("tr", {}, el("th", { textContent: "Entity" }), el("th", { textContent: "Type" }), el("th", { className: "num", textContent: "Weight" })));
  const drawn = new Set(nodeSet.getIds());
  for (const n of [...drawn].sort((a, b) => a - b).slice(0, 40).map(id => nodes[id])) {
    list.append(el("tr", {}, el("td", {}, swatch(n.type), entityLink(n)), el("td", { textContent: n.type }), el("td", { className: "num", textContent: n.strength })));
  }
  const legend = el("p", { className: "muted" });
  for (const t of raw.types) legend.append(swatch(t), STYLE[t].label + "  ");
  legend.append(el("br"));
  for (const k of raw.kinds) legend.append(line(k, "neutral"), STYLE[k].label + "  ");
  legend.append(el("br"));
  for (const t of TONES) legend.append(line("cooccurrence", t), STYLE[t].label + "  ");
  panel.replaceChildren(
    el("h2", { textContent: "The strongest entities" }),
    el("p", { className: "muted", textContent: "Click an entity or an edge, or find one by name. Size grows with the weight of an entity's edges; edge width with the number of sentences or quotes; an edge's colour is the tone of its evidence on balance." }),
    legend, list);
  panel.dataset.showing = "overview";
}

function showNode(n) {
  const rows = n.edges.filter(passes).sort((a, b) => weightOf(b) - weightOf(a) || a.id - b.id);
  const table = el("table", {}, el("tr", {}, el("th", { textContent: "" }), el("th", { textContent: "With" }),
    el("th", { textContent: "Tone" }), el("th", { className: "num", textContent: "Weight" }), el("th", { className: "num", textContent: "Evidence" })));
  for (const e of rows.slice(0, 300)) {
    const other = nodes[e.source === n.id ? e.target : e.source];
    const arrow = e.kind === "cooccurrence" ? "—" : e.source === n.id ? "→" : "←";
    const row = el("tr", { className: "edge", title: "Show the evidence" },
      el("td", { textContent: arrow, title: STYLE[e.kind].label }), el("td", {}, swatch(other.type), entityLink(other)),
      el("td", { className: "tone " + e.tone, textContent: e.tone }), el("td", { className: "num", textContent: weightOf(e) }), el("td", { className: "num", textContent: e.kept }));
    row.addEventListener("click", () => selectEdge(e.id));
    table.append(row);
  }
  const others = n.aliases.filter(a => a !== n.name);
  const facts = `${n.type}, ${n.mentions} mentions in ${n.articleCount} article${n.articleCount === 1 ? "" : "s"}`;
  panel.replaceChildren(
    el("h2", {}, swatch(n.type), n.name),
    el("p", { className: "muted", textContent: facts }),
    ...(others.length ? [el("p", { textContent: "Also: " + others.join(", ") })] : []),
    el("h3", { textContent: `${rows.length} edge${rows.length === 1 ? "" : "s"}` + (n.degree > n.edges.length ? ` (the strongest of ${n.degree})` : "")
      + (rows.length > 300 ? " (the 300 strongest shown)" : "") }),
    table);
  panel.dataset.showing = "node";
}

// The sentence with the two names marked (as DOM nodes: the text is never read as HTML).
function markedSentence(ev) {
  const p = el("p", { className: "sentence" });
  const text = ev.sentence.text;
  let at = 0;
  for (let i = 0; i + 2 < ev.marks.length; i += 3) {
    const [from, to, group] = ev.marks.slice(i, i + 3);
    p.append(text.slice(at, from), el("mark", { className: group === 0 ? "a" : "b", textContent: text.slice(from, to) }));
    at = to;
  }
  p.append(text.slice(at));
  return p;
}

// The mean tone of all an edge's evidence, kept or not, to 3 decimals (as graph.json's `tone`).
function meanTone(e) { return String(Math.round(e.toneSum / e.weight * 1000) / 1000).replace("-", "−"); }

function showEdge(e) {
  const [a, b] = [nodes[e.source], nodes[e.target]];
  const list = el("ol", { className: "evidence" });
  for (const ev of e.evidence) {
    const keep = !filters.since && !filters.until || inDates(dated(ev));
    if (!keep) continue;
    const where = [ev.sentence.article.id, ev.sentence.article.date || "no date", `sentence ${ev.sentence.index + 1}`].join(" · ");
    const item = el("li", {}, el("div", { className: "where", textContent: where }), markedSentence(ev));
    if (ev.quote) item.append(el("p", { className: "quote", textContent: "“" + ev.quote + "”" }));
    if (ev.cue) item.append(el("div", { className: "where", textContent: "cue: " + ev.cue }));
    item.append(el("div", { className: "where" }, "tone: ", el("span", { className: "tone " + ev.tone, textContent: toneText(ev.tone, ev.toneCues) })));
    list.append(item);
  }
  const kept = e.evidence.length < e.weight ? ` (the first ${e.evidence.length} of ${e.weight} kept)` : "";
  panel.replaceChildren(
    el("h2", {}, entityLink(a), e.kind === "quotation" ? " → " : " — ", entityLink(b)),
    el("p", { className: "muted" }, `${STYLE[e.kind].label}, weight ${weightOf(e)}, `,
      el("span", { className: "tone " + e.tone, textContent: `${e.tone} (tone ${meanTone(e)})` }),
      `, ${e.evidence.length} evidence record${e.evidence.length === 1 ? "" : "s"}${kept}`),
    list);
  panel.dataset.showing = "edge";
}

// ---- Selection ------------------------------------------------------------------------------
async function selectNode(id, focus) {
  const n = nodes[id];
  selection = { node: id };
  await loadNeighbourhood(n);
  if (!selection || selection.node !== id) return;
  revealed.add(id);
  redraw();
  if (nodeSet.get(id)) {
    network.selectNodes([id]);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
  }
  showNode(n);
  setFragment("node", n.name);
}

async function selectEdge(id) {
  const e = edges[id];
  selection = { edge: id };
  await loadEvidence(e);
  if (!selection || selection.edge !== id) return;
  if (!edgeSet.get(id)) { revealed.add(e.source); redraw(); }
  if (edgeSet.get(id)) network.selectEdges([id]);
  showEdge(e);
  setFragment("edge", [nodes[e.source].name, nodes[e.target].name, e.kind].join("|"));
}

function clearSelection() {
  selection = null;
  network.unselectAll();
  showOverview();
  setFragment();
}

// ---- Search ---------------------------------------------------------------------------------
const search = document.getElementById("search");
const results = document.getElementById("results");

// Names and aliases that equal, start with, then contain the query; stronger entities first
// (served, the server ranks them the same way).
async function find(query) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  if (server) {
    const answer = await server.get("api/search", { q: query.trim(), limit: 15 });
    return answer.nodes.map(n => addNode(...n));
  }
  const ranked = [];
  for (const n of nodes) {
    let rank = 3;
    for (const k of n.keys) rank = Math.min(rank, k === q ? 0 : k.startsWith(q) ? 1 : k.includes(q) ? 2 : 3);
    if (rank < 3) ranked.push([rank, n.id]);
  }
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, 15).map(([, id]) => nodes[id]);
}

let asked = 0;   // the latest search: answers to earlier ones are dropped
async function showResults() {
  const mine = ++asked;
  const found = await find(search.value);
  if (mine !== asked) return;
  results.replaceChildren(...found.map((n, i) => {
    const li = el("li", { className: i === 0 ? "active" : "" }, swatch(n.type), n.name, " ",
      el("small", { textContent: n.aliases.length ? "(" + n.aliases.slice(0, 3).join(", ") + ")" : "" }));
    li.addEventListener("mousedown", ev => { ev.preventDefault(); choose(n); });
    return li;
  }));
  if (search.value.trim() && !found.length) results.append(el("li", { className: "muted", textContent: "No entity by that name" }));
  results.hidden = !search.value.trim();
}
function choose(n) {
  results.hidden = true;
  search.value = n.name;
  selectNode(n.id, true);
}
search.addEventListener("input", showResults);
search.addEventListener("keydown", ev => {
  if (ev.key === "Enter") find(search.value).then(found => { if (found[0]) choose(found[0]); });
  if (ev.key === "Escape") results.hidden = true;
});
search.addEventListener("blur", () => { results.hidden = true; });

// ---- Filter controls ------------------------------------------------------------------------
function checkboxes(fieldset, values, set) {
  for (const v of values) {
    const box = el("input", { type: "checkbox", checked: set.has(v), value: v });
    box.addEventListener("change", () => { box.checked ? set.add(v) : set.delete(v); refresh(); });
    const mark = STYLE[v].shape ? swatch(v) : TONES.includes(v) ? line("cooccurrence", v) : line(v, "neutral");
    document.getElementById(fieldset).append(el("label", {}, box, " ", mark, STYLE[v].label));
  }
}

// Served, the page does not hold the evidence the date filter counts: it is off.
const dates = articles.map(a => a.date).filter(d => d).sort();
for (const id of ["since", "until"]) {
  const input = document.getElementById(id);
  if (dates.length) { input.min = dates[0]; input.max = dates[dates.length - 1]; } else input.disabled = true;
  if (server) input.title = "Dates filter the page entente view writes";
  input.addEventListener("change", () => { filters[id] = input.value; refresh(); });
}
document.getElementById("min-weight").addEventListener("change", ev => {
  filters.minWeight = Math.max(1, parseInt(ev.target.value, 10) || 1);
  refresh();
});
document.getElementById("more").addEventListener("click", async () => {
  if (server) merge(await server.get("api/graph", { from: budget, count: raw.initialEdges }));
  budget += raw.initialEdges;
  redraw();
});
document.getElementById("reset").addEventListener("click", () => {
  if (!network) return;
  budget = raw.initialEdges;
  revealed.clear();
  clearSelection();
  redraw();
  network.fit({ animation: false });
});

// After a filter changes: redraw, and show the selection again under the new filters.
function refresh() {
  redraw();
  if (selection && selection.node !== undefined) showNode(nodes[selection.node]);
  if (selection && selection.edge !== undefined) showEdge(edges[selection.edge]);
}

// ---- The URL fragment -----------------------------------------------------------------------
function setFragment(key, value) {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const k of ["node", "edge", "q"]) params.delete(k);
  if (key) params.set(key, value);
  const hash = params.toString();
  history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
}

async function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const list = key => params.get(key).split(",").filter(v => v);
  if (params.has("types")) { filters.types = new Set(list("types")); }
  if (params.has("kinds")) { filters.kinds = new Set(list("kinds")); }
  if (params.has("tones")) { filters.tones = new Set(list("tones")); }
  for (const box of document.querySelectorAll("#types input")) box.checked = filters.types.has(box.value);
  for (const box of document.querySelectorAll("#kinds input")) box.checked = filters.kinds.has(box.value);
  for (const box of document.querySelectorAll("#tones input")) box.checked = filters.tones.has(box.value);
  for (const id of ["since", "until"]) if (params.has(id)) document.getElementById(id).value = filters[id] = params.get(id);
  if (params.has("min-weight")) document.getElementById("min-weight").value = filters.minWeight = Math.max(1, parseInt(params.get("min-weight"), 10) || 1);
  redraw();
  network.fit({ animation: false });
  if (params.has("node")) {
    const n = await nodeNamed(params.get("node"));
    if (n) await selectNode(n.id, false);
  } else if (params.has("edge")) {
    const e = await edgeNamed(...params.get("edge").split("|"));
    if (e) await selectEdge(e.id);
  } else if (params.has("q")) {
    search.value = params.get("q");
    await showResults();
  }
}

async function nodeNamed(name) {
  if (!server) return nodes.find(n => n.name === name) || (await find(name))[0];
  try {
    const answer = await server.get("api/node", { name, limit: 300 });
    merge(answer);
    nodes[answer.node].complete = true;
    return nodes[answer.node];
  } catch (_) { return null; }
}
async function edgeNamed(a, b, kind) {
  if (!server) return edges.find(e => nodes[e.source].name === a && nodes[e.target].name === b && (!kind || e.kind === kind));
  try {
    const answer = await server.get("api/edge", kind ? { source: a, target: b, kind } : { source: a, target: b });
    merge(answer);
    const e = edges[answer.edges[0][0]];
    if (!e.evidence && answer.pages === 1) e.evidence = answer.evidence.map(servedEvidence);
    return e;
  } catch (_) { return null; }
}

// Start: the header and the strongest edges (served, fetched first), then the fragment's state.
async function start() {
  if (server) {
    raw = await server.get("api/graph");
    merge(raw);
    document.body.dataset.served = "true";
  }
  filters.types = new Set(raw.types);
  filters.kinds = new Set(raw.kinds);
  budget = raw.initialEdges;
  createNetwork();
  checkboxes("types", raw.types, filters.types);
  checkboxes("kinds", raw.kinds, filters.kinds);
  checkboxes("tones", TONES, filters.tones);
  await readFragment();
}
start().catch(error => {
  document.getElementById("status").textContent = "The graph could not be loaded: " + error.message;
  document.body.dataset.error = error.message;
});
