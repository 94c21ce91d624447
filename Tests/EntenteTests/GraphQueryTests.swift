import Entente
import EntenteTestSupport
import Foundation
import Testing

/// Small graphs whose filters and measures can be worked out by hand.
enum QueryFixtures {
  static func node(_ name: String, _ type: EntityType = .person, articles: [String] = ["a1"]) -> Node {
    Node(id: "\(type.rawValue):\(name)", name: name, type: type, aliases: [name], mentions: 1, articles: articles)
  }

  static func ev(_ article: String, _ n: Int = 0) -> Evidence {
    Evidence(article: article, sentence: n, start: 0, end: 1, text: "sentence \(n) of \(article)")
  }

  /// A chain A - B - C - D - E (co-occurrence), weights 5, 4, 3, 2, plus a quotation A -> C
  /// of weight 1, and an isolated state Z.
  static func chain() -> RelationshipGraph {
    var g = RelationshipGraph()
    g.addArticle("a1", date: "2024-01-01")
    for n in ["A", "B", "C", "D", "E"] { g.record(node: node(n)) }
    g.record(node: node("Z", .state))
    let names = ["A", "B", "C", "D", "E"]
    for (i, w) in [5, 4, 3, 2].enumerated() {
      for k in 0..<w { g.record(cooccurrence: "person:\(names[i])", "person:\(names[i + 1])", evidence: ev("a1", k)) }
    }
    g.record(quote: "person:A", about: "person:C", evidence: ev("a1", 9))
    return g
  }

  /// Three dated articles and one undated: edge X-Y has evidence in all four.
  static func dated() -> RelationshipGraph {
    var g = RelationshipGraph()
    g.addArticle("jan", date: "2024-01-15")
    g.addArticle("jun", date: "2024-06-19")
    g.addArticle("dec", date: "2024-12-31")
    g.addArticle("undated", date: nil)
    g.record(node: node("X", articles: ["jan", "jun", "dec", "undated"]))
    g.record(node: node("Y", articles: ["jan", "jun", "dec", "undated"]))
    g.record(node: node("W", .organization, articles: ["jan"]))
    g.record(node: node("V", .state, articles: ["undated"]))
    for a in ["jan", "jun", "jun", "dec", "undated"] { g.record(cooccurrence: "person:X", "person:Y", evidence: ev(a)) }
    g.record(quote: "person:X", about: "organization:W", evidence: ev("jan"))
    g.record(cooccurrence: "person:Y", "state:V", evidence: ev("undated"))
    return g
  }
}

@Suite("Graph filters")
struct GraphFilterTests {
  let chain = QueryFixtures.chain()
  let dated = QueryFixtures.dated()

  func names(_ g: RelationshipGraph) -> [String] { g.sortedNodes.map(\.name) }

  @Test func anEmptyFilterKeepsEverything() {
    #expect(GraphFilter().isEmpty)
    #expect(GraphFilter().apply(to: chain) == chain)
  }

  @Test func topKeepsTheStrongestEdgesAndTheirNodes() {
    let g = GraphFilter(top: 2).apply(to: chain)
    #expect(g.sortedEdges.map(\.weight).sorted() == [4, 5])
    #expect(names(g) == ["A", "B", "C"])
    #expect(GraphFilter(top: 0).apply(to: chain).nodes.isEmpty)
    #expect(GraphFilter(top: 100).apply(to: chain).edges.count == chain.edges.count)
  }

  @Test func egoReachesDepthEdgesAwayEitherWay() {
    #expect(names(GraphFilter(ego: "a", depth: 0).apply(to: chain)) == ["A"])
    #expect(GraphFilter(ego: "a", depth: 0).apply(to: chain).edges.isEmpty)
    // A's neighbours: B (co-occurrence) and C (A quotes C).
    #expect(names(GraphFilter(ego: "a", depth: 1).apply(to: chain)) == ["A", "B", "C"])
    #expect(names(GraphFilter(ego: "a", depth: 2).apply(to: chain)) == ["A", "B", "C", "D"])
    // Edges are followed against their direction too: C is quoted by A.
    #expect(names(GraphFilter(ego: "c", depth: 1).apply(to: chain)) == ["A", "B", "C", "D"])
    // Only the edges among the kept nodes.
    let g = GraphFilter(ego: "e", depth: 1).apply(to: chain)
    #expect(names(g) == ["D", "E"])
    #expect(g.edges.count == 1)
    #expect(GraphFilter(ego: "nobody").apply(to: chain).nodes.isEmpty)
  }

  @Test func egoFollowsOnlyTheKeptKinds() {
    let g = GraphFilter(kinds: [.cooccurrence], ego: "a", depth: 1).apply(to: chain)
    #expect(names(g) == ["A", "B"])
    let q = GraphFilter(kinds: [.quotation], ego: "b", depth: 3).apply(to: chain)
    // B has no quotation edge: only B itself stays.
    #expect(names(q) == ["B"])
  }

  @Test func typesAndKindsAndWeight() {
    #expect(names(GraphFilter(types: [.state]).apply(to: chain)) == ["Z"])
    // A type filter alone keeps nodes without edges; an edge filter drops them.
    #expect(GraphFilter(types: [.person, .state]).apply(to: chain).nodes.count == 6)
    #expect(!GraphFilter(kinds: [.cooccurrence]).apply(to: chain).nodes.keys.contains("state:Z"))
    let q = GraphFilter(kinds: [.quotation]).apply(to: chain)
    #expect(q.edges.count == 1 && names(q) == ["A", "C"])
    let heavy = GraphFilter(minWeight: 3).apply(to: chain)
    #expect(heavy.sortedEdges.map(\.weight).sorted() == [3, 4, 5])
    #expect(names(heavy) == ["A", "B", "C", "D"])
  }

  @Test func sinceAndUntilKeepTheEvidenceOfThoseDaysAndRecountWeights() throws {
    let key = EdgeKey(kind: .cooccurrence, source: "person:X", target: "person:Y")
    #expect(dated.edges[key]?.weight == 5)
    let summer = GraphFilter(since: "2024-06-01", until: "2024-06-30").apply(to: dated)
    let xy = try #require(summer.edges[key])
    #expect(xy.weight == 2)
    #expect(xy.evidence.allSatisfy { $0.article == "jun" })
    // The quotation (January) and Y-V (undated) have no evidence left: dropped, with W and V.
    #expect(summer.edges.count == 1)
    #expect(names(summer) == ["X", "Y"])
    #expect(summer.nodes["person:X"]?.articles == ["jun"])
    #expect(Array(summer.articles) == ["jun"])
    // Bounds are inclusive; an undated article fails any bound.
    #expect(GraphFilter(since: "2024-12-31").apply(to: dated).edges[key]?.weight == 1)
    #expect(GraphFilter(until: "2024-01-15").apply(to: dated).edges[key]?.weight == 1)
    #expect(GraphFilter(since: "2000-01-01").apply(to: dated).edges[key]?.weight == 4)
    #expect(GraphFilter(since: "2025-01-01").apply(to: dated).edges.isEmpty)
  }

  @Test func articleKeepsThatArticlesEvidence() throws {
    let g = GraphFilter(articles: ["undated"]).apply(to: dated)
    #expect(g.edges.count == 2)
    #expect(g.edges.values.allSatisfy { $0.weight == $0.evidence.count && $0.evidence.allSatisfy { $0.article == "undated" } })
    #expect(names(g) == ["X", "Y", "V"])
    let two = GraphFilter(articles: ["jan", "jun"]).apply(to: dated)
    #expect(two.edges[EdgeKey(kind: .cooccurrence, source: "person:X", target: "person:Y")]?.weight == 3)
    #expect(two.edges[EdgeKey(kind: .quotation, source: "person:X", target: "organization:W")]?.weight == 1)
  }

  @Test func filtersOnTheFixtureGraph() throws {
    let g = ExportFixtures.fixtures
    let putin = try #require(g.nodes(matching: "putin").first)
    let ego = GraphFilter(ego: "putin", depth: 1).apply(to: g)
    #expect(ego.nodes.keys.contains("person:Kim Jong-un"))
    #expect(ego.edges.values.allSatisfy { ego.nodes[$0.source] != nil && ego.nodes[$0.target] != nil })
    // Every kept node is Putin or one of his neighbours.
    let neighbours = Set(g.edges.values.flatMap { e in [e.source, e.target].contains(putin.id) ? [e.source, e.target] : [] })
    #expect(Set(ego.nodes.keys) == neighbours)
    // Since 2025: only evidence of articles dated 2025 or later.
    let recent = GraphFilter(since: "2025-01-01").apply(to: g)
    #expect(!recent.edges.isEmpty)
    for e in recent.edges.values {
      #expect(e.weight == e.evidence.count)
      #expect(e.evidence.allSatisfy { (g.articleDates[$0.article] ?? "") >= "2025-01-01" })
    }
    #expect(recent.edges.count < g.edges.count)
  }

  @Test func datesAreYearMonthDay() {
    #expect(GraphFilter.isDate("2024-06-19"))
    for bad in ["2024-6-19", "2024/06/19", "19-06-2024", "2024-13-01", "2024-06-00", "2024-06-1x", "", "2024-06-19T00"] {
      #expect(!GraphFilter.isDate(bad), "\(bad)")
    }
  }
}

@Suite("Graph measures")
struct GraphMeasureTests {
  /// A star: H co-occurs with four leaves, one leaf quotes another.
  static func star() -> RelationshipGraph {
    var g = RelationshipGraph()
    g.record(node: QueryFixtures.node("Hub", .state))
    for n in ["L1", "L2", "L3", "L4"] {
      g.record(node: QueryFixtures.node(n))
      g.record(cooccurrence: "state:Hub", "person:\(n)", evidence: QueryFixtures.ev("a1"))
    }
    g.record(quote: "person:L1", about: "person:L2", evidence: QueryFixtures.ev("a1"))
    return g
  }

  @Test func pageRankSumsToOneAndRanksTheHubFirst() throws {
    let g = Self.star()
    let pr = g.pageRank()
    #expect(pr.count == g.nodes.count)
    #expect(abs(pr.values.reduce(0, +) - 1) < 1e-9)
    let ranked = pr.sorted { $0.value > $1.value }.map(\.key)
    #expect(ranked.first == "state:Hub")
    // L2 is quoted by L1, so it outranks the other leaves; L1 gives rank away.
    #expect(pr["person:L2"]! > pr["person:L3"]!)
    #expect(abs(pr["person:L3"]! - pr["person:L4"]!) < 1e-12)
  }

  @Test func pageRankHandlesNodesWithoutLinksAndIsDeterministic() throws {
    var g = QueryFixtures.chain()  // Z has no edges; E only co-occurs
    let pr = g.pageRank()
    #expect(abs(pr.values.reduce(0, +) - 1) < 1e-9)
    #expect(pr["state:Z"]! > 0)
    let reordered = RelationshipGraph(nodes: Array(g.nodes.values.reversed()), edges: Array(g.edges.values.reversed()))
    #expect(reordered.pageRank() == pr)
    g = RelationshipGraph()
    #expect(g.pageRank().isEmpty)
  }

  @Test func pageRankOnTheFixturesRanksAStateFirst() throws {
    let g = ExportFixtures.fixtures
    let pr = g.pageRank()
    #expect(abs(pr.values.reduce(0, +) - 1) < 1e-9)
    // The node with the largest weighted degree is among the top three.
    let wd = g.weightedDegrees()
    let busiest = try #require(wd.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
    let top3 = pr.sorted { $0.value > $1.value }.prefix(3).map(\.key)
    #expect(top3.contains(busiest))
  }

  @Test func degreesCountEdgesAndWeights() {
    let g = QueryFixtures.chain()
    let d = g.degrees(), w = g.weightedDegrees()
    #expect(d["person:A"] == 2)  // A-B and A->C
    #expect(w["person:A"] == 6)
    #expect(d["person:C"] == 3)
    #expect(w["person:C"] == 4 + 3 + 1)
    #expect(d["state:Z"] == 0)
    #expect(d.count == g.nodes.count)
    #expect(d.values.reduce(0, +) == 2 * g.edges.count)
  }

  @Test func componentsAreUndirectedAndLargestFirst() {
    var g = QueryFixtures.chain()
    g.record(node: QueryFixtures.node("P", .organization))
    g.record(node: QueryFixtures.node("Q", .organization))
    g.record(quote: "organization:P", about: "organization:Q", evidence: QueryFixtures.ev("a1"))
    let c = g.connectedComponents()
    #expect(c.map(\.count) == [5, 2, 1])
    #expect(c[0] == ["person:A", "person:B", "person:C", "person:D", "person:E"])
    #expect(c[1] == ["organization:P", "organization:Q"])
    #expect(c[2] == ["state:Z"])
    #expect(RelationshipGraph().connectedComponents().isEmpty)
  }

  @Test func edgesBetweenTwoSetsEitherWay() {
    let g = QueryFixtures.chain()
    let e = g.edges(between: ["person:C"], and: ["person:A"])
    #expect(e.map(\.kind) == [.quotation])
    #expect(g.edges(between: ["person:A"], and: ["person:B", "person:C"]).map(\.weight) == [5, 1])
    #expect(g.edges(between: ["person:A"], and: ["person:E"]).isEmpty)
  }
}

@Suite("Highlight")
struct HighlightTests {
  @Test func longestNameWinsAndWordsMustBeWhole() {
    let text = "Kim Jong-un met Kim; Kimberly and Putin's aide met PUTIN."
    let m = Highlight.matches([["Kim Jong-un", "Kim"], ["Putin"]], in: text)
    #expect(m.map { String(text[$0.range]) } == ["Kim Jong-un", "Kim", "Putin", "PUTIN"])
    #expect(m.map(\.group) == [0, 0, 1, 1])
  }

  @Test func marksBothGroups() {
    let s = Highlight.mark("Stoltenberg said Russia helps.", groups: [["Stoltenberg"], ["Russia"]], marks: [("<", ">"), ("[", "]")])
    #expect(s == "<Stoltenberg> said [Russia] helps.")
    #expect(Highlight.mark("nothing here", groups: [["x"], [""]], marks: [("<", ">"), ("[", "]")]) == "nothing here")
  }
}
