import Entente
import Foundation
import GRDB

/// A relationship graph kept in SQLite, grown run by run.
///
/// The store keeps the nodes, edges and evidence of every article added so far (with partial
/// names not yet resolved, so that later articles can still resolve them) and the ids of
/// those articles. Adding articles analyses only the ones whose id is new and merges their
/// graph in; adding an article again changes nothing. Each ``add(_:pipeline:jobs:progress:beforeCommit:)``
/// is one transaction: a run that fails or is killed halfway leaves the store as it was.
///
///     let store = try GraphStore(path: "graph.sqlite")
///     let summary = try store.add(ArticleReader(["new.jsonl"]), pipeline: Pipeline(), jobs: 4)
///     let graph = try store.graph()   // the whole stored graph, as a build of every article
public final class GraphStore {
  public static let format = "entente-store"
  /// 2: edges keep their tone sum and evidence its tone and cue words.
  public static let version = 2

  public let path: String
  /// The most evidence records an edge keeps (0: all), fixed when the store is created.
  public let maxEvidence: Int
  let queue: DatabaseQueue

  /// How many new articles are merged in memory before they are written (within the same
  /// transaction), so that memory stays bounded on large corpora.
  public var flushEvery = 1024

  /// What one ``add(_:pipeline:jobs:progress:beforeCommit:)`` did.
  public struct AddSummary: Sendable, Equatable {
    /// Articles analysed and added.
    public var added: Int
    /// Articles skipped because their id was already in the store (or earlier in this run).
    public var alreadyStored: Int

    public init(added: Int, alreadyStored: Int) {
      self.added = added
      self.alreadyStored = alreadyStored
    }
  }

  /// Opens a store, creating it (with `maxEvidence`, default 5) if the file does not exist.
  /// - Parameter create: false to fail on a missing file (for commands that only read).
  /// - Parameter readOnly: open the file read-only (SQLite refuses every write; implies
  ///   `create: false`).
  public init(path: String, create: Bool = true, maxEvidence: Int? = nil, readOnly: Bool = false) throws {
    self.path = path
    let exists = FileManager.default.fileExists(atPath: path)
    if !exists, !create || readOnly { throw EntenteError.notFound(path: path) }
    var config = Configuration()
    config.label = "entente-store"
    config.readonly = readOnly
    do {
      if exists {
        let head = FileHandle(forReadingAtPath: path).map { h in defer { try? h.close() }; return (try? h.read(upToCount: 16)) ?? Data() } ?? Data()
        if !head.isEmpty, !head.starts(with: Data("SQLite format 3\0".utf8)) {
          throw EntenteError.badData(file: path, reason: "not an Entente store (not an SQLite database)")
        }
      }
      if !exists { try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true) }
      queue = try DatabaseQueue(path: path, configuration: config)
      var k = max(0, maxEvidence ?? RelationshipGraph.defaultMaxEvidence)
      func check(_ db: Database) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if tables.isEmpty, readOnly { throw EntenteError.badData(file: path, reason: "not an Entente store (an empty database)") }
        if tables.isEmpty {
          try GraphStore.createSchema(db, maxEvidence: k)
          return
        }
        guard tables.contains("meta"),
          try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'") == GraphStore.format
        else { throw EntenteError.badData(file: path, reason: "not an Entente store") }
        let version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'version'").flatMap { Int($0) } ?? 0
        if version == 1 {
          throw EntenteError.badData(
            file: path, reason: "store version 1 has no edge tone; this entente reads version \(GraphStore.version): add the articles to a new store")
        }
        guard version == GraphStore.version else {
          throw EntenteError.badData(file: path, reason: "store version \(version), this entente reads version \(GraphStore.version)")
        }
        k = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'max_evidence'").flatMap { Int($0) } ?? k
      }
      if readOnly { try queue.read(check) } else { try queue.write(check) }
      self.maxEvidence = k
    } catch let e as EntenteError {
      throw e
    } catch let e as DatabaseError where GraphStore.isBusy(e) {
      throw GraphStore.busy(path)
    } catch let e as DatabaseError {
      throw EntenteError.badData(file: path, reason: "not an Entente store (\(e.message ?? e.description))")
    }
  }

  /// Whether SQLite refused because another connection holds the database (a second writer).
  static func isBusy(_ e: DatabaseError) -> Bool {
    e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED
  }

  static func busy(_ path: String) -> EntenteError {
    .badData(file: path, reason: "store is busy: another process is writing it; try again when it has finished")
  }

  static func createSchema(_ db: Database, maxEvidence: Int) throws {
    try db.execute(
      sql: """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE article(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, date TEXT);
        CREATE TABLE node(
          seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
          mentions INTEGER NOT NULL, aliases TEXT NOT NULL);
        CREATE TABLE node_article(node INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY(node, article)) WITHOUT ROWID;
        CREATE TABLE edge(
          seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
          weight INTEGER NOT NULL, evidence INTEGER NOT NULL, tone_sum INTEGER NOT NULL, UNIQUE(kind, source, target));
        CREATE TABLE evidence(
          edge INTEGER NOT NULL, ordinal INTEGER NOT NULL, article TEXT NOT NULL, sentence INTEGER NOT NULL,
          start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, text TEXT NOT NULL, quote TEXT, cue TEXT,
          tone INTEGER NOT NULL, tone_cues TEXT NOT NULL,
          PRIMARY KEY(edge, ordinal)) WITHOUT ROWID;
        """)
    for (k, v) in [("format", format), ("version", String(version)), ("max_evidence", String(maxEvidence))] {
      try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
    }
  }

  /// Reads a store's whole graph, partial names resolved (what a build of all its articles
  /// gives).
  public static func read(path: String) throws -> RelationshipGraph {
    try GraphStore(path: path, create: false).graph()
  }

  /// The ids of the articles in the store.
  public func articleIDs() throws -> Set<String> {
    try wrap { try queue.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM article")) } }
  }

  /// The stored graph as a build of all its articles writes it (``RelationshipGraph/resolved()``);
  /// without `resolve`, the partial graph (to merge with others).
  /// Without `evidence`, edges come without their evidence records (to read them on demand,
  /// ``evidence(of:)``).
  public func graph(resolve: Bool = true, evidence: Bool = true) throws -> RelationshipGraph {
    let g = try wrap { try queue.read { db in try GraphStore.load(db, maxEvidence: maxEvidence, evidence: evidence) } }
    return resolve ? g.resolved() : g
  }

  /// The evidence records a stored edge keeps (partial names unresolved, as stored), in order.
  public func evidence(of key: EdgeKey) throws -> [Evidence] {
    try wrap {
      try queue.read { db in
        let decoder = JSONDecoder()
        let rows = try Row.fetchCursor(
          db,
          sql: """
            SELECT article, sentence, start_offset, end_offset, text, quote, cue, tone, tone_cues FROM evidence
            WHERE edge = (SELECT seq FROM edge WHERE kind = ? AND source = ? AND target = ?) ORDER BY ordinal
            """, arguments: [key.kind.rawValue, key.source, key.target])
        var out: [Evidence] = []
        while let r = try rows.next() { out.append(try GraphStore.evidence(r, decoder)) }
        return out
      }
    }
  }

  static func load(_ db: Database, maxEvidence: Int, evidence withEvidence: Bool = true) throws -> RelationshipGraph {
    var articles: [String] = []
    var dates: [String: String] = [:]
    var articleBySeq: [Int64: String] = [:]
    let cursor1 = try Row.fetchCursor(db, sql: "SELECT seq, id, date FROM article ORDER BY seq")
    while let row = try cursor1.next() {
      let id: String = row["id"]
      articles.append(id)
      articleBySeq[row["seq"]] = id
      if let d: String = row["date"] { dates[id] = d }
    }
    var nodeArticles: [Int64: [String]] = [:]
    let cursor2 = try Row.fetchCursor(db, sql: "SELECT node, article FROM node_article ORDER BY node, article")
    while let row = try cursor2.next() {
      let n: Int64 = row["node"], a: Int64 = row["article"]
      if let id = articleBySeq[a] { nodeArticles[n, default: []].append(id) }
    }
    let decoder = JSONDecoder()
    var nodes: [Node] = []
    let cursor3 = try Row.fetchCursor(db, sql: "SELECT seq, id, name, type, mentions, aliases FROM node ORDER BY seq")
    while let row = try cursor3.next() {
      let seq: Int64 = row["seq"]
      let typeName: String = row["type"]
      guard let type = EntityType(rawValue: typeName) else { throw StoreError("node \(row["id"] as String) has unknown type \(typeName)") }
      let aliases = try decoder.decode([String].self, from: Data((row["aliases"] as String).utf8))
      nodes.append(Node(id: row["id"], name: row["name"], type: type, aliases: aliases, mentions: row["mentions"], articles: nodeArticles[seq] ?? []))
    }
    var evidence: [Int64: [Evidence]] = [:]
    if withEvidence {
      let cursor4 = try Row.fetchCursor(
        db, sql: "SELECT edge, article, sentence, start_offset, end_offset, text, quote, cue, tone, tone_cues FROM evidence ORDER BY edge, ordinal")
      while let row = try cursor4.next() {
        let e: Int64 = row["edge"]
        evidence[e, default: []].append(try GraphStore.evidence(row, decoder))
      }
    }
    var edges: [Edge] = []
    let cursor5 = try Row.fetchCursor(db, sql: "SELECT seq, kind, source, target, weight, tone_sum FROM edge ORDER BY seq")
    while let row = try cursor5.next() {
      let kindName: String = row["kind"]
      guard let kind = EdgeKind(rawValue: kindName) else { throw StoreError("edge of unknown kind \(kindName)") }
      let seq: Int64 = row["seq"]
      edges.append(
        Edge(kind: kind, source: row["source"], target: row["target"], weight: row["weight"], evidence: evidence[seq] ?? [], toneSum: row["tone_sum"]))
    }
    var g = RelationshipGraph(nodes: nodes, edges: edges, articles: articles, articleDates: dates, order: .canonical)
    g.maxEvidence = maxEvidence
    return g
  }

  /// An evidence row (article, sentence, start_offset, end_offset, text, quote, cue, tone, tone_cues).
  static func evidence(_ r: Row, _ decoder: JSONDecoder) throws -> Evidence {
    Evidence(
      article: r["article"], sentence: r["sentence"], start: r["start_offset"], end: r["end_offset"],
      text: r["text"], quote: r["quote"], cue: r["cue"], tone: r["tone"],
      toneCues: try decoder.decode([String].self, from: Data((r["tone_cues"] as String).utf8)))
  }

  /// Analyses the articles whose id is not in the store yet and merges their graph in, in
  /// one transaction. `beforeCommit` may throw to roll everything back (a strict run that met
  /// a bad line).
  @discardableResult
  public func add<S: Sequence<Article>>(
    _ articles: S, pipeline: Pipeline, jobs: Int, progress: ((Int) -> Void)? = nil,
    beforeCommit: () throws -> Void = {}
  ) throws -> AddSummary {
    var pipeline = pipeline
    pipeline.maxEvidence = maxEvidence
    var summary = AddSummary(added: 0, alreadyStored: 0)
    let k = maxEvidence
    let every = flushEvery
    try wrap {
      try queue.inTransaction(.immediate) { db in
        let seen = Set(try String.fetchAll(db, sql: "SELECT id FROM article"))
        let fresh = NewArticles(articles, seen: seen)
        var delta = RelationshipGraph(maxEvidence: k, order: .canonical)
        var done = 0
        try pipeline.forEachChunkGraph(of: fresh, jobs: jobs) { chunk, count in
          delta.merge(chunk)
          done += count
          progress?(done)
          if delta.articles.count >= every {
            try GraphStore.write(delta, to: db, maxEvidence: k)
            delta = RelationshipGraph(maxEvidence: k, order: .canonical)
          }
        }
        try GraphStore.write(delta, to: db, maxEvidence: k)
        try beforeCommit()
        summary = AddSummary(added: done, alreadyStored: fresh.skipped)
        return .commit
      }
    }
    return summary
  }

  /// Merges a graph of articles that are all new to the store (in one transaction).
  public func add(graph: RelationshipGraph) throws {
    let k = maxEvidence
    try wrap {
      try queue.inTransaction(.immediate) { db in
        let seen = Set(try String.fetchAll(db, sql: "SELECT id FROM article"))
        if let old = graph.articles.first(where: { seen.contains($0) }) {
          throw StoreError("article \(old) is already in the store")
        }
        try GraphStore.write(graph, to: db, maxEvidence: k)
        return .commit
      }
    }
  }

  /// Writes a graph of new articles into the open transaction: new articles, nodes (mentions
  /// and aliases added up, the least name kept), node articles, edges (weights added up) and
  /// evidence (up to `maxEvidence` per edge, those of the smallest article ids, as a graph in
  /// canonical order keeps them).
  static func write(_ g: RelationshipGraph, to db: Database, maxEvidence: Int) throws {
    guard !g.articles.isEmpty || !g.nodes.isEmpty else { return }
    let insertArticle = try db.cachedStatement(sql: "INSERT INTO article(id, date) VALUES (?, ?)")
    var articleSeq: [String: Int64] = [:]
    for a in g.articles {
      try insertArticle.execute(arguments: [a, g.articleDates[a]])
      articleSeq[a] = db.lastInsertedRowID
    }
    let findArticle = try db.cachedStatement(sql: "SELECT seq FROM article WHERE id = ?")
    func seq(ofArticle id: String) throws -> Int64? {
      if let s = articleSeq[id] { return s }
      let s = try Int64.fetchOne(findArticle, arguments: [id])
      articleSeq[id] = s
      return s
    }
    let findNode = try db.cachedStatement(sql: "SELECT seq, name, type, aliases FROM node WHERE id = ?")
    let updateNode = try db.cachedStatement(sql: "UPDATE node SET mentions = mentions + ?, aliases = ?, name = ?, type = ? WHERE seq = ?")
    let insertNode = try db.cachedStatement(sql: "INSERT INTO node(id, name, type, mentions, aliases) VALUES (?, ?, ?, ?, ?)")
    let insertNodeArticle = try db.cachedStatement(sql: "INSERT OR IGNORE INTO node_article(node, article) VALUES (?, ?)")
    let encoder = JSONEncoder()
    let decoder = JSONDecoder()
    func json(_ aliases: [String]) throws -> String { String(decoding: try encoder.encode(aliases), as: UTF8.self) }
    for n in g.nodes.values {
      let nodeSeq: Int64
      if let row = try Row.fetchOne(findNode, arguments: [n.id]) {
        nodeSeq = row["seq"]
        let old = try decoder.decode([String].self, from: Data((row["aliases"] as String).utf8))
        let merged = Array(Set(old).union(n.aliases)).sorted()
        // The least name wins, as in a graph in canonical order.
        var name: String = row["name"], type: String = row["type"]
        if let t = EntityType(rawValue: type), (n.name, n.type) < (name, t) { (name, type) = (n.name, n.type.rawValue) }
        try updateNode.execute(arguments: [n.mentions, try json(merged), name, type, nodeSeq])
      } else {
        try insertNode.execute(arguments: [n.id, n.name, n.type.rawValue, n.mentions, try json(Array(Set(n.aliases)).sorted())])
        nodeSeq = db.lastInsertedRowID
      }
      for a in n.articles {
        guard let s = try seq(ofArticle: a) else { continue }
        try insertNodeArticle.execute(arguments: [nodeSeq, s])
      }
    }
    let findEdge = try db.cachedStatement(sql: "SELECT seq, evidence FROM edge WHERE kind = ? AND source = ? AND target = ?")
    let updateEdge = try db.cachedStatement(sql: "UPDATE edge SET weight = weight + ?, tone_sum = tone_sum + ?, evidence = ? WHERE seq = ?")
    let insertEdge = try db.cachedStatement(sql: "INSERT INTO edge(kind, source, target, weight, evidence, tone_sum) VALUES (?, ?, ?, ?, ?, ?)")
    let findEvidence = try db.cachedStatement(
      sql: "SELECT article, sentence, start_offset, end_offset, text, quote, cue, tone, tone_cues FROM evidence WHERE edge = ? ORDER BY ordinal")
    let deleteEvidence = try db.cachedStatement(sql: "DELETE FROM evidence WHERE edge = ? AND ordinal >= ?")
    let insertEvidence = try db.cachedStatement(
      sql: """
        INSERT INTO evidence(edge, ordinal, article, sentence, start_offset, end_offset, text, quote, cue, tone, tone_cues)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for e in g.edges.values {
      let edgeSeq: Int64
      var stored: [Evidence] = []
      var count = 0
      if let row = try Row.fetchOne(findEdge, arguments: [e.kind.rawValue, e.source, e.target]) {
        edgeSeq = row["seq"]
        count = row["evidence"]
        if count > 0, !e.evidence.isEmpty {
          let rows = try Row.fetchCursor(findEvidence, arguments: [edgeSeq])
          while let r = try rows.next() { stored.append(try GraphStore.evidence(r, decoder)) }
        }
      } else {
        try insertEdge.execute(arguments: [e.kind.rawValue, e.source, e.target, 0, 0, 0])
        edgeSeq = db.lastInsertedRowID
      }
      if !e.evidence.isEmpty {
        // The evidence of the smallest article ids, stored and new together (canonical
        // order), rewritten from the first record that changed.
        var have = stored
        RelationshipGraph.mergeCanonicalEvidence(&have, e.evidence, limit: maxEvidence)
        let first = zip(stored, have).prefix { $0 == $1 }.count
        try deleteEvidence.execute(arguments: [edgeSeq, first])
        for i in first..<have.count {
          let ev = have[i]
          try insertEvidence.execute(arguments: [
            edgeSeq, i, ev.article, ev.sentence, ev.start, ev.end, ev.text, ev.quote, ev.cue, ev.tone, try json(ev.toneCues),
          ])
        }
        count = have.count
      }
      try updateEdge.execute(arguments: [e.weight, e.toneSum, count, edgeSeq])
    }
  }

  /// Turns SQLite's errors into one-line Entente errors naming the store.
  func wrap<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as StoreError {
      throw EntenteError.badData(file: path, reason: e.message)
    } catch let e as DatabaseError where GraphStore.isBusy(e) {
      throw GraphStore.busy(path)
    } catch let e as DatabaseError {
      throw EntenteError.badData(file: path, reason: "SQLite: \(e.message ?? e.description)")
    }
  }
}

struct StoreError: Error {
  var message: String
  init(_ m: String) { message = m }
}

/// Articles whose id is not in `seen` (nor earlier in the sequence), counting the others.
final class NewArticles<Base: Sequence<Article>>: Sequence, IteratorProtocol {
  private var base: Base.Iterator
  private var seen: Set<String>
  private(set) var skipped = 0

  init(_ base: Base, seen: Set<String>) {
    self.base = base.makeIterator()
    self.seen = seen
  }

  func next() -> Article? {
    while let a = base.next() {
      if seen.insert(a.id).inserted { return a }
      skipped += 1
    }
    return nil
  }
}
