@testable import Entente
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

  /// Tones of every kind of mean (whole, fractional, negative) come out as JSONEncoder
  /// writes them.
  @Test func tonesAreWhatJSONEncoderWrites() throws {
    let sums: [(weight: Int, toneSum: Int)] = [(1, 0), (1, 1), (1, -1), (2, 1), (3, -2), (3, 1), (7, 3), (8, -1), (1000, 999)]
    let nodes = (0...sums.count).map { Node(id: "person:P\($0)", name: "P\($0)", type: .person, mentions: 1, articles: ["a"]) }
    let edges = sums.indices.map { i in
      Edge(kind: .quotation, source: nodes[i].id, target: nodes[i + 1].id, weight: sums[i].weight, toneSum: sums[i].toneSum)
    }
    let graph = RelationshipGraph(nodes: nodes, edges: edges, articles: ["a"])
    let json = GraphJSONWriter.data(graph)
    #expect(json == (try GraphJSON.data(graph)))
    #expect(String(decoding: json, as: UTF8.self).contains("\"tone\" : -0.667,"))
  }

  /// An edge's tooltip shows its first evidence text whole up to 160 characters, else its
  /// first 157 and "...": characters, not bytes, of texts of several scripts.
  @Test func dotTooltipShortensByCharacters() {
    let units = ["a", "é", "e\u{301}", "🇫🇷", "👩‍👩‍👧", "“", "\r\n"]
    let texts = units.flatMap { u in [156, 157, 159, 160, 161, 163, 200].map { String(repeating: u, count: $0) + "z" } }
    let nodes = (0...texts.count).map { Node(id: "person:P\($0)", name: "P\($0)", type: .person, mentions: 1, articles: ["a"]) }
    let edges = texts.indices.map { i in
      Edge(
        kind: .cooccurrence, source: nodes[i].id, target: nodes[i + 1].id, weight: 1,
        evidence: [Evidence(article: "a", sentence: i, start: 0, end: 1, text: texts[i])])
    }
    let exporter = DOTExporter(includeLegend: false)
    let dot = exporter.string(RelationshipGraph(nodes: nodes, edges: edges, articles: ["a"]))
    for t in texts {
      let shown = t.count > 160 ? DOTExporter.escape(String(t.prefix(157))) + "..." : DOTExporter.escape(t)
      #expect(dot.contains(" evidence: \(shown)\""), "\(t.count) × \(t.unicodeScalars.first!)")
    }
  }

  @Test func dotEscapesAsEscapeDoes() {
    let exporter = DOTExporter(includeLegend: false)
    let dot = exporter.string(Self.graph)
    for n in Self.graph.nodes.values {
      #expect(dot.contains("\n  \"\(DOTExporter.escape(n.id))\" ["), "\(n.id.debugDescription)")
    }
  }

  /// Node labels are broken at spaces into lines of at most 18 characters, counted as
  /// characters (a label of plain ASCII is broken by bytes): each label comes out as the
  /// word-by-word wrapping of ``DOTExporter/wrap(_:)`` gives it, escaped.
  @Test func dotLabelsWrapByCharacters() {
    let names = [
      "Vladimir Putin", "Abcdefghijklmnopq", "Abcdefghijklmnopqr", "Abcdefghijklmnopqrs", "Ab cdefghijklmnopqr",
      "Abcdefghijklmnopq r", "North Atlantic Treaty Organization", "  leading and trailing spaces  ",
      "two  spaces  between  these  words", "a b c d e f g h i j k l m n o p", "Averyveryverylongwordwithoutspaces and more",
      "tab\tinside a long enough name", "quote \"marks\" in a long name", "back\\slash in a long enough name",
      "line\nbreak in a long enough name", "carriage\r\nreturn in a long enough name", "Bundesministerium für Gesundheit",
      "Organisation des Nations unies pour", "Ελληνική Δημοκρατία και Κύπρος", "                    ", "x",
    ]
    let nodes = names.indices.map { Node(id: "person:N\($0)", name: names[$0], type: .person, mentions: 1, articles: ["a"]) }
    let exporter = DOTExporter(includeLegend: false)
    let dot = exporter.string(RelationshipGraph(nodes: nodes, edges: [], articles: ["a"]))
    for (i, name) in names.enumerated() {
      #expect(dot.contains("\"person:N\(i)\" [color=\"#2b6cb0\", fillcolor=\"#dbe9f6\", label=\"\(DOTExporter.escape(exporter.wrap(name)))\", "), "\(name.debugDescription)")
    }
  }
}
