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
        if c[i] == "\\" || c[i] == "\"" || c[i].value < 0x20 { throw Malformed(statement: statement) }
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

  @Test func graphMLParsesBackWithEveryNameAndEdge() throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let root = try XElement.parse(GraphMLExporter().string(g))
      #expect(root.name == "graphml")
      let keys = Dictionary(uniqueKeysWithValues: root.children("key").map { ($0.attributes["id"]!, $0.attributes) })
      #expect(keys.values.map { "\($0["for"]!).\($0["attr.name"]!):\($0["attr.type"]!)" }.sorted() == [
        "edge.evidence:int", "edge.first_sentence:string", "edge.kind:string", "edge.weight:int",
        "node.aliases:string", "node.articles:int", "node.mentions:int", "node.name:string", "node.type:string",
      ])
      let graph = try #require(root.child("graph"))
      let nodes = graph.children("node"), edges = graph.children("edge")
      #expect(nodes.count == g.nodes.count)
      #expect(edges.count == g.edges.count)
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
      // Every edge names two nodes, says its direction and keeps its weight and evidence.
      let ids = Set(back.map(\.0))
      for (e, x) in zip(g.sortedEdges, edges) {
        #expect(ids.contains(x.attributes["source"]!) && ids.contains(x.attributes["target"]!))
        #expect(x.attributes["source"] == ExportFixtures.xmlSafe(e.source))
        #expect(x.attributes["directed"] == (e.kind == .quotation ? "true" : "false"))
        let d = data(x)
        #expect(d["kind"] == e.kind.rawValue)
        #expect(d["weight"] == String(e.weight))
        #expect(d["evidence"] == String(e.evidence.count))
        #expect(d["first_sentence"] == ExportFixtures.xmlSafe(e.evidence[0].text))
      }
      #expect(graph.attributes["edgedefault"] == "directed")
    }
  }

  @Test func graphMLDefaultDirectionFollowsTheEdges() throws {
    let onlyCo = GraphFilter(kinds: [.cooccurrence]).apply(to: hostile)
    let root = try XElement.parse(GraphMLExporter().string(onlyCo))
    #expect(root.child("graph")?.attributes["edgedefault"] == "undirected")
    let directed = try XElement.parse(GraphMLExporter(directions: .directed).string(hostile))
    #expect(directed.child("graph")?.attributes["edgedefault"] == "directed")
    #expect(directed.all("edge").allSatisfy { $0.attributes["directed"] == nil })
    #expect(directed.all("edge").count == hostile.edges.count)
  }

  // GEXF

  @Test func gexfParsesBackWithEveryNameAndEdge() throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let root = try XElement.parse(GEXFExporter().string(g))
      #expect(root.name == "gexf")
      #expect(root.attributes["version"] == "1.3")
      #expect(root.attributes["xmlns"] == "http://gexf.net/1.3")
      let graph = try #require(root.child("graph"))
      #expect(graph.attributes["mode"] == "static")
      #expect(graph.attributes["defaultedgetype"] == "undirected")
      let declared = graph.children("attributes").flatMap { a in a.children("attribute").map { "\(a.attributes["class"]!).\($0.attributes["id"]!)" } }
      #expect(Set(declared) == ["node.type", "node.mentions", "node.articles", "node.aliases", "edge.kind", "edge.evidence", "edge.first_sentence"])
      let nodes = try #require(graph.child("nodes")).children("node")
      let edges = try #require(graph.child("edges")).children("edge")
      #expect(nodes.count == g.nodes.count)
      #expect(edges.count == g.edges.count)
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
      for (e, x) in zip(g.sortedEdges, edges) {
        #expect(x.attributes["source"] == ExportFixtures.xmlSafe(e.source))
        #expect(x.attributes["target"] == ExportFixtures.xmlSafe(e.target))
        #expect(x.attributes["type"] == (e.kind == .quotation ? "directed" : "undirected"))
        #expect(x.attributes["weight"] == String(e.weight))
        #expect(values(x)["kind"] == e.kind.rawValue)
        #expect(values(x)["evidence"] == String(e.evidence.count))
      }
    }
  }

  // Node-link JSON

  @Test func nodeLinkParsesBackWithNetworkxKeys() throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let obj = try #require(try JSONSerialization.jsonObject(with: NodeLinkExporter().data(g)) as? [String: Any])
      #expect(obj["directed"] as? Bool == true)
      #expect(obj["multigraph"] as? Bool == true)
      let nodes = try #require(obj["nodes"] as? [[String: Any]])
      let links = try #require(obj["links"] as? [[String: Any]])
      #expect(nodes.count == g.nodes.count)
      #expect(links.count == g.edges.count)
      #expect(nodes.map { $0["id"] as? String } == g.sortedNodes.map(\.id))
      #expect(nodes.map { $0["name"] as? String } == g.sortedNodes.map(\.name))
      #expect(nodes.map { $0["aliases"] as? [String] } == g.sortedNodes.map(\.aliases))
      let ids = Set(g.nodes.keys)
      for (e, l) in zip(g.sortedEdges, links) {
        #expect(l["source"] as? String == e.source)
        #expect(l["target"] as? String == e.target)
        #expect(ids.contains(l["source"] as! String) && ids.contains(l["target"] as! String))
        #expect(l["kind"] as? String == e.kind.rawValue)
        #expect(l["key"] as? String == e.kind.rawValue)
        #expect(l["weight"] as? Int == e.weight)
        #expect(l["evidence"] as? Int == e.evidence.count)
        #expect(l["directed"] as? Bool == (e.kind == .quotation))
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
      #expect(edges.first == ["source", "target", "kind", "weight", "evidence", "first_sentence"])
      #expect(nodes.count - 1 == g.nodes.count)
      #expect(edges.count - 1 == g.edges.count)
      #expect(nodes.dropFirst().allSatisfy { $0.count == 6 } && edges.dropFirst().allSatisfy { $0.count == 6 })
      for (n, r) in zip(g.sortedNodes, nodes.dropFirst()) {
        #expect(r == [n.id, n.name, n.type.rawValue, String(n.mentions), String(n.articles.count), n.aliases.joined(separator: "; ")])
      }
      for (e, r) in zip(g.sortedEdges, edges.dropFirst()) {
        #expect(r == [e.source, e.target, e.kind.rawValue, String(e.weight), String(e.evidence.count), e.evidence[0].text])
      }
    }
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

  @Test func cypherIsOneStatementPerNodeAndEdgeWithQuotedLiterals() throws {
    for g in [hostile, ExportFixtures.fixtures] {
      let text = CypherExporter().string(g)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(text.hasSuffix(";\n"))
      #expect(lines.count == g.nodes.count + g.edges.count)
      #expect(lines.allSatisfy { $0.hasSuffix(";") })
      let creates = lines.filter { $0.hasPrefix("CREATE (:") }
      let matches = lines.filter { $0.hasPrefix("MATCH (a:") }
      #expect(creates.count == g.nodes.count)
      #expect(matches.count == g.edges.count)
      for (n, line) in zip(g.sortedNodes, creates) {
        let (skeleton, literals) = try CypherLiterals.split(String(line))
        let label = ["person": "Person", "state": "State", "organization": "Organization"][n.type.rawValue]!
        #expect(skeleton == "CREATE (:\(label) {id: ?, name: ?, type: ?, mentions: \(n.mentions), articles: \(n.articles.count), aliases: [\(n.aliases.map { _ in "?" }.joined(separator: ", "))]});")
        #expect(literals == [n.id, n.name, n.type.rawValue] + n.aliases)
      }
      for (e, line) in zip(g.sortedEdges, matches) {
        let (skeleton, literals) = try CypherLiterals.split(String(line))
        let rel = e.kind == .quotation ? "QUOTED_ABOUT" : "COOCCURS_WITH"
        #expect(skeleton.hasSuffix("CREATE (a)-[:\(rel) {weight: \(e.weight), evidence: \(e.evidence.count), first_sentence: ?}]->(b);"))
        #expect(literals == [e.source, e.target, e.evidence[0].text])
      }
    }
  }

  @Test func cypherGolden() {
    var g = RelationshipGraph()
    g.record(node: Node(id: "person:O'Brien", name: "O'Brien", type: .person, aliases: ["O'Brien"], mentions: 3, articles: ["x"]))
    g.record(node: Node(id: "state:X", name: "x\\", type: .state, mentions: 1, articles: ["x"]))
    g.record(quote: "person:O'Brien", about: "state:X", evidence: Evidence(article: "x", sentence: 0, start: 0, end: 3, text: "line\nbreak", quote: "q", cue: "said"))
    #expect(CypherExporter().string(g) == """
      CREATE (:Person {id: 'person:O\\'Brien', name: 'O\\'Brien', type: 'person', mentions: 3, articles: 1, aliases: ['O\\'Brien']});
      CREATE (:State {id: 'state:X', name: 'x\\\\', type: 'state', mentions: 1, articles: 1, aliases: []});
      MATCH (a:Person {id: 'person:O\\'Brien'}), (b:State {id: 'state:X'}) CREATE (a)-[:QUOTED_ABOUT {weight: 1, evidence: 1, first_sentence: 'line\\nbreak'}]->(b);

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
    #expect(CypherExporter().string(g) == "")
    let obj = try JSONSerialization.jsonObject(with: NodeLinkExporter().data(g)) as? [String: Any]
    #expect((obj?["nodes"] as? [Any])?.isEmpty == true)
  }
}

// MARK: - networkx

/// A python3 with networkx, when there is one (`pip install networkx`).
enum Networkx {
  struct Interpreter: Sendable {
    var path: String
    var version: String
    /// Whether its GEXF reader knows GEXF 1.3 (networkx 3 does; 2.8 does not).
    var readsGEXF13: Bool
  }

  static let interpreter: Interpreter? = {
    let probe = "import networkx, networkx.readwrite.gexf as g; print(networkx.__version__, '1.3' in g.GEXF.versions)"
    var found: [Interpreter] = []
    for python in ["/usr/bin/python3", "/usr/local/bin/python3", "python3"] {
      guard let out = try? run(python, ["-c", probe]), out.status == 0 else { continue }
      let words = out.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      guard words.count == 2 else { continue }
      found.append(Interpreter(path: python, version: words[0], readsGEXF13: words[1] == "True"))
    }
    return found.first { $0.readsGEXF13 } ?? found.first
  }()

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

  /// Runs `script` with the files as arguments and decodes the JSON object it prints.
  static func evaluate(_ script: String, _ files: [String]) throws -> [String: Any] {
    let python = try #require(interpreter)
    let r = try run(python.path, ["-c", script] + files)
    try #require(r.status == 0, "python failed: \(r.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  static let available = interpreter != nil
  static let readsGEXF13 = interpreter?.readsGEXF13 == true
}

@Suite("Export formats: networkx reads them", .enabled(if: Networkx.available, "needs python3 with networkx"))
struct NetworkxTests {
  func write(_ s: String, _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("entente-nx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try s.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let count = """
    import json, sys, warnings
    warnings.simplefilter("ignore")
    import networkx as nx
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml": G = nx.read_graphml(path)
    elif kind == "gexf": G = nx.read_gexf(path)
    else:
        data = json.load(open(path, encoding="utf-8"))
        try: G = nx.node_link_graph(data, edges="links")
        except TypeError: G = nx.node_link_graph(data)
    names = sorted(str(d.get("name", d.get("label", ""))) for _, d in G.nodes(data=True))
    print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed(),
                      "names": names, "kinds": sorted(str(d.get("kind")) for *_, d in G.edges(data=True))}))
    """

  func check(_ kind: String, _ text: String, _ g: RelationshipGraph, directed: Bool, names: [String]? = nil) throws {
    let path = try write(text, "graph.\(kind)")
    let r = try Networkx.evaluate(Self.count, [kind, path])
    #expect(r["nodes"] as? Int == g.nodes.count, "\(kind)")
    #expect(r["edges"] as? Int == g.edges.count, "\(kind)")
    #expect(r["directed"] as? Bool == directed, "\(kind)")
    #expect(r["kinds"] as? [String] == g.sortedEdges.map(\.kind.rawValue).sorted(), "\(kind)")
    if let names { #expect(r["names"] as? [String] == names.sorted(), "\(kind)") }
  }

  @Test func readGraphMLReadsTheFixtures() throws {
    let g = ExportFixtures.fixtures
    // networkx refuses graphs that mix directed and undirected edges: all directed it reads.
    try check("graphml", GraphMLExporter(directions: .directed).string(g), g, directed: true, names: g.nodes.values.map(\.name))
    // One kind only: the per-edge directions agree with the default, and networkx reads it.
    let co = GraphFilter(kinds: [.cooccurrence]).apply(to: g)
    try check("graphml", GraphMLExporter().string(co), co, directed: false)
    let quotes = GraphFilter(kinds: [.quotation]).apply(to: g)
    try check("graphml", GraphMLExporter().string(quotes), quotes, directed: true)
  }

  @Test func readGraphMLKeepsHostileNames() throws {
    // Controls XML cannot hold come back as U+FFFD; everything else as it was.
    let g = ExportFixtures.hostileGraph()
    try check("graphml", GraphMLExporter(directions: .directed).string(g), g, directed: true, names: g.nodes.values.map { ExportFixtures.xmlSafe($0.name) })
  }

  @Test(.enabled(if: Networkx.readsGEXF13, "needs networkx 3, whose GEXF reader knows GEXF 1.3"))
  func readGEXFReadsTheFixturesAndHostileNames() throws {
    let g = ExportFixtures.fixtures
    try check("gexf", GEXFExporter(directions: .directed).string(g), g, directed: true, names: g.nodes.values.map(\.name))
    let co = GraphFilter(kinds: [.cooccurrence]).apply(to: g)
    try check("gexf", GEXFExporter().string(co), co, directed: false)
    let quotes = GraphFilter(kinds: [.quotation]).apply(to: g)
    try check("gexf", GEXFExporter().string(quotes), quotes, directed: true)
    let h = ExportFixtures.hostileGraph()
    try check("gexf", GEXFExporter(directions: .directed).string(h), h, directed: true, names: h.nodes.values.map { ExportFixtures.xmlSafe($0.name) })
  }

  @Test func nodeLinkGraphReadsTheNodeLinkJSON() throws {
    for g in [ExportFixtures.fixtures, ExportFixtures.hostileGraph()] {
      try check("json", NodeLinkExporter().string(g), g, directed: true, names: g.nodes.values.map(\.name))
    }
  }

  @Test func pageRankAgreesWithNetworkx() throws {
    let g = ExportFixtures.fixtures
    let script = """
      import json, sys, networkx as nx
      data = json.load(open(sys.argv[1], encoding="utf-8"))
      D = nx.DiGraph()
      D.add_nodes_from(n["id"] for n in data["nodes"])
      for l in data["links"]:
          pairs = [(l["source"], l["target"])] + ([] if l["directed"] else [(l["target"], l["source"])])
          for s, t in pairs:
              if D.has_edge(s, t): D[s][t]["weight"] += l["weight"]
              else: D.add_edge(s, t, weight=l["weight"])
      print(json.dumps(nx.pagerank(D, alpha=0.85, tol=1e-12, max_iter=1000)))
      """
    let path = try write(NodeLinkExporter().string(g), "g.json")
    let theirs = try Networkx.evaluate(script, [path])
    let ours = g.pageRank()
    #expect(theirs.count == ours.count)
    for (id, r) in ours {
      let t = try #require(theirs[id] as? Double)
      #expect(abs(t - r) < 1e-6, "\(id): \(r) vs networkx \(t)")
    }
  }
}
