import Entente
import EntenteTestSupport
import Foundation
import Testing

@Suite("Graph files")
struct GraphFilesTests {
  static func fixturesGraph() -> RelationshipGraph {
    Pipeline().graph(from: ArticleLoader.load([Repository.path("Fixtures")]).articles, resolve: false)
  }

  /// A graph of many edges of both kinds, with evidence to escape.
  static func largeGraph() -> RelationshipGraph {
    let nodes = (0..<300).map { Node(id: "person:P\($0)", name: "P\($0)", type: .person, mentions: 1, articles: ["a\($0 % 7)"]) }
    var edges: [Edge] = []
    for i in 0..<300 {
      for k in 1...5 {
        let j = (i * 7 + k * 13) % 300
        guard j != i else { continue }
        let ev = Evidence(
          article: "a\(i % 7)", sentence: k, start: i, end: i + k, text: "P\(i) said \"P\(j)\"\n\tagain \\ \u{1}", quote: k == 2 ? "P\(j) \u{201C}x\u{201D}" : nil,
          cue: k == 2 ? "said" : nil, tone: k % 3 - 1, toneCues: k % 3 == 1 ? [] : ["warned"])
        edges.append(Edge(kind: k == 2 ? .quotation : .cooccurrence, source: "person:P\(i)", target: "person:P\(j)", weight: k, evidence: [ev]))
      }
    }
    return RelationshipGraph(nodes: nodes, edges: edges, articles: (0..<7).map { "a\($0)" }, maxEvidence: 5, order: .canonical)
  }

  /// The fixtures' graph (fewer edges than one run of graph.json's edges that the two
  /// threads share out), and a larger one (with many runs: the other thread renders some).
  @Test(arguments: [false, true]) func theFilesAreTheSameBytesWrittenAtOnceOrInTurn(large: Bool) throws {
    let (graph, unresolved) = (large ? Self.largeGraph() : Self.fixturesGraph()).resolvedKeepingUnresolved()
    #expect(large == (graph.edges.count > 4 * 256))
    let dir = try Scratch.directory("files")
    defer { try? FileManager.default.removeItem(at: dir) }
    var written: [(dot: Data, json: Data)] = []
    for concurrently in [true, false] {
      let base = dir.appendingPathComponent(concurrently ? "atonce" : "inturn").path
      let files = OutputSet()
      try GraphFiles.write(
        graph, unresolved: unresolved, dot: DOTExporter(graphName: "g", includeLegend: false), dotPath: base + ".dot",
        jsonPath: base + ".json", into: files, concurrently: concurrently)
      try files.commit()
      written.append((try Data(contentsOf: URL(fileURLWithPath: base + ".dot")), try Data(contentsOf: URL(fileURLWithPath: base + ".json"))))
    }
    #expect(written[0].dot == written[1].dot)
    #expect(written[0].json == written[1].json)
    #expect(written[0].dot == Data(DOTExporter(graphName: "g", includeLegend: false).string(graph).utf8))
    #expect(written[0].json == GraphJSONWriter.data(graph, unresolved: unresolved))
    #expect(written[0].json == (try GraphJSON.data(graph, unresolved: unresolved)))
  }

  /// A commit replaces the files of an earlier run with the new ones and leaves nothing else
  /// in the folder; a file replaced that has another name keeps its old contents there.
  @Test func aCommitReplacesEarlierFilesAndLeavesNothingElse() throws {
    let dir = try Scratch.directory("replace")
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("g.dot").path, b = dir.appendingPathComponent("g.json").path
    let other = dir.appendingPathComponent("kept.json").path
    for run in 1...3 {
      if run == 3 { #expect(link(b, other) == 0) }
      let files = OutputSet()
      try files.write("dot \(run)", to: a)
      try files.write("json \(run)", to: b)
      try files.commit()
      #expect(try String(contentsOfFile: a, encoding: .utf8) == "dot \(run)")
      #expect(try String(contentsOfFile: b, encoding: .utf8) == "json \(run)")
      let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
      #expect(names == (run == 3 ? ["g.dot", "g.json", "kept.json"] : ["g.dot", "g.json"]))
    }
    #expect(try String(contentsOfFile: other, encoding: .utf8) == "json 2")
  }

  /// Resolution straight to canonical form gives the graph that resolving first, then
  /// putting it in canonical form, gives.
  @Test func resolvedIsTheResolvedGraphInCanonicalForm() {
    func ev(_ article: String, _ sentence: Int) -> Evidence {
      Evidence(article: article, sentence: sentence, start: 0, end: 5, text: "\(article) \(sentence)", tone: sentence % 3 - 1)
    }
    // "Putin" goes into "Vladimir Putin": one edge merges with another, one becomes a loop,
    // one is only renamed, one is left alone.
    let nodes = [
      Node(id: "state:RUS", name: "Russia", type: .state, aliases: ["Russia"], mentions: 3, articles: ["a3", "a1", "a2"]),
      Node(id: "person:Putin", name: "Putin", type: .person, aliases: ["Putin"], mentions: 2, articles: ["a3", "a2"]),
      Node(id: "organization:NATO", name: "NATO", type: .organization, mentions: 1, articles: ["a2"]),
      Node(id: "person:Vladimir Putin", name: "Vladimir Putin", type: .person, aliases: ["Vladimir Putin"], mentions: 1, articles: ["a1"]),
    ]
    let edges = [
      Edge(kind: .cooccurrence, source: "person:Putin", target: "state:RUS", weight: 3, evidence: [ev("a2", 1), ev("a3", 0), ev("a3", 4)]),
      Edge(kind: .quotation, source: "person:Putin", target: "organization:NATO", weight: 1, evidence: [ev("a2", 2)]),
      Edge(kind: .cooccurrence, source: "organization:NATO", target: "state:RUS", weight: 1, evidence: [ev("a2", 2)]),
      Edge(kind: .cooccurrence, source: "person:Putin", target: "person:Vladimir Putin", weight: 1, evidence: [ev("a1", 3)]),
      Edge(kind: .cooccurrence, source: "person:Vladimir Putin", target: "state:RUS", weight: 2, evidence: [ev("a1", 0), ev("a2", 0)]),
    ]
    let g = RelationshipGraph(nodes: nodes, edges: edges, articles: ["a3", "a1", "a2"], maxEvidence: 4, order: .canonical)
    #expect(g.resolvedKeepingUnresolved().unresolved.renamed == ["person:Putin": "person:Vladimir Putin"])
    let resolved = g.resolved()
    #expect(resolved == g.resolvingPartialNames().canonical())
    #expect(resolved.nodes.keys.elements == ["organization:NATO", "person:Vladimir Putin", "state:RUS"])
    let merged = resolved.edges[EdgeKey(kind: .cooccurrence, source: "state:RUS", target: "person:Vladimir Putin")]
    #expect(merged?.weight == 5)
    #expect(merged?.evidence.map(\.text) == ["a1 0", "a2 0", "a2 1", "a3 0"])
    #expect(resolved.edges.count == 3)
    // And a graph with nothing to resolve.
    let fixtures = Self.fixturesGraph()
    #expect(fixtures.resolved() == fixtures.resolvingPartialNames().canonical())
  }

  /// A DOT tooltip shows an evidence text of more than 160 characters by its first 157,
  /// counting characters, not bytes or scalars.
  @Test func longEvidenceIsShortenedByCharacters() {
    func tooltip(_ text: String) -> String {
      let e = Edge(
        kind: .cooccurrence, source: "person:A", target: "person:B", weight: 1,
        evidence: [Evidence(article: "a", sentence: 0, start: 0, end: 1, text: text)])
      let g = RelationshipGraph(
        nodes: [Node(id: "person:A", name: "A", type: .person), Node(id: "person:B", name: "B", type: .person)], edges: [e])
      let dot = DOTExporter().string(g)
      let line = dot.split(separator: "\n").first { $0.contains("\"person:A\" -> ") }.map(String.init) ?? ""
      guard let r = line.range(of: "evidence: ") else { return "" }
      return String(line[r.upperBound...].prefix { $0 != "\"" })
    }
    let accented = String(repeating: "e\u{301}", count: 200)
    #expect(tooltip(accented) == String(repeating: "e\u{301}", count: 157) + "...")
    // "\r\n" is one character: 161 in all.
    #expect(tooltip("a\r\n" + String(repeating: "b", count: 159)) == "a\\n" + String(repeating: "b", count: 155) + "...")
    #expect(tooltip("a\r\n" + String(repeating: "b", count: 158)) == "a\\n" + String(repeating: "b", count: 158))
    #expect(tooltip(String(repeating: "x", count: 161)) == String(repeating: "x", count: 157) + "...")
    #expect(tooltip(String(repeating: "x", count: 160)) == String(repeating: "x", count: 160))
    // Characters no SVG can hold become U+FFFD; quotation marks and backslashes are escaped.
    #expect(tooltip("a\u{1}b\u{FFFE}c\u{FFFF}d\\e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\\\\e")
  }
}
