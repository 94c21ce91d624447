import Entente
import Foundation
import Testing

@Suite("Graph")
struct GraphTests {
  let ev = Evidence(article: "a", sentence: 0, start: 0, end: 5, text: "x")

  @Test func cooccurrenceIsStoredOnceUnderTheSortedPair() {
    var g = RelationshipGraph()
    g.record(cooccurrence: "b", "a", evidence: ev)
    g.record(cooccurrence: "a", "b", evidence: ev)
    #expect(g.edges.count == 1)
    #expect(g.edges.values.first?.source == "a")
    #expect(g.edges.values.first?.weight == 2)
    #expect(g.edges.values.first?.evidence.count == 2)
  }

  @Test func quotationIsDirectedAndHasNoSelfEdges() {
    var g = RelationshipGraph()
    g.record(quote: "a", about: "b", evidence: ev)
    g.record(quote: "b", about: "a", evidence: ev)
    g.record(quote: "a", about: "a", evidence: ev)
    #expect(g.edges.count == 2)
  }

  @Test func mergeAddsWeightsAndUnitesNodes() {
    let p = Pipeline()
    let a = Article(id: "one", text: "Vladimir Putin met Kim Jong-un in North Korea.")
    let b = Article(id: "two", text: "Vladimir Putin and Kim Jong-un signed a pact.")
    let merged = p.graph(for: [a, b])
    let key = EdgeKey(kind: .cooccurrence, source: "person:Kim Jong-un", target: "person:Vladimir Putin")
    #expect(merged.edges[key]?.weight == 2)
    #expect(merged.nodes["person:Vladimir Putin"]?.articles == ["one", "two"])
    // Merging the two single-article graphs gives the same graph.
    var g = RelationshipGraph()
    g.merge(p.graph(for: [a]))
    g.merge(p.graph(for: [b]))
    #expect(g.sortedEdges == merged.sortedEdges)
  }

  @Test func aSurnameAloneJoinsTheFullNameAcrossArticles() {
    let p = Pipeline()
    let g = p.graph(for: [
      Article(id: "one", text: "President Vladimir Putin met Xi Jinping."),
      Article(id: "two", text: "President Putin spoke to Olaf Scholz."),
    ])
    #expect(g.nodes["person:Putin"] == nil)
    #expect(g.nodes["person:Vladimir Putin"]?.articles == ["one", "two"])
  }

  @Test func quotationEdgesNameEveryEntityInTheQuote() {
    let g = Pipeline().graph(for: [Article(id: "q", text: "Jens Stoltenberg said that Russia supports North Korea's missile programme.")])
    let quoted = g.sortedEdges.filter { $0.kind == .quotation }.map { "\($0.source) -> \($0.target)" }
    #expect(quoted == ["person:Jens Stoltenberg -> state:PRK", "person:Jens Stoltenberg -> state:RUS"])
    #expect(g.sortedEdges.first { $0.kind == .quotation }?.evidence.first?.cue == "said")
  }

  @Test func everyCoordinatedSpeakerGetsQuotationEdges() {
    let g = Pipeline().graph(for: [Article(id: "q", text: "Moscow and Pyongyang deny that Iran sent drones to the front.")])
    let quoted = g.sortedEdges.filter { $0.kind == .quotation }.map { "\($0.source) -> \($0.target)" }
    #expect(quoted == ["state:PRK -> state:IRN", "state:RUS -> state:IRN"])
  }
}

@Suite("DOT")
struct DOTTests {
  static let hostile = ["3M", "a\"b", "x\\", "<script>", "", "line\nbreak", "Ünïcödé 北朝鮮"]

  func graph(_ names: [String]) -> RelationshipGraph {
    var g = RelationshipGraph()
    for (i, n) in names.enumerated() {
      g.record(node: Node(id: "organization:\(n)", name: n, type: EntityType.allCases[i % 3], mentions: 1, articles: ["a"]))
    }
    let ev = Evidence(article: "a", sentence: 0, start: 0, end: 1, text: "\"quoted\" \\ text")
    for i in 1..<names.count { g.record(cooccurrence: "organization:\(names[0])", "organization:\(names[i])", evidence: ev) }
    return g
  }

  @Test func escapesEveryID() {
    #expect(DOTExporter.escape("a\"b") == "a\\\"b")
    #expect(DOTExporter.escape("x\\") == "x\\\\")
    #expect(DOTExporter.escape("line\nbreak") == "line\\nbreak")
    let dot = DOTExporter().string(graph(Self.hostile))
    #expect(dot.contains("\"organization:3M\""))
    #expect(dot.contains("\"organization:a\\\"b\""))
    #expect(dot.contains("\"organization:x\\\\\""))
    #expect(!dot.contains("line\nbreak"))
  }

  @Test func byteIdenticalWhateverTheInsertionOrder() {
    let g = graph(Self.hostile)
    let reordered = RelationshipGraph(nodes: Array(g.nodes.values.reversed()), edges: Array(g.edges.values.reversed()))
    #expect(DOTExporter().string(g) == DOTExporter().string(reordered))
  }

  @Test func mentionsInAnyOrderGiveTheSameEdges() {
    let a = Pipeline().analyze(Article(id: "m", text: "Putin met Kim Jong-un in Pyongyang. Stoltenberg said Russia supports North Korea."))
    var shuffled = a
    shuffled.recognition.mentions.reverse()
    #expect(a.recognition.mentions.count >= 4)
    let g = GraphBuilder.graph(for: a), h = GraphBuilder.graph(for: shuffled)
    #expect(g.edges.values.filter { $0.kind == .quotation }.count == 2)
    #expect(g.edges.values.filter { $0.kind == .cooccurrence }.count == 3)
    #expect(DOTExporter().string(g) == DOTExporter().string(h))
    #expect(g.edges.values.map(\.weight) == h.edges.values.map(\.weight))
  }

  @Test func golden() {
    var g = RelationshipGraph()
    g.record(node: Node(id: "person:A", name: "A", type: .person, mentions: 2, articles: ["x"]))
    g.record(node: Node(id: "state:B", name: "B", type: .state, mentions: 1, articles: ["x"]))
    g.record(quote: "person:A", about: "state:B", evidence: Evidence(article: "x", sentence: 0, start: 0, end: 3, text: "A warned B.", quote: "B", cue: "warned", tone: -1, toneCues: ["warned"]))
    let dot = DOTExporter(includeLegend: false).string(g)
    #expect(dot == """
      digraph "entente" {
        graph [fontname="Helvetica", outputorder="edgesfirst", overlap="false", rankdir="LR", splines="true"];
        node [fontname="Helvetica", fontsize="11"];
        edge [fontname="Helvetica", fontsize="9"];
        "person:A" [color="#2b6cb0", fillcolor="#dbe9f6", label="A", mentions="2", shape="ellipse", style="filled", tooltip="A (person): 2 mentions in 1 article", type="person"];
        "state:B" [color="#2f7d32", fillcolor="#e3f1df", label="B", mentions="1", shape="box", style="filled,rounded", tooltip="B (state): 1 mention in 1 article", type="state"];
        "person:A" -> "state:B" [arrowhead="normal", color="#c0392b", dir="forward", kind="quotation", label="1", penwidth="1", style="dashed", tone="-1", tooltip="quotation, weight 1, conflictual (tone -1), 1 evidence: B", weight="1"];
      }

      """)
  }

  @Test func splinesCanBeCurved() {
    var g = RelationshipGraph()
    g.record(node: Node(id: "person:A", name: "A", type: .person, mentions: 1, articles: ["x"]))
    var exporter = DOTExporter(includeLegend: false)
    #expect(exporter.string(g).contains("splines=\"true\""))
    exporter.splines = "curved"
    #expect(exporter.string(g).contains("splines=\"curved\""))
    #expect(!exporter.string(g).contains("splines=\"true\""))
  }

  @Test func everyTypeAndKindHasAStyle() {
    for t in EntityType.allCases { #expect(DOTExporter.style(t)["shape"] != nil) }
    for k in EdgeKind.allCases { #expect(DOTExporter.style(k)["style"] != nil) }
    #expect(Set(EntityType.allCases.map { DOTExporter.style($0)["shape"]! }).count == EntityType.allCases.count)
    #expect(DOTExporter.style(.cooccurrence)["style"] != DOTExporter.style(.quotation)["style"])
  }
}

@Suite("JSON graph")
struct GraphJSONTests {
  @Test func roundTrips() throws {
    let g = Pipeline().graph(for: [Article(id: "a\"b", text: "Jens Stoltenberg said that Russia supports North Korea. Putin met Kim Jong-un.")])
    let data = try GraphJSON.data(g)
    let back = try GraphJSON.read(data, file: "g.json")
    #expect(back.sortedNodes == g.sortedNodes)
    #expect(back.sortedEdges == g.sortedEdges)
    #expect(try GraphJSON.data(back) == data)
  }

  @Test func rejectsOtherJSON() {
    #expect(throws: EntenteError.self) { try GraphJSON.read(Data("{\"nodes\": []}".utf8), file: "x.json") }
    #expect(throws: EntenteError.self) { try GraphJSON.read(Data("not json".utf8), file: "x.json") }
  }
}

@Suite("Extract JSON")
struct ExtractJSONTests {
  @Test func linesParseBackWithEveryCharacter() throws {
    let id = "odd \"id\" \\ with\ttabs\u{1}\u{1F} and / slash — ünï"
    let a = Pipeline().analyze(Article(id: id, text: "Jens Stoltenberg said \"Russia\u{7} supports North Korea.\"\n\nÜnïcödé text."))
    let line = ExtractJSON.line(a)
    #expect(!line.contains("\n"))
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(obj["id"] as? String == id)
    let quotes = try #require(obj["quotes"] as? [[String: Any]])
    #expect((quotes.first?["content"] as? [String: Any])?["text"] as? String == "\"Russia\u{7} supports North Korea.\"")
    #expect(quotes.first?["speaker_entity"] as? String == "Jens Stoltenberg")
  }

  @Test func coordinatedSpeakersAfterTheFirstAreListed() throws {
    let a = Pipeline().analyze(Article(id: "a", text: "Washington and Seoul warned that North Korea would test a missile."))
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(ExtractJSON.line(a).utf8)) as? [String: Any])
    let quote = try #require((obj["quotes"] as? [[String: Any]])?.first)
    #expect(quote["speaker_entity"] as? String == "United States")
    #expect(quote["other_speakers"] as? [String] == ["South Korea"])
    // A single speaker has no such key.
    let one = ExtractJSON.line(Pipeline().analyze(Article(id: "b", text: "Jens Stoltenberg said that Russia supports North Korea.")))
    #expect(!one.contains("other_speakers"))
  }

  @Test func keysAreSorted() {
    let line = ExtractJSON.line(Pipeline().analyze(Article(id: "a", text: "Putin met Kim Jong-un.")))
    #expect(line.hasPrefix("{\"entities\":[{\"mentions\":[{\"end\":"))
    #expect(line.contains("],\"id\":\"a\",\"quotes\":[]}"))
  }
}
