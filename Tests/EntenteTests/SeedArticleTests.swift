import Entente
import EntenteTestSupport
import Foundation
import Testing

/// The founding example: what a user must see in its graph.
@Suite("Seed article")
struct SeedArticleTests {
  static let graph: RelationshipGraph = {
    let article = try! ArticleLoader.read(Repository.path("Fixtures/putin-visits-pyongyang.txt"))
    return Pipeline().graph(for: [article])
  }()

  var g: RelationshipGraph { Self.graph }

  func id(_ name: String) -> String? { g.nodes.values.first { $0.name == name }?.id }

  @Test func noNodesForRegionsEventsOrTitles() {
    let names = Set(g.nodes.values.map(\.name))
    for bad in ["Europe", "Asia", "World War II", "Korean Peninsula", "Korean peninsula", "President", "State", "Secretary General", "Fakti", "Western alliance"] {
      #expect(!names.contains(bad), "unexpected node \(bad)")
    }
  }

  @Test func oneNodePerRealEntity() {
    let people = g.nodes.values.filter { $0.type == .person }.map(\.name).sorted()
    #expect(people == ["Anthony Blinken", "Jens Stoltenberg", "John Kirby", "Karin Jean-Pierre", "Kim Jong-un", "Vladimir Putin"])
    let nk = g.nodes["state:PRK"]
    #expect(nk?.aliases.contains("DPRK") == true)
    #expect(nk?.aliases.contains("North Korea") == true)
  }

  @Test func putinAndKimCooccurOftenEnough() throws {
    let key = EdgeKey(kind: .cooccurrence, source: try #require(id("Kim Jong-un")), target: try #require(id("Vladimir Putin")))
    #expect((g.edges[key]?.weight ?? 0) >= 3)
  }

  @Test(arguments: [
    ("Jens Stoltenberg", "Russia"), ("Jens Stoltenberg", "North Korea"), ("Jens Stoltenberg", "China"),
    ("John Kirby", "North Korea"), ("Karin Jean-Pierre", "Russia"), ("KCTA", "North Korea"),
  ])
  func quotationEdges(speaker: String, subject: String) throws {
    let key = EdgeKey(kind: .quotation, source: try #require(id(speaker)), target: try #require(id(subject)))
    let edge = try #require(g.edges[key])
    #expect(edge.evidence.allSatisfy { $0.article == "putin-visits-pyongyang" && $0.quote != nil })
  }

  @Test func pronounsAfterTheSecretaryGeneralStayWithHim() throws {
    // "According to him" and "He added" follow Stoltenberg's quote; Blinken, named in
    // between, never speaks.
    let blinken = try #require(id("Anthony Blinken"))
    #expect(!g.edges.values.contains { $0.kind == .quotation && $0.source == blinken })
    let stoltenberg = try #require(id("Jens Stoltenberg"))
    let quoted = g.edges.values.filter { $0.kind == .quotation && $0.source == stoltenberg }.map { g.nodes[$0.target]!.name }
    for subject in ["Australia", "Japan", "South Korea", "New Zealand", "NATO"] { #expect(quoted.contains(subject), "\(subject)") }
  }

  @Test func everyEdgeKeepsItsEvidence() {
    for e in g.edges.values {
      // Weights are exact; an edge keeps its first few evidence records.
      #expect(e.evidence.count == min(e.weight, RelationshipGraph.defaultMaxEvidence))
      #expect(e.evidence.allSatisfy { !$0.text.isEmpty && $0.end > $0.start })
    }
  }

  @Test func bannerAndDateAreMetadata() throws {
    let article = try ArticleLoader.read(Repository.path("Fixtures/putin-visits-pyongyang.txt"))
    let doc = Document(article)
    #expect(doc.article.title == "Russia and DPRK agreed to develop bilateral relations")
    #expect(doc.article.date == "2024-06-19")
    #expect(doc.article.banner == "Last news in Fakti")
  }
}

/// `Graphs/` holds what the README's main command writes (with the learned tagger, the
/// command's default); it must match the code.
@Suite("Committed graphs")
struct CommittedGraphTests {
  @Test func dotAndJSONAreUpToDate() throws {
    let loaded = ArticleLoader.load([Repository.path("Fixtures")])
    #expect(loaded.problems.isEmpty)
    let graph = Pipeline(tagger: TaggerModel.bundled).graph(for: loaded.articles)
    let dot = try String(contentsOfFile: Repository.path("Graphs/fixtures.dot"), encoding: .utf8)
    let json = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Graphs/fixtures.json")))
    let dotFresh = dot == DOTExporter(graphName: "fixtures", includeLegend: false).string(graph)
    let jsonFresh = try json == GraphJSON.data(graph)
    #expect(dotFresh, "Graphs/fixtures.dot is stale: run scripts/graphs")
    #expect(jsonFresh, "Graphs/fixtures.json is stale: run scripts/graphs")
  }
}
