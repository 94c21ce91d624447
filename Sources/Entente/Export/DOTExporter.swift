import Foundation

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
    // A character is one byte or more.
    guard s.utf8.count > labelWidth, s.count > labelWidth else { return s }
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
    if s.utf8.contains(UInt8(ascii: "e")) { s = "0" }
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
    let short = shortened(first).map { String($0) + "..." } ?? first
    return "\(e.kind.rawValue), weight \(e.weight), \(Tone.name(e.toneClass)) (tone \(JSONNumber.string(e.roundedTone))), \(e.evidence.count < e.weight ? "first \(e.evidence.count) of \(e.weight)" : "\(e.evidence.count)") evidence: \(short)"
  }

  public func string(_ graph: RelationshipGraph, note: String? = nil) -> String {
    String(decoding: bytes(graph, note: note), as: UTF8.self)
  }

  public func write<Target: TextOutputStream>(_ graph: RelationshipGraph, to out: inout Target, note: String? = nil) {
    out.write(string(graph, note: note))
  }

  /// The DOT file's bytes.
  public func bytes(_ graph: RelationshipGraph, note: String? = nil) -> [UInt8] {
    bytes(graph, nodes: graph.sortedNodes, edges: graph.sortedEdges, note: note)
  }

  /// The DOT file's bytes, of the graph's nodes and edges in the order exporters write them
  /// (``RelationshipGraph/sortedNodes`` and ``RelationshipGraph/sortedEdges``).
  func bytes(_ graph: RelationshipGraph, nodes: [Node], edges: [Edge], note: String?) -> [UInt8] {
    Array(chunks(graph, nodes: nodes, edges: edges, note: note).joined())
  }

  /// The DOT file's bytes as the writer's chunks, in order: kept as they come, never copied
  /// into a growing buffer.
  func chunks(_ graph: RelationshipGraph, nodes: [Node], edges: [Edge], note: String?) -> [[UInt8]] {
    var all: [[UInt8]] = []
    var out = DOTBytes { all.append(Array($0)) }
    write(graph, nodes: nodes, edges: edges, note: note, to: &out)
    out.flush()
    return all
  }

  /// Writes the DOT file a chunk at a time to `handle`.
  public func write(_ graph: RelationshipGraph, note: String? = nil, to handle: FileHandle) throws {
    try write(graph, nodes: graph.sortedNodes, edges: graph.sortedEdges, note: note, to: handle)
  }

  func write(_ graph: RelationshipGraph, nodes: [Node], edges: [Edge], note: String?, to handle: FileHandle) throws {
    var failure: Error?
    var out = DOTBytes { chunk in
      guard failure == nil else { return }
      do { try handle.write(contentsOf: chunk) } catch { failure = error }
    }
    write(graph, nodes: nodes, edges: edges, note: note, to: &out)
    out.flush()
    if let failure { throw failure }
  }

  /// The attributes of a node, in the order written (sorted by name): its type's style and
  /// what each node says of itself.
  enum NodeAttribute { case label, mentions, tooltip, type }
  /// The attributes of an edge, in the order written: its kind's style and its own.
  enum EdgeAttribute { case color, tone, kind, weight, penwidth, tooltip, label }

  /// An attribute of a statement: one of the style's (name and value written once) or one
  /// that each node or edge gives.
  enum Slot<Own> {
    case style([UInt8])
    case own(StaticString, Own)
  }

  /// A style's attributes and the ones each element gives, sorted by name (an element's own
  /// replacing the style's of that name), as ``attributes(_:)`` writes them.
  static func slots<Own>(style: [String: String], own: [(StaticString, Own)]) -> [Slot<Own>] {
    let owned = Set(own.map { $0.0.description })
    var all: [(String, Slot<Own>)] = style.filter { !owned.contains($0.key) }.map { k, v in
      (k, .style(Array("\(k)=\(quoted(v))".utf8)))
    }
    all += own.map { ($0.0.description, .own($0.0, $0.1)) }
    return all.sorted { $0.0 < $1.0 }.map(\.1)
  }

  func write(_ graph: RelationshipGraph, nodes: [Node], edges: [Edge], note: String?, to out: inout DOTBytes) {
    out.raw("digraph ")
    out.quoted(graphName)
    out.raw(" {\n")
    var graphAttrs = ["fontname": "Helvetica", "overlap": "false", "splines": splines, "rankdir": "LR", "outputorder": "edgesfirst"]
    if let note { graphAttrs["label"] = note; graphAttrs["labelloc"] = "b"; graphAttrs["fontsize"] = "10" }
    out.string("  graph [\(DOTExporter.attributes(graphAttrs))];\n")
    out.string("  node [\(DOTExporter.attributes(["fontname": "Helvetica", "fontsize": "11"]))];\n")
    out.string("  edge [\(DOTExporter.attributes(["fontname": "Helvetica", "fontsize": "9"]))];\n")
    let nodeOwn: [(StaticString, NodeAttribute)] = [("label", .label), ("tooltip", .tooltip), ("type", .type), ("mentions", .mentions)]
    let nodeSlots = EntityType.allCases.map { DOTExporter.slots(style: DOTExporter.style($0), own: nodeOwn) }
    // Nodes and edges are read in place, field by field: a copy of each would retain and
    // release every string it holds, on memory that the graph.json writer reads at the
    // same time on another thread.
    nodes.withUnsafeBufferPointer { nodes in
      for i in nodes.indices {
        out.raw("  ")
        out.quoted(nodes[i].id)
        out.raw(" [")
        var first = true
        for slot in nodeSlots[nodes[i].type.rank] {
          if first { first = false } else { out.raw(", ") }
          switch slot {
          case .style(let bytes): out.bytes(bytes); continue
          case .own(let name, let attribute):
            out.raw(name)
            out.raw("=\"")
            switch attribute {
            case .label: out.wrapped(nodes[i].name.isEmpty ? " " : nodes[i].name, width: labelWidth, wrap: wrap)
            case .tooltip:
              out.escaped(nodes[i].name)
              out.raw(" (")
              out.string(nodes[i].type.rawValue)
              out.raw("): ")
              out.int(nodes[i].mentions)
              out.raw(nodes[i].mentions == 1 ? " mention in " : " mentions in ")
              out.int(nodes[i].articles.count)
              out.raw(nodes[i].articles.count == 1 ? " article" : " articles")
            case .type: out.string(nodes[i].type.rawValue)
            case .mentions: out.int(nodes[i].mentions)
            }
            out.raw("\"")
          }
        }
        out.raw("];\n")
    }
    }
    // The greatest weight of each kind (at least 1), by the kind's position in `allCases`.
    var maxWeight = [Int](repeating: 1, count: EdgeKind.allCases.count)
    for i in edges.indices { maxWeight[edges[i].kind.position] = max(maxWeight[edges[i].kind.position], edges[i].weight) }
    let edgeOwn: [(StaticString, EdgeAttribute)] = [
      ("color", .color), ("tone", .tone), ("kind", .kind), ("weight", .weight), ("penwidth", .penwidth), ("tooltip", .tooltip),
      ("label", .label),
    ]
    let edgeSlots = EdgeKind.allCases.map { DOTExporter.slots(style: DOTExporter.style($0), own: edgeOwn) }
    edges.withUnsafeBufferPointer { edges in
      for i in edges.indices {
        let tone = JSONNumber.string(edges[i].roundedTone)
        out.raw("  ")
        out.quoted(edges[i].source)
        out.raw(" -> ")
        out.quoted(edges[i].target)
        out.raw(" [")
        var first = true
        for slot in edgeSlots[edges[i].kind == .cooccurrence ? 0 : 1] {
          switch slot {
          case .style(let bytes):
            if first { first = false } else { out.raw(", ") }
            out.bytes(bytes)
          case .own(let name, let attribute):
            // A co-occurrence seen once has no label.
            if attribute == .label, edges[i].kind != .quotation, edges[i].weight <= 1 { continue }
            if first { first = false } else { out.raw(", ") }
            out.raw(name)
            out.raw("=\"")
            switch attribute {
            case .color: out.string(DOTExporter.color(tone: edges[i].toneClass))
            case .tone: out.string(tone)
            case .kind: out.string(edges[i].kind.rawValue)
            case .weight, .label: out.int(edges[i].weight)
            case .penwidth: out.string(DOTExporter.penwidth(edges[i].weight, max: maxWeight[edges[i].kind.position]))
            case .tooltip:
              out.string(edges[i].kind.rawValue)
              out.raw(", weight ")
              out.int(edges[i].weight)
              out.raw(", ")
              out.string(Tone.name(edges[i].toneClass))
              out.raw(" (tone ")
              out.string(tone)
              out.raw("), ")
              if edges[i].evidence.count < edges[i].weight {
                out.raw("first ")
                out.int(edges[i].evidence.count)
                out.raw(" of ")
                out.int(edges[i].weight)
              } else {
                out.int(edges[i].evidence.count)
              }
              out.raw(" evidence: ")
              let text = edges[i].evidence.isEmpty ? "" : edges[i].evidence[0].quote ?? edges[i].evidence[0].text
              out.escapedShortened(text)
            }
            out.raw("\"")
          }
        }
        out.raw("];\n")
    }
    }
    if includeLegend {
      var legend = ""
      writeLegend(to: &legend)
      out.string(legend)
    }
    out.raw("}\n")
  }

  /// The first 157 characters of a text longer than 160 (nil for a shorter one), without
  /// counting the characters of a long text beyond that.
  static func shortened(_ text: String) -> Substring? {
    // A character is one byte or more.
    guard text.utf8.count > 160 else { return nil }
    // The first 161 bytes ASCII, none a carriage return (which joins the line feed after it):
    // each is a character of its own (a mark that joins a character before it is not ASCII).
    let ascii =
      text.utf8.withContiguousStorageIfAvailable { utf8 in
        for i in 0..<161 where utf8[i] >= 0x80 || utf8[i] == 0x0D { return false }
        return true
      } ?? false
    if ascii {
      return text[..<text.utf8.index(text.startIndex, offsetBy: 157)]
    }
    // One walk over the characters: the 157th, then three more to see whether there are
    // more than 160.
    guard let cut = text.index(text.startIndex, offsetBy: 157, limitedBy: text.endIndex),
      let end = text.index(cut, offsetBy: 3, limitedBy: text.endIndex), end != text.endIndex
    else { return nil }
    return text[..<cut]
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

/// The bytes of a DOT file, handed to `sink` a chunk at a time; strings escaped as
/// ``DOTExporter/escape(_:)`` escapes them.
struct DOTBytes {
  private var out: ChunkedBytes

  init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
    out = ChunkedBytes(sink: sink)
  }

  /// Hands the bytes still buffered to the sink.
  mutating func flush() { out.flush() }

  private mutating func put(_ b: UInt8) { out.put(b) }

  private mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) { out.put(buffer) }

  mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { put($0) }
  }

  mutating func bytes(_ b: [UInt8]) {
    b.withUnsafeBufferPointer { put($0) }
  }

  /// A string that needs no escaping.
  mutating func string(_ s: String) {
    s.withUTF8Bytes { put($0) }
  }

  mutating func int(_ v: Int) {
    IntegerText.write(v) { put($0) }
  }

  mutating func quoted(_ s: String) {
    put(0x22)
    escaped(s)
    put(0x22)
  }

  mutating func escaped(_ s: String) {
    s.withUTF8Bytes { escaped($0) }
  }

  mutating func escaped(_ s: Substring) {
    s.withUTF8Bytes { escaped($0) }
  }

  /// A text as an edge's tooltip shows it: escaped, its first 157 characters and "..." when
  /// it has more than 160 (``DOTExporter/shortened(_:)``), written from the text's own bytes.
  mutating func escapedShortened(_ text: String) {
    guard let shown = DOTExporter.shortened(text) else { return escaped(text) }
    // The prefix ends on a character boundary of `text`: its bytes are the first ones of the
    // text's (no copy of the prefix, as a substring's bytes would need).
    let n = text.utf8.distance(from: text.utf8.startIndex, to: shown.endIndex)
    text.withUTF8Bytes { escaped(UnsafeBufferPointer(rebasing: $0[..<n])) }
    raw("...")
  }

  /// A label broken at spaces into lines of at most `width` characters
  /// (``DOTExporter/wrap(_:)``), escaped. A label of ASCII bytes other than carriage returns
  /// (a character each) is broken by bytes, without making the wrapped string; any other
  /// goes through `wrap`.
  mutating func wrapped(_ s: String, width: Int, wrap: (String) -> String) {
    let done: Bool = s.withUTF8Bytes { utf8 in
      guard utf8.count > width else {
        escaped(utf8)
        return true
      }
      for b in utf8 where b >= 0x80 || b == 0x0D { return false }
      // The words (runs of bytes other than spaces), each put on the line if it fits, else
      // on a new line; a line break is escaped as `\n`.
      var lineLength = 0
      var i = 0
      let n = utf8.count
      while i < n {
        if utf8[i] == 0x20 {
          i += 1
          continue
        }
        var end = i
        while end < n, utf8[end] != 0x20 { end += 1 }
        let length = end - i
        if lineLength > 0, lineLength + 1 + length > width {
          raw("\\n")
          lineLength = 0
        } else if lineLength > 0 {
          put(0x20)
          lineLength += 1
        }
        escaped(UnsafeBufferPointer(rebasing: utf8[i..<end]))
        lineLength += length
        i = end
      }
      return true
    }
    if !done { escaped(wrap(s)) }
  }

  /// By bytes: the marks escaped are ASCII, and no other character's UTF-8 holds an ASCII
  /// byte; U+FFFE and U+FFFF are EF BF BE and EF BF BF.
  private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
    let n = utf8.count
    var run = 0, i = 0
    while i < n {
      // Eight bytes at a time while none needs a look (most text).
      if i + 8 <= n {
        let w = ByteScan.word(utf8, at: i)
        let marks =
          ByteScan.below(w, 0x20) | ByteScan.equal(w, 0x5C) | ByteScan.equal(w, 0x22) | ByteScan.equal(w, 0x7F)
          | ByteScan.equal(w, 0xEF)
        if marks & ByteScan.highs == 0 {
          i += 8
          continue
        }
      }
      let b = utf8[i]
      if b >= 0x20, b != 0x5C, b != 0x22, b != 0x7F, b != 0xEF {
        i += 1
        continue
      }
      if b == 0xEF {
        guard i + 2 < n, utf8[i + 1] == 0xBF, utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF else {
          i += 1
          continue
        }
        put(UnsafeBufferPointer(rebasing: utf8[run..<i]))
        put(0xEF); put(0xBF); put(0xBD)
        i += 3
        run = i
        continue
      }
      put(UnsafeBufferPointer(rebasing: utf8[run..<i]))
      switch b {
      case 0x5C, 0x22:
        put(0x5C)
        put(b)
      case 0x0A:
        put(0x5C)
        put(0x6E)
      case 0x0D: break
      case 0x09: put(0x20)
      default: put(0xEF); put(0xBF); put(0xBD)  // U+FFFD
      }
      i += 1
      run = i
    }
    put(UnsafeBufferPointer(rebasing: utf8[run..<n]))
  }
}

extension EdgeKind {
  /// The kind's position in `allCases`.
  fileprivate var position: Int { self == .cooccurrence ? 0 : 1 }
}
