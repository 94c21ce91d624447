import Foundation

/// One article's graph — its nodes and edges with their evidence — as a JSON object on one
/// line: the output of the map stage (`entente extract --format edges`) that `entente merge`
/// reduces. Each line is a small graph file (format "entente-edges") with the same fields as
/// a graph.json, keys sorted.
public enum EdgesJSON {
  public static let format = "entente-edges"

  /// The line for a graph (without the line break). Partial names are left unresolved: the
  /// merge resolves them across all articles.
  public static func line(_ g: RelationshipGraph) -> String {
    var w = JSONLineWriter()
    w.raw("{\"articles\":[")
    for (i, a) in g.articles.enumerated() {
      if i > 0 { w.raw(",") }
      w.raw("{")
      if let d = g.articleDates[a] { w.raw("\"date\":"); w.string(d); w.raw(",") }
      w.raw("\"id\":"); w.string(a); w.raw("}")
    }
    w.raw("],\"edges\":[")
    for (i, e) in g.sortedEdges.enumerated() {
      if i > 0 { w.raw(",") }
      w.raw("{\"evidence\":[")
      for (j, v) in e.evidence.enumerated() {
        if j > 0 { w.raw(",") }
        w.raw("{\"article\":"); w.string(v.article)
        if let c = v.cue { w.raw(",\"cue\":"); w.string(c) }
        w.raw(",\"end\":"); w.int(v.end)
        if let q = v.quote { w.raw(",\"quote\":"); w.string(q) }
        w.raw(",\"sentence\":"); w.int(v.sentence); w.raw(",\"start\":"); w.int(v.start)
        w.raw(",\"text\":"); w.string(v.text); w.raw(",\"tone\":"); w.int(v.tone); w.raw(",\"tone_cues\":[")
        for (k, c) in v.toneCues.enumerated() {
          if k > 0 { w.raw(",") }
          w.string(c)
        }
        w.raw("]}")
      }
      w.raw("],\"kind\":"); w.string(e.kind.rawValue); w.raw(",\"source\":"); w.string(e.source)
      w.raw(",\"target\":"); w.string(e.target); w.raw(",\"tone\":"); w.raw(JSONNumber.string(e.roundedTone))
      w.raw(",\"tone_sum\":"); w.int(e.toneSum); w.raw(",\"weight\":"); w.int(e.weight); w.raw("}")
    }
    w.raw("],\"format\":"); w.string(format); w.raw(",\"nodes\":[")
    for (i, n) in g.sortedNodes.enumerated() {
      if i > 0 { w.raw(",") }
      w.raw("{\"aliases\":[")
      for (j, a) in n.aliases.enumerated() {
        if j > 0 { w.raw(",") }
        w.string(a)
      }
      w.raw("],\"articles\":[")
      for (j, a) in n.articles.enumerated() {
        if j > 0 { w.raw(",") }
        w.string(a)
      }
      w.raw("],\"id\":"); w.string(n.id); w.raw(",\"mentions\":"); w.int(n.mentions)
      w.raw(",\"name\":"); w.string(n.name); w.raw(",\"type\":"); w.string(n.type.rawValue); w.raw("}")
    }
    w.raw("],\"version\":"); w.int(GraphJSON.version); w.raw("}")
    return w.out
  }

  /// Reads one line back (an "entente-edges" line, or a whole graph on one line).
  public static func read(_ line: Data, file: String) throws -> RelationshipGraph {
    let f: GraphJSON.File
    do { f = try JSONDecoder().decode(GraphJSON.File.self, from: line) } catch {
      throw EntenteError.badGraph(file: file, reason: GraphJSON.describe(error))
    }
    guard f.format == format || f.format == GraphJSON.format else {
      throw EntenteError.badGraph(file: file, reason: "format is \"\(f.format)\", not \"\(format)\"")
    }
    return try GraphJSON.graph(f, file: file, partial: true)
  }
}
