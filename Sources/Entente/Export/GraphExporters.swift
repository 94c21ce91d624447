import Foundation

// Exporters for graph tools: GraphML (yEd, Gephi, networkx, igraph), GEXF 1.3 (Gephi),
// node-link JSON (D3, networkx), CSV (spreadsheets, pandas) and Cypher (Neo4j).
//
// Every exporter writes nodes in `sortedNodes` order and edges in `sortedEdges` order, with
// attributes and keys in a fixed order, so the same graph always gives the same bytes.
// Names come from articles: every string is escaped for the format it is written in.

/// The formats `entente export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
  case dot, json, graphml, gexf, csv, cypher, nodelink

  /// The usual file extension.
  public var fileExtension: String {
    switch self {
    case .dot: return "dot"
    case .json: return "json"
    case .graphml: return "graphml"
    case .gexf: return "gexf"
    case .csv: return "csv"
    case .cypher: return "cypher"
    case .nodelink: return "json"
    }
  }
}

/// How the XML exporters write edge directions.
public enum EdgeDirections: String, Sendable, CaseIterable {
  /// Quotation edges directed, co-occurrence edges undirected, each edge saying which — the
  /// faithful form, which Gephi and yEd read. The graph's default direction is the one all
  /// its edges share when they do (only co-occurrence: undirected; only quotation:
  /// directed), so such graphs read everywhere; networkx rejects graphs that mix the two.
  case mixed
  /// Every edge directed; a co-occurrence edge is written once, from the smaller id to the
  /// larger, and told apart by its `kind`. For readers that reject mixed graphs (networkx).
  case directed
}

/// The few facts about a node or edge every tabular or XML format writes.
extension Node {
  /// Aliases joined with "; ", as the flat formats write them.
  public var aliasList: String { aliases.joined(separator: "; ") }
}

extension Edge {
  /// The first sentence of the evidence, or "".
  public var firstSentence: String { evidence.first?.text ?? "" }
}

/// An exporter that streams a graph as text: ``string(_:)`` and ``data(_:)`` follow from
/// ``write(_:to:)``.
public protocol TextGraphExporter {
  func write<Target: TextOutputStream>(_ graph: RelationshipGraph, to out: inout Target)
}

extension TextGraphExporter {
  public func string(_ graph: RelationshipGraph) -> String {
    var out = ""
    write(graph, to: &out)
    return out
  }

  public func data(_ graph: RelationshipGraph) -> Data { Data(string(graph).utf8) }
}

// MARK: - XML

/// Escaping for XML 1.0 text and attribute values.
public enum XMLEscape {
  /// Escapes `& < > " '`, writes tab, line feed and carriage return as character references
  /// (so attribute values keep them), and replaces the characters XML 1.0 cannot hold at all
  /// (other C0 controls, U+FFFE, U+FFFF) with U+FFFD.
  public static func escape(_ s: String) -> String {
    // Most names need nothing: & < > " ' are ASCII, controls are bytes below 0x20, and
    // U+FFFE and U+FFFF start with 0xEF in UTF-8.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) {
      return s
    }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t": out += "&#9;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      default:
        if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF {
          out.unicodeScalars.append("\u{FFFD}")
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }

  /// ` name="value"` pairs, escaped, in the order given.
  static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }
}

/// Writes a ``RelationshipGraph`` as GraphML with typed attribute keys.
///
///     <key id="n_type" for="node" attr.name="type" attr.type="string"/>
///     <graph id="entente" edgedefault="directed">
///       <node id="person:Vladimir Putin"><data key="n_name">Vladimir Putin</data>…</node>
///       <edge id="e0" source="person:Kim Jong-un" target="person:Vladimir Putin" directed="false">…</edge>
///
/// Node ids are Entente's ids; edge ids `e0`, `e1`, … in `sortedEdges` order. Every edge
/// says its direction: `directed="true"` for quotation, `directed="false"` for co-occurrence
/// (GraphML lets an edge override `edgedefault`, which is `directed` unless every edge is a
/// co-occurrence). With `directions` ``EdgeDirections/directed`` every edge is directed and
/// carries no `directed` attribute.
public struct GraphMLExporter: TextGraphExporter, Sendable {
  public var graphName: String
  public var directions: EdgeDirections

  public init(graphName: String = "entente", directions: EdgeDirections = .mixed) {
    self.graphName = graphName
    self.directions = directions
  }

  /// (id, for, attr.name, attr.type)
  static let keys: [(String, String, String, String)] = [
    ("n_name", "node", "name", "string"),
    ("n_type", "node", "type", "string"),
    ("n_mentions", "node", "mentions", "int"),
    ("n_articles", "node", "articles", "int"),
    ("n_aliases", "node", "aliases", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_weight", "edge", "weight", "int"),
    ("e_evidence", "edge", "evidence", "int"),
    ("e_first_sentence", "edge", "first_sentence", "string"),
  ]

  public func write<Target: TextOutputStream>(_ graph: RelationshipGraph, to out: inout Target) {
    func data(_ key: String, _ value: String) -> String {
      "      <data key=\"\(key)\">\(XMLEscape.escape(value))</data>\n"
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    out.write(
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
    for (id, target, name, type) in Self.keys {
      out.write("  <key\(XMLEscape.attributes([("id", id), ("for", target), ("attr.name", name), ("attr.type", type)]))/>\n")
    }
    let edges = graph.sortedEdges
    let undirected = directions == .mixed && !edges.contains { $0.kind == .quotation } && !edges.isEmpty
    out.write("  <graph\(XMLEscape.attributes([("id", graphName), ("edgedefault", undirected ? "undirected" : "directed")]))>\n")
    for n in graph.sortedNodes {
      out.write("    <node id=\"\(XMLEscape.escape(n.id))\">\n")
      out.write(data("n_name", n.name))
      out.write(data("n_type", n.type.rawValue))
      out.write(data("n_mentions", String(n.mentions)))
      out.write(data("n_articles", String(n.articles.count)))
      out.write(data("n_aliases", n.aliasList))
      out.write("    </node>\n")
    }
    for (i, e) in edges.enumerated() {
      var attrs = [("id", "e\(i)"), ("source", e.source), ("target", e.target)]
      if directions == .mixed { attrs.append(("directed", e.kind == .quotation ? "true" : "false")) }
      out.write("    <edge\(XMLEscape.attributes(attrs))>\n")
      out.write(data("e_kind", e.kind.rawValue))
      out.write(data("e_weight", String(e.weight)))
      out.write(data("e_evidence", String(e.evidence.count)))
      out.write(data("e_first_sentence", e.firstSentence))
      out.write("    </edge>\n")
    }
    out.write("  </graph>\n</graphml>\n")
  }
}

/// Writes a ``RelationshipGraph`` as GEXF 1.3, the format Gephi reads best.
///
/// A static graph whose default edge type is undirected (directed when every edge is a
/// quotation): co-occurrence edges are `type="undirected"`, quotation edges
/// `type="directed"`; with `directions` ``EdgeDirections/directed`` every edge is directed. Node attributes: type, mentions, articles, aliases; edge
/// attributes: kind, evidence, first_sentence; the weight is the edge's own `weight`. Nodes
/// are coloured by type, as in the DOT diagram.
public struct GEXFExporter: TextGraphExporter, Sendable {
  public var directions: EdgeDirections

  public init(directions: EdgeDirections = .mixed) {
    self.directions = directions
  }

  /// (class, id, title, type)
  static let attributes: [(String, String, String, String)] = [
    ("node", "type", "type", "string"),
    ("node", "mentions", "mentions", "integer"),
    ("node", "articles", "articles", "integer"),
    ("node", "aliases", "aliases", "string"),
    ("edge", "kind", "kind", "string"),
    ("edge", "evidence", "evidence", "integer"),
    ("edge", "first_sentence", "first_sentence", "string"),
  ]

  static func rgb(_ hex: String) -> (Int, Int, Int) {
    let v = Int(hex.dropFirst(), radix: 16) ?? 0
    return ((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF)
  }

  public func write<Target: TextOutputStream>(_ graph: RelationshipGraph, to out: inout Target) {
    func attvalue(_ id: String, _ value: String) -> String {
      "          <attvalue\(XMLEscape.attributes([("for", id), ("value", value)]))/>\n"
    }
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    out.write(
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n")
    out.write("  <meta>\n    <creator>Entente</creator>\n    <description>People, states and organizations named in news articles</description>\n  </meta>\n")
    let edges = graph.sortedEdges
    // Undirected unless every edge is directed.
    let allDirected = directions == .directed || (!edges.isEmpty && !edges.contains { $0.kind == .cooccurrence })
    let defaultType = allDirected ? "directed" : "undirected"
    out.write("  <graph mode=\"static\" defaultedgetype=\"\(defaultType)\">\n")
    for cls in ["node", "edge"] {
      out.write("    <attributes class=\"\(cls)\">\n")
      for (c, id, title, type) in Self.attributes where c == cls {
        out.write("      <attribute\(XMLEscape.attributes([("id", id), ("title", title), ("type", type)]))/>\n")
      }
      out.write("    </attributes>\n")
    }
    out.write("    <nodes>\n")
    for n in graph.sortedNodes {
      out.write("      <node\(XMLEscape.attributes([("id", n.id), ("label", n.name)]))>\n")
      out.write("        <attvalues>\n")
      out.write(attvalue("type", n.type.rawValue))
      out.write(attvalue("mentions", String(n.mentions)))
      out.write(attvalue("articles", String(n.articles.count)))
      out.write(attvalue("aliases", n.aliasList))
      out.write("        </attvalues>\n")
      let (r, g, b) = Self.rgb(DOTExporter.style(n.type)["color"] ?? "#000000")
      out.write("        <viz:color r=\"\(r)\" g=\"\(g)\" b=\"\(b)\"/>\n")
      out.write("      </node>\n")
    }
    out.write("    </nodes>\n    <edges>\n")
    for (i, e) in edges.enumerated() {
      let type = directions == .mixed ? (e.kind == .quotation ? "directed" : "undirected") : "directed"
      let attrs = [
        ("id", String(i)), ("source", e.source), ("target", e.target), ("type", type), ("weight", String(e.weight)),
        ("label", e.kind.rawValue),
      ]
      out.write("      <edge\(XMLEscape.attributes(attrs))>\n")
      out.write("        <attvalues>\n")
      out.write(attvalue("kind", e.kind.rawValue))
      out.write(attvalue("evidence", String(e.evidence.count)))
      out.write(attvalue("first_sentence", e.firstSentence))
      out.write("        </attvalues>\n")
      out.write("      </edge>\n")
    }
    out.write("    </edges>\n  </graph>\n</gexf>\n")
  }
}

// MARK: - Node-link JSON

/// Writes a ``RelationshipGraph`` as node-link JSON, the form D3's force layouts and
/// networkx's `node_link_graph` read:
///
///     {"directed": true, "multigraph": true, "graph": {"name": "entente"},
///      "nodes": [{"id": "person:Vladimir Putin", "name": "Vladimir Putin", "type": "person", …}],
///      "links": [{"source": …, "target": …, "key": "cooccurrence", "kind": "cooccurrence",
///                 "directed": false, "weight": 4, "evidence": 4}]}
///
/// `key` is the kind, so a co-occurrence and a quotation edge between the same two entities
/// stay two edges in a multigraph; `directed` on each link says whether it has a direction.
public struct NodeLinkExporter: Sendable {
  public var graphName: String
  public var prettyPrinted: Bool

  public init(graphName: String = "entente", prettyPrinted: Bool = true) {
    self.graphName = graphName
    self.prettyPrinted = prettyPrinted
  }

  struct NodeOut: Encodable {
    var id: String
    var name: String
    var type: String
    var mentions: Int
    var articles: Int
    var aliases: [String]
  }

  struct LinkOut: Encodable {
    var source: String
    var target: String
    var key: String
    var kind: String
    var directed: Bool
    var weight: Int
    var evidence: Int
    var first_sentence: String
  }

  struct GraphOut: Encodable { var name: String }

  struct FileOut: Encodable {
    var directed: Bool
    var multigraph: Bool
    var graph: GraphOut
    var nodes: [NodeOut]
    var links: [LinkOut]
  }

  public func data(_ graph: RelationshipGraph) -> Data {
    let file = FileOut(
      directed: true, multigraph: true, graph: GraphOut(name: graphName),
      nodes: graph.sortedNodes.map {
        NodeOut(id: $0.id, name: $0.name, type: $0.type.rawValue, mentions: $0.mentions, articles: $0.articles.count, aliases: $0.aliases)
      },
      links: graph.sortedEdges.map {
        LinkOut(
          source: $0.source, target: $0.target, key: $0.kind.rawValue, kind: $0.kind.rawValue, directed: $0.kind == .quotation,
          weight: $0.weight, evidence: $0.evidence.count, first_sentence: $0.firstSentence)
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    // Only strings, ints and bools: encoding cannot fail.
    var data = (try? encoder.encode(file)) ?? Data()
    data.append(0x0A)
    return data
  }

  public func string(_ graph: RelationshipGraph) -> String { String(decoding: data(graph), as: UTF8.self) }
}

// MARK: - CSV

/// Writes a ``RelationshipGraph`` as two RFC 4180 tables (CRLF line ends, fields quoted as
/// needed):
///
/// - nodes: `id,name,type,mentions,articles,aliases` (articles is a count, aliases joined
///   with "; ");
/// - edges: `source,target,kind,weight,evidence,first_sentence` (source and target are node
///   ids; evidence is a count).
public struct CSVExporter: Sendable {
  public static let nodeHeader = ["id", "name", "type", "mentions", "articles", "aliases"]
  public static let edgeHeader = ["source", "target", "kind", "weight", "evidence", "first_sentence"]

  public init() {}

  public func nodes(_ graph: RelationshipGraph) -> String {
    var out = CSV.row(Self.nodeHeader)
    for n in graph.sortedNodes {
      out += CSV.row([n.id, n.name, n.type.rawValue, String(n.mentions), String(n.articles.count), n.aliasList])
    }
    return out
  }

  public func edges(_ graph: RelationshipGraph) -> String {
    var out = CSV.row(Self.edgeHeader)
    for e in graph.sortedEdges {
      out += CSV.row([e.source, e.target, e.kind.rawValue, String(e.weight), String(e.evidence.count), e.firstSentence])
    }
    return out
  }

  /// Both tables, nodes first, separated by a blank line (what `entente export --format csv`
  /// prints when it writes to stdout).
  public func string(_ graph: RelationshipGraph) -> String {
    nodes(graph) + "\r\n" + edges(graph)
  }
}

// MARK: - Cypher

/// Writes a ``RelationshipGraph`` as Cypher statements for Neo4j, one per node and per edge,
/// with literal values (no parameters):
///
///     CREATE (:Person {id: 'person:Vladimir Putin', name: 'Vladimir Putin', type: 'person', mentions: 6, articles: 1, aliases: ['Putin', 'Vladimir Putin']});
///     MATCH (a:Person {id: 'person:Kim Jong-un'}), (b:Person {id: 'person:Vladimir Putin'}) CREATE (a)-[:COOCCURS_WITH {weight: 4, evidence: 4, first_sentence: '…'}]->(b);
///
/// Labels: Person, State, Organization. Relationships: COOCCURS_WITH (stored once, from
/// the smaller id; query it without direction) and QUOTED_ABOUT (speaker to subject).
/// Matching on the label as well as the id lets Neo4j use a label index on `id`.
public struct CypherExporter: Sendable {
  public init() {}

  public static func label(_ type: EntityType) -> String {
    switch type {
    case .person: return "Person"
    case .state: return "State"
    case .organization: return "Organization"
    }
  }

  public static func relationship(_ kind: EdgeKind) -> String {
    switch kind {
    case .cooccurrence: return "COOCCURS_WITH"
    case .quotation: return "QUOTED_ABOUT"
    }
  }

  /// A single-quoted Cypher string literal: backslash, quotes and control characters escaped.
  public static func literal(_ s: String) -> String {
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 == 0x27 || $0 == 0x22 }) { return "'" + s + "'" }
    var out = "'"
    out.reserveCapacity(s.utf8.count + 2)
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out += "\\u" + String(format: "%04X", c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "'"
  }

  static func map(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
  }

  public func node(_ n: Node) -> String {
    let props = [
      ("id", Self.literal(n.id)), ("name", Self.literal(n.name)), ("type", Self.literal(n.type.rawValue)),
      ("mentions", String(n.mentions)), ("articles", String(n.articles.count)),
      ("aliases", "[" + n.aliases.map(Self.literal).joined(separator: ", ") + "]"),
    ]
    return "CREATE (:\(Self.label(n.type)) \(Self.map(props)));"
  }

  public func edge(_ e: Edge, in graph: RelationshipGraph) -> String {
    func match(_ variable: String, _ id: String) -> String {
      let label = graph.nodes[id].map { ":" + Self.label($0.type) } ?? ""
      return "(\(variable)\(label) {id: \(Self.literal(id))})"
    }
    let props = [
      ("weight", String(e.weight)), ("evidence", String(e.evidence.count)), ("first_sentence", Self.literal(e.firstSentence)),
    ]
    return "MATCH \(match("a", e.source)), \(match("b", e.target)) CREATE (a)-[:\(Self.relationship(e.kind)) \(Self.map(props))]->(b);"
  }

  public func string(_ graph: RelationshipGraph) -> String {
    var out = ""
    for n in graph.sortedNodes { out += node(n) + "\n" }
    for e in graph.sortedEdges { out += edge(e, in: graph) + "\n" }
    return out
  }
}

// MARK: - Any format

extension ExportFormat {
  /// The whole graph in this format, as one string (CSV: both tables, a blank line between).
  public func string(_ graph: RelationshipGraph, graphName: String = "entente", directions: EdgeDirections = .mixed) throws -> String {
    switch self {
    case .dot: return DOTExporter(graphName: graphName).string(graph)
    case .json: return try GraphJSON.string(graph)
    case .graphml: return GraphMLExporter(graphName: graphName, directions: directions).string(graph)
    case .gexf: return GEXFExporter(directions: directions).string(graph)
    case .csv: return CSVExporter().string(graph)
    case .cypher: return CypherExporter().string(graph)
    case .nodelink: return NodeLinkExporter(graphName: graphName).string(graph)
    }
  }
}
