import Entente
import EntenteTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

// MARK: - Fixtures and readers the export tests share

enum ExportFixtures {
  /// Names an article could hand us.
  static let hostile = [
    "3M", "a\"b", "x\\", "<script>", "O'Brien", "", "line\nbreak", "Ünïcödé 北朝鮮", "a & b", "tab\there", "CR\r\nLF",
    "q\"\u{301}x", ",\u{301}comma", " padded ", "ctl\u{1}\u{1B}[31m",
    // Formulas a spreadsheet would run from a CSV cell.
    "=HYPERLINK(\"http://x.test\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "-42",
  ]

  /// One node per hostile name (types in turn), a co-occurrence edge from the first to every
  /// other, and a quotation edge from each to the next — so the first two share a
  /// co-occurrence and a quotation edge.
  static func hostileGraph() -> RelationshipGraph {
    var g = RelationshipGraph()
    g.addArticle("art\"1", date: "2024-01-02")
    let ids = hostile.enumerated().map { i, n in "\(EntityType.allCases[i % 3].rawValue):\(n)" }
    for (i, n) in hostile.enumerated() {
      g.record(node: Node(id: ids[i], name: n, type: EntityType.allCases[i % 3], aliases: [n, "alias'\(i)"], mentions: i + 1, articles: ["art\"1"]))
    }
    for i in 1..<ids.count {
      let ev = Evidence(article: "art\"1", sentence: i, start: 0, end: 9, text: "\(hostile[0]) met \(hostile[i]), \"it's\" \\ <b>&</b>\r\nnext")
      g.record(cooccurrence: ids[0], ids[i], evidence: ev)
      let q = Evidence(article: "art\"1", sentence: i, start: 0, end: 9, text: "\(hostile[i - 1]) said \(hostile[i]).", quote: hostile[i], cue: "said")
      g.record(quote: ids[i - 1], about: ids[i], evidence: q)
    }
    return g
  }

  /// The graph the fixtures give.
  static let fixtures: RelationshipGraph = Pipeline().graph(for: ArticleLoader.load([Repository.path("Fixtures")]).articles)

  /// What XML can hold of a string: controls other than tab, LF and CR become U+FFFD.
  static func xmlSafe(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      if c.value < 0x20, c != "\t", c != "\n", c != "\r" { out.unicodeScalars.append("\u{FFFD}") } else { out.unicodeScalars.append(c) }
    }
    return out
  }
}

/// A minimal DOM built with XMLParser.
final class XElement {
  let name: String
  let attributes: [String: String]
  var text = ""
  var children: [XElement] = []

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  func children(_ name: String) -> [XElement] { children.filter { $0.name == name } }
  func child(_ name: String) -> XElement? { children.first { $0.name == name } }
  /// All descendants named `name`, in document order.
  func all(_ name: String) -> [XElement] { children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) } }

  struct ParseError: Error, CustomStringConvertible { var description: String }

  static func parse(_ xml: String) throws -> XElement {
    final class Builder: NSObject, XMLParserDelegate {
      var stack: [XElement] = []
      var root: XElement?
      var error: String?
      func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let e = XElement(name: name, attributes: attributes)
        if let parent = stack.last { parent.children.append(e) } else { root = e }
        stack.append(e)
      }
      func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
      func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
      func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = "\(parseError)" }
    }
    let parser = XMLParser(data: Data(xml.utf8))
    let builder = Builder()
    parser.delegate = builder
    guard parser.parse(), builder.error == nil, let root = builder.root else {
      throw ParseError(description: builder.error ?? parser.parserError.map { "\($0)" } ?? "no root element")
    }
    return root
  }
}

/// A strict RFC 4180 reader: records end with CRLF, quoted fields may hold anything, a bare
/// CR or LF outside quotes or a quote inside an unquoted field is an error.
enum RFC4180 {
  struct Malformed: Error, CustomStringConvertible { var description: String }

  static func read(_ s: String) throws -> [[String]] {
    let c = Array(s.unicodeScalars)
    var records: [[String]] = []
    var record: [String] = []
    var field = String.UnicodeScalarView()
    var i = 0
    var quoted = false
    func endField() {
      record.append(String(field))
      field = String.UnicodeScalarView()
      quoted = false
    }
    while i < c.count {
      let x = c[i]
      if x == "\"" {
        guard field.isEmpty, !quoted else { throw Malformed(description: "quote inside an unquoted field at scalar \(i)") }
        quoted = true
        i += 1
        while true {
          guard i < c.count else { throw Malformed(description: "unterminated quoted field") }
          if c[i] == "\"" {
            if i + 1 < c.count, c[i + 1] == "\"" {
              field.append("\"")
              i += 2
              continue
            }
            i += 1
            break
          }
          field.append(c[i])
          i += 1
        }
        guard i == c.count || c[i] == "," || c[i] == "\r" else { throw Malformed(description: "text after a closing quote at scalar \(i)") }
        continue
      }
      if quoted, x != ",", x != "\r" { throw Malformed(description: "text after a closing quote at scalar \(i)") }
      switch x {
      case ",":
        endField()
        i += 1
      case "\r":
        guard i + 1 < c.count, c[i + 1] == "\n" else { throw Malformed(description: "bare CR at scalar \(i)") }
        endField()
        records.append(record)
        record = []
        i += 2
      case "\n":
        throw Malformed(description: "bare LF at scalar \(i)")
      default:
        field.append(x)
        i += 1
      }
    }
    if !field.isEmpty || !record.isEmpty { throw Malformed(description: "last record does not end with CRLF") }
    return records
  }
}

/// Reads single-quoted Cypher string literals back: the literals of a statement, in order, and
/// the statement with each literal replaced by `?`.
enum CypherLiterals {
  struct Malformed: Error { var statement: String }

  static func split(_ statement: String) throws -> (skeleton: String, literals: [String]) {
    let c = Array(statement.unicodeScalars)
    var skeleton = String.UnicodeScalarView()
    var literals: [String] = []
    var i = 0
    while i < c.count {
      guard c[i] == "'" else {
        // Line breaks may separate clauses; other controls, backslashes and double quotes only appear in literals.
        if c[i] == "\\" || c[i] == "\"" || (c[i].value < 0x20 && c[i] != "\n") { throw Malformed(statement: statement) }
        skeleton.append(c[i])
        i += 1
        continue
      }
      i += 1
      var lit = String.UnicodeScalarView()
      while true {
        guard i < c.count else { throw Malformed(statement: statement) }
        let x = c[i]
        if x.value < 0x20 { throw Malformed(statement: statement) }  // raw control characters must be escaped
        if x == "'" { i += 1; break }
        if x == "\\" {
          guard i + 1 < c.count else { throw Malformed(statement: statement) }
          let e = c[i + 1]
          switch e {
          case "\\", "'", "\"": lit.append(e); i += 2
          case "n": lit.append("\n"); i += 2
          case "r": lit.append("\r"); i += 2
          case "t": lit.append("\t"); i += 2
          case "u":
            guard i + 6 <= c.count, let v = UInt32(String(String.UnicodeScalarView(c[(i + 2)..<(i + 6)])), radix: 16), let u = Unicode.Scalar(v)
            else { throw Malformed(statement: statement) }
            lit.append(u)
            i += 6
          default: throw Malformed(statement: statement)
          }
          continue
        }
        lit.append(x)
        i += 1
      }
      literals.append(String(lit))
      skeleton.append("?")
    }
    return (String(skeleton), literals)
  }
}

// MARK: - Tests

@Suite("Export formats")
struct ExportFormatTests {
  let hostile = ExportFixtures.hostileGraph()

  @Test func xmlEscapesEverySpecialCharacter() {
    #expect(XMLEscape.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
    #expect(XMLEscape.escape("line\nbreak\tx\ry") == "line&#10;break&#9;x&#13;y")
    #expect(XMLEscape.escape("ctl\u{1}\u{1B}") == "ctl\u{FFFD}\u{FFFD}")
    #expect(XMLEscape.escape("Ünïcödé") == "Ünïcödé")
  }

  // GraphML

  /// The edges each form writes: (edge, source, target).
  static func arcs(_ g: RelationshipGraph, _ d: EdgeDirections) -> [(edge: Edge, source: String, target: String)] { d.arcs(g.sortedEdges) }

  @Test func reciprocalArcsAreEachQuotationOnceAndEachCooccurrenceBothWays() {
    let g = ExportFixtures.fixtures
    let arcs = EdgeDirections.reciprocal.arcs(g.sortedEdges)
    let co = g.edges.values.filter { $0.kind == .cooccurrence }.count
    #expect(co > 0)
    #expect(arcs.count == g.edges.count + co)
    #expect(Set(arcs.map { "\($0.source)|\($0.target)|\($0.edge.kind)" }).count == arcs.count)
    for a in arcs where a.edge.kind == .cooccurrence {
      #expect(arcs.contains { $0.edge.kind == .cooccurrence && $0.source == a.target && $0.target == a.source })
    }
    #expect(arcs.filter { $0.edge.kind == .quotation }.allSatisfy { $0.source == $0.edge.source && $0.target == $0.edge.target })
    #expect(EdgeDirections.mixed.arcs(g.sortedEdges).map(\.edge.key) == g.sortedEdges.map(\.key))
  }

  @Test(arguments: EdgeDirections.allCases)
  func graphMLParsesBackWithEveryNameAndEdge(_ directions: EdgeDirections) throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let root = try XElement.parse(GraphMLExporter(directions: directions).string(g))
      #expect(root.name == "graphml")
      let keys = Dictionary(uniqueKeysWithValues: root.children("key").map { ($0.attributes["id"]!, $0.attributes) })
      #expect(keys.values.map { "\($0["for"]!).\($0["attr.name"]!):\($0["attr.type"]!)" }.sorted() == [
        "edge.evidence:int", "edge.first_sentence:string", "edge.kind:string", "edge.tone:double", "edge.weight:int",
        "node.aliases:string", "node.articles:int", "node.mentions:int", "node.name:string", "node.type:string",
      ])
      let graph = try #require(root.child("graph"))
      let nodes = graph.children("node"), edges = graph.children("edge")
      let arcs = Self.arcs(g, directions)
      #expect(nodes.count == g.nodes.count)
      #expect(edges.count == arcs.count)
      func data(_ e: XElement) -> [String: String] {
        Dictionary(uniqueKeysWithValues: e.children("data").map { (keys[$0.attributes["key"]!]!["attr.name"]!, $0.text) })
      }
      // Nodes come back with their names, types and counts, in sortedNodes order.
      let back = nodes.map { ($0.attributes["id"]!, data($0)) }
      #expect(back.map(\.0) == g.sortedNodes.map { ExportFixtures.xmlSafe($0.id) })
      for (n, (_, d)) in zip(g.sortedNodes, back) {
        #expect(d["name"] == ExportFixtures.xmlSafe(n.name))
        #expect(d["type"] == n.type.rawValue)
        #expect(d["mentions"] == String(n.mentions))
        #expect(d["articles"] == String(n.articles.count))
        #expect(d["aliases"] == ExportFixtures.xmlSafe(n.aliases.joined(separator: "; ")))
      }
      // Every edge names two nodes, says its direction (mixed form only) and keeps its kind, weight and evidence.
      let ids = Set(back.map(\.0))
      #expect(Set(edges.map { $0.attributes["id"]! }).count == edges.count)
      for ((e, source, target), x) in zip(arcs, edges) {
        #expect(ids.contains(x.attributes["source"]!) && ids.contains(x.attributes["target"]!))
        #expect(x.attributes["source"] == ExportFixtures.xmlSafe(source))
        #expect(x.attributes["target"] == ExportFixtures.xmlSafe(target))
        #expect(x.attributes["directed"] == (directions == .reciprocal ? nil : e.kind == .quotation ? "true" : "false"))
        let d = data(x)
        #expect(d["kind"] == e.kind.rawValue)
        #expect(d["weight"] == String(e.weight))
        #expect(d["evidence"] == String(e.evidence.count))
        #expect(d["first_sentence"] == ExportFixtures.xmlSafe(e.evidence[0].text))
      }
      #expect(graph.attributes["edgedefault"] == "directed")
    }
  }

  @Test func graphMLDefaultDirectionFollowsTheEdgesInTheMixedForm() throws {
    let onlyCo = GraphFilter(kinds: [.cooccurrence]).apply(to: hostile)
    let mixed = try XElement.parse(GraphMLExporter(directions: .mixed).string(onlyCo))
    #expect(mixed.child("graph")?.attributes["edgedefault"] == "undirected")
    #expect(mixed.all("edge").count == onlyCo.edges.count)
    // The default form is directed whatever the edges.
    let reciprocal = try XElement.parse(GraphMLExporter().string(onlyCo))
    #expect(reciprocal.child("graph")?.attributes["edgedefault"] == "directed")
    #expect(reciprocal.all("edge").allSatisfy { $0.attributes["directed"] == nil })
    #expect(reciprocal.all("edge").count == 2 * onlyCo.edges.count)
  }

  // GEXF

  @Test(arguments: EdgeDirections.allCases)
  func gexfParsesBackWithEveryNameAndEdge(_ directions: EdgeDirections) throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let root = try XElement.parse(GEXFExporter(directions: directions).string(g))
      #expect(root.name == "gexf")
      #expect(root.attributes["version"] == "1.3")
      #expect(root.attributes["xmlns"] == "http://gexf.net/1.3")
      let graph = try #require(root.child("graph"))
      #expect(graph.attributes["mode"] == "static")
      #expect(graph.attributes["defaultedgetype"] == (directions == .reciprocal ? "directed" : "undirected"))
      let declared = graph.children("attributes").flatMap { a in a.children("attribute").map { "\(a.attributes["class"]!).\($0.attributes["id"]!)" } }
      #expect(Set(declared) == ["node.type", "node.mentions", "node.articles", "node.aliases", "edge.kind", "edge.tone", "edge.evidence", "edge.first_sentence"])
      let nodes = try #require(graph.child("nodes")).children("node")
      let edges = try #require(graph.child("edges")).children("edge")
      let arcs = Self.arcs(g, directions)
      #expect(nodes.count == g.nodes.count)
      #expect(edges.count == arcs.count)
      func values(_ e: XElement) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (e.child("attvalues")?.children("attvalue") ?? []).map { ($0.attributes["for"]!, $0.attributes["value"]!) })
      }
      for (n, x) in zip(g.sortedNodes, nodes) {
        #expect(x.attributes["id"] == ExportFixtures.xmlSafe(n.id))
        #expect(x.attributes["label"] == ExportFixtures.xmlSafe(n.name))
        #expect(values(x) == [
          "type": n.type.rawValue, "mentions": String(n.mentions), "articles": String(n.articles.count),
          "aliases": ExportFixtures.xmlSafe(n.aliases.joined(separator: "; ")),
        ])
        #expect(x.child("viz:color") != nil)
      }
      #expect(Set(edges.map { $0.attributes["id"]! }).count == edges.count)
      for ((e, source, target), x) in zip(arcs, edges) {
        #expect(x.attributes["source"] == ExportFixtures.xmlSafe(source))
        #expect(x.attributes["target"] == ExportFixtures.xmlSafe(target))
        #expect(x.attributes["type"] == (directions == .reciprocal || e.kind == .quotation ? "directed" : "undirected"))
        #expect(x.attributes["weight"] == String(e.weight))
        #expect(values(x)["kind"] == e.kind.rawValue)
        #expect(values(x)["evidence"] == String(e.evidence.count))
      }
    }
  }

  // Node-link JSON

  @Test(arguments: EdgeDirections.allCases, NodeLinkExporter.EdgesKey.allCases)
  func nodeLinkParsesBackWithNetworkxKeys(_ directions: EdgeDirections, _ key: NodeLinkExporter.EdgesKey) throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let obj = try #require(try JSONSerialization.jsonObject(with: NodeLinkExporter(directions: directions, edgesKey: key).data(g)) as? [String: Any])
      #expect(Set(obj.keys) == ["directed", "multigraph", "graph", "nodes", key.rawValue])
      #expect(obj["directed"] as? Bool == true)
      #expect(obj["multigraph"] as? Bool == true)
      let nodes = try #require(obj["nodes"] as? [[String: Any]])
      let links = try #require(obj[key.rawValue] as? [[String: Any]])
      let arcs = Self.arcs(g, directions)
      #expect(nodes.count == g.nodes.count)
      #expect(links.count == arcs.count)
      #expect(nodes.map { $0["id"] as? String } == g.sortedNodes.map(\.id))
      #expect(nodes.map { $0["name"] as? String } == g.sortedNodes.map(\.name))
      #expect(nodes.map { $0["aliases"] as? [String] } == g.sortedNodes.map(\.aliases))
      let ids = Set(g.nodes.keys)
      for ((e, source, target), l) in zip(arcs, links) {
        #expect(l["source"] as? String == source)
        #expect(l["target"] as? String == target)
        #expect(ids.contains(l["source"] as! String) && ids.contains(l["target"] as! String))
        #expect(l["kind"] as? String == e.kind.rawValue)
        #expect(l["key"] as? String == e.kind.rawValue)
        #expect(l["weight"] as? Int == e.weight)
        #expect(l["evidence"] as? Int == e.evidence.count)
        #expect(l["first_sentence"] as? String == e.evidence[0].text)
        #expect(l["directed"] as? Bool == (directions == .mixed ? e.kind == .quotation : nil))
      }
      // networkx keys each multigraph edge by (source, target, key): none may repeat.
      #expect(Set(links.map { "\($0["source"]!)|\($0["target"]!)|\($0["key"]!)" }).count == links.count)
    }
  }

  // CSV

  @Test func csvTablesParseBackWithRFC4180() throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let nodes = try RFC4180.read(CSVExporter().nodes(g))
      let edges = try RFC4180.read(CSVExporter().edges(g))
      #expect(nodes.first == ["id", "name", "type", "mentions", "articles", "aliases"])
      #expect(edges.first == ["source", "target", "kind", "weight", "tone", "evidence", "first_sentence"])
      #expect(nodes.count - 1 == g.nodes.count)
      #expect(edges.count - 1 == g.edges.count)
      #expect(nodes.dropFirst().allSatisfy { $0.count == 6 } && edges.dropFirst().allSatisfy { $0.count == 7 })
      // Cells a spreadsheet would run as formulas come back with a leading quote.
      let n = CSV.neutralised
      for (node, r) in zip(g.sortedNodes, nodes.dropFirst()) {
        #expect(r == [n(node.id), n(node.name), node.type.rawValue, String(node.mentions), String(node.articles.count), n(node.aliases.joined(separator: "; "))])
      }
      for (e, r) in zip(g.sortedEdges, edges.dropFirst()) {
        #expect(r == [n(e.source), n(e.target), e.kind.rawValue, String(e.weight), String(e.roundedTone), String(e.evidence.count), n(e.evidence[0].text)].map { $0 == "0.0" ? "0" : $0 == "-1.0" ? "-1" : $0 == "1.0" ? "1" : $0 })
      }
    }
  }

  @Test func csvNeutralisesFormulasByOWASPsRule() throws {
    // Cells beginning with = + - @ tab or CR get a leading quote; numbers stay numbers.
    for (cell, written) in [
      ("=1+2", "'=1+2"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
      ("\tTAB", "'\tTAB"), ("\rCR", "\"'\rCR\""), ("=HYPERLINK(\"http://x.test\",\"x\")", "\"'=HYPERLINK(\"\"http://x.test\"\",\"\"x\"\")\""),
      ("-", "'-"), ("+", "'+"), ("-e5", "'-e5"), ("-1e", "'-1e"), ("--1", "'--1"), ("-1-1", "'-1-1"), ("-.", "'-."),
      ("-42", "-42"), ("+1.5", "+1.5"), ("-2e-3", "-2e-3"), ("-0.25", "-0.25"), ("-.5", "-.5"),
      ("a=b", "a=b"), (" =x", "\" =x\""), ("O'Brien", "O'Brien"), ("", ""), ("3M", "3M"),
    ] {
      #expect(CSV.field(cell) == written, "\(cell.debugDescription)")
    }
    // Names and sentences from articles, in every CSV Entente writes through CSV.row.
    var g = RelationshipGraph()
    g.record(node: Node(id: "person:=cmd|' /C calc'!A0", name: "=cmd|' /C calc'!A0", type: .person, aliases: ["@evil"], mentions: 1, articles: ["a"]))
    g.record(node: Node(id: "state:-X", name: "-X", type: .state, mentions: 1, articles: ["a"]))
    g.record(cooccurrence: "person:=cmd|' /C calc'!A0", "state:-X", evidence: Evidence(article: "a", sentence: 0, start: 0, end: 1, text: "+SUM(1,2) said -X"))
    let tables = try RFC4180.read(CSVExporter().nodes(g)) + RFC4180.read(CSVExporter().edges(g))
    let cells = tables.flatMap { $0 }
    #expect(cells.contains("'=cmd|' /C calc'!A0") && cells.contains("'@evil") && cells.contains("'-X") && cells.contains("'+SUM(1,2) said -X"))
    #expect(!cells.contains { ["=", "+", "-", "@", "\t", "\r"].contains($0.first.map(String.init) ?? "") })
  }

  @Test func csvQuotesWhatCharacterComparisonMisses() {
    // "\r\n" is one Character, and so is a quote with a combining mark.
    #expect(CSV.field("CR\r\nLF") == "\"CR\r\nLF\"")
    #expect(CSV.field("q\"\u{301}x") == "\"q\"\"\u{301}x\"")
    #expect(CSV.field(",\u{301}") == "\",\u{301}\"")
    #expect(CSV.field("plain") == "plain")
    #expect(CSV.field("") == "")
  }

  @Test func csvStdoutFormIsBothTablesAndABlankLine() throws {
    let both = CSVExporter().string(hostile)
    let parts = both.components(separatedBy: "\r\n\r\nsource,target,")
    #expect(parts.count == 2)
    #expect(both == CSVExporter().nodes(hostile) + "\r\n" + CSVExporter().edges(hostile))
  }

  // Cypher

  /// A Cypher script cut into statements at the `;` that end lines outside literals.
  static func cypherStatements(_ text: String) throws -> [String] {
    var out: [String] = []
    var current = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      current += current.isEmpty ? String(line) : "\n" + line
      if line.hasSuffix(";"), (try? CypherLiterals.split(current)) != nil {
        out.append(current)
        current = ""
      }
    }
    #expect(current.isEmpty, "text after the last statement: \(current.debugDescription)")
    return out
  }

  @Test func cypherIsConstraintsThenUnwindMergeBatchesWithQuotedLiterals() throws {
    for (g, batch) in [(hostile, 4), (ExportFixtures.fixtures, 1000), (ExportFixtures.fixtures, 7)] {
      let text = CypherExporter(batchSize: batch).string(g)
      #expect(text.hasSuffix(";\n"))
      let statements = try Self.cypherStatements(text)
      let labels = ["person": "Person", "state": "State", "organization": "Organization"]
      // A uniqueness constraint on id and an index on name for every label, first.
      let schema = EntityType.allCases.map { "CREATE CONSTRAINT entente_\($0.rawValue)_id IF NOT EXISTS FOR (n:\(labels[$0.rawValue]!)) REQUIRE n.id IS UNIQUE;" }
        + EntityType.allCases.map { "CREATE INDEX entente_\($0.rawValue)_name IF NOT EXISTS FOR (n:\(labels[$0.rawValue]!)) ON (n.name);" }
      #expect(Array(statements.prefix(schema.count)) == schema)
      var nodeRows: [String: [String]] = [:], edgeRows: [EdgeKey: [String]] = [:]
      for statement in statements.dropFirst(schema.count) {
        let (skeleton, literals) = try CypherLiterals.split(statement)
        let lines = skeleton.split(separator: "\n").map(String.init)
        #expect(lines.first == "UNWIND [" && lines.contains("] AS row"))
        let rows = lines.dropFirst().prefix { $0 != "] AS row" }
        #expect(rows.count >= 1 && rows.count <= batch)
        let tail = Array(lines.drop { $0 != "] AS row" }.dropFirst())
        var next = 0
        /// The next literal of the statement, nil after the last.
        func literal() -> String? {
          defer { next += 1 }
          return next < literals.count ? literals[next] : nil
        }
        if tail.first!.hasPrefix("MERGE (n:") {
          let label = String(tail[0].dropFirst("MERGE (n:".count).prefix { $0 != " " })
          #expect(tail == ["MERGE (n:\(label) {id: row.id})", "SET n.name = row.name, n.type = row.type, n.mentions = row.mentions, n.articles = row.articles, n.aliases = row.aliases;"])
          for (i, row) in rows.enumerated() {
            let last = i == rows.count - 1
            let id = try #require(literal())
            let n = try #require(g.nodes[id])
            #expect(labels[n.type.rawValue] == label)
            #expect(row == "  {id: ?, name: ?, type: ?, mentions: \(n.mentions), articles: \(n.articles.count), aliases: [\(n.aliases.map { _ in "?" }.joined(separator: ", "))]}" + (last ? "" : ","))
            let values = [literal(), literal()] + n.aliases.map { _ in literal() }
            #expect(values == [n.name, n.type.rawValue] + n.aliases)
            nodeRows[id, default: []].append(label)
          }
        } else {
          #expect(tail.count == 4)
          let rel = tail[2] == "MERGE (a)-[r:COOCCURS_WITH]->(b)" ? EdgeKind.cooccurrence : .quotation
          #expect(tail[2] == "MERGE (a)-[r:\(rel == .quotation ? "QUOTED_ABOUT" : "COOCCURS_WITH")]->(b)")
          #expect(tail[3] == "SET r.weight = row.weight, r.tone = row.tone, r.evidence = row.evidence, r.first_sentence = row.first_sentence;")
          for (i, row) in rows.enumerated() {
            let last = i == rows.count - 1
            let source = try #require(literal()), target = try #require(literal())
            let e = try #require(g.edges.values.first { $0.kind == rel && $0.source == source && $0.target == target })
            #expect(tail[0] == "MATCH (a:\(labels[g.nodes[source]!.type.rawValue]!) {id: row.source})")
            #expect(tail[1] == "MATCH (b:\(labels[g.nodes[target]!.type.rawValue]!) {id: row.target})")
            #expect(row == "  {source: ?, target: ?, weight: \(e.weight), tone: \(CypherExporter.row(e)[3].1), evidence: \(e.evidence.count), first_sentence: ?}" + (last ? "" : ","))
            let sentence = literal()
            #expect(sentence == e.evidence[0].text)
            edgeRows[e.key, default: []].append(rel.rawValue)
          }
        }
        let after = literal()
        #expect(after == nil)
      }
      // Every node and every edge exactly once.
      #expect(nodeRows.count == g.nodes.count && nodeRows.values.allSatisfy { $0.count == 1 })
      #expect(edgeRows.count == g.edges.count && edgeRows.values.allSatisfy { $0.count == 1 })
    }
  }

  @Test func cypherGolden() {
    var g = RelationshipGraph()
    g.record(node: Node(id: "person:O'Brien", name: "O'Brien", type: .person, aliases: ["O'Brien"], mentions: 3, articles: ["x"]))
    g.record(node: Node(id: "state:X", name: "x\\", type: .state, mentions: 1, articles: ["x"]))
    g.record(node: Node(id: "state:Y", name: "Y", type: .state, mentions: 1, articles: ["x"]))  // sorts before "x\\"
    g.record(quote: "person:O'Brien", about: "state:X", evidence: Evidence(article: "x", sentence: 0, start: 0, end: 3, text: "line\nbreak", quote: "q", cue: "said"))
    #expect(CypherExporter(batchSize: 1).string(g) == """
      CREATE CONSTRAINT entente_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
      CREATE CONSTRAINT entente_state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE;
      CREATE CONSTRAINT entente_organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
      CREATE INDEX entente_person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
      CREATE INDEX entente_state_name IF NOT EXISTS FOR (n:State) ON (n.name);
      CREATE INDEX entente_organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
      UNWIND [
        {id: 'person:O\\'Brien', name: 'O\\'Brien', type: 'person', mentions: 3, articles: 1, aliases: ['O\\'Brien']}
      ] AS row
      MERGE (n:Person {id: row.id})
      SET n.name = row.name, n.type = row.type, n.mentions = row.mentions, n.articles = row.articles, n.aliases = row.aliases;
      UNWIND [
        {id: 'state:Y', name: 'Y', type: 'state', mentions: 1, articles: 1, aliases: []}
      ] AS row
      MERGE (n:State {id: row.id})
      SET n.name = row.name, n.type = row.type, n.mentions = row.mentions, n.articles = row.articles, n.aliases = row.aliases;
      UNWIND [
        {id: 'state:X', name: 'x\\\\', type: 'state', mentions: 1, articles: 1, aliases: []}
      ] AS row
      MERGE (n:State {id: row.id})
      SET n.name = row.name, n.type = row.type, n.mentions = row.mentions, n.articles = row.articles, n.aliases = row.aliases;
      UNWIND [
        {source: 'person:O\\'Brien', target: 'state:X', weight: 1, tone: 0.0, evidence: 1, first_sentence: 'line\\nbreak'}
      ] AS row
      MATCH (a:Person {id: row.source})
      MATCH (b:State {id: row.target})
      MERGE (a)-[r:QUOTED_ABOUT]->(b)
      SET r.weight = row.weight, r.tone = row.tone, r.evidence = row.evidence, r.first_sentence = row.first_sentence;

      """)
  }

  // Every format

  @Test(arguments: ExportFormat.allCases)
  func sameBytesWhateverTheInsertionOrder(_ format: ExportFormat) throws {
    let g = hostile
    let reordered = RelationshipGraph(
      nodes: Array(g.nodes.values.reversed()), edges: Array(g.edges.values.reversed()), articles: Array(g.articles),
      articleDates: g.articleDates)
    #expect(try format.string(g) == format.string(reordered))
    #expect(try !format.string(g).isEmpty)
  }

  @Test func anEmptyGraphExportsEverywhere() throws {
    let g = RelationshipGraph()
    _ = try XElement.parse(GraphMLExporter().string(g))
    _ = try XElement.parse(GEXFExporter().string(g))
    #expect(try RFC4180.read(CSVExporter().nodes(g)).count == 1)
    #expect(CypherExporter().string(g) == CypherExporter.schema().map { $0 + "\n" }.joined())
    let obj = try JSONSerialization.jsonObject(with: NodeLinkExporter().data(g)) as? [String: Any]
    #expect((obj?["nodes"] as? [Any])?.isEmpty == true)
  }
}

// MARK: - Python readers

/// A python3 with the readers the round trips load the exports with: networkx 3.6 or later
/// (`read_graphml`, `read_gexf`, `node_link_graph`), igraph, graphglot (a Cypher parser with
/// Neo4j's dialect) and ocg (an in-memory openCypher engine).
/// scripts/python-tools installs them. Under CI the tests run even when none is found, so a
/// missing reader fails them instead of skipping them.
enum PythonReaders {
  static let probe = """
    import sys, networkx, igraph, graphglot, ocg
    sys.exit(0 if tuple(int(x) for x in networkx.__version__.split(".")[:2]) >= (3, 6) else 1)
    """

  static let interpreter: String? = ["python3", "/usr/bin/python3", "/usr/local/bin/python3"].first { python in
    (try? run(python, ["-c", probe]))?.status == 0
  }

  static let enabled = interpreter != nil || ProcessInfo.processInfo.environment["CI"] != nil

  static func run(_ python: String, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    if python.hasPrefix("/") {
      p.executableURL = URL(fileURLWithPath: python)
      p.arguments = args
    } else {
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = [python] + args
    }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  /// Runs `script` with the arguments and decodes the JSON object it prints.
  static func evaluate(_ script: String, _ args: [String]) throws -> [String: Any] {
    let python = try #require(interpreter, "no python3 with networkx 3.6+, igraph, graphglot and ocg: run scripts/python-tools")
    let r = try run(python, ["-c", script] + args)
    try #require(r.status == 0, "python failed: \(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  /// Loads a file with one reader, each with its defaults, and prints what it read: the
  /// direction, the nodes' names, every edge as [source id, target id, kind, weight] and the
  /// warnings the reader gave.
  static let read = """
    import json, sys, warnings
    mode, path = sys.argv[1], sys.argv[2]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if mode == "igraph":
            import igraph
            G = igraph.Graph.Read_GraphML(path)
            # igraph's GraphML reader gives an & in an XML attribute (a node id) back as "&#38;".
            ids = [i.replace("&#38;", "&") for i in G.vs["id"]]
            result = {"directed": G.is_directed(), "nodes": G.vcount(), "names": G.vs["name"],
                      "types": G.vs["type"], "mentions": G.vs["mentions"],
                      "arcs": [[ids[e.source], ids[e.target], e["kind"], int(e["weight"])] for e in G.es]}
        else:
            import networkx as nx
            if mode == "graphml": G = nx.read_graphml(path)
            elif mode == "gexf": G = nx.read_gexf(path)
            elif mode == "nodelink": G = nx.node_link_graph(json.load(open(path, encoding="utf-8")))
            elif mode == "links": G = nx.node_link_graph(json.load(open(path, encoding="utf-8")), edges="links")
            nodes = [d for _, d in G.nodes(data=True)]
            result = {"directed": G.is_directed(), "nodes": G.number_of_nodes(),
                      "names": [d.get("name", d.get("label")) for d in nodes],
                      "types": [d["type"] for d in nodes], "mentions": [int(d["mentions"]) for d in nodes],
                      "arcs": [[u, v, d["kind"], int(d["weight"])] for u, v, d in G.edges(data=True)]}
    result["warnings"] = sorted({str(w.message) for w in caught if "igraph" in mode or "networkx" in w.filename})
    print(json.dumps(result))
    """

  /// Parses every statement of a Cypher script with graphglot's Neo4j dialect and prints the
  /// statements it rejects; and checks it rejects a broken one.
  static let parseCypher = """
    import json, sys
    from graphglot.dialect import Dialect
    neo4j = Dialect.get_or_raise("neo4j")
    text = open(sys.argv[1], encoding="utf-8").read()
    statements = [s + ";" for s in text.split(";\\n") if s.strip()]
    failures = []
    for s in statements:
        r = neo4j.validate(s)
        if not r.success: failures.append([s[:300], [d.message for d in r.all_diagnostics][:3]])
    broken = [neo4j.validate(s).success for s in ["UNWIND [{id: 'x'] AS row MERGE (n:Person {id: row.id});",
                                                   "CREATE CONSTRAINT FOR (n:Person) REQUIRE n.id;",
                                                   "UNWIND [{id: 'it\\\\'s} ] AS row MERGE (n {id: row.id});"]]
    print(json.dumps({"statements": len(statements), "failures": failures, "brokenAccepted": broken}))
    """

  /// Runs a Cypher script twice in ocg, an in-memory openCypher engine (its constraints and
  /// indexes aside: their syntax is Neo4j's own), and prints every node and relationship.
  static let loadCypher = """
    import json, sys
    from ocg import Graph
    g = Graph()
    text = open(sys.argv[1], encoding="utf-8").read()
    data = [s for s in text.split(";\\n") if s.strip() and not s.startswith(("CREATE CONSTRAINT ", "CREATE INDEX "))]
    for _ in range(2):
        for s in data: g.execute(s)
    nodes = g.execute("MATCH (n) RETURN labels(n) AS labels, n.id AS id, n.name AS name, n.type AS type, "
                      "n.mentions AS mentions, n.articles AS articles, n.aliases AS aliases")
    relationships = g.execute("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS source, b.id AS target, "
                              "r.weight AS weight, r.evidence AS evidence, r.first_sentence AS first_sentence")
    print(json.dumps({"nodes": nodes, "relationships": relationships}))
    """
}

@Suite("Export formats: networkx, igraph and Cypher tools read them", .enabled(if: PythonReaders.enabled, "needs python3 with networkx 3.6+, igraph, graphglot and ocg (scripts/python-tools)"))
struct PythonReaderTests {
  func write(_ s: String, _ name: String) throws -> String {
    let dir = try Scratch.directory("py")
    let url = dir.appendingPathComponent(name)
    try s.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// A multiset of strings, compared without order.
  func counts(_ xs: [String]) -> [String: Int] { xs.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

  /// Loads `text` with `mode` and checks what came back: a directed graph with every node
  /// (names, types, mentions), every edge the reciprocal form writes (a co-occurrence both
  /// ways) with its kind and weight, and no warning.
  func check(_ mode: String, _ text: String, _ g: RelationshipGraph, xml: Bool, file: String) throws {
    func safe(_ s: String) -> String { xml ? ExportFixtures.xmlSafe(s) : s }
    let r = try PythonReaders.evaluate(PythonReaders.read, [mode, try write(text, file)])
    #expect(r["directed"] as? Bool == true, "\(mode)")
    #expect(r["nodes"] as? Int == g.nodes.count, "\(mode)")
    #expect(counts(r["names"] as? [String] ?? []) == counts(g.nodes.values.map { safe($0.name) }), "\(mode)")
    #expect(counts(r["types"] as? [String] ?? []) == counts(g.nodes.values.map(\.type.rawValue)), "\(mode)")
    #expect((r["mentions"] as? [Int] ?? []).reduce(0, +) == g.nodes.values.map(\.mentions).reduce(0, +), "\(mode)")
    let arcs = (r["arcs"] as? [[Any]] ?? []).map { a in a.map { "\($0)" }.joined(separator: "\u{1F}") }
    let expected = EdgeDirections.reciprocal.arcs(g.sortedEdges).map { e, s, t in [safe(s), safe(t), e.kind.rawValue, String(e.weight)].joined(separator: "\u{1F}") }
    #expect(arcs.count == expected.count, "\(mode)")
    #expect(counts(arcs) == counts(expected), "\(mode)")
    #expect(r["warnings"] as? [String] == [], "\(mode)")
  }

  @Test func networkxReadsGraphMLAsItIs() throws {
    for g in [ExportFixtures.fixtures, ExportFixtures.hostileGraph()] {
      try check("graphml", GraphMLExporter().string(g), g, xml: true, file: "g.graphml")
    }
  }

  @Test func networkxReadsGEXFAsItIs() throws {
    for g in [ExportFixtures.fixtures, ExportFixtures.hostileGraph()] {
      try check("gexf", GEXFExporter().string(g), g, xml: true, file: "g.gexf")
    }
  }

  @Test func networkxReadsNodeLinkWithItsDefaultKeys() throws {
    for g in [ExportFixtures.fixtures, ExportFixtures.hostileGraph()] {
      try check("nodelink", NodeLinkExporter().string(g), g, xml: false, file: "g.json")
      try check("links", NodeLinkExporter(edgesKey: .links).string(g), g, xml: false, file: "g.json")
    }
  }

  @Test func igraphReadsGraphMLWithCooccurrenceBothWays() throws {
    for g in [ExportFixtures.fixtures, ExportFixtures.hostileGraph()] {
      try check("igraph", GraphMLExporter().string(g), g, xml: true, file: "g.graphml")
    }
  }

  @Test func filteredGraphsReadTheSame() throws {
    // One kind only, or a neighbourhood: the same directed form.
    let g = ExportFixtures.fixtures
    for sub in [GraphFilter(kinds: [.cooccurrence]).apply(to: g), GraphFilter(kinds: [.quotation]).apply(to: g)] {
      try check("graphml", GraphMLExporter().string(sub), sub, xml: true, file: "g.graphml")
      try check("gexf", GEXFExporter().string(sub), sub, xml: true, file: "g.gexf")
      try check("igraph", GraphMLExporter().string(sub), sub, xml: true, file: "g.graphml")
    }
  }

  @Test func aCypherParserAcceptsEveryStatement() throws {
    // graphglot takes some 30 ms a row: the fixtures in one batch, the hostile names in many.
    for (g, batch) in [(ExportFixtures.fixtures, 1000), (ExportFixtures.hostileGraph(), 3), (RelationshipGraph(), 1000)] {
      let text = CypherExporter(batchSize: batch).string(g)
      let r = try PythonReaders.evaluate(PythonReaders.parseCypher, [try write(text, "g.cypher")])
      #expect(r["statements"] as? Int == (try ExportFormatTests.cypherStatements(text)).count)
      #expect((r["failures"] as? [Any])?.isEmpty == true, "\(r["failures"] ?? "")")
      #expect(r["brokenAccepted"] as? [Bool] == [false, false, false])
    }
  }

  @Test func aCypherEngineLoadsEveryNodeAndRelationshipAndAgainChangesNothing() throws {
    let labels: [EntityType: String] = [.person: "Person", .state: "State", .organization: "Organization"]
    for g in [ExportFixtures.fixtures, ExportFixtures.hostileGraph()] {
      let r = try PythonReaders.evaluate(PythonReaders.loadCypher, [try write(CypherExporter(batchSize: 7).string(g), "g.cypher")])
      let nodes = try #require(r["nodes"] as? [[String: Any]])
      #expect(nodes.count == g.nodes.count)
      #expect(Set(nodes.compactMap { $0["id"] as? String }).count == g.nodes.count)
      for x in nodes {
        let n = try #require(g.nodes[x["id"] as? String ?? ""], "\(x)")
        #expect(x["labels"] as? [String] == [labels[n.type]!])
        #expect(x["name"] as? String == n.name)
        #expect(x["type"] as? String == n.type.rawValue)
        #expect(x["mentions"] as? Int == n.mentions)
        #expect(x["articles"] as? Int == n.articles.count)
        #expect(x["aliases"] as? [String] == n.aliases)
      }
      let relationships = try #require(r["relationships"] as? [[String: Any]])
      #expect(relationships.count == g.edges.count)
      var seen = Set<EdgeKey>()
      for x in relationships {
        let kind: EdgeKind = x["type"] as? String == "QUOTED_ABOUT" ? .quotation : .cooccurrence
        #expect(x["type"] as? String == (kind == .quotation ? "QUOTED_ABOUT" : "COOCCURS_WITH"))
        let source = x["source"] as? String ?? "", target = x["target"] as? String ?? ""
        let e = try #require(g.edges[EdgeKey(kind: kind, source: source, target: target)], "\(x)")
        #expect(source == e.source && target == e.target)
        #expect(x["weight"] as? Int == e.weight)
        #expect(x["evidence"] as? Int == e.evidence.count)
        #expect(x["first_sentence"] as? String == e.evidence[0].text)
        seen.insert(e.key)
      }
      #expect(seen.count == g.edges.count)
    }
  }

  @Test func pageRankAgreesWithNetworkx() throws {
    // The graph as node_link_graph reads it, straight into networkx's PageRank: the
    // co-occurrence edges, written both ways, give it the walk Entente's takes.
    let g = ExportFixtures.fixtures
    let script = """
      import json, sys, networkx as nx
      G = nx.node_link_graph(json.load(open(sys.argv[1], encoding="utf-8")))
      print(json.dumps(nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=1000)))
      """
    let theirs = try PythonReaders.evaluate(script, [try write(NodeLinkExporter().string(g), "g.json")])
    let ours = g.pageRank()
    #expect(theirs.count == ours.count)
    for (id, r) in ours {
      let t = try #require(theirs[id] as? Double)
      #expect(abs(t - r) < 1e-6, "\(id): \(r) vs networkx \(t)")
    }
  }
}
