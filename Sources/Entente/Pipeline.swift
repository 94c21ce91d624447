import Synchronization

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

  public init(gazetteer: Gazetteer = .bundled) {
    recognizer = Recognizer(gazetteer: gazetteer)
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

  /// The merged graph of several articles, in input order, analysed on `jobs` threads.
  /// The result is the same whatever the number of threads.
  public func graph(for articles: [Article], jobs: Int = 1) -> RelationshipGraph {
    graph(from: articles, jobs: jobs)
  }

  /// The merged graph of a stream of articles, pulled a batch at a time (so memory holds a
  /// couple of batches of articles, never the whole corpus) and analysed on `jobs` threads
  /// while the next batch is read. The result is the same whatever the number of threads.
  ///
  /// - Parameters:
  ///   - resolve: merge one-word person nodes into the full name they stand for
  ///     (``RelationshipGraph/resolvingPartialNames()``); a graph that will be merged with
  ///     others later (a store, a shard) is better kept unresolved.
  ///   - progress: called on the calling thread with the number of articles done so far.
  public func graph<S: Sequence<Article>>(
    from articles: S, jobs: Int = 1, resolve: Bool = true, progress: ((Int) -> Void)? = nil
  ) -> RelationshipGraph {
    var graph = RelationshipGraph(maxEvidence: maxEvidence)
    var done = 0
    // Edges the graph holds all the evidence of: workers need not write theirs.
    let full = maxEvidence > 0 ? FullEdges() : nil
    chunkGraphs(of: articles, jobs: jobs, full: full) { chunk, articles in
      var chunk = chunk
      if let full {
        // An article seen before ranks where it was first seen, maybe before evidence the
        // graph keeps: such a chunk is built again with all its evidence.
        if articles.contains(where: { graph.articles.contains($0.id) }) {
          chunk = RelationshipGraph(maxEvidence: maxEvidence)
          for a in articles { GraphBuilder.add(analyze(a), to: &chunk) }
        }
        graph.merge(chunk)
        full.insert(chunk.edges.values.compactMap { e in
          !e.evidence.isEmpty && graph.edges[e.key].map { $0.evidence.count >= maxEvidence } == true ? e.key : nil
        })
      } else {
        graph.merge(chunk)
      }
      done += articles.count
      progress?(done)
    }
    return resolve ? graph.resolvingPartialNames() : graph
  }

  /// Streams articles through the pipeline: each small chunk of consecutive articles becomes
  /// one merged graph on a worker thread, and `body` gets the chunk graphs (with the number
  /// of articles in each) in input order, on the calling thread.
  public func forEachChunkGraph<S: Sequence<Article>>(
    of articles: S, jobs: Int = 1, _ body: (RelationshipGraph, Int) throws -> Void
  ) rethrows {
    try chunkGraphs(of: articles, jobs: jobs, full: nil) { try body($0, $1.count) }
  }

  /// ``forEachChunkGraph(of:jobs:_:)`` with each chunk's articles; with `full`, the chunk
  /// graphs leave out the evidence of edges in it (they count them all the same).
  func chunkGraphs<S: Sequence<Article>>(
    of articles: S, jobs: Int, full: FullEdges?, _ body: (RelationshipGraph, ArraySlice<Article>) throws -> Void
  ) rethrows {
    let pipeline = self
    try Streaming.run(articles, jobs: jobs, transform: { chunk -> (RelationshipGraph, ArraySlice<Article>) in
      var g = RelationshipGraph(maxEvidence: pipeline.maxEvidence)
      g.reserveCapacity(nodes: 32 * chunk.count, edges: 128 * chunk.count)
      for a in chunk { GraphBuilder.add(pipeline.analyze(a), to: &g, full: full) }
      return (g, chunk)
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
  public static func nodeID(_ e: ArticleEntity) -> String { e.key }

  public static func graph(for a: ArticleAnalysis, maxEvidence: Int = RelationshipGraph.defaultMaxEvidence) -> RelationshipGraph {
    var g = RelationshipGraph(maxEvidence: maxEvidence)
    add(a, to: &g)
    return g
  }

  /// Adds an article's nodes and edges to a graph (the same as merging its own graph in).
  public static func add(_ a: ArticleAnalysis, to g: inout RelationshipGraph) {
    add(a, to: &g, full: nil)
  }

  /// With `full`: edges in it get no evidence (a graph they are merged into later has all it
  /// keeps, from earlier articles).
  static func add(_ a: ArticleAnalysis, to g: inout RelationshipGraph, full: FullEdges?) {
    let id = a.article.id
    g.addArticle(id, date: a.article.date)
    let rec = a.recognition
    var counts = [Int](repeating: 0, count: rec.entities.count)
    for m in rec.mentions { counts[m.entity] += 1 }
    for (i, e) in rec.entities.enumerated() { g.record(entity: e, mentions: counts[i], article: id) }
    // Co-occurrence: entities named in the same sentence — by name, metonym or role. A
    // demonym describes ("Russian President Vladimir Putin") rather than names, and a pronoun
    // only refers back.
    let text = a.document.text
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
      ents.removeAll(keepingCapacity: true)
      while next < mentions.count, mentions[next].sentence == sentence {
        let m = mentions[next]
        next += 1
        if m.kind != .pronoun, m.kind != .demonym, !ents.contains(m.entity) { ents.append(m.entity) }
      }
      guard ents.count > 1, sentences.indices.contains(sentence) else { continue }
      let s = sentences[sentence]
      // The sentence's text only when some pair keeps it as evidence.
      var ev: Evidence? = nil
      let span = s.span
      func evidence() -> Evidence {
        if let e = ev { return e }
        let e = Evidence(article: id, sentence: sentence, start: span.start, end: span.end, text: text.string(span))
        ev = e
        return e
      }
      for x in 0..<ents.count {
        for y in (x + 1)..<ents.count {
          g.record(.cooccurrence, nodeID(rec.entities[ents[x]]), nodeID(rec.entities[ents[y]]), article: id, full: full, evidence: evidence)
        }
      }
    }
    // Quotation: the speaker → each entity the quote names.
    for q in a.quotes {
      guard let sp = q.speakerEntity else { continue }
      var named: [Int] = []
      // Mentions are sorted by position: start at the first one inside the quote.
      var lo = 0, hi = mentions.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if mentions[mid].span.start < q.content.start { lo = mid + 1 } else { hi = mid }
      }
      for m in mentions[lo...] {
        if m.span.start >= q.content.end { break }
        guard m.kind != .pronoun, q.content.contains(m.span), m.entity != sp else { continue }
        if !named.contains(m.entity) { named.append(m.entity) }
      }
      guard !named.isEmpty else { continue }
      let sentenceSpan = a.document.sentences[q.sentence].span
      // The texts only when some edge keeps them as evidence.
      var ev: Evidence? = nil
      func evidence() -> Evidence {
        if let e = ev { return e }
        let e = Evidence(
          article: id, sentence: q.sentence, start: q.content.start, end: q.content.end,
          text: text.string(TextSpan(min(sentenceSpan.start, q.content.start), max(sentenceSpan.end, q.content.end))),
          quote: text.string(q.content), cue: q.cue.map { text.string($0) })
        ev = e
        return e
      }
      for e in named {
        g.record(.quotation, nodeID(rec.entities[sp]), nodeID(rec.entities[e]), article: id, full: full, evidence: evidence)
      }
    }
  }
}

extension RelationshipGraph {
  /// Merges a one-word person node ("Putin", from an article that never gives the full name)
  /// into the one multi-word person whose surname it is; leaves it alone when two people
  /// share that surname.
  public func resolvingPartialNames() -> RelationshipGraph {
    var bySurname: [String: [String]] = [:]
    for n in nodes.values where n.type == .person {
      let words = n.name.split(separator: " ")
      if words.count >= 2 { bySurname[String(words.last!), default: []].append(n.id) }
    }
    var rename: [String: String] = [:]
    for n in nodes.values where n.type == .person && !n.name.contains(" ") {
      if let c = bySurname[n.name], c.count == 1 { rename[n.id] = c[0] }
    }
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

/// Edges whose evidence a graph built in input order holds in full — as many records as it
/// keeps, all from articles merged before — so that workers building later chunks can leave
/// theirs out: merged in, it would be dropped. Shared by the workers and the merging thread.
final class FullEdges: Sendable {
  private let keys = Mutex<Set<EdgeKey>>([])

  func contains(_ key: EdgeKey) -> Bool { keys.withLock { $0.contains(key) } }

  func insert(_ more: [EdgeKey]) {
    guard !more.isEmpty else { return }
    keys.withLock { $0.formUnion(more) }
  }
}
