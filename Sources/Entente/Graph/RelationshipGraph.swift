import OrderedCollections

/// Where an edge was seen: the sentence (and quote) behind it.
public struct Evidence: Sendable, Hashable, Codable {
  public var article: String
  /// Sentence index within the article (0-based).
  public var sentence: Int
  /// Scalar offsets of the sentence (or the quote's content) in the article.
  public var start: Int
  public var end: Int
  public var text: String
  /// The quoted content, for quotation edges.
  public var quote: String?
  /// The cue ("said", "according to"), for quotation edges.
  public var cue: String?

  public init(article: String, sentence: Int, start: Int, end: Int, text: String, quote: String? = nil, cue: String? = nil) {
    self.article = article
    self.sentence = sentence
    self.start = start
    self.end = end
    self.text = text
    self.quote = quote
    self.cue = cue
  }
}

public enum EdgeKind: String, Sendable, Codable, CaseIterable, Comparable {
  /// Undirected: both entities are named in the same sentence.
  case cooccurrence
  /// Directed: the source is quoted naming the target.
  case quotation

  public static func < (a: EdgeKind, b: EdgeKind) -> Bool { a.rawValue < b.rawValue }
}

/// A node: one real-world entity across all articles.
public struct Node: Sendable, Hashable, Codable {
  /// Stable id: "person:Vladimir Putin", "state:RUS", "organization:NATO".
  public var id: String
  public var name: String
  public var type: EntityType
  /// Names it goes by, sorted.
  public var aliases: [String]
  /// Number of mentions (names, demonyms, metonyms, pronouns and roles).
  public var mentions: Int
  /// Ids of the articles that mention it, in input order.
  public var articles: [String]

  public init(id: String, name: String, type: EntityType, aliases: [String] = [], mentions: Int = 0, articles: [String] = []) {
    self.id = id
    self.name = name
    self.type = type
    self.aliases = aliases
    self.mentions = mentions
    self.articles = articles
  }
}

/// An edge between two nodes.
public struct Edge: Sendable, Hashable, Codable {
  public var kind: EdgeKind
  /// For co-occurrence, the smaller of the two ids; for quotation, the speaker.
  public var source: String
  public var target: String
  /// Co-occurrence: sentences naming both; quotation: quotes.
  public var weight: Int
  public var evidence: [Evidence]

  public init(kind: EdgeKind, source: String, target: String, weight: Int = 0, evidence: [Evidence] = []) {
    self.kind = kind
    self.source = source
    self.target = target
    self.weight = weight
    self.evidence = evidence
  }

  public var key: EdgeKey { EdgeKey(kind: kind, source: source, target: target) }
}

public struct EdgeKey: Sendable, Hashable, Comparable {
  public var kind: EdgeKind
  public var source: String
  public var target: String

  /// For co-occurrence, pass the two ids in either order: the key stores them sorted.
  public init(kind: EdgeKind, source: String, target: String) {
    self.kind = kind
    if kind == .cooccurrence, target < source {
      self.source = target
      self.target = source
    } else {
      self.source = source
      self.target = target
    }
  }

  public static func < (a: EdgeKey, b: EdgeKey) -> Bool {
    (a.kind.rawValue, a.source, a.target) < (b.kind.rawValue, b.source, b.target)
  }
}

/// The relationship graph: typed nodes, weighted co-occurrence and quotation edges, and the
/// evidence behind every edge.
///
/// Nodes are keyed by id and edges by (kind, source, target) in insertion order, so lookups
/// are O(1). Co-occurrence edges are stored once, under the sorted pair of ids. Graphs merge:
/// the same entity is the same node, and weights and evidence add up.
///
///     var graph = RelationshipGraph()
///     graph.merge(Pipeline().graph(for: article))
public struct RelationshipGraph: Sendable, Equatable {
  public private(set) var nodes: OrderedDictionary<String, Node> = [:]
  public private(set) var edges: OrderedDictionary<EdgeKey, Edge> = [:]
  /// Ids of the articles in the graph, in input order.
  public private(set) var articles: OrderedSet<String> = []
  /// Article dates by id, where known (yyyy-MM-dd).
  public private(set) var articleDates: [String: String] = [:]

  public init() {}

  public static func == (a: RelationshipGraph, b: RelationshipGraph) -> Bool {
    a.nodes == b.nodes && a.edges == b.edges && a.articles == b.articles && a.articleDates == b.articleDates
  }

  /// The last article added was not in the graph before (so no node has it yet).
  private var lastArticleIsNew = false

  public mutating func addArticle(_ id: String, date: String?) {
    lastArticleIsNew = articles.append(id).inserted
    if let d = date { articleDates[id] = d }
  }

  /// Adds a node, or adds its mentions, aliases and articles to the node with its id.
  ///
  /// - Complexity: O(aliases) for a node of one article merged after the ones before it (the
  ///   common case of building a corpus in input order); O(articles) otherwise.
  public mutating func record(node: Node) {
    guard let index = nodes.index(forKey: node.id) else {
      var n = node
      n.aliases = Array(Set(n.aliases)).sorted()
      n.articles = Array(OrderedSet(n.articles))
      nodes[node.id] = n
      return
    }
    nodes.values[index].mentions += node.mentions
    for alias in node.aliases where !nodes.values[index].aliases.contains(alias) {
      let at = nodes.values[index].aliases.firstIndex { $0 > alias } ?? nodes.values[index].aliases.count
      nodes.values[index].aliases.insert(alias, at: at)
    }
    if node.articles.count == 1, nodes.values[index].articles.last == node.articles[0] { return }
    if node.articles.count == 1, lastArticleIsNew, articles.last == node.articles[0] {
      // The article being merged now is new to this node: no search needed.
      nodes.values[index].articles.append(node.articles[0])
      return
    }
    var merged = OrderedSet(nodes.values[index].articles)
    merged.append(contentsOf: node.articles)
    nodes.values[index].articles = Array(merged)
  }

  /// One more sentence naming both `a` and `b`.
  public mutating func record(cooccurrence a: String, _ b: String, evidence: Evidence) {
    guard a != b else { return }
    let (s, t) = a < b ? (a, b) : (b, a)
    add(Edge(kind: .cooccurrence, source: s, target: t, weight: 1, evidence: [evidence]))
  }

  /// One more quote of `speaker` naming `subject`.
  public mutating func record(quote speaker: String, about subject: String, evidence: Evidence) {
    guard speaker != subject else { return }
    add(Edge(kind: .quotation, source: speaker, target: subject, weight: 1, evidence: [evidence]))
  }

  mutating func add(_ edge: Edge) {
    let key = edge.key
    if let i = edges.index(forKey: key) {
      // In place: copying the edge out and back would copy its evidence on every append.
      edges.values[i].weight += edge.weight
      edges.values[i].evidence.append(contentsOf: edge.evidence)
    } else {
      edges[key] = edge
    }
  }

  /// Adds another graph: same ids, same nodes; weights and evidence add up.
  public mutating func merge(_ other: RelationshipGraph) {
    for id in other.articles { addArticle(id, date: other.articleDates[id]) }
    for node in other.nodes.values { record(node: node) }
    for edge in other.edges.values { add(edge) }
  }

  /// Nodes sorted by type, then name, then id: the order every exporter writes.
  public var sortedNodes: [Node] {
    nodes.values.sorted { ($0.type, $0.name, $0.id) < ($1.type, $1.name, $1.id) }
  }

  /// Edges sorted by kind, source and target.
  public var sortedEdges: [Edge] {
    edges.values.sorted { $0.key < $1.key }
  }

  /// Builds a graph from decoded parts (used when reading a graph back from JSON).
  public init(nodes: [Node], edges: [Edge], articles: [String] = [], articleDates: [String: String] = [:]) {
    for n in nodes { self.nodes[n.id] = n }
    for e in edges { add(e) }
    self.articles = OrderedSet(articles)
    self.articleDates = articleDates
  }

  /// Keeps only the given edges and the nodes they touch (plus `keepNodes`).
  public func subgraph(edges keep: [Edge], keepNodes: Set<String> = []) -> RelationshipGraph {
    var ids = keepNodes
    for e in keep { ids.insert(e.source); ids.insert(e.target) }
    return RelationshipGraph(
      nodes: nodes.values.filter { ids.contains($0.id) }, edges: keep,
      articles: Array(articles), articleDates: articleDates)
  }
}

