import OrderedCollections

/// Everything Entente read in one article.
public struct ArticleAnalysis: Sendable {
  public var document: Document
  public var recognition: Recognition
  public var quotes: [Quote]

  public var article: Article { document.article }
}

/// The pipeline: article → sentences → mentions → entities → quotes → graph.
///
///     let pipeline = Pipeline()
///     let graph = pipeline.graph(for: try ArticleLoader.load(["Fixtures"]).articles)
///     print(DOTExporter().string(graph))
public struct Pipeline: Sendable {
  public let recognizer: Recognizer
  public let quoteExtractor: QuoteExtractor
  /// The most evidence records a graph edge keeps (0: all); weights stay exact.
  public var maxEvidence: Int = RelationshipGraph.defaultMaxEvidence

  /// `tagger`: the learned tagger's weights (``TaggerModel/bundled`` for the bundled ones;
  /// nil, the default: the rules alone).
  public init(gazetteer: Gazetteer = .bundled, tagger: TaggerModel? = nil) {
    recognizer = Recognizer(gazetteer: gazetteer, tagger: tagger)
    quoteExtractor = QuoteExtractor(gazetteer: gazetteer)
  }

  public func analyze(_ article: Article) -> ArticleAnalysis {
    let doc = Document(article, gazetteer: recognizer.gazetteer)
    var recognition = recognizer.recognize(doc)
    let quotes = quoteExtractor.quotes(in: doc, recognition: &recognition)
    recognition.mentions.sort { $0.span < $1.span }
    return ArticleAnalysis(document: doc, recognition: recognition, quotes: quotes)
  }

  /// The graph of one analysed article (partial names not yet resolved).
  public func graph(for analysis: ArticleAnalysis) -> RelationshipGraph {
    GraphBuilder.graph(for: analysis, maxEvidence: maxEvidence)
  }

  /// The graph of several articles as it is written out, analysed on `jobs` threads. The
  /// result is the same whatever the number of threads and the order of the articles.
  public func graph(for articles: [Article], jobs: Int = 1) -> RelationshipGraph {
    graph(from: articles, jobs: jobs)
  }

  /// The merged graph of a stream of articles, pulled a batch at a time (so memory holds a
  /// couple of batches of articles, never the whole corpus) and analysed on `jobs` threads
  /// while the next batch is read.
  ///
  /// The graph is in canonical order (``GraphOrder/canonical``): each edge keeps the evidence
  /// of the smallest article ids and each node its least name, so it does not depend on the
  /// order of the articles, the number of threads, or how a corpus is cut into shards that
  /// are merged later.
  ///
  /// - Parameters:
  ///   - resolve: give the graph as it is written out (``RelationshipGraph/resolved()``:
  ///     partial names resolved, sorted); without, the partial graph, which merges exactly
  ///     with the partial graphs of other articles.
  ///   - progress: called on the calling thread with the number of articles done so far.
  public func graph<S: Sequence<Article>>(
    from articles: S, jobs: Int = 1, resolve: Bool = true, progress: ((Int) -> Void)? = nil
  ) -> RelationshipGraph {
    var graph = RelationshipGraph.Builder(maxEvidence: maxEvidence)
    var done = 0
    // The workers analyse and score tone; this thread adds each article's records straight
    // to the one graph, in input order, while they go on with the next batch. So most of
    // building the graph leaves the workers' critical path, no per-chunk graph is built only
    // to be merged again, and evidence texts are made only for the records an edge keeps.
    let pipeline = self
    if jobs == 1 {
      // One worker analyses while this thread would mostly wait: it scores tone and makes
      // the records here too, off the worker's critical path. Analyses are larger than
      // records, so fewer are read ahead (one chunk a batch; the output is the same).
      Streaming.run(articles, jobs: jobs, batchSize: Streaming.chunkSize, transform: { chunk in chunk.map(pipeline.analyze) }) { chunk in
        for analysis in chunk { ArticleRecords(analysis).add(to: &graph) }
        done += chunk.count
        progress?(done)
      }
    } else {
      Streaming.run(articles, jobs: jobs, transform: { chunk in chunk.map { ArticleRecords(pipeline.analyze($0)) } }) { chunk in
        for records in chunk { records.add(to: &graph) }
        done += chunk.count
        progress?(done)
      }
    }
    return resolve ? graph.finish().resolved() : graph.finish()
  }

  /// Streams articles through the pipeline: each small chunk of consecutive articles becomes
  /// one merged graph on a worker thread, and `body` gets the chunk graphs (with the number
  /// of articles in each) in input order, on the calling thread.
  public func forEachChunkGraph<S: Sequence<Article>>(
    of articles: S, jobs: Int = 1, _ body: (RelationshipGraph, Int) throws -> Void
  ) rethrows {
    let pipeline = self
    try Streaming.run(articles, jobs: jobs, transform: { chunk -> (RelationshipGraph, Int) in
      var g = RelationshipGraph(maxEvidence: pipeline.maxEvidence, order: .canonical)
      g.reserveCapacity(nodes: 32 * chunk.count, edges: 128 * chunk.count)
      for a in chunk { GraphBuilder.add(pipeline.analyze(a), to: &g) }
      return (g, chunk.count)
    }, body: { try body($0.0, $0.1) })
  }

  /// Streams articles through `transform` (run on worker threads, one analysis at a time),
  /// handing the results to `body` in input order on the calling thread.
  public func forEachAnalysis<S: Sequence<Article>, R: Sendable>(
    of articles: S, jobs: Int = 1, _ transform: @escaping @Sendable (ArticleAnalysis) -> R,
    _ body: (R) throws -> Void
  ) rethrows {
    let pipeline = self
    try Streaming.run(articles, jobs: jobs, transform: { chunk in chunk.map { transform(pipeline.analyze($0)) } }, body: { rs in
      for r in rs { try body(r) }
    })
  }
}

/// Turns an article's entities, mentions and quotes into nodes and edges.
public enum GraphBuilder {
  /// The most characters (Unicode scalars) an evidence text or quote keeps; the offsets keep
  /// the whole span. A sentence is bounded (``SentenceSegmenter/maxTokens``) but a quote may
  /// run on over paragraphs.
  public static let maxEvidenceText = 1_200

  /// A span's text, or for a longer one its start and its end around " … ".
  static func clipped(_ text: ScalarText, _ span: TextSpan) -> String {
    guard span.end - span.start > maxEvidenceText else { return text.string(span) }
    let head = maxEvidenceText * 2 / 3, tail = maxEvidenceText - head
    return text.string(TextSpan(span.start, span.start + head)) + " \u{2026} " + text.string(TextSpan(span.end - tail, span.end))
  }

  public static func nodeID(_ e: ArticleEntity) -> String { e.key }

  /// Scores the tone of every piece of evidence.
  static let toneScorer = ToneScorer()

  public static func graph(for a: ArticleAnalysis, maxEvidence: Int = RelationshipGraph.defaultMaxEvidence) -> RelationshipGraph {
    var g = RelationshipGraph(maxEvidence: maxEvidence)
    add(a, to: &g)
    return g
  }

  /// Adds an article's nodes and edges to a graph (the same as merging its own graph in).
  public static func add(_ a: ArticleAnalysis, to g: inout RelationshipGraph) {
    ArticleRecords(a).add(to: &g)
  }
}

/// What one article adds to a graph, read from its analysis: its entities with their
/// mentions, and each co-occurrence and quotation with its tone, its evidence kept as
/// positions in the article's text.
///
/// Two stages, so that a build can run them on different threads: the records are made
/// where the article was analysed (tone needs the analysis), and added to the graph on the
/// thread that builds it, which makes an evidence record's strings only when the edge keeps
/// it. The analysis itself (tokens, mentions, sentences) is not held in between.
public struct ArticleRecords: Sendable {
  let id: String
  let date: String?
  let entities: [ArticleEntity]
  /// Each entity's number of mentions.
  let mentionCounts: [Int]
  let text: ScalarText
  /// Where each piece of evidence is, in the order first cited.
  var sources: [Source] = []
  /// The co-occurrences and quotations, in the order they are recorded.
  var records: [Record] = []

  /// A sentence (co-occurrence), or a quote's content and cue in its sentence (quotation).
  struct Source {
    var sentence: Int
    var sentenceSpan: TextSpan
    var quote: TextSpan? = nil
    var cue: TextSpan? = nil
  }

  /// One co-occurrence or quotation: entities by index, evidence by source.
  struct Record {
    var kind: EdgeKind
    var source: Int
    var target: Int
    var tone: Tone
    var evidence: Int
  }

  public init(_ a: ArticleAnalysis) {
    let scorer = GraphBuilder.toneScorer
    let rec = a.recognition
    id = a.article.id
    date = a.article.date
    entities = rec.entities
    text = a.document.text
    var counts = [Int](repeating: 0, count: rec.entities.count)
    for m in rec.mentions { counts[m.entity] += 1 }
    mentionCounts = counts
    // Co-occurrence: entities named in the same sentence — by name, metonym or role. A
    // demonym describes ("Russian President Vladimir Putin") rather than names, and a pronoun
    // only refers back.
    let sentences = a.document.sentences
    // Mentions by position (as recognition gives them; sorted here when they are not), so by
    // sentence: each sentence's entities are a run of them.
    var mentions = rec.mentions
    if zip(mentions, mentions.dropFirst()).contains(where: { $1.span < $0.span }) {
      mentions = mentions.enumerated().sorted { ($0.element.span, $0.offset) < ($1.element.span, $1.offset) }.map(\.element)
    }
    var ents: [Int] = []
    var next = 0
    while next < mentions.count {
      let sentence = mentions[next].sentence
      let first = next
      ents.removeAll(keepingCapacity: true)
      while next < mentions.count, mentions[next].sentence == sentence {
        let m = mentions[next]
        next += 1
        if m.kind != .pronoun, m.kind != .demonym, !ents.contains(m.entity) { ents.append(m.entity) }
      }
      guard ents.count > 1, sentences.indices.contains(sentence) else { continue }
      let s = sentences[sentence]
      // The sentence's tone cues, and where each entity is named in it.
      let cues = scorer.cues(in: a.document, tokens: s.tokens)
      var places: [ToneScorer.Place] = []
      if !cues.isEmpty {
        for m in mentions[first..<next] where m.kind != .pronoun && m.kind != .demonym {
          places.append(ToneScorer.Place(entity: m.entity, start: m.span.start, end: m.span.end, lastToken: m.tokens.upperBound - 1))
        }
      }
      let source = sources.count
      sources.append(Source(sentence: sentence, sentenceSpan: s.span))
      let parties = cues.isEmpty ? nil : scorer.parties(mentions: places, cues: cues, in: a.document)
      for x in 0..<ents.count {
        for y in (x + 1)..<ents.count {
          let tone = parties.map { scorer.tone(between: ents[x], and: ents[y], in: $0, document: a.document) } ?? Tone.neutral
          records.append(Record(kind: .cooccurrence, source: ents[x], target: ents[y], tone: tone, evidence: source))
        }
      }
    }
    // Quotation: each speaker (all of a coordinated one) → each entity the quote names.
    for q in a.quotes {
      guard let sp = q.speakerEntity else { continue }
      let speakers = [sp] + q.otherSpeakers
      var named: [Int] = []
      // Mentions are sorted by position: start at the first one inside the quote.
      var lo = 0, hi = mentions.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if mentions[mid].span.start < q.content.start { lo = mid + 1 } else { hi = mid }
      }
      var said: [ToneScorer.Place] = []
      for m in mentions[lo...] {
        if m.span.start >= q.content.end { break }
        guard m.kind != .pronoun, q.says(m.span) else { continue }
        if !named.contains(m.entity) { named.append(m.entity) }
        said.append(ToneScorer.Place(entity: m.entity, start: m.span.start, end: m.span.end, lastToken: m.tokens.upperBound - 1))
      }
      guard !named.isEmpty else { continue }
      // The tone towards each entity named: the cues of the quote around its name, and the
      // reporting verb ("warned").
      let document = a.document
      let cues = scorer.cues(in: document, tokens: document.tokenIndex(atOrAfter: q.content.start)..<document.tokenIndex(atOrAfter: q.content.end))
      let reporting = q.cue.map { c in scorer.cues(in: document, tokens: document.tokenIndex(atOrAfter: c.start)..<document.tokenIndex(atOrAfter: c.end)) } ?? []
      let tones =
        cues.isEmpty && reporting.isEmpty
        ? named.map { _ in Tone.neutral } : scorer.quoteTones(of: named, mentions: said, cues: cues, reporting: reporting, in: document)
      let source = sources.count
      sources.append(Source(sentence: q.sentence, sentenceSpan: document.sentences[q.sentence].span, quote: q.content, cue: q.cue))
      for speaker in speakers {
        for (e, tone) in zip(named, tones) where e != speaker {
          records.append(Record(kind: .quotation, source: speaker, target: e, tone: tone, evidence: source))
        }
      }
    }
  }

  /// Adds the article's nodes and edges to a graph.
  public func add(to g: inout RelationshipGraph) {
    var indexed = IndexedGraph()
    swap(&indexed.graph, &g)
    add(to: &indexed)
    swap(&indexed.graph, &g)
  }

  /// Adds the article's nodes and edges to a graph (or a graph being built) that finds its
  /// edges by the positions of their nodes.
  func add<G: RecordSink>(to g: inout G) {
    let id = self.id, text = self.text, sources = self.sources
    g.addArticle(id, date: date)
    var at = [Int](repeating: 0, count: entities.count)
    // Entities, records and sources read in place (a copy would retain each string and array
    // they hold), and the evidence made by what it needs, not by a copy of these records.
    entities.withUnsafeBufferPointer { entities in
      for i in entities.indices { at[i] = g.record(entity: entities[i], mentions: mentionCounts[i], article: id) }
    }
    // Each source's texts are made once, when some edge first keeps its evidence.
    var made = [Evidence?](repeating: nil, count: sources.count)
    records.withUnsafeBufferPointer { records in
      for k in records.indices {
        let r = records[k].evidence
        g.record(records[k].kind, nodes: at[records[k].source], at[records[k].target], article: id, tone: records[k].tone.value) {
          var e: Evidence
          if let cached = made[r] { e = cached } else {
            e = ArticleRecords.evidence(sources[r], article: id, text: text)
            made[r] = e
          }
          e.tone = records[k].tone.value
          e.toneCues = records[k].tone.cues
          return e
        }
      }
    }
  }

  /// A source's evidence record (its tone is the record's).
  static func evidence(_ s: Source, article id: String, text: ScalarText) -> Evidence {
    guard let q = s.quote else {
      return Evidence(
        article: id, sentence: s.sentence, start: s.sentenceSpan.start, end: s.sentenceSpan.end,
        text: GraphBuilder.clipped(text, s.sentenceSpan))
    }
    return Evidence(
      article: id, sentence: s.sentence, start: q.start, end: q.end,
      text: GraphBuilder.clipped(text, TextSpan(min(s.sentenceSpan.start, q.start), max(s.sentenceSpan.end, q.end))),
      quote: GraphBuilder.clipped(text, q), cue: s.cue.map { text.string($0) })
  }
}

/// What resolving partial names changed in a graph: which one-word person node went into
/// which full name, and the nodes and edges involved as they were before. A graph.json keeps
/// it beside the resolved graph, so that the file merges with other partial graphs exactly as
/// the graph it was written from would (``RelationshipGraph/unresolving(_:)``).
public struct UnresolvedNames: Sendable, Equatable {
  /// One-word person node id → the id of the full-name node it was merged into.
  public var renamed: [String: String]
  /// The nodes resolution changed (the one-word nodes and the ones they went into), as they
  /// were, sorted by id.
  public var nodes: [Node]
  /// The edges resolution moved, merged or dropped, as they were, sorted by key.
  public var edges: [Edge]

  public init(renamed: [String: String] = [:], nodes: [Node] = [], edges: [Edge] = []) {
    self.renamed = renamed
    self.nodes = nodes
    self.edges = edges
  }

  public var isEmpty: Bool { renamed.isEmpty }

  /// Where an edge goes when its nodes are renamed (nil when it becomes a loop).
  func resolvedKey(_ key: EdgeKey) -> EdgeKey? {
    let s = renamed[key.source] ?? key.source, t = renamed[key.target] ?? key.target
    return s == t ? nil : EdgeKey(kind: key.kind, source: s, target: t)
  }
}

extension RelationshipGraph {
  /// One-word person nodes ("Putin", from an article that never gives the full name) and the
  /// one multi-word person whose surname each is; a surname two people share is left alone.
  /// A function of the graph's nodes alone, so of the whole corpus, never of how it was cut up.
  func partialNameTargets() -> [String: String] {
    // Nodes read in place (copying one would retain each of its strings and arrays).
    let values = nodes.values.elements
    var bySurname: [Substring: [Int]] = [:]
    for i in values.indices where values[i].type == .person {
      if let surname = Self.surname(values[i].name) { bySurname[surname, default: []].append(i) }
    }
    var rename: [String: String] = [:]
    for i in values.indices where values[i].type == .person && !values[i].name.contains(" " as Character) {
      if let c = bySurname[Substring(values[i].name)], c.count == 1 { rename[values[i].id] = values[c[0]].id }
    }
    return rename
  }

  /// The last word of a name of two words or more (words split at spaces), or nil.
  static func surname(_ name: String) -> Substring? {
    // As `name.split(separator: " ")` would give it, without the array of words.
    var end = name.endIndex
    while end > name.startIndex, name[name.index(before: end)] == " " { end = name.index(before: end) }
    guard let space = name[..<end].lastIndex(of: " "), name[..<space].contains(where: { $0 != " " }) else { return nil }
    return name[name.index(after: space)..<end]
  }

  /// Merges each one-word person node into the one multi-word person whose surname it is
  /// (``partialNameTargets()``).
  public func resolvingPartialNames() -> RelationshipGraph {
    resolving(partialNameTargets())
  }

  /// The graph as it is written out: partial names resolved, in canonical form. Resolution
  /// happens once, on the whole graph: partial graphs (a shard, a store, edges lines) stay
  /// unresolved until then, so merging them in any grouping gives the same graph.
  ///
  /// Consuming: a graph nothing else holds is resolved in its own storage (a shared one is
  /// copied first).
  public consuming func resolved() -> RelationshipGraph {
    let (renaming, nodeOrder) = renamingAndNodeOrder()
    return (consume self).resolvedCanonical(renaming, nodeOrder: nodeOrder)
  }

  /// ``resolved()``, with what resolution changed (to write beside it).
  public consuming func resolvedKeepingUnresolved() -> (graph: RelationshipGraph, unresolved: UnresolvedNames) {
    let (renaming, nodeOrder) = renamingAndNodeOrder()
    let unresolved = unresolvedNames(renaming)
    return ((consume self).resolvedCanonical(renaming, nodeOrder: nodeOrder), unresolved)
  }

  /// The renaming, found on this thread while another sorts the node ids (the canonical order
  /// of the resolved graph's nodes is theirs, less the renamed ones).
  func renamingAndNodeOrder() -> (Renaming, [Int]) {
    nodes.keys.elements.withUnsafeBufferPointer { keys in
      nonisolated(unsafe) let ids = keys
      return Parallel.both({ Renaming(partialNameTargets(), in: self) }, { Self.sortedPositions(ids) })
    }
  }

  /// What resolving partial names touches in a graph, found once: the nodes a renaming
  /// involves, and the edges it merges anew — those with a renamed end and those they land
  /// on — by position.
  struct Renaming {
    let rename: [String: String]
    /// The renamed nodes and the ones they go into, by position (ascending).
    let nodes: [Int]
    /// The edges merged anew, by position (ascending).
    let edges: [Int]

    init(_ rename: [String: String], in g: borrowing RelationshipGraph) {
      self.rename = rename
      guard !rename.isEmpty else {
        nodes = []
        edges = []
        return
      }
      nodes = Set(rename.keys).union(rename.values).compactMap { g.nodes.index(forKey: $0) }.sorted()
      var edges: [Int] = []
      var moved: [EdgeKey] = []
      let keys = g.edges.keys.elements
      func touch(_ i: Int) {
        edges.append(i)
        let s = rename[keys[i].source] ?? keys[i].source, t = rename[keys[i].target] ?? keys[i].target
        if s != t { moved.append(EdgeKey(kind: keys[i].kind, source: s, target: t)) }
      }
      if let ends = g.edgeEnds, ends.count == keys.count {
        // By the positions of the edges' nodes: no id hashed but the renamed ones.
        var renamed = [Bool](repeating: false, count: g.nodes.count)
        for id in rename.keys { if let p = g.nodes.index(forKey: id) { renamed[p] = true } }
        for i in ends.indices {
          let (a, b) = RelationshipGraph.EdgeIndex.unpack(ends[i])
          if renamed[a] || renamed[b] { touch(i) }
        }
      } else {
        for i in keys.indices where rename[keys[i].source] != nil || rename[keys[i].target] != nil { touch(i) }
      }
      self.edges = Array(Set(edges + moved.compactMap { g.edges.index(forKey: $0) })).sorted()
    }
  }

  /// The nodes and edges a renaming changes, as they are.
  func unresolvedNames(_ r: Renaming) -> UnresolvedNames {
    guard !r.rename.isEmpty else { return UnresolvedNames() }
    var u = UnresolvedNames(renamed: r.rename)
    u.nodes = r.nodes.map { RelationshipGraph.canonical(nodes.values[$0]) }.sorted { $0.id < $1.id }
    u.edges = r.edges.map { canonical(edges.values[$0]) }.sorted { $0.key < $1.key }
    return u
  }

  /// The partial graph a resolved graph was made from, given what resolution changed.
  public func unresolving(_ u: UnresolvedNames) -> RelationshipGraph {
    guard !u.isEmpty else { return self }
    let replacedNodes = Set(u.nodes.map(\.id))
    let replacedEdges = Set(u.edges.compactMap { u.resolvedKey($0.key) })
    return RelationshipGraph(
      nodes: nodes.values.filter { !replacedNodes.contains($0.id) } + u.nodes,
      edges: edges.values.filter { !replacedEdges.contains($0.key) } + u.edges,
      articles: Array(articles), articleDates: articleDates, maxEvidence: maxEvidence, order: order)
  }

  /// `resolving(rename).canonical()`, without building the resolved graph first: the nodes
  /// and edges no renaming touches are moved into their canonical order where they are, and
  /// the others merged as ``resolving(_:)`` merges them. (In canonical order, merging does
  /// not depend on the order of what is merged.)
  ///
  /// Moved, not copied: a copy of a node or an edge retains every string and array it holds,
  /// which on a large graph are cold in memory; here none is touched but to read its key.
  /// The graph's own storage is reused when no one else holds it.
  ///
  /// `nodeOrder`: the graph's node ids in sorted order, by position (``sortedPositions(_:)``).
  consuming func resolvedCanonical(_ r: Renaming, nodeOrder: [Int]) -> RelationshipGraph {
    guard order == .canonical else { return resolving(r.rename).canonical() }
    var nodeOrder: [Int]? = nodeOrder.count == nodes.count ? nodeOrder : nil
    let rename = r.rename
    // The targets' names and types, read before the nodes are taken out.
    var targets: [String: (name: String, type: EntityType)] = [:]
    for to in Set(rename.values) { if let n = nodes[to] { targets[to] = (n.name, n.type) } }
    var ends = edgeEnds
    if ends?.count != edges.count || rename.values.contains(where: { targets[$0] == nil }) { ends = nil }
    var (nodeKeys, nodeValues, edgeKeys, edgeValues) = takeNodesAndEdges()
    var articles = self.articles, articleDates = self.articleDates
    if !rename.isEmpty {
      var merged = RelationshipGraph(maxEvidence: maxEvidence, order: order)
      for a in articles { merged.addArticle(a, date: articleDates[a]) }
      for i in r.nodes {
        var m = nodeValues[i]
        if let to = rename[m.id], let target = targets[to] {
          m.id = to
          m.name = target.name
          m.type = target.type
        }
        merged.record(node: m, normalized: true)
      }
      // Where each node goes: the ones kept move down, the merged ones go after them.
      var at: [Int] = []
      if ends != nil || nodeOrder != nil {
        at = [Int](repeating: -1, count: nodeKeys.count)
        var kept = 0, p = 0
        for i in nodeKeys.indices {
          if p < r.nodes.count, r.nodes[p] == i {
            p += 1
          } else {
            at[i] = kept
            kept += 1
          }
        }
        for i in r.nodes {
          let id = nodeKeys[i]
          guard let m = merged.nodes.index(forKey: rename[id].flatMap { targets[$0] != nil ? $0 : nil } ?? id) else {
            ends = nil
            nodeOrder = nil
            break
          }
          at[i] = kept + m
        }
        if let sorted = nodeOrder {
          // The same order less the nodes renamed into others (the ones they went into keep
          // their ids), at their new places.
          var order: [Int] = []
          order.reserveCapacity(sorted.count)
          for p in sorted where !(rename[nodeKeys[p]].map { targets[$0] != nil } ?? false) { order.append(at[p]) }
          nodeOrder = order
        }
      }
      Self.remove(r.nodes, from: &nodeKeys, &nodeValues)
      var mergedEnds: [UInt64] = []
      for i in r.edges {
        var f = edgeValues[i]
        f.source = rename[f.source] ?? f.source
        f.target = rename[f.target] ?? f.target
        guard f.source != f.target else { continue }
        if f.kind == .cooccurrence, f.source > f.target { swap(&f.source, &f.target) }
        let count = merged.edges.count
        merged.add(f)
        if let e = ends, merged.edges.count > count {
          let (a, b) = EdgeIndex.unpack(e[i])
          mergedEnds.append(EdgeIndex.pack(f.kind, at[a], at[b]))
        }
      }
      if var e = ends {
        // The ends of the edges kept, at their nodes' new places.
        var p = 0, kept = 0
        for i in e.indices {
          if p < r.edges.count, r.edges[p] == i {
            p += 1
            continue
          }
          let (a, b) = EdgeIndex.unpack(e[i])
          guard at[a] >= 0, at[b] >= 0 else { ends = nil; break }
          e[kept] = EdgeIndex.pack(edgeKeys[i].kind, at[a], at[b])
          kept += 1
        }
        if ends != nil {
          e.removeLast(e.count - kept)
          ends = e + mergedEnds
        }
      }
      Self.remove(r.edges, from: &edgeKeys, &edgeValues)
      // As ``record(node:normalized:)`` stores a new node.
      for i in nodeValues.indices where zip(nodeValues[i].aliases, nodeValues[i].aliases.dropFirst()).contains(where: { $0 >= $1 }) {
        nodeValues[i].aliases = Array(Set(nodeValues[i].aliases)).sorted()
      }
      nodeKeys += merged.nodes.keys
      nodeValues += merged.nodes.values
      if nodeOrder?.count != nodeKeys.count { nodeOrder = nil }
      edgeKeys += merged.edges.keys
      edgeValues += merged.edges.values
      articles = merged.articles
      articleDates = merged.articleDates
    }
    return RelationshipGraph.canonical(
      nodeKeys: consume nodeKeys, nodes: consume nodeValues, edgeKeys: consume edgeKeys, edges: consume edgeValues,
      nodeOrder: nodeOrder, edgeEnds: ends, articles: articles, articleDates: articleDates, maxEvidence: maxEvidence)
  }

  /// Removes the elements at `positions` (ascending) from two parallel arrays, moving the
  /// others down (a swap moves elements; none is copied).
  static func remove<K, V>(_ positions: [Int], from keys: inout [K], _ values: inout [V]) {
    guard !positions.isEmpty else { return }
    var kept = 0, p = 0
    keys.withUnsafeMutableBufferPointer { keys in
      values.withUnsafeMutableBufferPointer { values in
        for i in keys.indices {
          if p < positions.count, positions[p] == i {
            p += 1
            continue
          }
          if kept != i {
            keys.swapAt(kept, i)
            values.swapAt(kept, i)
          }
          kept += 1
        }
      }
    }
    keys.removeLast(keys.count - kept)
    values.removeLast(values.count - kept)
  }

  func resolving(_ rename: [String: String]) -> RelationshipGraph {
    guard !rename.isEmpty else { return self }
    var g = RelationshipGraph(maxEvidence: maxEvidence, order: order)
    for a in articles { g.addArticle(a, date: articleDates[a]) }
    for n in nodes.values {
      var m = n
      if let to = rename[n.id], let target = nodes[to] {
        m.id = to
        m.name = target.name
        m.type = target.type
      }
      g.record(node: m, normalized: true)
    }
    for e in edges.values {
      var f = e
      f.source = rename[e.source] ?? e.source
      f.target = rename[e.target] ?? e.target
      guard f.source != f.target else { continue }
      if f.kind == .cooccurrence, f.source > f.target { swap(&f.source, &f.target) }
      g.add(f)
    }
    return g
  }
}
