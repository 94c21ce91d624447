import Foundation

// Exporters for graph tools: GraphML (Gephi, yEd, networkx, igraph), GEXF 1.3 (Gephi,
// networkx), node-link JSON (networkx, D3), CSV (spreadsheets, pandas) and Cypher (Neo4j).
// Each loads in those tools with their defaults (see ``EdgeDirections``).
//
// Every exporter writes nodes in `sortedNodes` order and edges in `sortedEdges` order (the
// Cypher script grouped by label and kind), with attributes and keys in a fixed order, so the
// same graph always gives the same bytes.
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

/// How the graph exporters (GraphML, GEXF, node-link JSON) write edge directions.
///
/// A quotation edge has a direction (speaker to subject); a co-occurrence edge has none.
public enum EdgeDirections: String, Sendable, CaseIterable {
  /// A directed graph in which each co-occurrence edge is a pair of reciprocal edges (A→B and
  /// B→A, both of kind `cooccurrence`) and each quotation edge one edge from speaker to
  /// subject. networkx, igraph and Gephi all read it without options, and their directed
  /// measures (in- and out-degree, PageRank) see a co-occurrence both ways, as Entente's own do.
  case reciprocal
  /// One edge per co-occurrence and per quotation, each saying whether it is directed
  /// (GraphML `directed`, GEXF `type`, node-link `directed`): the faithful form, which Gephi
  /// and yEd read, but networkx refuses and igraph reads as one-way. The graph's default
  /// direction is the one all its edges share when they do.
  case mixed

  /// The edges as written, in `sortedEdges` order: (edge, source, target). In the reciprocal
  /// form a co-occurrence edge gives two, the second reversed.
  public func arcs(_ edges: [Edge]) -> [(edge: Edge, source: String, target: String)] {
    var out: [(edge: Edge, source: String, target: String)] = []
    out.reserveCapacity(self == .reciprocal ? edges.count * 2 : edges.count)
    for e in edges {
      out.append((e, e.source, e.target))
      if self == .reciprocal, e.kind == .cooccurrence { out.append((e, e.target, e.source)) }
    }
    return out
  }
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
///       <edge id="e0" source="person:Kim Jong-un" target="person:Vladimir Putin">…</edge>
///       <edge id="e1" source="person:Vladimir Putin" target="person:Kim Jong-un">…</edge>
///
/// Node ids are Entente's ids; edge ids `e0`, `e1`, … in the order written. By default
/// (``EdgeDirections/reciprocal``) the graph is directed and a co-occurrence edge is written
/// twice, once each way. With ``EdgeDirections/mixed`` each edge is written once and says its
/// direction: `directed="true"` for quotation, `directed="false"` for co-occurrence (GraphML
/// lets an edge override `edgedefault`, which is `directed` unless every edge is a
/// co-occurrence).
public struct GraphMLExporter: TextGraphExporter, Sendable {
  public var graphName: String
  public var directions: EdgeDirections

  public init(graphName: String = "entente", directions: EdgeDirections = .reciprocal) {
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
    ("e_tone", "edge", "tone", "double"),
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
    for (i, (e, source, target)) in directions.arcs(edges).enumerated() {
      var attrs = [("id", "e\(i)"), ("source", source), ("target", target)]
      if directions == .mixed { attrs.append(("directed", e.kind == .quotation ? "true" : "false")) }
      out.write("    <edge\(XMLEscape.attributes(attrs))>\n")
      out.write(data("e_kind", e.kind.rawValue))
      out.write(data("e_weight", String(e.weight)))
      out.write(data("e_tone", JSONNumber.string(e.roundedTone)))
      out.write(data("e_evidence", String(e.evidence.count)))
      out.write(data("e_first_sentence", e.firstSentence))
      out.write("    </edge>\n")
    }
    out.write("  </graph>\n</graphml>\n")
  }
}

/// Writes a ``RelationshipGraph`` as GEXF 1.3, the format Gephi reads best.
///
/// A static graph. By default (``EdgeDirections/reciprocal``) it is directed and a
/// co-occurrence edge is written twice, once each way. With ``EdgeDirections/mixed`` each
/// edge is written once: co-occurrence edges `type="undirected"`, quotation edges
/// `type="directed"`, and the default edge type undirected (directed when every edge is a
/// quotation). Node attributes: type, mentions, articles, aliases; edge attributes: kind,
/// tone, evidence, first_sentence; the weight is the edge's own `weight`. Nodes are coloured by
/// type, as in the DOT diagram.
public struct GEXFExporter: TextGraphExporter, Sendable {
  public var directions: EdgeDirections

  public init(directions: EdgeDirections = .reciprocal) {
    self.directions = directions
  }

  /// (class, id, title, type)
  static let attributes: [(String, String, String, String)] = [
    ("node", "type", "type", "string"),
    ("node", "mentions", "mentions", "integer"),
    ("node", "articles", "articles", "integer"),
    ("node", "aliases", "aliases", "string"),
    ("edge", "kind", "kind", "string"),
    ("edge", "tone", "tone", "double"),
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
    // Reciprocal: directed. Mixed: undirected unless every edge is a quotation.
    let allDirected = directions == .reciprocal || (!edges.isEmpty && !edges.contains { $0.kind == .cooccurrence })
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
    for (i, (e, source, target)) in directions.arcs(edges).enumerated() {
      let type = directions == .mixed ? (e.kind == .quotation ? "directed" : "undirected") : "directed"
      let attrs = [
        ("id", String(i)), ("source", source), ("target", target), ("type", type), ("weight", String(e.weight)),
        ("label", e.kind.rawValue),
      ]
      out.write("      <edge\(XMLEscape.attributes(attrs))>\n")
      out.write("        <attvalues>\n")
      out.write(attvalue("kind", e.kind.rawValue))
      out.write(attvalue("tone", JSONNumber.string(e.roundedTone)))
      out.write(attvalue("evidence", String(e.evidence.count)))
      out.write(attvalue("first_sentence", e.firstSentence))
      out.write("        </attvalues>\n")
      out.write("      </edge>\n")
    }
    out.write("    </edges>\n  </graph>\n</gexf>\n")
  }
}

// MARK: - Node-link JSON

/// Writes a ``RelationshipGraph`` as node-link JSON, the form networkx's `node_link_graph`
/// and D3's force layouts read:
///
///     {"directed": true, "multigraph": true, "graph": {"name": "entente"},
///      "nodes": [{"id": "person:Vladimir Putin", "name": "Vladimir Putin", "type": "person", …}],
///      "edges": [{"source": …, "target": …, "key": "cooccurrence", "kind": "cooccurrence",
///                 "weight": 4, "tone": 0.25, "evidence": 4, "first_sentence": "…"}, …]}
///
/// The edge list is `edges`, the key networkx 3.6 reads by default; ``EdgesKey/links`` names
/// it `links`, as older networkx and D3's examples do. `key` is the kind, so a co-occurrence
/// and a quotation edge between the same two entities stay two edges in the multigraph.
/// Edge directions as in GraphML (``EdgeDirections``): by default a co-occurrence edge is two
/// links, once each way; in the mixed form it is one, and every link says whether it is
/// `directed`.
public struct NodeLinkExporter: Sendable {
  /// The name of the edge list.
  public enum EdgesKey: String, Sendable, CaseIterable {
    /// networkx 3.6 and later (`node_link_graph(data)`).
    case edges
    /// networkx before 3.6, and D3's examples.
    case links
  }

  public var graphName: String
  public var prettyPrinted: Bool
  public var directions: EdgeDirections
  public var edgesKey: EdgesKey

  public init(graphName: String = "entente", prettyPrinted: Bool = true, directions: EdgeDirections = .reciprocal, edgesKey: EdgesKey = .edges) {
    self.graphName = graphName
    self.prettyPrinted = prettyPrinted
    self.directions = directions
    self.edgesKey = edgesKey
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
    /// Only in the mixed form.
    var directed: Bool?
    var weight: Int
    var tone: Double
    var evidence: Int
    var first_sentence: String
  }

  struct GraphOut: Encodable { var name: String }

  struct FileOut: Encodable {
    var directed: Bool
    var multigraph: Bool
    var graph: GraphOut
    var nodes: [NodeOut]
    var edges: [LinkOut]
    var edgesKey: EdgesKey

    struct Key: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(_ s: String) { stringValue = s }
      init?(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: Key.self)
      try c.encode(directed, forKey: Key("directed"))
      try c.encode(multigraph, forKey: Key("multigraph"))
      try c.encode(graph, forKey: Key("graph"))
      try c.encode(nodes, forKey: Key("nodes"))
      try c.encode(edges, forKey: Key(edgesKey.rawValue))
    }
  }

  public func data(_ graph: RelationshipGraph) -> Data {
    let file = FileOut(
      directed: true, multigraph: true, graph: GraphOut(name: graphName),
      nodes: graph.sortedNodes.map {
        NodeOut(id: $0.id, name: $0.name, type: $0.type.rawValue, mentions: $0.mentions, articles: $0.articles.count, aliases: $0.aliases)
      },
      edges: directions.arcs(graph.sortedEdges).map { e, source, target in
        LinkOut(
          source: source, target: target, key: e.kind.rawValue, kind: e.kind.rawValue,
          directed: directions == .mixed ? e.kind == .quotation : nil,
          weight: e.weight, tone: e.roundedTone, evidence: e.evidence.count, first_sentence: e.firstSentence)
      },
      edgesKey: edgesKey)
    let encoder = JSONEncoder()
    encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    // Only strings, ints, bools and finite doubles: encoding cannot fail.
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
/// - edges: `source,target,kind,weight,tone,evidence,first_sentence` (source and target are
///   node ids; tone the mean tone, −1 to +1; evidence is a count).
public struct CSVExporter: Sendable {
  public static let nodeHeader = ["id", "name", "type", "mentions", "articles", "aliases"]
  public static let edgeHeader = ["source", "target", "kind", "weight", "tone", "evidence", "first_sentence"]

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
      out += CSV.row([
        e.source, e.target, e.kind.rawValue, String(e.weight), JSONNumber.string(e.roundedTone), String(e.evidence.count), e.firstSentence,
      ])
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

/// Writes a ``RelationshipGraph`` as a Cypher script for Neo4j 5 (`cypher-shell -f FILE`):
/// a uniqueness constraint on `id` and an index on `name` for each label, then the nodes and
/// the relationships in batches, each batch one `UNWIND … MERGE` statement over literal rows:
///
///     CREATE CONSTRAINT entente_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
///     CREATE INDEX entente_person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
///     UNWIND [
///       {id: 'person:Vladimir Putin', name: 'Vladimir Putin', type: 'person', mentions: 6, articles: 1, aliases: ['Putin']}
///     ] AS row
///     MERGE (n:Person {id: row.id})
///     SET n.name = row.name, n.type = row.type, n.mentions = row.mentions, n.articles = row.articles, n.aliases = row.aliases;
///     UNWIND [
///       {source: 'person:Kim Jong-un', target: 'person:Vladimir Putin', weight: 4, tone: 0.25, evidence: 4, first_sentence: '…'}
///     ] AS row
///     MATCH (a:Person {id: row.source})
///     MATCH (b:Person {id: row.target})
///     MERGE (a)-[r:COOCCURS_WITH]->(b)
///     SET r.weight = row.weight, r.tone = row.tone, r.evidence = row.evidence, r.first_sentence = row.first_sentence;
///
/// Labels: Person, State, Organization. Relationships: COOCCURS_WITH (stored once, from the
/// smaller id; query it without direction) and QUOTED_ABOUT (speaker to subject). The
/// constraints give every `MATCH` an index lookup instead of a label scan, and `MERGE` makes
/// running the script again harmless. Nodes come grouped by label, relationships by kind and
/// the labels of their two ends (so each `MATCH` names its label), in `sortedNodes` and
/// `sortedEdges` order within a group, `batchSize` rows to a statement.
public struct CypherExporter: Sendable {
  public var batchSize: Int

  public init(batchSize: Int = 1000) {
    self.batchSize = max(1, batchSize)
  }

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

  /// A node's row: its properties as Cypher literals, `id` first.
  public static func row(_ n: Node) -> [(String, String)] {
    [
      ("id", literal(n.id)), ("name", literal(n.name)), ("type", literal(n.type.rawValue)),
      ("mentions", String(n.mentions)), ("articles", String(n.articles.count)),
      ("aliases", "[" + n.aliases.map(literal).joined(separator: ", ") + "]"),
    ]
  }

  /// An edge's row: `source` and `target` ids, then its properties as Cypher literals.
  public static func row(_ e: Edge) -> [(String, String)] {
    [
      ("source", literal(e.source)), ("target", literal(e.target)),
      ("weight", String(e.weight)), ("tone", cypherFloat(e.roundedTone)), ("evidence", String(e.evidence.count)),
      ("first_sentence", literal(e.firstSentence)),
    ]
  }

  /// A float literal (always with a point, so Cypher reads a float even for -1, 0 or 1).
  static func cypherFloat(_ v: Double) -> String {
    let s = JSONNumber.string(v)
    return s.contains(".") ? s : s + ".0"
  }

  /// The constraint and index statements for every label.
  public static func schema() -> [String] {
    EntityType.allCases.map {
      "CREATE CONSTRAINT entente_\($0.rawValue)_id IF NOT EXISTS FOR (n:\(label($0))) REQUIRE n.id IS UNIQUE;"
    }
      + EntityType.allCases.map {
        "CREATE INDEX entente_\($0.rawValue)_name IF NOT EXISTS FOR (n:\(label($0))) ON (n.name);"
      }
  }

  /// `UNWIND [rows] AS row` and then `tail`, one statement; the rows one to a line.
  static func unwind(_ rows: ArraySlice<[(String, String)]>, _ tail: [String]) -> String {
    "UNWIND [\n" + rows.map { "  " + map($0) }.joined(separator: ",\n") + "\n] AS row\n" + tail.joined(separator: "\n") + ";"
  }

  /// `SET v.k = row.k, …` for the keys of a row but the first `skip`.
  static func set(_ variable: String, _ row: [(String, String)], skip: Int) -> String {
    "SET " + row.dropFirst(skip).map { "\(variable).\($0.0) = row.\($0.0)" }.joined(separator: ", ")
  }

  /// The statements, in order: schema, nodes, relationships.
  public func statements(_ graph: RelationshipGraph) -> [String] {
    var out = Self.schema()
    let nodes = graph.sortedNodes
    for type in EntityType.allCases {
      let rows = nodes.filter { $0.type == type }.map(Self.row)
      for start in stride(from: 0, to: rows.count, by: batchSize) {
        let batch = rows[start..<min(start + batchSize, rows.count)]
        out.append(Self.unwind(batch, ["MERGE (n:\(Self.label(type)) {id: row.id})", Self.set("n", batch.first!, skip: 1)]))
      }
    }
    // Relationships grouped by kind and end labels; an end missing from the graph matches by id alone.
    func label(_ id: String) -> String { graph.nodes[id].map { ":" + Self.label($0.type) } ?? "" }
    func rank(_ id: String) -> Int { graph.nodes[id].map { EntityType.allCases.firstIndex(of: $0.type)! + 1 } ?? 0 }
    var groups: [[Int]: [Edge]] = [:]
    for e in graph.sortedEdges {
      groups[[EdgeKind.allCases.firstIndex(of: e.kind)!, rank(e.source), rank(e.target)], default: []].append(e)
    }
    for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let edges = groups[key]!
      let first = edges[0]
      let rows = edges.map(Self.row)
      for start in stride(from: 0, to: rows.count, by: batchSize) {
        let batch = rows[start..<min(start + batchSize, rows.count)]
        out.append(
          Self.unwind(batch, [
            "MATCH (a\(label(first.source)) {id: row.source})", "MATCH (b\(label(first.target)) {id: row.target})",
            "MERGE (a)-[r:\(Self.relationship(first.kind))]->(b)", Self.set("r", batch.first!, skip: 2),
          ]))
      }
    }
    return out
  }

  public func string(_ graph: RelationshipGraph) -> String {
    statements(graph).map { $0 + "\n" }.joined()
  }
}

// MARK: - Any format

extension ExportFormat {
  /// The whole graph in this format, as one string (CSV: both tables, a blank line between).
  /// DOT here is the graph alone, without the diagram's legend. `directions` applies to
  /// GraphML, GEXF and node-link JSON, `edgesKey` to node-link JSON.
  public func string(
    _ graph: RelationshipGraph, graphName: String = "entente", directions: EdgeDirections = .reciprocal,
    edgesKey: NodeLinkExporter.EdgesKey = .edges
  ) throws -> String {
    switch self {
    case .dot: return DOTExporter(graphName: graphName, includeLegend: false).string(graph)
    case .json: return try GraphJSON.string(graph)
    case .graphml: return GraphMLExporter(graphName: graphName, directions: directions).string(graph)
    case .gexf: return GEXFExporter(directions: directions).string(graph)
    case .csv: return CSVExporter().string(graph)
    case .cypher: return CypherExporter().string(graph)
    case .nodelink: return NodeLinkExporter(graphName: graphName, directions: directions, edgesKey: edgesKey).string(graph)
    }
  }
}
