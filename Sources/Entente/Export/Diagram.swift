/// What a diagram of a graph shows, and what its caption says: the plan that
/// ``DiagramDOT`` (laid out by Graphviz) and ``DiagramSVG`` (the fallback drawing) both draw.
///
/// 1. Entities without edges, and components smaller than ``Options/smallestComponent``
///    entities, are not drawn: the caption counts them (and names a few).
/// 2. ``Communities`` are found on the rest; each drawn entity is coloured by its community.
/// 3. A graph of more than ``Options/maxNodes`` entities is cut community by community: each
///    gets a share of the entities in proportion to its size, filled by its own strongest
///    edges, so that every large group stays in the picture (one global cut by weight keeps
///    only the densest group).
/// 4. At most ``Options/maxEdges`` edges are drawn: each drawn entity's strongest edge first,
///    then the strongest of the rest.
///
/// Everything is in a fixed order: the same graph gives the same plan.
public struct Diagram: Sendable {
  public struct Options: Sendable {
    /// The most entities drawn.
    public var maxNodes: Int
    /// The most edges drawn (default: three per entity).
    public var maxEdges: Int?
    /// Components of fewer entities are summarized in the caption, not drawn.
    public var smallestComponent: Int
    /// The caption's title.
    public var title: String
    /// The corpus, as the caption names it ("news.jsonl").
    public var corpus: String?

    public init(maxNodes: Int = 150, maxEdges: Int? = nil, smallestComponent: Int = 3, title: String = "Entente", corpus: String? = nil) {
      self.maxNodes = maxNodes
      self.maxEdges = maxEdges
      self.smallestComponent = smallestComponent
      self.title = title
      self.corpus = corpus
    }
  }

  /// The drawn part of the graph.
  public var graph: RelationshipGraph
  /// The community of each drawn entity: 0 for the largest (by entities drawn).
  public var community: [String: Int]
  /// The names of each community's strongest entities (by mentions), largest community first.
  public var communityNames: [[String]]
  /// The entities drawn of each community.
  public var communitySizes: [Int]
  /// The caption: the title, then lines of text.
  public var title: String
  public var lines: [String]
  /// What was left out, one sentence each (also in ``lines``).
  public var notes: [String]
  /// The edges whose weight is written on them: the strongest few.
  public var labelledEdges: Set<EdgeKey>
  /// Whether entities or edges were left out for their weight (not only small components).
  public var cut: Bool

  public init(_ whole: RelationshipGraph, options: Options = Options()) {
    let maxNodes = max(1, options.maxNodes)
    let maxEdges = max(1, options.maxEdges ?? 3 * maxNodes)
    // 1. Components, largest first; the small ones only counted.
    let components = Diagram.components(whole)
    var kept: [String] = []
    var isolated: [String] = []
    var small: [[String]] = []
    let degree = Diagram.degree(whole)
    for c in components {
      if c.count == 1, degree[c[0]] == nil {
        isolated.append(c[0])
      } else if c.count < options.smallestComponent, components[0].count >= options.smallestComponent {
        small.append(c)
      } else {
        kept.append(contentsOf: c)
      }
    }
    let keptSet = Set(kept)
    let core = whole.subgraph(edges: whole.sortedEdges.filter { keptSet.contains($0.source) && keptSet.contains($0.target) }, keepNodes: keptSet)
    // 2. Communities on what may be drawn.
    let communities = Communities.of(core)
    // 3. The entities drawn, community by community.
    var members: [[String]] = []
    for id in core.nodes.keys.sorted() {
      let c = communities[id]!
      while members.count <= c { members.append([]) }
      members[c].append(id)
    }
    var chosen = Set<String>()
    var droppedCommunities = 0
    var droppedEntities = 0
    if core.nodes.count <= maxNodes {
      chosen = keptSet
    } else {
      // Communities too small for a share of three entities are left out, the smallest
      // first, and the entities shared again among the rest.
      var active = members.count
      var quota = Diagram.shares(members.map(\.count), total: maxNodes)
      while active > 1, quota.prefix(active).contains(where: { $0 < 3 }) {
        active -= 1
        quota = Diagram.shares(members.prefix(active).map(\.count), total: maxNodes) + [Int](repeating: 0, count: members.count - active)
      }
      var intra = [[Edge]](repeating: [], count: members.count)
      for e in core.edges.values where communities[e.source] == communities[e.target] {
        intra[communities[e.source]!].append(e)
      }
      for (c, q) in quota.enumerated() {
        guard q >= 2 else {
          droppedCommunities += 1
          droppedEntities += members[c].count
          continue
        }
        chosen.formUnion(Diagram.grow(intra[c].sorted(by: Diagram.stronger), upTo: q))
      }
    }
    // 4. The edges drawn: each entity's strongest, then the strongest of the rest.
    let candidates = core.edges.values.filter { chosen.contains($0.source) && chosen.contains($0.target) }.sorted(by: Diagram.stronger)
    var drawn: [Edge] = []
    var drawnKeys = Set<EdgeKey>()
    if candidates.count <= maxEdges {
      drawn = candidates
    } else {
      var linked = Set<String>()
      for e in candidates where drawn.count < maxEdges && (!linked.contains(e.source) || !linked.contains(e.target)) {
        drawn.append(e)
        drawnKeys.insert(e.key)
        linked.insert(e.source)
        linked.insert(e.target)
      }
      for e in candidates where drawn.count < maxEdges && !drawnKeys.contains(e.key) {
        drawn.append(e)
        drawnKeys.insert(e.key)
      }
    }
    graph = whole.subgraph(edges: drawn.sorted { $0.key < $1.key }, keepNodes: chosen)
    // Communities renumbered by the entities drawn, largest first.
    var drawnMembers: [(c: Int, ids: [String])] = []
    for (c, ids) in members.enumerated() {
      let d = ids.filter { chosen.contains($0) }
      if !d.isEmpty { drawnMembers.append((c, d)) }
    }
    drawnMembers.sort { ($1.ids.count, $0.c) < ($0.ids.count, $1.c) }
    community = [:]
    communityNames = []
    communitySizes = drawnMembers.map(\.ids.count)
    for (n, m) in drawnMembers.enumerated() {
      for id in m.ids { community[id] = n }
      let top = m.ids.map { whole.nodes[$0]! }.sorted { ($1.mentions, $0.name) < ($0.mentions, $1.name) }
      communityNames.append(top.prefix(3).map(\.name))
    }
    // The weights written: the strongest few edges, when they stand out.
    let strongest = drawn.sorted(by: Diagram.stronger).prefix(max(3, min(8, drawn.count / 10)))
    labelledEdges = Set(strongest.filter { $0.weight >= 2 }.map(\.key))

    // The caption.
    title = options.title
    var lines: [String] = []
    var source: [String] = []
    if let corpus = options.corpus, !corpus.isEmpty { source.append("Source: \(corpus)") }
    source.append(Diagram.plural(whole.articles.count, "article", "articles"))
    let dates = whole.articles.compactMap { whole.articleDates[$0] }.filter { !$0.isEmpty }
    if let first = dates.min(), let last = dates.max() {
      source.append(first == last ? first : "\(first) to \(last)")
    }
    lines.append(source.joined(separator: " · "))
    let counts = "\(Diagram.plural(whole.nodes.count, "entity", "entities")), \(Diagram.plural(whole.edges.count, "edge", "edges"))"
    cut = core.nodes.count > chosen.count || core.edges.count > drawn.count
    if graph.nodes.count == whole.nodes.count, graph.edges.count == whole.edges.count {
      lines.append(counts)
    } else {
      let which = cut ? ", the strongest of each community" : ""
      lines.append("\(counts); drawn: \(graph.nodes.count) entities and \(graph.edges.count) edges\(which) (the DOT and JSON files have them all)")
    }
    var notes: [String] = []
    if !isolated.isEmpty || !small.isEmpty {
      var parts: [String] = []
      if !isolated.isEmpty {
        parts.append("\(Diagram.plural(isolated.count, "entity", "entities")) without edges")
      }
      if !small.isEmpty {
        let names = small.count > 3 ? "" : " (" + small.map { c in c.map { whole.nodes[$0]!.name }.joined(separator: " – ") }.joined(separator: "; ") + ")"
        let entities = small.reduce(0) { $0 + $1.count }
        parts.append("\(Diagram.plural(small.count, "small group", "small groups")) of \(entities) entities linked only among themselves\(names)")
      }
      notes.append("Not drawn: " + parts.joined(separator: " and "))
    }
    if droppedCommunities > 0 {
      notes.append("Not drawn: \(Diagram.plural(droppedCommunities, "smaller community", "smaller communities")) of \(droppedEntities) entities")
    }
    lines += notes
    self.lines = lines
    self.notes = notes
  }

  /// Up to `count` entities joined by `edges` (strongest first), grown from the strongest
  /// edge one entity at a time, by the strongest edge to one not yet taken: the part drawn
  /// holds together instead of falling apart into the strongest pairs.
  static func grow(_ edges: [Edge], upTo count: Int) -> Set<String> {
    var ids = Set<String>()
    while ids.count < count {
      var pick = edges.first { ids.contains($0.source) != ids.contains($0.target) }
      if pick == nil, ids.count + 2 <= count {
        pick = edges.first { !ids.contains($0.source) && !ids.contains($0.target) }
      }
      guard let e = pick else { break }
      ids.insert(e.source)
      ids.insert(e.target)
    }
    return ids
  }

  /// Stronger first: weight, then key.
  static func stronger(_ a: Edge, _ b: Edge) -> Bool { (b.weight, a.key) < (a.weight, b.key) }

  public static func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

  /// Edges per entity.
  static func degree(_ g: RelationshipGraph) -> [String: Int] {
    var d: [String: Int] = [:]
    for e in g.edges.values {
      d[e.source, default: 0] += 1
      d[e.target, default: 0] += 1
    }
    return d
  }

  /// Connected components (edges of both kinds, either way), largest first, then by
  /// first id; each sorted by id.
  static func components(_ g: RelationshipGraph) -> [[String]] {
    g.connectedComponents().map { $0.sorted() }.sorted { ($1.count, $0[0]) < ($0.count, $1[0]) }
  }

  /// `total` shared in proportion to `sizes` (largest remainder; ties to the earlier), none
  /// above its size.
  static func shares(_ sizes: [Int], total: Int) -> [Int] {
    let sum = sizes.reduce(0, +)
    guard sum > total else { return sizes }
    var share = sizes.map { $0 * total / sum }
    let order = sizes.indices.sorted { a, b in
      let ra = sizes[a] * total % sum, rb = sizes[b] * total % sum
      return (rb, a) < (ra, b)
    }
    var left = total - share.reduce(0, +)
    for i in order where left > 0 && share[i] < sizes[i] {
      share[i] += 1
      left -= 1
    }
    return share
  }
}
