import Foundation

/// Narrows a graph: by entity type, edge kind, weight, articles and dates, an entity's
/// neighbourhood, or the strongest edges.
///
///     var filter = GraphFilter()
///     filter.ego = "putin"
///     filter.depth = 2
///     filter.since = "2024-01-01"
///     let sub = filter.apply(to: graph)
///
/// The steps, in order:
///
/// 1. **Articles and dates** (`articles`, `since`, `until`): each edge keeps only the
///    evidence of the articles that pass, its weight (and tone) becomes the number (and mean tone) of evidence records
///    kept, and edges left with none are dropped. Dates are the graph's `articleDates`
///    (yyyy-MM-dd), compared as strings, bounds included; an article without a date fails
///    any date bound. Nodes keep only the articles that pass (their mention counts, which are
///    not recorded per article, stay whole), and nodes no kept article mentions are dropped.
/// 2. **Types**: only nodes of these types, and the edges between them.
/// 3. **Kinds** and **minimum weight**: only these edges.
/// 4. **Ego**: the entities matching `ego` (name or alias, as ``RelationshipGraph/nodes(matching:)``)
///    and every entity within `depth` edges of them (edges followed either way), with the
///    edges among them.
/// 5. **Top**: the `top` strongest edges (weight, then kind, source, target).
///
/// When an edge filter is set (kinds, a minimum weight above 1, top) the result keeps only
/// the nodes its edges touch, and the ego entities; otherwise nodes without edges stay.
public struct GraphFilter: Sendable, Equatable {
  /// Entity types to keep; empty keeps all.
  public var types: Set<EntityType> = []
  /// Edge kinds to keep; empty keeps all.
  public var kinds: Set<EdgeKind> = []
  public var minWeight: Int = 1
  /// Keep only this many edges, the strongest.
  public var top: Int?
  /// Keep only this entity (name or alias) and its neighbourhood.
  public var ego: String?
  /// How far the neighbourhood of `ego` reaches, in edges.
  public var depth: Int = 1
  /// Article ids to keep; empty keeps all.
  public var articles: Set<String> = []
  /// First and last dates to keep (yyyy-MM-dd, inclusive).
  public var since: String?
  public var until: String?

  public init(
    types: Set<EntityType> = [], kinds: Set<EdgeKind> = [], minWeight: Int = 1, top: Int? = nil, ego: String? = nil,
    depth: Int = 1, articles: Set<String> = [], since: String? = nil, until: String? = nil
  ) {
    self.types = types
    self.kinds = kinds
    self.minWeight = minWeight
    self.top = top
    self.ego = ego
    self.depth = depth
    self.articles = articles
    self.since = since
    self.until = until
  }

  /// True when the filter keeps every node and edge of any graph.
  public var isEmpty: Bool { self == GraphFilter() }

  /// True when the filter selects evidence by article or date.
  public var filtersEvidence: Bool { !articles.isEmpty || since != nil || until != nil }

  var filtersEdges: Bool { !kinds.isEmpty || minWeight > 1 || top != nil }

  /// Whether the article `id` passes the article and date filters of `graph`.
  public func keeps(article id: String, in graph: RelationshipGraph) -> Bool {
    if !articles.isEmpty, !articles.contains(id) { return false }
    if since != nil || until != nil {
      guard let date = graph.articleDates[id] else { return false }
      if let s = since, date < s { return false }
      if let u = until, date > u { return false }
    }
    return true
  }

  public func apply(to graph: RelationshipGraph) -> RelationshipGraph {
    if isEmpty { return graph }
    var nodes = graph.nodes
    var edges = Array(graph.edges.values)
    var keptArticles = Array(graph.articles)

    // 1. Articles and dates.
    if filtersEvidence {
      var cache: [String: Bool] = [:]
      func keep(_ id: String) -> Bool {
        if let k = cache[id] { return k }
        let k = keeps(article: id, in: graph)
        cache[id] = k
        return k
      }
      keptArticles = keptArticles.filter(keep)
      edges = edges.compactMap { e in
        var e = e
        e.evidence = e.evidence.filter { keep($0.article) }
        e.weight = e.evidence.count
        e.toneSum = e.evidence.reduce(0) { $0.addingSaturated($1.tone) }
        return e.weight > 0 ? e : nil
      }
      var touched = Set<String>()
      for e in edges { touched.insert(e.source); touched.insert(e.target) }
      for (id, n) in graph.nodes {
        let arts = n.articles.filter(keep)
        if arts.isEmpty, !touched.contains(id) {
          nodes[id] = nil
        } else {
          nodes[id]?.articles = arts
        }
      }
    }

    // 2. Types.
    if !types.isEmpty {
      nodes = nodes.filter { types.contains($0.value.type) }
    }
    edges = edges.filter { nodes[$0.source] != nil && nodes[$0.target] != nil }

    // 3. Kinds and weight.
    if !kinds.isEmpty { edges = edges.filter { kinds.contains($0.kind) } }
    if minWeight > 1 { edges = edges.filter { $0.weight >= minWeight } }

    // 4. Ego network.
    var seeds = Set<String>()
    if let q = ego {
      seeds = Set(graph.nodes(matching: q).map(\.id).filter { nodes[$0] != nil })
      var adjacency: [String: [String]] = [:]
      for e in edges {
        adjacency[e.source, default: []].append(e.target)
        adjacency[e.target, default: []].append(e.source)
      }
      var reached = seeds
      var frontier = Array(seeds)
      var level = 0
      while level < depth, !frontier.isEmpty {
        var next: [String] = []
        for id in frontier {
          for n in adjacency[id] ?? [] where !reached.contains(n) {
            reached.insert(n)
            next.append(n)
          }
        }
        frontier = next
        level += 1
      }
      nodes = nodes.filter { reached.contains($0.key) }
      edges = edges.filter { reached.contains($0.source) && reached.contains($0.target) }
    }

    // 5. The strongest edges.
    if let n = top {
      edges = Array(edges.sorted(by: Edge.strongerFirst).prefix(max(0, n)))
    }

    if filtersEdges {
      var keep = seeds
      for e in edges { keep.insert(e.source); keep.insert(e.target) }
      nodes = nodes.filter { keep.contains($0.key) }
    }
    let kept = Set(keptArticles)
    return RelationshipGraph(
      nodes: Array(nodes.values), edges: edges, articles: keptArticles,
      articleDates: graph.articleDates.filter { kept.contains($0.key) })
  }

  /// Whether `s` is a date as the filter compares them: yyyy-MM-dd.
  public static func isDate(_ s: String) -> Bool {
    let u = Array(s.utf8)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
    for (i, c) in u.enumerated() where i != 4 && i != 7 {
      guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return false }
    }
    let month = Int(s.dropFirst(5).prefix(2))!, day = Int(s.suffix(2))!
    return (1...12).contains(month) && (1...31).contains(day)
  }
}

extension Edge {
  /// Heavier first; ties by kind, source and target.
  public static func strongerFirst(_ a: Edge, _ b: Edge) -> Bool {
    a.weight != b.weight ? a.weight > b.weight : a.key < b.key
  }
}

// MARK: - Measures

extension RelationshipGraph {
  /// Edges sorted strongest first (weight, then kind, source, target).
  public var edgesByWeight: [Edge] { edges.values.sorted(by: Edge.strongerFirst) }

  /// The number of edges touching each node (both kinds, either direction; a co-occurrence
  /// and a quotation edge between the same two entities count as two). Every node has an
  /// entry.
  public func degrees() -> [String: Int] {
    var d = Dictionary(uniqueKeysWithValues: nodes.keys.map { ($0, 0) })
    for e in edges.values {
      d[e.source, default: 0] += 1
      d[e.target, default: 0] += 1
    }
    return d
  }

  /// The sum of the weights of the edges touching each node. Every node has an entry.
  public func weightedDegrees() -> [String: Int] {
    var d = Dictionary(uniqueKeysWithValues: nodes.keys.map { ($0, 0) })
    for e in edges.values {
      d[e.source] = d[e.source, default: 0].addingSaturated(e.weight)
      d[e.target] = d[e.target, default: 0].addingSaturated(e.weight)
    }
    return d
  }

  /// PageRank by power iteration over weighted links: a quotation edge is a link from the
  /// speaker to the subject, a co-occurrence edge two links, one each way; a link's weight is
  /// its edge's. Nodes without links spread their rank evenly (as networkx does). Stops after
  /// `maxIterations` or when the L1 change falls below `tolerance`. The ranks sum to 1; the
  /// result depends only on the graph, not on insertion order.
  public func pageRank(damping: Double = 0.85, maxIterations: Int = 100, tolerance: Double = 1e-10) -> [String: Double] {
    let order = sortedNodes.map(\.id)
    let n = order.count
    guard n > 0 else { return [:] }
    var index: [String: Int] = [:]
    index.reserveCapacity(n)
    for (i, id) in order.enumerated() { index[id] = i }
    var links: [(from: Int, to: Int, weight: Double)] = []
    links.reserveCapacity(edges.count * 2)
    for e in sortedEdges {
      guard let s = index[e.source], let t = index[e.target] else { continue }
      let w = Double(max(e.weight, 0))
      links.append((s, t, w))
      if e.kind == .cooccurrence { links.append((t, s, w)) }
    }
    var out = [Double](repeating: 0, count: n)
    for l in links { out[l.from] += l.weight }
    // Fold the division into the links once.
    let scaled = links.map { l in (l.from, l.to, out[l.from] > 0 ? l.weight / out[l.from] : 0) }
    let dangling = (0..<n).filter { out[$0] == 0 }
    var x = [Double](repeating: 1.0 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    for _ in 0..<maxIterations {
      var lost = 0.0
      for i in dangling { lost += x[i] }
      let base = (1 - damping) / Double(n) + damping * lost / Double(n)
      for i in 0..<n { next[i] = base }
      for (from, to, w) in scaled { next[to] += damping * x[from] * w }
      var change = 0.0
      for i in 0..<n { change += abs(next[i] - x[i]) }
      swap(&x, &next)
      if change < tolerance { break }
    }
    let total = x.reduce(0, +)
    var result: [String: Double] = [:]
    result.reserveCapacity(n)
    for (i, id) in order.enumerated() { result[id] = x[i] / total }
    return result
  }

  /// Connected components, edges taken as undirected: largest first (ties: the one whose
  /// first node comes first), each listing its node ids in `sortedNodes` order. A node
  /// without edges is a component of its own.
  public func connectedComponents() -> [[String]] {
    let order = sortedNodes.map(\.id)
    var index: [String: Int] = [:]
    for (i, id) in order.enumerated() { index[id] = i }
    var parent = Array(0..<order.count)
    func find(_ i: Int) -> Int {
      var i = i
      while parent[i] != i {
        parent[i] = parent[parent[i]]
        i = parent[i]
      }
      return i
    }
    for e in edges.values {
      guard let s = index[e.source], let t = index[e.target] else { continue }
      let (a, b) = (find(s), find(t))
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    var groups: [Int: [Int]] = [:]
    for i in 0..<order.count { groups[find(i), default: []].append(i) }
    return groups.values
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
      .map { $0.map { order[$0] } }
  }

  /// Every edge joining a node of `a` to a node of `b`, either direction, both kinds,
  /// strongest first.
  public func edges(between a: Set<String>, and b: Set<String>) -> [Edge] {
    edges.values.filter { e in
      (a.contains(e.source) && b.contains(e.target)) || (b.contains(e.source) && a.contains(e.target))
    }.sorted(by: Edge.strongerFirst)
  }
}
