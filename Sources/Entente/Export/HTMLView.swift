import Foundation

/// One self-contained HTML page to explore a graph in a browser: pan and zoom, search by name
/// or alias, a node's neighbourhood and edges, an edge's evidence with the names marked, and
/// filters by type, kind, date and weight.
///
/// The page carries everything it needs and fetches nothing (its Content-Security-Policy
/// forbids it): the graph once, as JSON; positions laid out here by ``ForceLayout``; the page's
/// own script and style; and vis-network (a canvas graph renderer, Apache-2.0 or MIT), from
/// `Resources/view/`. It draws the `initialEdges` strongest edges first and reveals the rest
/// on demand: a node's neighbours when it is clicked or found, more when the filters ask.
///
/// Same graph, same bytes: nodes, edges and sentences are written in a fixed order, and the
/// layout is deterministic.
public struct HTMLViewExporter: Sendable {
  public var title: String
  /// How many of the strongest edges the page draws before anything is asked.
  public var initialEdges: Int
  public var layout = ForceLayout()

  public init(title: String = "entente", initialEdges: Int = 600) {
    self.title = title
    self.initialEdges = initialEdges
  }

  /// The page.
  public func string(_ graph: RelationshipGraph) throws -> String {
    try fill([
      "CSP": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:",
      "STYLE": "<style>\n" + (try HTMLViewExporter.resource("view.css")) + "\n</style>",
      "SCRIPTS": "<script type=\"application/json\" id=\"graph-data\">" + dataJSON(graph) + "</script>\n<script>\n"
        + (try HTMLViewExporter.resource("vis-network.min.js")) + "\n</script>\n<script>\n" + (try HTMLViewExporter.resource("view.js"))
        + "\n</script>",
    ])
  }

  /// The page `entente serve` serves: the same page, its parts loaded from its own origin
  /// (`view.css`, `vis-network.min.js`, `serve.js`, `view.js`) and the graph fetched from its
  /// JSON API a piece at a time (`serve.js`).
  public func servedPage() throws -> String {
    try fill([
      "CSP": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:",
      "STYLE": "<link rel=\"stylesheet\" href=\"view.css\">",
      "SCRIPTS": "<script src=\"vis-network.min.js\"></script>\n<script src=\"serve.js\"></script>\n<script src=\"view.js\"></script>",
    ])
  }

  private func fill(_ slots: [String: String]) throws -> String {
    let template = try HTMLViewExporter.resource("page.html")
    var parts = slots
    parts["TITLE"] = HTMLViewExporter.escapeHTML(title)
    // Fill the {{NAME}} slots in one pass, so nothing inserted is read as a slot.
    var out = ""
    var rest = template[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      let name = String(rest[open.upperBound..<close.lowerBound])
      guard let value = parts[name] else { throw EntenteError.badData(file: "view/page.html", reason: "unknown slot {{\(name)}}") }
      out += rest[..<open.lowerBound]
      out += value
      rest = rest[close.upperBound...]
    }
    out += rest
    return out
  }

  /// The graph as the page reads it (compact arrays; see `view.js` for the fields):
  /// nodes strongest first (weighted degree, then id), edges strongest first, each sentence
  /// once, and for each evidence record where the two names stand in its sentence (UTF-16
  /// offsets, as JavaScript counts).
  public func dataJSON(_ graph: RelationshipGraph) -> String {
    let weighted = graph.weightedDegrees()
    let nodes = graph.nodes.values.sorted { a, b in
      let (wa, wb) = (weighted[a.id] ?? 0, weighted[b.id] ?? 0)
      return wa != wb ? wa > wb : a.id < b.id
    }
    var index: [String: Int] = [:]
    for (i, n) in nodes.enumerated() { index[n.id] = i }
    let edges = graph.edgesByWeight
    let articleIndex = Dictionary(uniqueKeysWithValues: graph.articles.enumerated().map { ($1, $0) })
    let points = positions(nodes.count, edges.map { (index[$0.source]!, index[$0.target]!, $0.weight) })

    var out = "{\"title\":" + JSONText.string(title)
    out += ",\"initialEdges\":\(initialEdges)"
    out += ",\"types\":[" + EntityType.allCases.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]"
    out += ",\"kinds\":[" + EdgeKind.allCases.map { JSONText.string($0.rawValue) }.joined(separator: ",") + "]"
    out += ",\"articles\":["
    out += graph.articles.map { "[" + JSONText.string($0) + "," + JSONText.string(graph.articleDates[$0] ?? "") + "]" }.joined(separator: ",")
    out += "],\n\"nodes\":["
    let typeIndex = Dictionary(uniqueKeysWithValues: EntityType.allCases.enumerated().map { ($1, $0) })
    for (i, n) in nodes.enumerated() {
      if i > 0 { out += ",\n" }
      out += "[" + JSONText.string(n.name) + ",\(typeIndex[n.type]!),["
      out += n.aliases.map(JSONText.string).joined(separator: ",")
      out += "],\(n.mentions),\(n.articles.count),\(Int(points[i].x.rounded())),\(Int(points[i].y.rounded()))]"
    }
    out += "],\n\"edges\":["
    var sentences: [String] = []
    var sentenceIndex: [String: Int] = [:]
    for (i, e) in edges.enumerated() {
      if i > 0 { out += ",\n" }
      out += "[\(e.kind == .cooccurrence ? 0 : 1),\(index[e.source]!),\(index[e.target]!),\(e.weight),\(e.toneSum),["
      let groups = [names(graph.nodes[e.source]), names(graph.nodes[e.target])]
      for (k, ev) in e.evidence.enumerated() {
        if k > 0 { out += "," }
        let key = "\(ev.article)\u{0}\(ev.sentence)\u{0}\(ev.text)"
        let s: Int
        if let known = sentenceIndex[key] {
          s = known
        } else {
          s = sentences.count
          sentenceIndex[key] = s
          sentences.append("[\(articleIndex[ev.article] ?? -1),\(ev.sentence),\(JSONText.string(ev.text))]")
        }
        let marks = Highlight.matches(groups, in: ev.text).flatMap { m -> [Int] in
          let from = ev.text.utf16.distance(from: ev.text.startIndex, to: m.range.lowerBound)
          return [from, from + ev.text.utf16.distance(from: m.range.lowerBound, to: m.range.upperBound), m.group]
        }
        out += "[\(s),\(JSONText.string(ev.quote ?? "")),\(JSONText.string(ev.cue ?? "")),[\(marks.map(String.init).joined(separator: ","))],"
        out += "\(ev.tone),[" + ev.toneCues.map(JSONText.string).joined(separator: ",") + "]]"
      }
      out += "]]"
    }
    out += "],\n\"sentences\":[\n" + sentences.joined(separator: ",\n") + "]}"
    return out
  }

  private func names(_ node: Node?) -> [String] {
    guard let n = node else { return [] }
    return [n.name] + n.aliases
  }

  /// Positions in page units. The nodes of the first `initialEdges` edges (the core) are laid
  /// out by ``ForceLayout``, each component on its own, spread over a disc whose area grows
  /// with their number. Every other node is placed beside the neighbour it is reached from,
  /// breadth first from the core along the strongest edges (a sunflower of satellites around
  /// each anchor), so what is drawn first reads well and what is revealed lands beside its
  /// neighbours; nodes no path reaches start new anchors outside the core.
  func positions(_ count: Int, _ edges: [(a: Int, b: Int, weight: Int)]) -> [ForceLayout.Point] {
    guard count > 0 else { return [] }
    var coreNodes: [Int] = []
    var inCore = [Int?](repeating: nil, count: count)
    for e in edges.prefix(initialEdges) {
      for n in [e.a, e.b] where inCore[n] == nil {
        inCore[n] = coreNodes.count
        coreNodes.append(n)
      }
    }
    coreNodes.sort()
    for (k, n) in coreNodes.enumerated() { inCore[n] = k }
    let corePoints = layout.packedPositions(
      count: coreNodes.count, edges: edges.prefix(initialEdges).map { (inCore[$0.a]!, inCore[$0.b]!, $0.weight) })
    let rms = (corePoints.reduce(0.0) { $0 + $1.x * $1.x + $1.y * $1.y } / Double(max(1, corePoints.count))).squareRoot()
    let scale = rms > 0 ? 60 * Double(corePoints.count).squareRoot() / rms : 1
    var point = [ForceLayout.Point?](repeating: nil, count: count)
    for (k, n) in coreNodes.enumerated() { point[n] = ForceLayout.Point(x: corePoints[k].x * scale, y: corePoints[k].y * scale) }

    // Neighbours strongest first (edges come strongest first).
    var neighbours = [[Int]](repeating: [], count: count)
    for e in edges where e.a != e.b {
      neighbours[e.a].append(e.b)
      neighbours[e.b].append(e.a)
    }
    var satellites = [Int](repeating: 0, count: count)
    var queue = coreNodes
    var head = 0
    func spread() {
      while head < queue.count {
        let anchor = queue[head]
        head += 1
        guard let at = point[anchor] else { continue }
        for n in neighbours[anchor] where point[n] == nil {
          satellites[anchor] += 1
          let offset = ForceLayout.spiralPoint(satellites[anchor] - 1 + 3, spacing: 16)
          point[n] = ForceLayout.Point(x: at.x + offset.x, y: at.y + offset.y)
          queue.append(n)
        }
      }
    }
    spread()
    let radius = point.compactMap { $0.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() } }.max() ?? 0
    var ring = 0
    for n in 0..<count where point[n] == nil {
      // A new anchor on a spiral outside everything placed so far.
      let p = ForceLayout.spiralPoint(ring + 1, spacing: 40)
      let r = (p.x * p.x + p.y * p.y).squareRoot()
      let s = r > 0 ? (radius + 80 + r) / r : 1
      point[n] = ForceLayout.Point(x: p.x * s, y: p.y * s)
      ring += 1
      queue.append(n)
      spread()
    }
    return point.map { $0! }
  }

  /// A file of the page (`Resources/view/NAME`).
  public static func resource(_ name: String) throws -> String {
    let url = Gazetteer.resourceDirectory.appendingPathComponent("view").appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw EntenteError.notFound(path: "view/\(name) (a bundled resource)")
    }
    return String(decoding: data, as: UTF8.self)
  }

  static func escapeHTML(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}

/// JSON string literals safe to embed in an HTML `<script>` element: besides what JSON
/// requires, `<`, `>`, `&` and the line separators U+2028/U+2029 are written as `\u` escapes,
/// so no `</script>` or `<!--` can appear in the data.
enum JSONText {
  static func string(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", c.value)
      default:
        if c.value < 0x20 {
          out += String(format: "\\u%04x", c.value)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }
}
