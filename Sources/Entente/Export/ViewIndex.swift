import Foundation

/// A graph as `entente serve` answers for it, a piece at a time: the strongest edges, a search
/// by name or alias, an entity's neighbourhood, an edge's evidence. Nodes and edges are
/// numbered as in the file ``HTMLViewExporter`` writes (nodes strongest first, edges strongest
/// first) and placed at the same positions, so the served page draws what the file draws.
///
/// Built from a graph whose edges need not carry their evidence (a store's, read without it):
/// the evidence of an edge is asked for when it is shown and formatted by ``evidenceJSON(_:evidence:page:pageSize:)``.
/// Every answer is JSON whose strings are escaped as in the page (``JSONText``).
///
/// - Node: `[id, name, type, aliases, mentions, articles, x, y, strength, degree]`
/// - Edge: `[id, kind, source, target, weight, toneSum, evidence]` (evidence: records kept)
/// - Evidence: `[article, date, sentence, text, quote, cue, marks, tone, toneCues]`
public struct ViewIndex: Sendable {
  public let title: String
  public let initialEdges: Int
  public let nodes: [Node]
  public let edges: [Edge]
  public let articleDates: [String: String]
  let points: [ForceLayout.Point]
  let strength: [Int]
  let byID: [String: Int]
  /// Each node's edges, strongest first.
  let incident: [[Int]]
  /// Each node's name and aliases, lower-cased, for search.
  let keys: [[String]]
  let typeIndex: [EntityType: Int]
  /// How many evidence records each edge keeps.
  let kept: [Int]

  /// - Parameter keptEvidence: how many evidence records an edge keeps, when its `evidence`
  ///   was not read (default: the records it carries).
  public init(_ graph: RelationshipGraph, title: String = "entente", initialEdges: Int = 600, keptEvidence: ((Edge) -> Int)? = nil) {
    let exporter = HTMLViewExporter(title: title, initialEdges: initialEdges)
    self.title = title
    self.initialEdges = initialEdges
    let weighted = graph.weightedDegrees()
    nodes = graph.nodes.values.sorted { a, b in
      let (wa, wb) = (weighted[a.id] ?? 0, weighted[b.id] ?? 0)
      return wa != wb ? wa > wb : a.id < b.id
    }
    strength = nodes.map { weighted[$0.id] ?? 0 }
    byID = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
    edges = graph.edgesByWeight
    kept = edges.map { keptEvidence?($0) ?? $0.evidence.count }
    var incident = [[Int]](repeating: [], count: nodes.count)
    for (i, e) in edges.enumerated() {
      incident[byID[e.source]!].append(i)
      if e.target != e.source { incident[byID[e.target]!].append(i) }
    }
    self.incident = incident
    keys = nodes.map { ([$0.name] + $0.aliases).map { $0.lowercased() } }
    articleDates = graph.articleDates
    typeIndex = Dictionary(uniqueKeysWithValues: EntityType.allCases.enumerated().map { ($1, $0) })
    let ids = byID
    points = exporter.positions(nodes.count, edges.map { (ids[$0.source]!, ids[$0.target]!, $0.weight) })
  }

  /// The number of a node by its exact name (the strongest of that name), or nil.
  public func node(named name: String) -> Int? { nodes.firstIndex { $0.name == name } }

  /// The number of an edge by its two entities' names and kind (any kind when nil), or nil.
  public func edge(source: String, target: String, kind: EdgeKind?) -> Int? {
    edges.firstIndex { e in
      (kind == nil || e.kind == kind) && nodes[byID[e.source]!].name == source && nodes[byID[e.target]!].name == target
    }
  }

  /// The header and the strongest edges `from..<from+count` with their nodes.
  public func overviewJSON(from: Int = 0, count: Int? = nil) -> String {
    let range = min(from, edges.count)..<min(edges.count, from + max(0, count ?? initialEdges))
    var out = "{\"title\":" + JSONText.string(title)
    out += ",\"initialEdges\":\(initialEdges),\"nodeCount\":\(nodes.count),\"edgeCount\":\(edges.count)"
    out += ",\"types\":[" + EntityType.allCases.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]"
    out += ",\"kinds\":[" + EdgeKind.allCases.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "],"
    return out + part(Array(range)) + "}"
  }

  /// Nodes whose name or an alias equals, starts with, then contains the query (case
  /// ignored); stronger first within each.
  public func search(_ query: String, limit: Int = 15) -> [Int] {
    let q = query.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    guard !q.isEmpty else { return [] }
    var ranked: [(Int, Int)] = []
    for (id, ks) in keys.enumerated() {
      var rank = 3
      for k in ks { rank = min(rank, k == q ? 0 : k.hasPrefix(q) ? 1 : k.contains(q) ? 2 : 3) }
      if rank < 3 { ranked.append((rank, id)) }
    }
    return ranked.sorted { $0 < $1 }.prefix(max(0, limit)).map(\.1)
  }

  public func searchJSON(_ query: String, limit: Int = 15) -> String {
    "{\"nodes\":[" + search(query, limit: limit).map(nodeJSON).joined(separator: ",") + "]}"
  }

  /// A node, its `limit` strongest edges and the nodes at their other ends.
  public func neighbourhoodJSON(_ id: Int, limit: Int = 300) -> String {
    let picked = Array(incident[id].prefix(max(0, limit)))
    return "{\"node\":\(id),\"degree\":\(incident[id].count)," + part(picked, also: [id]) + "}"
  }

  /// An edge with its two nodes and one page of its evidence (pages counted from 0).
  public func evidenceJSON(_ id: Int, evidence: [Evidence], page: Int = 0, pageSize: Int = 50) -> String {
    let e = edges[id]
    let size = max(1, pageSize)
    let pages = max(1, (evidence.count + size - 1) / size)
    let p = min(max(0, page), pages - 1)
    let groups = [names(e.source), names(e.target)]
    var out = "{\"page\":\(p),\"pages\":\(pages),\"total\":\(evidence.count)," + part([id]) + ",\"evidence\":["
    out += evidence.dropFirst(p * size).prefix(size).map { ev in
      let marks = Highlight.matches(groups, in: ev.text).flatMap { m -> [Int] in
        let from = ev.text.utf16.distance(from: ev.text.startIndex, to: m.range.lowerBound)
        return [from, from + ev.text.utf16.distance(from: m.range.lowerBound, to: m.range.upperBound), m.group]
      }
      return "[" + [
        JSONText.string(ev.article), JSONText.string(articleDates[ev.article] ?? ""), String(ev.sentence), JSONText.string(ev.text),
        JSONText.string(ev.quote ?? ""), JSONText.string(ev.cue ?? ""), "[" + marks.map(String.init).joined(separator: ",") + "]",
        String(ev.tone), "[" + ev.toneCues.map(JSONText.string).joined(separator: ",") + "]",
      ].joined(separator: ",") + "]"
    }.joined(separator: ",")
    return out + "]}"
  }

  private func names(_ id: String) -> [String] {
    guard let i = byID[id] else { return [] }
    return [nodes[i].name] + nodes[i].aliases
  }

  /// `"nodes":[…],"edges":[…]`: the edges and every node they touch (and `also`), by number.
  private func part(_ edgeIDs: [Int], also: [Int] = []) -> String {
    var nodeIDs = Set(also)
    for i in edgeIDs { nodeIDs.insert(byID[edges[i].source]!); nodeIDs.insert(byID[edges[i].target]!) }
    return "\"nodes\":[" + nodeIDs.sorted().map(nodeJSON).joined(separator: ",") + "],\"edges\":["
      + edgeIDs.map(edgeJSON).joined(separator: ",") + "]"
  }

  func nodeJSON(_ i: Int) -> String {
    let n = nodes[i]
    return "[\(i)," + JSONText.string(n.name) + ",\(typeIndex[n.type]!),[" + n.aliases.map(JSONText.string).joined(separator: ",")
      + "],\(n.mentions),\(n.articles.count),\(Int(points[i].x.rounded())),\(Int(points[i].y.rounded())),\(strength[i]),\(incident[i].count)]"
  }

  func edgeJSON(_ i: Int) -> String {
    let e = edges[i]
    return "[\(i),\(e.kind == .cooccurrence ? 0 : 1),\(byID[e.source]!),\(byID[e.target]!),\(e.weight),\(e.toneSum),\(kept[i])]"
  }
}
