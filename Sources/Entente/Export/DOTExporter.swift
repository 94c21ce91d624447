/// Writes a ``RelationshipGraph`` as a Graphviz DOT digraph.
///
/// Every ID and value is quoted and escaped (`\`, `"`, newlines), attributes are sorted, and
/// nodes and edges come in a fixed order, so the same graph always gives the same bytes.
/// People, states and organizations differ in shape and colour. An edge's colour is its tone
/// (red conflictual, green cooperative, grey neutral) and its line its kind: co-occurrence
/// edges are undirected solid lines, quotation edges dashed arrows; pen width grows with
/// weight; a legend explains the styles.
///
///     digraph "entente" {
///       "person:Vladimir Putin" [label="Vladimir Putin", shape="ellipse", …];
///       "person:Jens Stoltenberg" -> "state:RUS" [kind="quotation", style="dashed", weight="2", …];
///     }
public struct DOTExporter: Sendable {
  public var graphName: String
  public var includeLegend: Bool
  /// Wrap labels longer than this many characters onto several lines.
  public var labelWidth: Int
  /// How edges are drawn (Graphviz's `splines`): "true" routes them around nodes; "curved"
  /// is much faster to lay out for force-directed engines on large graphs.
  public var splines = "true"

  public init(graphName: String = "entente", includeLegend: Bool = true, labelWidth: Int = 18) {
    self.graphName = graphName
    self.includeLegend = includeLegend
    self.labelWidth = labelWidth
  }

  /// The style of each entity type. Every ``EntityType`` has one.
  public static func style(_ type: EntityType) -> [String: String] {
    switch type {
    case .person: return ["shape": "ellipse", "style": "filled", "fillcolor": "#dbe9f6", "color": "#2b6cb0"]
    case .state: return ["shape": "box", "style": "filled,rounded", "fillcolor": "#e3f1df", "color": "#2f7d32"]
    case .organization: return ["shape": "hexagon", "style": "filled", "fillcolor": "#fdebd3", "color": "#b7581a"]
    }
  }

  /// The line of each edge kind (its colour is its tone's, ``color(tone:)``).
  public static func style(_ kind: EdgeKind) -> [String: String] {
    switch kind {
    case .cooccurrence: return ["dir": "none", "style": "solid"]
    case .quotation: return ["dir": "forward", "style": "dashed", "arrowhead": "normal"]
    }
  }

  /// The colour of an edge of tone class −1 (conflictual, red), 0 (neutral, grey) or +1
  /// (cooperative, green).
  public static func color(tone: Int) -> String {
    tone < 0 ? "#c0392b" : tone > 0 ? "#2e8b57" : "#8a8a8a"
  }

  /// Escapes a string for a double-quoted DOT ID: `\` and `"` escaped, a line break as
  /// `\n`; a tab becomes a space, and the characters no SVG (XML 1.0) can hold and Graphviz
  /// would pass through — NUL and the other C0 controls, DEL, U+FFFE, U+FFFF — become U+FFFD.
  public static func escape(_ s: String) -> String {
    // By bytes: the marks escaped are ASCII, and no other character's UTF-8 holds an ASCII
    // byte; U+FFFE and U+FFFF start with 0xEF.
    guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x5C || $0 == 0x22 || $0 == 0x7F || $0 == 0xEF }) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    for c in s.unicodeScalars {
      switch c.value {
      case 0x5C, 0x22:  // backslash, quotation mark
        out.append(0x5C)
        out.append(UInt8(c.value))
      case 0x0A:  // a line break: "\n"
        out.append(0x5C)
        out.append(0x6E)
      case 0x0D: break
      case 0x09: out.append(0x20)
      case 0x00..<0x20, 0x7F, 0xFFFE, 0xFFFF: out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
      default: UTF8.encode(c) { out.append($0) }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func quoted(_ s: String) -> String { "\"" + escape(s) + "\"" }

  static func attributes(_ a: [String: String]) -> String {
    a.keys.sorted().map { "\($0)=\(quoted(a[$0]!))" }.joined(separator: ", ")
  }

  /// Breaks a label at spaces so that no line is much longer than `width`.
  func wrap(_ s: String) -> String {
    guard s.count > labelWidth else { return s }
    var lines: [String] = []
    var line = ""
    for word in s.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > labelWidth {
        lines.append(line)
        line = String(word)
      } else {
        line = line.isEmpty ? String(word) : line + " " + word
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
  }

  static func penwidth(_ weight: Int, max: Int) -> String {
    guard max > 1 else { return "1" }
    let w = 1.0 + 4.0 * (Double(weight) - 1) / (Double(max) - 1)
    return String(format2(w))
  }

  /// A number with at most two decimals ("1.5", "2").
  public static func format2(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    if r == r.rounded() { return String(Int(r)) }
    var s = String(r)
    if s.contains("e") { s = "0" }
    return s
  }

  /// A node's tooltip: name, type, mentions and articles.
  public static func tooltip(_ node: Node) -> String {
    "\(node.name) (\(node.type.rawValue)): \(node.mentions) mention\(node.mentions == 1 ? "" : "s") in \(node.articles.count) article\(node.articles.count == 1 ? "" : "s")"
  }

  /// An edge's tooltip: kind, weight, tone and its first evidence (the quote, or the
  /// sentence), cut at 160 characters.
  public static func tooltip(_ e: Edge) -> String {
    let first = e.evidence.first.map { $0.quote ?? $0.text } ?? ""
    let short = first.count > 160 ? String(first.prefix(157)) + "..." : first
    return "\(e.kind.rawValue), weight \(e.weight), \(Tone.name(e.toneClass)) (tone \(JSONNumber.string(e.roundedTone))), \(e.evidence.count < e.weight ? "first \(e.evidence.count) of \(e.weight)" : "\(e.evidence.count)") evidence: \(short)"
  }

  public func string(_ graph: RelationshipGraph, note: String? = nil) -> String {
    var out = ""
    write(graph, to: &out, note: note)
    return out
  }

  public func write<Target: TextOutputStream>(_ graph: RelationshipGraph, to out: inout Target, note: String? = nil) {
    out.write("digraph \(DOTExporter.quoted(graphName)) {\n")
    var graphAttrs = ["fontname": "Helvetica", "overlap": "false", "splines": splines, "rankdir": "LR", "outputorder": "edgesfirst"]
    if let note { graphAttrs["label"] = note; graphAttrs["labelloc"] = "b"; graphAttrs["fontsize"] = "10" }
    out.write("  graph [\(DOTExporter.attributes(graphAttrs))];\n")
    out.write("  node [\(DOTExporter.attributes(["fontname": "Helvetica", "fontsize": "11"]))];\n")
    out.write("  edge [\(DOTExporter.attributes(["fontname": "Helvetica", "fontsize": "9"]))];\n")
    for node in graph.sortedNodes {
      var a = DOTExporter.style(node.type)
      a["label"] = wrap(node.name.isEmpty ? " " : node.name)
      a["tooltip"] = DOTExporter.tooltip(node)
      a["type"] = node.type.rawValue
      a["mentions"] = String(node.mentions)
      out.write("  \(DOTExporter.quoted(node.id)) [\(DOTExporter.attributes(a))];\n")
    }
    let edges = graph.sortedEdges
    var maxWeight: [EdgeKind: Int] = [:]
    for e in edges { maxWeight[e.kind] = max(maxWeight[e.kind] ?? 1, e.weight) }
    for e in edges {
      var a = DOTExporter.style(e.kind)
      a["color"] = DOTExporter.color(tone: e.toneClass)
      a["tone"] = JSONNumber.string(e.roundedTone)
      a["kind"] = e.kind.rawValue
      a["weight"] = String(e.weight)
      a["penwidth"] = DOTExporter.penwidth(e.weight, max: maxWeight[e.kind] ?? 1)
      a["tooltip"] = DOTExporter.tooltip(e)
      if e.kind == .quotation || e.weight > 1 { a["label"] = String(e.weight) }
      out.write("  \(DOTExporter.quoted(e.source)) -> \(DOTExporter.quoted(e.target)) [\(DOTExporter.attributes(a))];\n")
    }
    if includeLegend { writeLegend(to: &out) }
    out.write("}\n")
  }

  func writeLegend<Target: TextOutputStream>(to out: inout Target) {
    out.write("  subgraph \"cluster_legend\" {\n")
    out.write("    graph [\(DOTExporter.attributes(["label": "Legend", "fontsize": "10", "color": "#bbbbbb", "style": "rounded"]))];\n")
    for type in EntityType.allCases {
      var a = DOTExporter.style(type)
      a["label"] = type.rawValue
      a["fontsize"] = "9"
      out.write("    \(DOTExporter.quoted("legend:\(type.rawValue)")) [\(DOTExporter.attributes(a))];\n")
    }
    var co = DOTExporter.style(.cooccurrence)
    co["label"] = "same sentence"
    co["color"] = DOTExporter.color(tone: 0)
    var qu = DOTExporter.style(.quotation)
    qu["label"] = "quoted about"
    qu["color"] = DOTExporter.color(tone: 0)
    out.write("    \"legend:person\" -> \"legend:state\" [\(DOTExporter.attributes(co))];\n")
    out.write("    \"legend:state\" -> \"legend:organization\" [\(DOTExporter.attributes(qu))];\n")
    // The tones: a short line of each colour between two dots.
    for tone in [-1, 0, 1] {
      let name = Tone.name(tone)
      let dot = DOTExporter.attributes(["shape": "point", "width": "0.05", "color": "#bbbbbb"])
      out.write("    \(DOTExporter.quoted("legend:\(name):a")) [\(dot)];\n")
      out.write("    \(DOTExporter.quoted("legend:\(name):b")) [\(dot)];\n")
      var t = DOTExporter.style(.cooccurrence)
      t["color"] = DOTExporter.color(tone: tone)
      t["fontcolor"] = DOTExporter.color(tone: tone)
      t["penwidth"] = "2"
      t["label"] = name
      out.write("    \(DOTExporter.quoted("legend:\(name):a")) -> \(DOTExporter.quoted("legend:\(name):b")) [\(DOTExporter.attributes(t))];\n")
    }
    out.write("  }\n")
  }
}
