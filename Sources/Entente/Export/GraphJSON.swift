import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The JSON form of a graph: nodes, edges and evidence, which every command can read back.
public enum GraphJSON {
  public static let format = "entente-graph"
  public static let version = 1
  /// The largest weight or count a graph file may hold: the largest integer a double (and so
  /// every JSON reader) holds exactly.
  public static let maxCount = 1 << 53

  struct ArticleRef: Codable { var id: String; var date: String? }
  /// What partial-name resolution changed (``UnresolvedNames``), when it changed anything.
  struct Unresolved: Codable {
    var edges: [Edge]
    var nodes: [Node]
    var renamed: [String: String]
  }
  struct File: Codable {
    var format: String
    var version: Int
    var articles: [ArticleRef]
    var nodes: [Node]
    var edges: [Edge]
    var unresolved: Unresolved?
  }

  /// The file of a graph; with `unresolved` (what resolving its partial names changed), a
  /// file that `merge` reads back as the partial graph it was written from.
  public static func data(_ graph: RelationshipGraph, unresolved: UnresolvedNames = UnresolvedNames()) throws -> Data {
    let file = File(
      format: format, version: version,
      articles: graph.articles.map { ArticleRef(id: $0, date: graph.articleDates[$0]) },
      nodes: graph.sortedNodes, edges: graph.sortedEdges,
      unresolved: unresolved.isEmpty ? nil : Unresolved(edges: unresolved.edges, nodes: unresolved.nodes, renamed: unresolved.renamed))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(file)
    data.append(0x0A)
    return data
  }

  public static func string(_ graph: RelationshipGraph) throws -> String {
    String(decoding: try data(graph), as: UTF8.self)
  }

  /// Reads a graph back: the graph as written (partial names resolved), or with `partial`
  /// the partial graph it was written from (the one to merge with other partial graphs).
  public static func read(_ data: Data, file: String, partial: Bool = false) throws -> RelationshipGraph {
    let f: File
    do { f = try JSONDecoder().decode(File.self, from: data) } catch {
      throw EntenteError.badGraph(file: file, reason: describe(error))
    }
    guard f.format == format else { throw EntenteError.badGraph(file: file, reason: "format is \"\(f.format)\", not \"\(format)\"") }
    return try graph(f, file: file, partial: partial)
  }

  /// The graph of a decoded file, after checking that every edge names nodes of the graph.
  static func graph(_ f: File, file: String, partial: Bool = false) throws -> RelationshipGraph {
    var dates: [String: String] = [:]
    for a in f.articles { if let d = a.date { dates[a.id] = d } }
    try check(nodes: f.nodes, edges: f.edges, file: file)
    // Counts are counts: none below zero, none past what JSON readers hold exactly (2^53).
    for e in f.edges where !(1...maxCount).contains(e.weight) {
      throw EntenteError.badGraph(file: file, reason: "edge \(e.source) -> \(e.target) has weight \(e.weight), not 1 to \(maxCount)")
    }
    for n in f.nodes where !(0...maxCount).contains(n.mentions) {
      throw EntenteError.badGraph(file: file, reason: "node \(n.id) has \(n.mentions) mentions, not 0 to \(maxCount)")
    }
    let g = RelationshipGraph(nodes: f.nodes, edges: f.edges, articles: f.articles.map(\.id), articleDates: dates)
    guard partial, let u = f.unresolved else { return g }
    let names = UnresolvedNames(renamed: u.renamed, nodes: u.nodes, edges: u.edges)
    let back = g.unresolving(names)
    try check(nodes: Array(back.nodes.values), edges: Array(back.edges.values), file: file)
    return back
  }

  static func check(nodes: [Node], edges: [Edge], file: String) throws {
    let ids = Set(nodes.map(\.id))
    for e in edges where !ids.contains(e.source) || !ids.contains(e.target) {
      throw EntenteError.badGraph(file: file, reason: "edge \(e.source) -> \(e.target) names a node that is not in the graph")
    }
  }

  public static func read(path: String, partial: Bool = false) throws -> RelationshipGraph {
    guard let data = FileManager.default.contents(atPath: path) else { throw EntenteError.notFound(path: path) }
    return try read(data, file: path, partial: partial)
  }

  static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let c): return c.debugDescription
    case DecodingError.keyNotFound(let k, let c): return "missing \"\(k.stringValue)\" at \(path(c))"
    case DecodingError.typeMismatch(_, let c): return "wrong type at \(path(c)): \(c.debugDescription)"
    case DecodingError.valueNotFound(_, let c): return "missing value at \(path(c))"
    default: return "\(error)"
    }
  }

  static func path(_ c: DecodingError.Context) -> String {
    c.codingPath.isEmpty ? "top level" : c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
  }
}

/// Writes files atomically: a temporary file in the same folder, then a rename, so a failed
/// or interrupted run never leaves half a file behind.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    // Through an output set, so that a signal mid-write removes the temporary file too.
    let file = OutputSet()
    try file.write(data, to: path)
    try file.commit()
  }

  public static func write(_ string: String, to path: String) throws {
    try write(Data(string.utf8), to: path)
  }
}
