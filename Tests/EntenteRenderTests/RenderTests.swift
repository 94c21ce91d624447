import EntenteTestSupport
import Entente
@testable import EntenteRender
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

  /// Every character an article can hold — NUL, the other C0 controls, DEL, U+FFFE — reaches
  /// names, tooltips and evidence, and still comes out as well-formed SVG with every node.
  @Test func controlCharactersInArticlesGiveWellFormedSVG() throws {
    var text = ""
    for c in Array(0..<0x20) + [0x7F, 0xFFFE, 0xFFFF] where c != 0x0A {
      let ch = Character(Unicode.Scalar(UInt32(c))!)
      text += "Anna Keller\(ch)Braun met Jens Stoltenberg in Berlin \(ch) said Russia supports North Korea.\n"
    }
    let g = Pipeline().graph(for: [Article(id: "controls", text: text)])
    var names = g.nodes.values.filter { $0.name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }
    // Hostile names straight into a graph too (as a graph.json from elsewhere may hold them).
    for c in [0x00, 0x07, 0x0C, 0x1B, 0x7F] {
      let n = "Org\(Character(Unicode.Scalar(UInt32(c))!))X\(c)"
      let node = Node(id: "organization:\(n)", name: n, type: .organization, mentions: 1, articles: ["controls"])
      names.append(node)
    }
    var h = g
    for n in names { h.record(node: n) }
    let dot = DOTExporter().string(h)
    #expect(!dot.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F })
    let svg = try GraphvizRenderer.shared.render(dot: dot)
    let texts = try #require(SVGTexts.parse(svg), "the SVG is not well-formed XML")
    #expect(texts.contains("Jens Stoltenberg"))
    #expect(texts.filter { $0.hasPrefix("Org") }.count >= 5)
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

  // MARK: bytes, charsets and several graphs

  /// "café" in Latin-1 bytes.
  static let latin1Cafe: [UInt8] = Array("caf".utf8) + [0xE9]

  static func latin1Graph(charset: String?) -> Data {
    let head = "digraph g { " + (charset.map { "charset=\"\($0)\"; " } ?? "") + "a [label=\""
    return Data(head.utf8) + Data(latin1Cafe) + Data("\"] }".utf8)
  }

  /// Every name Graphviz 2.4x reads as Latin-1.
  @Test(arguments: ["latin1", "latin-1", "l1", "LATIN1", "iso-8859-1", "ISO_8859-1", "ISO8859-1", "ISO-IR-100"])
  func latin1BytesReadAsGraphvizReadsThem(charset: String) throws {
    var warnings: [String] = []
    let svg = try GraphvizRenderer.shared.render(dot: Self.latin1Graph(charset: charset), options: RenderOptions(), warning: { warnings.append($0) })
    #expect(try #require(SVGTexts.parse(svg)) == ["café"])
    #expect(warnings.isEmpty)
  }

  /// Without a Latin-1 charset, Graphviz reads the bytes that are not UTF-8 as Latin-1 and warns.
  @Test(arguments: [nil, "utf-8", "UTF8", "big-5"] as [String?])
  func nonUTF8BytesWarnAndStillRender(charset: String?) throws {
    var warnings: [String] = []
    let svg = try GraphvizRenderer.shared.render(dot: Self.latin1Graph(charset: charset), options: RenderOptions(), warning: { warnings.append($0) })
    #expect(try #require(SVGTexts.parse(svg)) == ["café"])
    // Graphviz warns of invalid UTF-8 once per process, so only the first such render of a
    // test run shows it (the CLI tests, a process each, check that it always reaches stderr).
    #expect(warnings.allSatisfy { $0.contains("UTF8") && $0.contains("Latin-1") }, "\(warnings)")
  }

  @Test func everyGraphOfTheInputIsRendered() throws {
    let svg = try GraphvizRenderer.shared.render(dot: Data("digraph a { x -> y }\ndigraph b { p -> q -> r }".utf8), options: RenderOptions())
    let text = String(decoding: svg, as: UTF8.self)
    #expect(text.components(separatedBy: "<svg").count - 1 == 2)
    #expect(text.components(separatedBy: "class=\"node\"").count - 1 == 5)
    // Nothing of that input is left for the next one.
    let next = try GraphvizRenderer.shared.render(dot: "digraph c { z }")
    #expect(try #require(SVGTexts.parse(next)) == ["z"])
  }

  @Test func anEmptyInputRendersNothingWithAWarning() throws {
    var warnings: [String] = []
    let out = try GraphvizRenderer.shared.render(dot: Data(" \n".utf8), options: RenderOptions(), warning: { warnings.append($0) })
    #expect(out.isEmpty)
    #expect(warnings == ["no graph in the input"])
  }

  // MARK: Graphviz's own errors and warnings

  @Test func aBadHTMLLabelIsAnError() {
    var warnings: [String] = []
    #expect {
      try GraphvizRenderer.shared.render(dot: Data("digraph g { a [label=<<b>x</i>>] }".utf8), options: RenderOptions(), warning: { warnings.append($0) })
    } throws: { e in
      guard case RenderError.graphvizErrors(let m) = e else { return false }
      return m.count == 1 && m[0].contains("mismatched tag") && m[0].contains("in label of node a")
    }
    #expect(warnings.isEmpty)
  }

  @Test func reportSplitsErrorsFromWarnings() {
    let m = GraphvizMessages(report: "Warning: one\nError: two\n... x ...\nin label of node a\nWarning: three\n")
    #expect(m == GraphvizMessages(errors: ["two ... x ... in label of node a"], warnings: ["one", "three"]))
  }

  // MARK: files a graph names

  /// A 2×3 grey PNG.
  static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAAAAACcgYFdAAAAC0lEQVR4nGNggAIAAAkAAftSuKkAAAAASUVORK5CYII=")!

  static func imageFile() throws -> String {
    let dir = try Scratch.directory("render")
    let path = dir.appendingPathComponent("photo.png").path
    try png.write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func aNamedImageIsNotOpenedUnlessAllowed() throws {
    let path = try Self.imageFile()
    let dot = Data("digraph g { a [image=\"\(path)\", label=\"\"] }".utf8)
    #expect(throws: RenderError.fileReference(FileReference(attribute: "image", object: "node \"a\"", value: FileReferences.shortened(path)))) {
      try GraphvizRenderer.shared.render(dot: dot, options: RenderOptions())
    }
    let svg = try GraphvizRenderer.shared.render(dot: dot, options: RenderOptions(allowFiles: true))
    let text = String(decoding: svg, as: UTF8.self)
    #expect(text.contains("<image xlink:href=\"\(path)\" width=\"2px\" height=\"3px\""))
  }

  @Test(arguments: [
    ("digraph g { a [shape=epsf, shapefile=\"x.ps\"] }", "shapefile", "node \"a\""),
    ("digraph g { imagepath=\"/etc\"; a }", "imagepath", "graph \"g\""),
    ("digraph g { subgraph cluster_s { fontpath=\"/usr/share/fonts\"; a } }", "fontpath", "graph \"cluster_s\""),
    ("digraph g { a -> b [fontname=\"/etc/passwd\"] }", "fontname", "edge \"a\" -> \"b\""),
    ("digraph g { a [label=<<table><tr><td><IMG SRC=\"x.png\"/></td></tr></table>>] }", "label", "node \"a\""),
    ("digraph g { node [image=\"x.png\"]; a }", "image", "node \"a\""),
  ])
  func everyFileAttributeIsRefused(dot: String, attribute: String, object: String) {
    #expect {
      try GraphvizRenderer.shared.render(dot: Data(dot.utf8), options: RenderOptions())
    } throws: { e in
      guard case RenderError.fileReference(let r) = e else { return false }
      return r.attribute == attribute && r.object == object
    }
  }

  @Test func aLongValueIsShownOnOneLine() {
    #expect(FileReferences.shortened("<TABLE>\n  <TR><TD><IMG SRC=\"eqn.png\"/></TD></TR>\n</TABLE>") == "<TABLE> <TR><TD><IMG SRC=\"eqn.png\"/></TD></TR> </TABLE>")
    #expect(FileReferences.shortened(String(repeating: "a", count: 100)) == String(repeating: "a", count: 79) + "…")
  }

  @Test func labelsAndFontsThatNameNoFileRender() throws {
    let dot = "digraph g { a [label=<<b>img</b> &lt;img&gt;>, fontname=\"Helvetica\"]; b [label=\"<IMG SRC=x>\"] }"
    let svg = try GraphvizRenderer.shared.render(dot: Data(dot.utf8), options: RenderOptions())
    #expect(try #require(SVGTexts.parse(svg)).contains("<IMG SRC=x>"))
  }
}

/// Every `xlink:title` (Graphviz's tooltips) and <text> of an SVG, checking it is well-formed XML.
final class SVGTooltips: NSObject, XMLParserDelegate {
  var tooltips: [String] = []

  static func parse(_ data: Data) -> [String]? {
    let p = XMLParser(data: data)
    let d = SVGTooltips()
    p.delegate = d
    return p.parse() ? d.tooltips : nil
  }

  func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    if let t = attributes["xlink:title"] { tooltips.append(t) }
  }
}

@Suite("Diagrams through libgvc", .serialized)
struct DiagramRenderTests {
  /// Names and evidence with every character that needs escaping.
  static let hostile: RelationshipGraph = {
    let a = "person:A \"B\" <C> & D", b = "organization:E'F"
    let nodes = [
      Node(id: a, name: "A \"B\" <C> & D", type: .person, mentions: 3, articles: ["x"]),
      Node(id: b, name: "E'F", type: .organization, mentions: 1, articles: ["x"]),
      Node(id: "state:G", name: "G", type: .state, mentions: 1, articles: ["x"]),
    ]
    let ev = Evidence(article: "x", sentence: 0, start: 0, end: 9, text: "She said <b>\"no\"</b> & left.")
    let edges = [
      Edge(kind: .cooccurrence, source: a, target: b, weight: 2, evidence: [ev]),
      Edge(kind: .cooccurrence, source: a, target: "state:G", weight: 1, evidence: [ev]),
      Edge(kind: .quotation, source: b, target: "state:G", weight: 1, evidence: [ev]),
    ]
    return RelationshipGraph(nodes: nodes, edges: edges, articles: ["x"], articleDates: ["x": "2024-06-19"])
  }()

  @Test(arguments: [DiagramLayout(engine: "neato", splines: "true"), DiagramLayout(engine: "fdp", splines: "line"), DiagramLayout(engine: "sfdp", splines: "line")])
  func aDiagramHasTooltipsAndACaption(layout: DiagramLayout) throws {
    let d = Diagram(Self.hostile, options: .init(title: "Who <met> whom", corpus: "a&b.jsonl"))
    let dot = DiagramDOT(layout: layout).string(d)
    let svg = try GraphvizRenderer.shared.render(dot: Data(dot.utf8), options: RenderOptions(layout: .dot))
    let tooltips = try #require(SVGTooltips.parse(svg))
    #expect(tooltips.contains("A \"B\" <C> & D (person): 3 mentions in 1 article"))
    #expect(tooltips.contains("cooccurrence, weight 2, neutral (tone 0), first 1 of 2 evidence: She said <b>\"no\"</b> & left."))
    let texts = try #require(SVGTexts.parse(svg))
    #expect(texts.contains("Who <met> whom"))
    #expect(texts.contains("Source: a&b.jsonl · 1 article · 2024-06-19"))
    #expect(texts.contains("A \"B\" <C> & D"))
    // The graph's own layout attribute chose the engine.
    #expect(dot.contains("layout=\"\(layout.engine)\""))
  }

  @Test func pastItsTimeALayoutIsAbandoned() throws {
    let dot = Data(DiagramDOT(layout: DiagramLayout(engine: "neato", splines: "true")).string(Diagram(Self.hostile)).utf8)
    guard case .timedOut = try TimedRender.render(dot: dot, options: RenderOptions(), seconds: 0) else {
      Issue.record("a layout given no time finished")
      return
    }
    guard case .rendered(let svg) = try TimedRender.render(dot: dot, options: RenderOptions(), seconds: 600) else {
      Issue.record("a layout given ten minutes timed out")
      return
    }
    #expect(SVGTexts.parse(svg) != nil)
  }
}
