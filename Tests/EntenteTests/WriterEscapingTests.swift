import Entente
import Foundation
import Testing

/// The writers scan text eight bytes at a time for what needs escaping: every mark each
/// format escapes, at every position of a word and across word ends, must come out as the
/// reference escaping writes it (JSONEncoder for graph.json, ``DOTExporter/escape(_:)`` for
/// DOT).
@Suite("Writers: escaping, eight bytes at a time")
struct WriterEscapingTests {
  static let marks = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "é", "€", "/"]

  /// Each mark after 0 to 17 plain characters, in a text of 18 or more bytes.
  static let texts: [String] = marks.flatMap { mark in
    (0..<18).map { String(repeating: "a", count: $0) + mark + String(repeating: "b", count: 17 - $0) + mark + "c" }
  }

  static let graph: RelationshipGraph = {
    let nodes = texts.indices.map { Node(id: "person:\(texts[$0]) \($0)", name: texts[$0], type: .person, mentions: 1, articles: ["a"]) }
    let edges = texts.indices.dropFirst().map { i in
      Edge(
        kind: .quotation, source: nodes[i - 1].id, target: nodes[i].id, weight: 1,
        evidence: [Evidence(article: "a", sentence: i, start: 0, end: 1, text: texts[i], quote: texts[i - 1], cue: texts[i])])
    }
    return RelationshipGraph(nodes: nodes, edges: edges, articles: ["a"])
  }()

  @Test func graphJSONIsWhatJSONEncoderWrites() throws {
    #expect(GraphJSONWriter.data(Self.graph) == (try GraphJSON.data(Self.graph)))
  }

  @Test func dotEscapesAsEscapeDoes() {
    let dot = DOTExporter(includeLegend: false).string(Self.graph)
    for n in Self.graph.nodes.values {
      #expect(dot.contains("\n  \"\(DOTExporter.escape(n.id))\" ["), "\(n.id.debugDescription)")
    }
  }
}
