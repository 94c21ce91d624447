import Entente
import EntenteTestSupport
import Foundation
import Testing

/// A graph whose names and sentences try to break out of the page.
func hostileGraph() -> RelationshipGraph {
  var g = RelationshipGraph()
  let evil = "</script><script>alert(1)</script>"
  g.addArticle("a<b>&\"1", date: "2024-01-02")
  g.record(node: Node(id: "person:\(evil)", name: evil, type: .person, aliases: ["<!--"], mentions: 1, articles: ["a<b>&\"1"]))
  g.record(node: Node(id: "state:RUS", name: "Russia", type: .state, mentions: 1, articles: ["a<b>&\"1"]))
  let sentence = "😀 \(evil) said Russia\u{2028}won't <img src=x onerror=alert(2)>."
  g.record(quote: "person:\(evil)", about: "state:RUS", evidence: Evidence(article: "a<b>&\"1", sentence: 0, start: 0, end: 10, text: sentence, quote: "Russia </script>", cue: "said"))
  return g
}

@Suite("HTML view")
struct HTMLViewTests {
  let fixtures = try! GraphJSON.read(path: Repository.path("Graphs/fixtures.json"))

  @Test func sameGraphSameBytes() throws {
    let a = try HTMLViewExporter(title: "fixtures").string(fixtures)
    let b = try HTMLViewExporter(title: "fixtures").string(try GraphJSON.read(path: Repository.path("Graphs/fixtures.json")))
    #expect(a == b)
  }

  @Test func fetchesNothing() throws {
    let page = try HTMLViewExporter().string(fixtures)
    // The policy forbids any request; nothing asks for one either.
    #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none';"))
    for pattern in ["<link", "@import", "url(http", "src=\"http", "href=\"http", "src='http", "fetch(", "XMLHttpRequest", "WebSocket"] {
      #expect(!page.contains(pattern), "\(pattern)")
    }
    // The only http(s) strings are in the vendored renderer's licence comment and constants.
    let allowed: Set<String> = [
      "http://www.w3.org/2000/svg", "https://visjs.github.io/vis-network/", "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
      "https://github.com/zloirock/core-js", "https://github.com/visjs", "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
      "http://www.apache.org/licenses/LICENSE-2.0", "http://opensource.org/licenses/MIT", "http://almende.com",
    ]
    let urls = try Regex("https?://[^\"'\\s)]*")
    for m in page.matches(of: urls) { #expect(allowed.contains(String(page[m.range])), "\(page[m.range])") }
  }

  @Test func namesAndSentencesCannotBreakOutOfThePage() throws {
    let page = try HTMLViewExporter(title: "</title><script>alert(3)</script>").string(hostileGraph())
    #expect(!page.contains("alert(1)</script>"))
    #expect(!page.contains("<img src=x"))
    #expect(!page.contains("<script>alert(3)"))
    #expect(page.contains("&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt; · Entente</title>"))
    // No more script tags than a page of harmless names has.
    func scripts(_ s: String) -> Int { s.components(separatedBy: "<script").count }
    #expect(scripts(page) == scripts(try HTMLViewExporter().string(fixtures)))
    let data = try #require(viewData(page))
    let nodes = try #require(data["nodes"] as? [[Any]])
    #expect(nodes.contains { ($0[0] as? String) == "</script><script>alert(1)</script>" })
    let sentences = try #require(data["sentences"] as? [[Any]])
    #expect((sentences.first?[2] as? String)?.contains("\u{2028}won't <img") == true)
  }

  @Test func marksCountUTF16UnitsAsJavaScriptDoes() throws {
    let data = try #require(viewData(try HTMLViewExporter().string(hostileGraph())))
    let sentence = try #require((data["sentences"] as? [[Any]])?.first?[2] as? String)
    let edge = try #require((data["edges"] as? [[Any]])?.first)
    let evidence = try #require((edge[5] as? [[Any]])?.first)
    let marks = try #require(evidence[3] as? [Int])
    let utf16 = Array(sentence.utf16)
    var found: [String] = []
    for i in stride(from: 0, to: marks.count, by: 3) {
      found.append(String(decoding: utf16[marks[i]..<marks[i + 1]], as: UTF16.self) + "/\(marks[i + 2])")
    }
    // Group 0 is the edge's source (the speaker), 1 its target; the emoji is two units.
    #expect(found == ["</script><script>alert(1)</script>/0", "Russia/1"])
    #expect(marks.first == 3)
  }

  @Test func edgesCarryTheirToneSumAndEvidenceItsToneAndCues() throws {
    let data = try #require(viewData(try HTMLViewExporter().string(fixtures)))
    let edges = try #require(data["edges"] as? [[Any]])
    let nodes = try #require(data["nodes"] as? [[Any]])
    let name = { (i: Any) in (i as? Int).flatMap { nodes[$0][0] as? String } ?? "" }
    let e = try #require(edges.first { name($0[1]) == "Russia" && name($0[2]) == "United States" })
    #expect(e[4] as? Int == -2)
    let first = try #require((e[5] as? [[Any]])?.first)
    #expect(first[4] as? Int == -1)
    #expect(first[5] as? [String] == ["accuses"])
  }

  @Test func strongestFirstAndEverySentenceOnce() throws {
    let data = try #require(viewData(try HTMLViewExporter(initialEdges: 10).string(fixtures)))
    #expect(data["initialEdges"] as? Int == 10)
    let edges = try #require(data["edges"] as? [[Any]])
    let weights = edges.map { $0[3] as! Int }
    #expect(edges.count == fixtures.edges.count)
    #expect(weights == weights.sorted(by: >))
    let nodes = try #require(data["nodes"] as? [[Any]])
    #expect(nodes.count == fixtures.nodes.count)
    #expect(nodes.first?[0] as? String == "Russia")
    let sentences = try #require(data["sentences"] as? [[Any]])
    let keys = sentences.map { "\($0[0]) \($0[1]) \($0[2])" }
    #expect(Set(keys).count == keys.count)
    let evidence = fixtures.edges.values.reduce(0) { $0 + $1.evidence.count }
    #expect(sentences.count < evidence)
  }

  @Test func layoutIsFiniteSpreadAndRepeatable() throws {
    let edges = [(a: 0, b: 1, weight: 3), (a: 1, b: 2, weight: 1), (a: 3, b: 4, weight: 1)]
    let a = ForceLayout().packedPositions(count: 6, edges: edges)
    let b = ForceLayout().packedPositions(count: 6, edges: edges)
    #expect(a == b)
    #expect(a.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    // No two nodes in one place.
    for i in a.indices {
      for j in a.indices where j > i { #expect(a[i] != a[j]) }
    }
    // Linked nodes end up closer than unlinked ones.
    func distance(_ i: Int, _ j: Int) -> Double { ((a[i].x - a[j].x) * (a[i].x - a[j].x) + (a[i].y - a[j].y) * (a[i].y - a[j].y)).squareRoot() }
    #expect(distance(0, 1) < distance(0, 3))
  }
}

/// `Graphs/fixtures.html` is what `scripts/graphs` writes from `Graphs/fixtures.json`.
@Suite("Committed view")
struct CommittedViewTests {
  @Test func fixturesViewIsUpToDate() throws {
    let graph = try GraphJSON.read(path: Repository.path("Graphs/fixtures.json"))
    let page = try String(contentsOfFile: Repository.path("Graphs/fixtures.html"), encoding: .utf8)
    let fresh = page == (try HTMLViewExporter(title: "fixtures").string(graph))
    #expect(fresh, "Graphs/fixtures.html is stale: run scripts/graphs")
  }
}
