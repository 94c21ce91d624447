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
  /// −1 conflictual, 0 neutral, +1 cooperative (``ToneScorer``).
  public var tone: Int
  /// The words that set the tone ("accused", "did not agree"), in text order.
  public var toneCues: [String]

  public init(
    article: String, sentence: Int, start: Int, end: Int, text: String, quote: String? = nil, cue: String? = nil,
    tone: Int = 0, toneCues: [String] = []
  ) {
    self.article = article
    self.sentence = sentence
    self.start = start
    self.end = end
    self.text = text
    self.quote = quote
    self.cue = cue
    self.tone = tone
    self.toneCues = toneCues
  }

  enum CodingKeys: String, CodingKey {
    case article, sentence, start, end, text, quote, cue, tone
    case toneCues = "tone_cues"
  }

  /// Files written before tone was scored read back neutral.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    article = try c.decode(String.self, forKey: .article)
    sentence = try c.decode(Int.self, forKey: .sentence)
    start = try c.decode(Int.self, forKey: .start)
    end = try c.decode(Int.self, forKey: .end)
    text = try c.decode(String.self, forKey: .text)
    quote = try c.decodeIfPresent(String.self, forKey: .quote)
    cue = try c.decodeIfPresent(String.self, forKey: .cue)
    // −1, 0 or +1, whatever a file says.
    tone = (try c.decodeIfPresent(Int.self, forKey: .tone) ?? 0).signum()
    toneCues = try c.decodeIfPresent([String].self, forKey: .toneCues) ?? []
  }
}

public enum EdgeKind: String, Sendable, Codable, CaseIterable, Comparable {
  /// Undirected: both entities are named in the same sentence.
  case cooccurrence
  /// Directed: the source is quoted naming the target.
  case quotation

  /// By name: "cooccurrence" before "quotation".
  public static func < (a: EdgeKind, b: EdgeKind) -> Bool { a == .cooccurrence && b == .quotation }
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
  /// Ids of the articles that mention it, in the order they were added (sorted in the
  /// canonical form a graph is written in).
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
  /// The sum of the tones of all its evidence — every record counted, kept or not — so that
  /// ``tone`` is exact however the evidence is capped and graphs are merged.
  public var toneSum: Int

  public init(kind: EdgeKind, source: String, target: String, weight: Int = 0, evidence: [Evidence] = [], toneSum: Int? = nil) {
    self.kind = kind
    self.source = source
    self.target = target
    self.weight = weight
    self.evidence = evidence
    self.toneSum = toneSum ?? evidence.reduce(0) { $0.addingSaturated($1.tone) }
  }

  public var key: EdgeKey { EdgeKey(kind: kind, source: source, target: target) }

  /// The mean tone of all its evidence, from −1 (conflictual) to +1 (cooperative).
  public var tone: Double { weight > 0 ? Double(toneSum) / Double(weight) : 0 }

  /// The mean tone rounded to 3 decimals, as files write it.
  public var roundedTone: Double {
    let r = (tone * 1000).rounded() / 1000
    return r == 0 ? 0 : r
  }

  /// −1, 0 or +1: the sign of ``toneSum`` (more conflictual or cooperative evidence).
  public var toneClass: Int { toneSum.signum() }

  enum CodingKeys: String, CodingKey {
    case kind, source, target, weight, evidence, tone
    case toneSum = "tone_sum"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(evidence, forKey: .evidence)
    try c.encode(kind, forKey: .kind)
    try c.encode(source, forKey: .source)
    try c.encode(target, forKey: .target)
    try c.encode(roundedTone, forKey: .tone)
    try c.encode(toneSum, forKey: .toneSum)
    try c.encode(weight, forKey: .weight)
  }

  /// Files written before tone was scored read back neutral; a file with only the mean tone
  /// gets the sum back from it.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.decode(EdgeKind.self, forKey: .kind)
    source = try c.decode(String.self, forKey: .source)
    target = try c.decode(String.self, forKey: .target)
    weight = try c.decode(Int.self, forKey: .weight)
    evidence = try c.decode([Evidence].self, forKey: .evidence)
    if let sum = try c.decodeIfPresent(Int.self, forKey: .toneSum) {
      toneSum = sum
    } else if let mean = try c.decodeIfPresent(Double.self, forKey: .tone) {
      let sum = (mean * Double(weight)).rounded()
      toneSum = sum.isFinite && abs(sum) < 1e18 ? Int(sum) : 0
    } else {
      toneSum = 0
    }
  }
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
    (a.kind, a.source, a.target) < (b.kind, b.source, b.target)
  }

  public func hash(into hasher: inout Hasher) {
    // The kind by its case, not its raw string.
    hasher.combine(kind == .cooccurrence)
    hasher.combine(source)
    hasher.combine(target)
  }
}

/// How a graph orders what it merges: which evidence is "earliest" when an edge keeps only
/// some, and which name or date wins when two inputs disagree.
public enum GraphOrder: Sendable, Hashable {
  /// Input order: articles in the order they were added, evidence by article position, then
  /// sentence and offset; a node keeps the first name seen.
  case input
  /// Canonical order: articles by id, evidence by article id, then sentence and offset; the
  /// smallest name or date is kept. Merging is then associative and commutative: what
  /// ``Pipeline``, `build`, stores and `merge` use, so that any grouping of the same articles
  /// gives the same graph; ``RelationshipGraph/canonical()`` sorts what is left.
  case canonical
}

/// The relationship graph: typed nodes, weighted co-occurrence and quotation edges, and the
/// evidence behind every edge.
///
/// Nodes are keyed by id and edges by (kind, source, target) in insertion order, so lookups
/// are O(1). Co-occurrence edges are stored once, under the sorted pair of ids. Graphs merge:
/// the same entity is the same node, and weights and evidence add up.
///
/// Weights are always exact, but an edge keeps at most ``maxEvidence`` evidence records (5
/// unless set; 0 keeps all): the earliest, in the graph's ``order``. So memory stays bounded
/// however many articles say the same thing, and an edge's evidence count may be below its
/// weight.
///
///     var graph = RelationshipGraph()
///     graph.merge(Pipeline().graph(for: article))
public struct RelationshipGraph: Sendable, Equatable {
  /// How many evidence records an edge keeps by default.
  public static let defaultMaxEvidence = 5

  public private(set) var nodes: OrderedDictionary<String, Node> = [:]
  public private(set) var edges: OrderedDictionary<EdgeKey, Edge> = [:]
  /// Ids of the articles in the graph, in the order they were added (sorted in the
  /// canonical form a graph is written in).
  public private(set) var articles: OrderedSet<String> = []
  /// Article dates by id, where known (yyyy-MM-dd).
  public private(set) var articleDates: [String: String] = [:]

  /// The most evidence records an edge keeps (0: all of them). Lowering it drops the later
  /// records of every edge; weights stay exact.
  public var maxEvidence: Int {
    didSet {
      guard maxEvidence > 0, oldValue == 0 || maxEvidence < oldValue else { return }
      for i in edges.values.indices where edges.values[i].evidence.count > maxEvidence {
        edges.values[i].evidence.removeSubrange(maxEvidence...)
      }
    }
  }

  /// Which evidence is kept when an edge has more than ``maxEvidence``, and which name or
  /// date wins when merged inputs disagree.
  public var order: GraphOrder = .input

  /// An empty graph whose edges keep at most `maxEvidence` evidence records (0: all).
  public init(maxEvidence: Int = RelationshipGraph.defaultMaxEvidence, order: GraphOrder = .input) {
    self.maxEvidence = max(0, maxEvidence)
    self.order = order
  }

  public static func == (a: RelationshipGraph, b: RelationshipGraph) -> Bool {
    a.nodes == b.nodes && a.edges == b.edges && a.articles == b.articles && a.articleDates == b.articleDates
  }

  /// The positions in ``nodes`` of each edge's two nodes, by edge position
  /// (``EdgeIndex/pack(_:_:_:)``), while every edge was added by the positions of its nodes
  /// (``record(_:nodes:_:in:article:tone:evidence:)``); nil once an edge was added otherwise
  /// or the graph was sorted into canonical order.
  /// What resolution reads instead of hashing ids.
  private(set) var edgeEnds: [UInt64]? = []

  /// The last article added was not in the graph before (so no node has it yet).
  private var lastArticleIsNew = false

  public mutating func addArticle(_ id: String, date: String?) {
    lastArticleIsNew = articles.append(id).inserted
    guard let d = date else { return }
    if order == .canonical, let old = articleDates[id], old <= d { return }
    articleDates[id] = d
  }

  /// Adds a node, or adds its mentions, aliases and articles to the node with its id.
  ///
  /// - Complexity: O(aliases + its articles) for a node whose articles all come after the
  ///   node's (the common case of building a corpus in input order); O(articles) otherwise.
  public mutating func record(node: Node) {
    record(node: node, normalized: false)
  }

  /// `normalized`: the node comes from a graph, so its aliases are sorted and unique and its
  /// articles unique, and a new node can share its arrays instead of rebuilding them.
  mutating func record(node: Node, normalized: Bool) {
    guard let index = nodes.index(forKey: node.id) else {
      var n = node
      if !normalized || zip(n.aliases, n.aliases.dropFirst()).contains(where: { $0 >= $1 }) {
        n.aliases = Array(Set(n.aliases)).sorted()
      }
      if !normalized { n.articles = Array(OrderedSet(n.articles)) }
      nodes[node.id] = n
      return
    }
    addNames(at: index, mentions: node.mentions, name: node.name, type: node.type, aliases: node.aliases)
    if node.articles.count == 1, nodes.values[index].articles.last == node.articles[0] { return }
    if node.articles.count == 1, lastArticleIsNew, articles.last == node.articles[0] {
      // The article being merged now is new to this node: no search needed.
      nodes.values[index].articles.append(node.articles[0])
      return
    }
    if let last = nodes.values[index].articles.last, let first = node.articles.first,
      let lastRank = articles.firstIndex(of: last), var rank = articles.firstIndex(of: first), rank > lastRank
    {
      // Articles that all come after the node's last one (a chunk of the corpus merged in
      // the order it was added): append them without a search over the node's articles. A
      // node's articles are kept in the order they were added to the graph for this.
      var increasing = true
      for a in node.articles.dropFirst() {
        guard let r = articles.firstIndex(of: a), r > rank else { increasing = false; break }
        rank = r
      }
      if increasing {
        nodes.values[index].articles.append(contentsOf: node.articles)
        return
      }
    }
    var merged = OrderedSet(nodes.values[index].articles)
    merged.append(contentsOf: node.articles)
    var list = Array(merged)
    // Back in the order the articles were added to the graph (what the fast path above
    // relies on).
    let ranks = list.map { articles.firstIndex(of: $0) ?? Int.max }
    if zip(ranks, ranks.dropFirst()).contains(where: { $0 > $1 }) {
      list = zip(list, ranks).sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }
    nodes.values[index].articles = list
  }

  /// Adds mentions and aliases (sorted in) to the node at `index`; in canonical order, the
  /// least name and type win.
  private mutating func addNames(at index: Int, mentions: Int, name: String, type: EntityType, aliases: some Sequence<String>) {
    nodes.values[index].mentions = nodes.values[index].mentions.addingSaturated(mentions)
    if order == .canonical, (name, type) < (nodes.values[index].name, nodes.values[index].type) {
      nodes.values[index].name = name
      nodes.values[index].type = type
    }
    for alias in aliases where !nodes.values[index].aliases.contains(alias) {
      let at = nodes.values[index].aliases.firstIndex { $0 > alias } ?? nodes.values[index].aliases.count
      nodes.values[index].aliases.insert(alias, at: at)
    }
  }

  /// An article's entity, as ``record(node:)`` adds its node (with `mentions` and `article`),
  /// but building the node only when the graph does not have it yet.
  /// Returns the node's position in ``nodes``.
  @discardableResult
  mutating func record(entity e: ArticleEntity, mentions: Int, article: String) -> Int {
    guard let index = nodes.index(forKey: e.key) else {
      nodes[e.key] = Node(id: e.key, name: e.name, type: e.type, aliases: e.aliases.sorted(), mentions: mentions, articles: [article])
      return nodes.count - 1
    }
    addNames(at: index, mentions: mentions, name: e.name, type: e.type, aliases: e.aliases)
    if nodes.values[index].articles.last == article { return index }
    if lastArticleIsNew, articles.last == article {
      nodes.values[index].articles.append(article)
      return index
    }
    record(node: Node(id: e.key, name: e.name, type: e.type, articles: [article]), normalized: true)
    return index
  }

  /// One more co-occurrence or quotation of `a` and `b` in `article`, the newest article,
  /// with one hash lookup; `evidence` is only called when the edge keeps the record (an edge
  /// that already keeps all the evidence it can, all from earlier articles, just counts it).
  /// What ``GraphBuilder`` calls, always after ``addArticle(_:date:)`` for that article.
  /// `tone` is the record's tone, counted whether the record is kept or not.
  mutating func record(
    _ kind: EdgeKind, _ a: String, _ b: String, article: String, tone: Int = 0, evidence: () -> Evidence
  ) {
    guard a != b else { return }
    let key = EdgeKey(kind: kind, source: a, target: b)
    guard let i = edges.index(forKey: key) else {
      edges[key] = Edge(kind: kind, source: key.source, target: key.target, weight: 1, evidence: [evidence()], toneSum: tone)
      edgeEnds = nil
      return
    }
    record(at: i, article: article, tone: tone, evidence: evidence)
  }

  /// ``record(_:_:_:article:tone:evidence:)`` for the nodes at positions `a` and `b` of
  /// ``nodes`` (as ``record(entity:mentions:article:)`` gives them), finding the edge by
  /// `index` — edge positions by kind and node positions — rather than by hashing the ids.
  /// An edge `index` does not know yet is looked up by its key, then remembered.
  mutating func record(
    _ kind: EdgeKind, nodes a: Int, _ b: Int, in index: inout EdgeIndex, article: String, tone: Int = 0, evidence: () -> Evidence
  ) {
    guard a != b else { return }
    guard a < 1 << 31, b < 1 << 31 else {
      return record(kind, nodes.keys[a], nodes.keys[b], article: article, tone: tone, evidence: evidence)
    }
    let packed = EdgeIndex.pack(kind, a, b)
    if let i = index[packed] {
      record(at: i, article: article, tone: tone, evidence: evidence)
      return
    }
    let count = edges.count
    if index.count == count {
      // The index knows every edge (distinct node positions are distinct ids, so each edge
      // once): this one is new.
      let key = EdgeKey(kind: kind, source: nodes.keys[a], target: nodes.keys[b])
      edges[key] = Edge(kind: kind, source: key.source, target: key.target, weight: 1, evidence: [evidence()], toneSum: tone)
      index.insert(packed, count)
      if edgeEnds?.count == count { edgeEnds!.append(packed) } else { edgeEnds = nil }
      return
    }
    record(kind, nodes.keys[a], nodes.keys[b], article: article, tone: tone, evidence: evidence)
    let i = edges.count > count ? count : edges.index(forKey: EdgeKey(kind: kind, source: nodes.keys[a], target: nodes.keys[b]))!
    index.insert(packed, i)
  }

  /// Edge positions in ``edges`` by kind and the positions of their nodes in ``nodes``: what
  /// a graph built article by article finds its edges by (it only ever appends nodes and
  /// edges, so positions stay put). One index serves one graph, and only while nodes and
  /// edges are added to it by position.
  struct EdgeIndex {
    /// An open-addressing hash table of packed keys (``pack(_:_:_:)``; ``empty`` where none
    /// is) and their edge positions, linear probing: a key is a number, which a multiply
    /// hashes well enough, where a `Dictionary` would run SipHash on it.
    private var keys: [UInt64] = []
    private var values: [Int32] = []
    /// How many keys it holds.
    private(set) var count = 0
    /// No packed key has bit 31 set (both positions are below 2^31).
    private static let empty = UInt64.max

    /// The slot of `key` in a table of `capacity` slots (a power of two), where probing starts.
    @inline(__always) private static func slot(_ key: UInt64, _ capacity: Int) -> Int {
      Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - capacity.trailingZeroBitCount))
    }

    /// The edge position of a packed key.
    subscript(key: UInt64) -> Int? {
      guard count > 0 else { return nil }
      return keys.withUnsafeBufferPointer { keys in
        let mask = keys.count - 1
        var i = Self.slot(key, keys.count)
        while true {
          let k = keys[i]
          if k == key { return Int(values[i]) }
          if k == Self.empty { return nil }
          i = (i + 1) & mask
        }
      }
    }

    /// Adds a key not in the table yet.
    mutating func insert(_ key: UInt64, _ position: Int) {
      if (count + 1) * 4 > keys.count * 3 { grow() }
      let mask = keys.count - 1
      var i = Self.slot(key, keys.count)
      while keys[i] != Self.empty { i = (i + 1) & mask }
      keys[i] = key
      values[i] = Int32(truncatingIfNeeded: position)
      count += 1
    }

    private mutating func grow() {
      let old = (keys, values)
      let capacity = max(1024, keys.count * 2)
      keys = [UInt64](repeating: Self.empty, count: capacity)
      values = [Int32](repeating: 0, count: capacity)
      count = 0
      for (k, v) in zip(old.0, old.1) where k != Self.empty { insert(k, Int(v)) }
    }

    /// A co-occurrence's two nodes in either order give the same number (positions below
    /// 2^31).
    static func pack(_ kind: EdgeKind, _ a: Int, _ b: Int) -> UInt64 {
      let (s, t) = kind == .cooccurrence && b < a ? (b, a) : (a, b)
      return (kind == .quotation ? 1 << 63 : 0) | UInt64(truncatingIfNeeded: s) << 32 | UInt64(truncatingIfNeeded: t)
    }

    /// The two node positions of a packed key.
    static func unpack(_ p: UInt64) -> (Int, Int) {
      (Int(truncatingIfNeeded: (p >> 32) & 0x7FFF_FFFF), Int(truncatingIfNeeded: p & 0xFFFF_FFFF))
    }
  }

  /// One more record of the edge at position `i`, from `article`, the newest article.
  private mutating func record(at i: Int, article: String, tone: Int, evidence: () -> Evidence) {
    Self.record(&edges.values[i], article: article, tone: tone, order: order, maxEvidence: maxEvidence, articles: articles, evidence: evidence)
  }

  /// One more record of `edge` from `article`, the newest of `articles` (the graph's), in a
  /// graph of that `order` whose edges keep at most `maxEvidence` records.
  @inline(__always)
  static func record(
    _ edge: inout Edge, article: String, tone: Int, order: GraphOrder, maxEvidence: Int, articles: OrderedSet<String>,
    evidence: () -> Evidence
  ) {
    edge.weight += 1
    edge.toneSum = edge.toneSum.addingSaturated(tone)
    if order == .canonical, maxEvidence > 0, edge.evidence.count >= maxEvidence, let last = edge.evidence.last, last.article < article {
      // Canonical order ranks evidence by article id first: a record from a later article
      // than every one kept comes after all of them, and the edge has no room left.
      return
    }
    if order == .input, articles.last == article, let last = edge.evidence.last, last.article != article {
      // All the evidence here is from earlier articles: the record goes last, if there is room.
      if maxEvidence == 0 || edge.evidence.count < maxEvidence {
        edge.evidence.append(evidence())
      }
      return
    }
    RelationshipGraph.mergeEvidence(&edge.evidence, [evidence()], limit: maxEvidence, order: EvidenceOrder(order: order, articles: articles))
  }

  /// Room for this many more nodes and edges without rehashing.
  public mutating func reserveCapacity(nodes n: Int, edges e: Int) {
    nodes.reserveCapacity(nodes.count + n)
    edges.reserveCapacity(edges.count + e)
  }

  /// One more sentence naming both `a` and `b`.
  public mutating func record(cooccurrence a: String, _ b: String, evidence: Evidence) {
    guard a != b else { return }
    let (s, t) = a < b ? (a, b) : (b, a)
    add(Edge(kind: .cooccurrence, source: s, target: t, weight: 1, evidence: [evidence], toneSum: evidence.tone))
  }

  /// One more quote of `speaker` naming `subject`.
  public mutating func record(quote speaker: String, about subject: String, evidence: Evidence) {
    guard speaker != subject else { return }
    add(Edge(kind: .quotation, source: speaker, target: subject, weight: 1, evidence: [evidence], toneSum: evidence.tone))
  }

  /// Adds an edge: its weight adds up, and its evidence (in the graph's order, like every
  /// edge's) is merged in, keeping the earliest ``maxEvidence`` records.
  mutating func add(_ edge: Edge) {
    let limit = maxEvidence
    let order = EvidenceOrder(order: self.order, articles: articles)
    edgeEnds = nil
    // One hash lookup: the edge is found, or inserted empty, then filled.
    edges.updateValue(forKey: edge.key, default: Edge(kind: edge.kind, source: edge.source, target: edge.target)) { e in
      e.weight = e.weight.addingSaturated(edge.weight)
      e.toneSum = e.toneSum.addingSaturated(edge.toneSum)
      RelationshipGraph.mergeEvidence(&e.evidence, edge.evidence, limit: limit, order: order)
    }
  }

  /// Merges two lists of evidence in canonical order (``GraphOrder/canonical``), keeping the
  /// first `limit` (0: all).
  public static func mergeCanonicalEvidence(_ have: inout [Evidence], _ new: [Evidence], limit: Int) {
    mergeEvidence(&have, new, limit: limit, order: EvidenceOrder(order: .canonical, articles: []))
  }

  /// Merges two lists of evidence, each in `order`, keeping the first `limit` (0: all).
  static func mergeEvidence(_ have: inout [Evidence], _ new: [Evidence], limit: Int, order: EvidenceOrder) {
    guard !new.isEmpty else { return }
    guard let last = have.last, order.precedes(new[0], last) else {
      // The common case: the new records come after the ones here (or there are none yet).
      let room = limit > 0 ? limit - have.count : new.count
      guard room > 0 else { return }
      if have.isEmpty, room >= new.count { have = new } else { have.append(contentsOf: new.prefix(room)) }
      return
    }
    // Interleaved: merge the two ordered lists (stable: ties keep the records already here).
    let old = have
    let cap = limit > 0 ? limit : old.count + new.count
    var merged: [Evidence] = []
    merged.reserveCapacity(min(cap, old.count + new.count))
    var x = 0, y = 0
    while merged.count < cap, x < old.count || y < new.count {
      if y == new.count || (x < old.count && !order.precedes(new[y], old[x])) {
        merged.append(old[x]); x += 1
      } else {
        merged.append(new[y]); y += 1
      }
    }
    have = merged
  }

  /// The order of evidence records in a graph: by article (position in ``articles``, or id
  /// in canonical order), then sentence, offsets and text.
  struct EvidenceOrder {
    let order: GraphOrder
    let articles: OrderedSet<String>

    func precedes(_ a: Evidence, _ b: Evidence) -> Bool {
      if a.article != b.article {
        if order == .canonical { return a.article < b.article }
        let ra = articles.firstIndex(of: a.article) ?? Int.max, rb = articles.firstIndex(of: b.article) ?? Int.max
        return ra != rb ? ra < rb : a.article < b.article
      }
      return RelationshipGraph.sameArticlePrecedes(a, b)
    }
  }

  static func sameArticlePrecedes(_ a: Evidence, _ b: Evidence) -> Bool {
    if a.sentence != b.sentence { return a.sentence < b.sentence }
    if a.start != b.start { return a.start < b.start }
    if a.end != b.end { return a.end < b.end }
    if a.text != b.text { return a.text < b.text }
    if a.quote != b.quote { return (a.quote ?? "") < (b.quote ?? "") }
    if a.cue != b.cue { return (a.cue ?? "") < (b.cue ?? "") }
    if a.tone != b.tone { return a.tone < b.tone }
    return a.toneCues.lexicographicallyPrecedes(b.toneCues)
  }

  /// Adds another graph: same ids, same nodes; weights add up and evidence is merged (up to
  /// ``maxEvidence`` per edge, the earliest in this graph's ``order``).
  public mutating func merge(_ other: RelationshipGraph) {
    for id in other.articles { addArticle(id, date: other.articleDates[id]) }
    for node in other.nodes.values { record(node: node, normalized: true) }
    for edge in other.edges.values { add(edge) }
  }

  /// The same graph in canonical form: articles sorted by id, nodes by id with their
  /// articles sorted, edges by key with evidence by article id, sentence and offset (the
  /// earliest ``maxEvidence`` of them). Two graphs merged from the same parts in any order
  /// and grouping have the same canonical form.
  public func canonical() -> RelationshipGraph {
    guard Self.isSorted(nodes.keys.elements, by: <), Self.isSorted(edges.keys.elements, by: <) else {
      return Self.canonical(
        nodes: nodes.values.elements, edges: edges.values.elements, articles: articles, articleDates: articleDates,
        maxEvidence: maxEvidence)
    }
    // In order already: only what is not in canonical form changes.
    var g = RelationshipGraph(maxEvidence: maxEvidence, order: .canonical)
    g.articles = Self.isSorted(articles.elements, by: <) ? articles : OrderedSet(uncheckedUniqueElements: articles.sorted())
    g.articleDates = articleDates
    g.nodes = nodes
    for i in g.nodes.values.indices where !Self.isSorted(g.nodes.values[i].articles, by: <) { g.nodes.values[i].articles.sort() }
    g.edges = edges
    g.edgeEnds = edgeEnds
    for i in g.edges.values.indices where needsCanonical(g.edges.values[i]) { g.edges.values[i] = canonical(g.edges.values[i]) }
    return g
  }

  /// The graph in canonical form of nodes of distinct ids and edges of distinct keys (in any
  /// order).
  static func canonical(
    nodes: [Node], edges: [Edge], articles: OrderedSet<String>, articleDates: [String: String], maxEvidence: Int
  ) -> RelationshipGraph {
    canonical(
      nodeKeys: nodes.map(\.id), nodes: nodes, edgeKeys: edges.map(\.key), edges: edges, nodeOrder: nil, edgeEnds: nil, articles: articles,
      articleDates: articleDates, maxEvidence: maxEvidence)
  }

  /// The graph in canonical form of nodes of distinct ids and edges of distinct keys, given
  /// as parallel arrays of keys and values in any order. They are put in order by moving
  /// them where they are, not by copying: a copy of a node or an edge retains every string
  /// and array it holds, which on a large graph are cold in memory. (Arrays that something
  /// else holds too are copied first, as any array about to change.) `edgeEnds`, when known:
  /// the positions of each edge's nodes in `nodeKeys` (``edgeEnds``), which spare hashing ids
  /// to sort the edges; `nodeOrder`, when known: `nodeKeys`' sorted order
  /// (``sortedPositions(_:)``). The graph made keeps no ``edgeEnds``.
  static func canonical(
    nodeKeys: consuming [String], nodes: consuming [Node], edgeKeys: consuming [EdgeKey], edges: consuming [Edge],
    nodeOrder: [Int]?, edgeEnds: consuming [UInt64]?, articles: OrderedSet<String>, articleDates: [String: String],
    maxEvidence: Int
  ) -> RelationshipGraph {
    var g = RelationshipGraph(maxEvidence: maxEvidence, order: .canonical)
    g.articles = Self.isSorted(articles.elements, by: <) ? articles : OrderedSet(uncheckedUniqueElements: articles.sorted())
    g.articleDates = articleDates
    let nodeOrder = nodeOrder.flatMap { $0.count == nodeKeys.count ? $0 : nil } ?? Self.sortedPositions(nodeKeys)
    var ends = edgeEnds
    if ends?.count != edgeKeys.count || nodeKeys.count >= 1 << 31 { ends = nil }
    let edgeOrder =
      ends.map { Self.sortedPositions(edgeKeys, nodeOrder: nodeOrder, ends: $0) }
      ?? Self.sortedPositions(edgeKeys, nodeOrder: nodeOrder, ids: nodeKeys)
    // Built by sorting, not by the positions of nodes: a graph resolved again finds its edges
    // by their ids.
    g.edgeEnds = nil
    if nodeKeys.count + edgeKeys.count < 1 << 12 {
      g.nodes = canonicalNodes(&nodeKeys, &nodes, nodeOrder)
      g.edges = g.canonicalEdges(&edgeKeys, &edges, edgeOrder)
    } else {
      // The nodes on another thread (handed over whole, so still changed in place there),
      // the edges on this one.
      let handover = Handover((consume nodeKeys, consume nodes))
      let (edgeTable, nodeTable) = Parallel.both(
        { g.canonicalEdges(&edgeKeys, &edges, edgeOrder) },
        {
          var (keys, values) = handover.take()
          return canonicalNodes(&keys, &values, nodeOrder)
        })
      g.edges = edgeTable
      g.nodes = nodeTable
    }
    return g
  }

  /// Nodes put in `order` and in canonical form, keyed by id.
  private static func canonicalNodes(_ keys: inout [String], _ nodes: inout [Node], _ order: [Int]) -> OrderedDictionary<String, Node> {
    permute(&keys, order)
    permute(&nodes, order)
    for i in nodes.indices where !isSorted(nodes[i].articles, by: <) { nodes[i].articles.sort() }
    return OrderedDictionary(uncheckedUniqueKeys: keys, values: nodes)
  }

  /// Edges put in `order` and in canonical form (for this graph's ``maxEvidence``), keyed.
  private func canonicalEdges(_ keys: inout [EdgeKey], _ edges: inout [Edge], _ order: [Int]) -> OrderedDictionary<EdgeKey, Edge> {
    Self.permute(&keys, order)
    Self.permute(&edges, order)
    for i in edges.indices where needsCanonical(edges[i]) { edges[i] = canonical(edges[i]) }
    return OrderedDictionary(uncheckedUniqueKeys: keys, values: edges)
  }

  /// The graph's nodes and edges, keys and values as parallel arrays, taken out of it (it is
  /// left with none): when nothing else holds the graph, the arrays are the only references
  /// to its storage, and elements move within them without being copied.
  mutating func takeNodesAndEdges() -> (nodeKeys: [String], nodes: [Node], edgeKeys: [EdgeKey], edges: [Edge]) {
    let taken = (nodes.keys.elements, nodes.values.elements, edges.keys.elements, edges.values.elements)
    nodes = [:]
    edges = [:]
    edgeEnds = []
    return taken
  }

  /// Puts `items[order[k]]` at position `k`, in place, cycle by cycle (a swap moves
  /// elements; none is copied).
  static func permute<T>(_ items: inout [T], _ order: [Int]) {
    var done = [Bool](repeating: false, count: order.count)
    items.withUnsafeMutableBufferPointer { buffer in
      for start in order.indices where !done[start] {
        var at = start
        while true {
          done[at] = true
          let next = order[at]
          if next == start { break }
          buffer.swapAt(at, next)
          at = next
        }
      }
    }
  }

  /// Whether `items` are in order (no two adjacent the wrong way round).
  static func isSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> Bool {
    var i = 1
    while i < items.count {
      if less(items[i], items[i - 1]) { return false }
      i += 1
    }
    return true
  }

  /// The positions of distinct edge keys in sorted order, given the sorted order of the
  /// nodes' ids: keys compare as (kind, rank of the source's id, rank of the target's id),
  /// numbers instead of strings, when every end of an edge is one of the nodes.
  static func sortedPositions(_ keys: [EdgeKey], nodeOrder: [Int], ids: [String]) -> [Int] {
    var rank: [String: UInt64] = [:]
    rank.reserveCapacity(ids.count)
    for (r, i) in nodeOrder.enumerated() { rank[ids[i]] = UInt64(r) }
    var packed: [UInt64] = []
    packed.reserveCapacity(keys.count)
    for k in keys {
      guard let s = rank[k.source], let t = rank[k.target], s < 1 << 31, t < 1 << 31 else { return sortedPositions(keys) }
      packed.append((k.kind == .cooccurrence ? 0 : 1 << 62) | s << 31 | t)
    }
    return sortedPositions(packed)
  }

  /// ``sortedPositions(_:nodeOrder:ids:)`` with the positions of each key's nodes given
  /// (``edgeEnds``): no id hashed.
  static func sortedPositions(_ keys: [EdgeKey], nodeOrder: [Int], ends: [UInt64]) -> [Int] {
    var rank = [UInt64](repeating: 0, count: nodeOrder.count)
    for (r, i) in nodeOrder.enumerated() { rank[i] = UInt64(r) }
    var packed: [UInt64] = []
    packed.reserveCapacity(keys.count)
    for k in keys.indices {
      let (a, b) = EdgeIndex.unpack(ends[k])
      var s = rank[a], t = rank[b]
      // A co-occurrence's key has the smaller id first: the smaller rank.
      if keys[k].kind == .cooccurrence, t < s { swap(&s, &t) }
      packed.append((keys[k].kind == .cooccurrence ? 0 : 1 << 62) | s << 31 | t)
    }
    return sortedPositions(packed)
  }

  /// The positions of distinct `keys` in sorted order.
  static func sortedPositions<T: Comparable>(_ keys: [T]) -> [Int] {
    keys.withUnsafeBufferPointer { sortedPositions($0) }
  }

  static func sortedPositions<T: Comparable>(_ k: UnsafeBufferPointer<T>) -> [Int] {
    var order = Array(k.indices)
    var i = 1
    while i < k.count, !(k[i] < k[i - 1]) { i += 1 }
    if i < k.count { order.sort { k[$0] < k[$1] } }
    return order
  }

  /// A node in canonical form: its articles sorted.
  static func canonical(_ n: Node) -> Node {
    guard !isSorted(n.articles, by: <) else { return n }
    var m = n
    m.articles.sort()
    return m
  }

  /// The order of evidence in canonical form: by article id, sentence and offset.
  static func canonicallyPrecedes(_ a: Evidence, _ b: Evidence) -> Bool {
    a.article != b.article ? a.article < b.article : sameArticlePrecedes(a, b)
  }

  /// An edge in canonical form: its evidence by article id, sentence and offset, the
  /// earliest ``maxEvidence`` of them.
  func canonical(_ e: Edge) -> Edge {
    guard needsCanonical(e) else { return e }
    var f = e
    f.evidence.sort(by: Self.canonicallyPrecedes)
    if maxEvidence > 0, f.evidence.count > maxEvidence { f.evidence.removeSubrange(maxEvidence...) }
    return f
  }

  /// Whether an edge's evidence is out of canonical order or beyond the number kept.
  func needsCanonical(_ e: Edge) -> Bool {
    (maxEvidence > 0 && e.evidence.count > maxEvidence) || !Self.isSorted(e.evidence, by: Self.canonicallyPrecedes)
  }

  /// Nodes sorted by type, then name, then id: the order every exporter writes.
  public var sortedNodes: [Node] {
    let values = nodes.values.elements
    return sortedNodePositions(types: EntityType.allCases[...]).map { values[$0] }
  }

  /// The positions in ``nodes`` of the nodes of `types` (consecutive ones of
  /// ``EntityType/allCases``), in the order of ``sortedNodes``: theirs is a run of it.
  func sortedNodePositions(types: ArraySlice<EntityType>) -> [Int] {
    let values = nodes.values.elements
    var order: [Int] = []
    values.withUnsafeBufferPointer { v in
      if types.count == EntityType.allCases.count {
        order = Array(v.indices)
      } else {
        let ranks = types.map(\.rank)
        order = v.indices.filter { ranks.contains(v[$0].type.rank) }
      }
      // (type, name, id), field by field: no node copied.
      order.sort { a, b in
        if v[a].type != v[b].type { return v[a].type.rank < v[b].type.rank }
        if v[a].name != v[b].name { return v[a].name < v[b].name }
        return v[a].id < v[b].id
      }
    }
    return order
  }

  /// Edges sorted by kind, source and target.
  public var sortedEdges: [Edge] {
    let keys = edges.keys.elements, values = edges.values.elements
    guard !Self.isSorted(keys, by: <) else { return values }
    return Self.sortedPositions(keys).map { values[$0] }
  }

  /// Builds a graph from decoded parts (used when reading a graph back from JSON). It keeps
  /// all the evidence it is given (`maxEvidence` 0) unless told otherwise.
  public init(
    nodes: [Node], edges: [Edge], articles: [String] = [], articleDates: [String: String] = [:],
    maxEvidence: Int = 0, order: GraphOrder = .input
  ) {
    self.maxEvidence = max(0, maxEvidence)
    self.order = order
    self.articles = OrderedSet(articles)
    self.articleDates = articleDates
    for n in nodes { self.nodes[n.id] = n }
    for e in edges { add(e) }
  }

  /// Keeps only the given edges and the nodes they touch (plus `keepNodes`).
  public func subgraph(edges keep: [Edge], keepNodes: Set<String> = []) -> RelationshipGraph {
    var ids = keepNodes
    for e in keep { ids.insert(e.source); ids.insert(e.target) }
    return RelationshipGraph(
      nodes: nodes.values.filter { ids.contains($0.id) }, edges: keep,
      articles: Array(articles), articleDates: articleDates, maxEvidence: maxEvidence, order: order)
  }
}


extension RelationshipGraph {
  /// A graph in canonical order built article by article (what ``Pipeline`` does with a
  /// corpus): its nodes and articles added as to any graph, but its edges kept in plain
  /// arrays and found by the positions of their nodes alone (``EdgeIndex``), so that no edge
  /// key is hashed or compared while the articles come in. The table of edges by key is made
  /// once, at the end (``finish()``), from keys known to be distinct.
  struct Builder {
    private var graph: RelationshipGraph
    private var edgeKeys: [EdgeKey] = []
    private var edgeValues: [Edge] = []
    /// Each edge's nodes by position (``EdgeIndex/pack(_:_:_:)``); nil once an edge's node
    /// does not fit the index.
    private var ends: [UInt64]? = []
    private var index = EdgeIndex()
    /// The edges whose nodes do not fit the index (positions from 2^31 on), by key.
    private var byKey: [EdgeKey: Int] = [:]

    init(maxEvidence: Int) {
      graph = RelationshipGraph(maxEvidence: maxEvidence, order: .canonical)
    }

    mutating func addArticle(_ id: String, date: String?) {
      graph.addArticle(id, date: date)
    }

    /// ``RelationshipGraph/record(entity:mentions:article:)``: the node's position.
    mutating func record(entity e: ArticleEntity, mentions: Int, article: String) -> Int {
      graph.record(entity: e, mentions: mentions, article: article)
    }

    /// One more co-occurrence or quotation of the nodes at positions `a` and `b`, in
    /// `article`, the newest article; `evidence` is only called when the edge keeps the record.
    mutating func record(_ kind: EdgeKind, nodes a: Int, _ b: Int, article: String, tone: Int, evidence: () -> Evidence) {
      guard a != b else { return }
      let fits = a < 1 << 31 && b < 1 << 31
      let packed = fits ? EdgeIndex.pack(kind, a, b) : 0
      let found = fits ? index[packed] : byKey[EdgeKey(kind: kind, source: graph.nodes.keys[a], target: graph.nodes.keys[b])]
      if let i = found {
        RelationshipGraph.record(
          &edgeValues[i], article: article, tone: tone, order: graph.order, maxEvidence: graph.maxEvidence, articles: graph.articles,
          evidence: evidence)
        return
      }
      let key = EdgeKey(kind: kind, source: graph.nodes.keys[a], target: graph.nodes.keys[b])
      let position = edgeKeys.count
      edgeKeys.append(key)
      edgeValues.append(Edge(kind: kind, source: key.source, target: key.target, weight: 1, evidence: [evidence()], toneSum: tone))
      if fits {
        index.insert(packed, position)
        ends?.append(packed)
      } else {
        byKey[key] = position
        ends = nil
      }
    }

    /// The graph built (its edges in the order first seen, as ``RelationshipGraph`` keeps them).
    consuming func finish() -> RelationshipGraph {
      var g = graph
      g.edges = OrderedDictionary(uncheckedUniqueKeys: edgeKeys, values: edgeValues)
      g.edgeEnds = ends
      return g
    }
  }
}

/// What ``ArticleRecords`` adds an article to: a graph whose edges are found by the
/// positions of their nodes.
protocol RecordSink {
  mutating func addArticle(_ id: String, date: String?)
  /// Adds an article's entity; its node's position.
  mutating func record(entity e: ArticleEntity, mentions: Int, article: String) -> Int
  /// One more co-occurrence or quotation of the nodes at positions `a` and `b`.
  mutating func record(_ kind: EdgeKind, nodes a: Int, _ b: Int, article: String, tone: Int, evidence: () -> Evidence)
}

extension RelationshipGraph.Builder: RecordSink {}

/// A graph and the positions of its edges by the positions of their nodes (valid while
/// nodes and edges are only added to it by position).
struct IndexedGraph: RecordSink {
  var graph = RelationshipGraph()
  var index = RelationshipGraph.EdgeIndex()

  mutating func addArticle(_ id: String, date: String?) {
    graph.addArticle(id, date: date)
  }

  mutating func record(entity e: ArticleEntity, mentions: Int, article: String) -> Int {
    graph.record(entity: e, mentions: mentions, article: article)
  }

  mutating func record(_ kind: EdgeKind, nodes a: Int, _ b: Int, article: String, tone: Int, evidence: () -> Evidence) {
    graph.record(kind, nodes: a, b, in: &index, article: article, tone: tone, evidence: evidence)
  }
}

extension Int {
  /// The sum, or the nearest bound when it does not fit: weights and counts read back from
  /// files may be anything, and adding them up must not crash.
  public func addingSaturated(_ other: Int) -> Int {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? (other > 0 ? .max : .min) : sum
  }
}
