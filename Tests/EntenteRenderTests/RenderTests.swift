import Entente
import EntenteRender
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the text of every <text> element of an SVG while checking it is well-formed XML.
final class SVGTexts: NSObject, XMLParserDelegate {
  var texts: [String] = []
  var inText = false
  var current = ""

  static func parse(_ data: Data) -> [String]? {
    let p = XMLParser(data: data)
    let d = SVGTexts()
    p.delegate = d
    return p.parse() ? d.texts : nil
  }

  func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    if e == "text" { inText = true; current = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

  func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
    if e == "text" { texts.append(current); inText = false }
  }
}

@Suite("Rendering through libgvc", .serialized)
struct RenderTests {
  @Test(arguments: LayoutEngine.allCases)
  func rendersWellFormedSVG(engine: LayoutEngine) throws {
    let svg = try GraphvizRenderer.shared.render(dot: "digraph { \"a<b\" -> \"c&d\"; \"c&d\" -> e }", layout: engine)
    let texts = try #require(SVGTexts.parse(svg))
    #expect(Set(texts) == ["a<b", "c&d", "e"])
  }

  @Test func showsEveryLabelOfAnEntenteGraph() throws {
    let g = Pipeline().graph(for: [Article(id: "a", text: "Jens Stoltenberg said that Russia supports North Korea. Putin met Kim Jong-un in Pyongyang.")])
    let svg = try GraphvizRenderer.shared.render(dot: DOTExporter(includeLegend: false, labelWidth: 100).string(g))
    let texts = try #require(SVGTexts.parse(svg))
    for n in g.nodes.values { #expect(texts.contains(n.name), "missing label \(n.name)") }
  }

  @Test func hostileNamesRender() throws {
    var g = RelationshipGraph()
    for n in ["3M", "a\"b", "x\\", "<script>", ""] {
      g.record(node: Node(id: "organization:\(n)", name: n, type: .organization, mentions: 1, articles: ["a"]))
    }
    let svg = try GraphvizRenderer.shared.render(dot: DOTExporter().string(g))
    let texts = try #require(SVGTexts.parse(svg))
    #expect(texts.contains("<script>"))
    #expect(texts.contains("3M"))
  }

  @Test func malformedDOTGivesGraphvizMessage() {
    #expect {
      try GraphvizRenderer.shared.render(dot: "digraph { a -> ; }")
    } throws: { e in
      guard case RenderError.invalidDOT(let m) = e else { return false }
      return m.contains("syntax error")
    }
    // The renderer still works afterwards.
    #expect((try? GraphvizRenderer.shared.render(dot: "graph { a -- b }")) != nil)
  }

  @Test func unknownFormatListsTheAvailableOnes() {
    #expect {
      try GraphvizRenderer.shared.render(dot: "graph { a }", format: "nosuchformat")
    } throws: { e in
      guard case RenderError.renderFailed(_, _, let available) = e else { return false }
      return available.contains("svg")
    }
  }

  @Test func deterministicOutput() throws {
    // Graphviz numbers anonymous graphs ("%3") per process: name them for identical output.
    let dot = "digraph g { a -> b; b -> c; c -> a; d -> a }"
    let one = try GraphvizRenderer.shared.render(dot: dot, layout: .neato)
    let two = try GraphvizRenderer.shared.render(dot: dot, layout: .neato)
    #expect(one == two)
  }

  @Test func concurrentCallsAreSerialized() async throws {
    let results = try await withThrowingTaskGroup(of: Data.self) { group in
      for _ in 0..<8 { group.addTask { try GraphvizRenderer.shared.render(dot: "digraph g { x -> y; y -> z }") } }
      var out: [Data] = []
      for try await r in group { out.append(r) }
      return out
    }
    #expect(Set(results).count == 1)
  }
}
