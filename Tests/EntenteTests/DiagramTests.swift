import Entente
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A graph of named entities (all people unless said) linked by co-occurrence edges.
func diagramGraph(_ edges: [(String, String, Int)], isolated: [String] = [], dates: [String: String] = [:]) -> RelationshipGraph {
  var nodes: [String: Node] = [:]
  for name in edges.flatMap({ [$0.0, $0.1] }) + isolated {
    nodes["person:\(name)"] = Node(id: "person:\(name)", name: name, type: .person, mentions: name.count, articles: ["a1"])
  }
  let es = edges.map { a, b, w in
    Edge(kind: .cooccurrence, source: min("person:\(a)", "person:\(b)"), target: max("person:\(a)", "person:\(b)"), weight: w,
      evidence: [Evidence(article: "a1", sentence: 0, start: 0, end: 10, text: "\(a) met \(b).")])
  }
  let articles = dates.isEmpty ? ["a1"] : dates.keys.sorted()
  return RelationshipGraph(nodes: nodes.keys.sorted().map { nodes[$0]! }, edges: es, articles: articles, articleDates: dates)
}

/// Every pair of `names` linked with `weight`.
func clique(_ names: [String], weight: Int) -> [(String, String, Int)] {
  var out: [(String, String, Int)] = []
  for i in names.indices { for j in names.indices where i < j { out.append((names[i], names[j], weight)) } }
  return out
}

@Suite("Communities")
struct CommunityTests {
  @Test func twoCliquesJoinedByOneEdgeAreTwoCommunities() {
    // 0–3 a clique, 4–8 a clique, one light edge between them, 9 alone.
    var edges: [(a: Int, b: Int, weight: Double)] = []
    for i in 0..<4 { for j in i + 1..<4 { edges.append((i, j, 2)) } }
    for i in 4..<9 { for j in i + 1..<9 { edges.append((i, j, 1)) } }
    edges.append((3, 4, 1))
    let c = Communities.louvain(count: 10, edges: edges)
    // The larger clique is community 0, the smaller 1, the lone node its own.
    #expect(c == [1, 1, 1, 1, 0, 0, 0, 0, 0, 2])
  }

  @Test func aRingOfCliquesIsOneCommunityPerClique() {
    var edges: [(a: Int, b: Int, weight: Double)] = []
    for k in 0..<6 {
      for i in 0..<5 { for j in i + 1..<5 { edges.append((5 * k + i, 5 * k + j, 1)) } }
      edges.append((5 * k + 4, (5 * k + 5) % 30, 1))
    }
    let c = Communities.louvain(count: 30, edges: edges)
    for k in 0..<6 {
      #expect(Set(c[(5 * k)..<(5 * k + 5)]).count == 1, "clique \(k) split: \(c)")
    }
    #expect(Set(c).count == 6)
  }

  @Test func theSameGraphGivesTheSameCommunitiesWhateverItsOrder() {
    let edges = clique(["A", "B", "C", "D"], weight: 3) + clique(["E", "F", "G"], weight: 2) + [("D", "E", 1)]
    let g = diagramGraph(edges)
    let h = diagramGraph(edges.reversed())
    #expect(Communities.of(g) == Communities.of(h))
    let c = Communities.of(g)
    #expect(c["person:A"] == c["person:D"] && c["person:E"] == c["person:G"] && c["person:A"] != c["person:E"])
  }
}

@Suite("Diagram")
struct DiagramTests {
  @Test func theCaptionHasTitleCorpusDatesAndCounts() {
    let g = diagramGraph(clique(["A", "B", "C"], weight: 2), dates: ["x": "2024-06-21", "y": "2024-06-19"])
    let d = Diagram(g, options: .init(title: "Who met whom", corpus: "news.jsonl"))
    #expect(d.title == "Who met whom")
    #expect(d.lines[0] == "Source: news.jsonl · 2 articles · 2024-06-19 to 2024-06-21")
    #expect(d.lines[1] == "3 entities, 3 edges")
    #expect(d.notes.isEmpty)
  }

  @Test func isolatedEntitiesAndTinyGroupsAreCountedNotDrawn() {
    let g = diagramGraph(clique(["A", "B", "C", "D"], weight: 1) + [("X", "Y", 1)], isolated: ["Z"])
    let d = Diagram(g)
    #expect(d.graph.nodes.keys.sorted() == ["person:A", "person:B", "person:C", "person:D"])
    #expect(d.notes == ["Not drawn: 1 entity without edges and 1 small group of 2 entities linked only among themselves (X – Y)"])
    #expect(d.lines.contains("7 entities, 7 edges; drawn: 4 entities and 6 edges (the DOT and JSON files have them all)"))
    #expect(!d.cut)
  }

  @Test func aCutKeepsTheStrongestOfEveryCommunity() {
    // A heavy clique and a light one: one global cut by weight would keep only the heavy one.
    let heavy = clique(["H1", "H2", "H3", "H4", "H5", "H6"], weight: 9)
    let light = clique(["L1", "L2", "L3", "L4", "L5", "L6"], weight: 1) + [("L1", "L2", 1)]
    let g = diagramGraph(heavy + light + [("H1", "L1", 1)])
    let d = Diagram(g, options: .init(maxNodes: 6))
    let drawn = d.graph.nodes.keys.sorted()
    #expect(drawn.count == 6)
    #expect(drawn.filter { $0.hasPrefix("person:H") }.count == 3)
    #expect(drawn.filter { $0.hasPrefix("person:L") }.count == 3)
    #expect(Set(d.community.values) == [0, 1])
    #expect(d.communityNames.count == 2)
    #expect(d.cut)
    #expect(d.lines.contains { $0.hasSuffix("drawn: 6 entities and 7 edges, the strongest of each community (the DOT and JSON files have them all)") })
  }

  @Test func onlyTheStrongestEdgesCarryTheirWeight() {
    var edges = clique(["A", "B", "C", "D", "E", "F"], weight: 1)
    edges[0].2 = 7
    let d = Diagram(diagramGraph(edges))
    #expect(d.labelledEdges == [EdgeKey(kind: .cooccurrence, source: "person:A", target: "person:B")])
    let dot = DiagramDOT(layout: DiagramLayout.choose(nodes: 6, edges: 15)).string(d)
    #expect(dot.components(separatedBy: "label=\"7\"").count == 2)
    #expect(!dot.contains("label=\"1\""))
  }

  @Test func layoutIsChosenBySize() {
    #expect(DiagramLayout.choose(nodes: 35, edges: 142) == DiagramLayout(engine: "neato", splines: "true"))
    #expect(DiagramLayout.choose(nodes: 117, edges: 150) == DiagramLayout(engine: "fdp", splines: "line"))
    #expect(DiagramLayout.choose(nodes: 1149, edges: 2000) == DiagramLayout(engine: "fdp", splines: "line"))
  }

  /// A graph whose names and evidence hold every character that needs escaping.
  static let hostile: RelationshipGraph = {
    let a = "person:A \"B\" <C> & D\\", b = "person:E'\u{1}F"
    let nodes = [
      Node(id: a, name: "A \"B\" <C> & D\\", type: .person, mentions: 3, articles: ["x"]),
      Node(id: b, name: "E'\u{1}F", type: .organization, mentions: 1, articles: ["x"]),
      Node(id: "state:G", name: "G", type: .state, mentions: 1, articles: ["x"]),
    ]
    let ev = Evidence(article: "x", sentence: 0, start: 0, end: 9, text: "She said <b>\"no\"</b> & left \\n.")
    let edges = [
      Edge(kind: .cooccurrence, source: a, target: b, weight: 2, evidence: [ev]),
      Edge(kind: .cooccurrence, source: a, target: "state:G", weight: 1, evidence: [ev]),
      Edge(kind: .quotation, source: b, target: "state:G", weight: 1, evidence: [ev]),
    ]
    return RelationshipGraph(nodes: nodes, edges: edges, articles: ["x"])
  }()

  @Test func theFallbackDrawingIsWellFormedWithEscapedTooltips() throws {
    let d = Diagram(Self.hostile, options: .init(title: "T <&>", corpus: "c&c"))
    let svg = DiagramSVG.string(d, note: "a note")
    let titles = try #require(SVGTitles.parse(Data(svg.utf8)))
    #expect(titles.contains("A \"B\" <C> & D\\ (person): 3 mentions in 1 article"))
    #expect(titles.contains { $0.contains("evidence: She said <b>\"no\"</b> & left \\n.") })
    #expect(svg.contains("a note"))
    #expect(svg.contains("T &lt;&amp;&gt;"))
    #expect(DiagramSVG.string(d, note: "a note") == svg)
  }
}

/// The text of every <title> element of an SVG, checking it is well-formed XML.
final class SVGTitles: NSObject, XMLParserDelegate {
  var titles: [String] = []
  var depth = 0
  var current = ""

  static func parse(_ data: Data) -> [String]? {
    let p = XMLParser(data: data)
    let d = SVGTitles()
    p.delegate = d
    return p.parse() ? d.titles : nil
  }

  func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    if e == "title" { depth += 1; current = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { if depth > 0 { current += string } }

  func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
    if e == "title" { titles.append(current); depth -= 1 }
  }
}
