/// How a diagram is laid out: a Graphviz engine and its edge routing (`splines`), chosen by
/// the size of what is drawn so that the layout's cost stays that of the engine itself.
///
/// Measured by `scripts/bench-layout` on parts of a real corpus graph (README): routing
/// edges around entities (`splines=true`, `ortho`, `polyline`) took neato and fdp 15 s on
/// 117 entities and 150 edges, and grows much faster than the graph; `curved` can recurse
/// without end in some Graphviz versions; straight lines (`line`) cost little beyond the
/// layout. fdp with straight lines was the fastest engine at every size (under 1 s at 500
/// edges, 4 s at 2,000, when neato and sfdp took 5 s at 500 and more than 20 s at 2,000),
/// and neato gives the most even pictures of small graphs.
public struct DiagramLayout: Sendable, Equatable, CustomStringConvertible {
  /// The Graphviz layout engine: "neato", "fdp", …
  public var engine: String
  /// Graphviz's `splines`: "true" (around entities), "line" (straight), …
  public var splines: String

  public init(engine: String, splines: String) {
    self.engine = engine
    self.splines = splines
  }

  /// The layout of a diagram of `nodes` entities and `edges` edges: neato with edges routed
  /// around entities while entities × edges is at most ``routedLimit`` (a bounded cost),
  /// fdp with straight edges beyond.
  public static func choose(nodes: Int, edges: Int) -> DiagramLayout {
    nodes * edges <= routedLimit ? DiagramLayout(engine: "neato", splines: "true") : DiagramLayout(engine: "fdp", splines: "line")
  }

  /// Entities × edges up to which edges are routed around entities (the fixtures' 35 × 142
  /// take about a second).
  public static let routedLimit = 8_000

  public var description: String { "\(engine) with splines=\(splines)" }
}

/// The colours of a diagram: communities fill the entities, tone colours the edges.
public enum DiagramStyle {
  /// Paul Tol's "light" qualitative scheme: distinguishable with the common colour-vision
  /// deficiencies, and light enough for black labels. The ninth and later communities are
  /// grey.
  public static let communityColors = ["#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00"]
  public static let otherColor = "#DDDDDD"

  public static func color(community: Int?) -> String {
    guard let c = community, c < communityColors.count else { return otherColor }
    return communityColors[c]
  }

  /// An edge's colour: its tone's (``DOTExporter/color(tone:)``), neutral ones half
  /// transparent so that the toned ones stand out.
  public static func edgeColor(tone: Int) -> String {
    DOTExporter.color(tone: tone) + (tone == 0 ? "99" : "dd")
  }

  /// The shape of each entity type (its colour is its community's).
  public static func shape(_ type: EntityType) -> [String: String] {
    switch type {
    case .person: return ["shape": "ellipse", "style": "filled"]
    case .state: return ["shape": "box", "style": "filled,rounded"]
    case .organization: return ["shape": "hexagon", "style": "filled"]
    }
  }

  /// A label's size, 9 to 22 points, by the square root of the entity's share of the most
  /// mentions drawn.
  public static func fontSize(mentions: Int, most: Int) -> Double {
    let r = most > 0 ? Double(max(0, mentions)) / Double(most) : 0
    return 9 + 13 * r.squareRoot()
  }

  /// An edge's pen width, 0.7 to 5, by the square root of its weight's share of the
  /// heaviest.
  public static func penWidth(weight: Int, most: Int) -> Double {
    guard most > 1 else { return 1 }
    let r = Double(max(0, weight - 1)) / Double(most - 1)
    return 0.7 + 4.3 * min(1, r).squareRoot()
  }

  /// Escapes text for an HTML-like Graphviz label (and XML): `&`, `<`, `>`, `"`, and the
  /// characters no XML can hold as U+FFFD.
  public static func html(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\t", "\r": out += " "
      default:
        if c.value < 0x20 || c.value == 0x7F || c.value == 0xFFFE || c.value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out
  }
}

/// Writes a ``Diagram`` as DOT for Graphviz to lay out: entities shaped by type, filled with
/// their community's colour and sized by mentions; edges coloured by tone, as thick as their
/// weight, the strongest few labelled; tooltips on every entity and edge (the edge's weight
/// and first evidence); a caption with the title, corpus, dates, counts, what was left out,
/// the communities and a key. No legend nodes: the caption is the graph's own label, which
/// every engine places.
public struct DiagramDOT: Sendable {
  public var layout: DiagramLayout
  /// Wrap labels longer than this many characters onto several lines.
  public var labelWidth = 18

  public init(layout: DiagramLayout) {
    self.layout = layout
  }

  /// The DOT text; `note` adds a line to the caption.
  public func string(_ d: Diagram, note: String? = nil) -> String {
    let q = DOTExporter.quoted
    let attrs = DOTExporter.attributes
    var out = "digraph \(q(d.title)) {\n"
    let graphAttrs = [
      "fontname": "Helvetica", "layout": layout.engine, "splines": layout.splines, "overlap": "false",
      "sep": "+8", "outputorder": "edgesfirst", "pack": "true", "labelloc": "t", "labeljust": "l",
      "bgcolor": "white", "pad": "0.3",
    ]
    out += "  graph [\(attrs(graphAttrs)), label=\(caption(d, note: note))];\n"
    out += "  node [\(attrs(["fontname": "Helvetica", "color": "#555555", "penwidth": "0.8", "margin": "0.06,0.03"]))];\n"
    out += "  edge [\(attrs(["fontname": "Helvetica-Bold", "fontsize": "12", "arrowsize": "0.6"]))];\n"
    let nodes = d.graph.sortedNodes
    let most = nodes.map(\.mentions).max() ?? 0
    let wrapper = DOTExporter(labelWidth: labelWidth)
    for node in nodes {
      var a = DiagramStyle.shape(node.type)
      a["fillcolor"] = DiagramStyle.color(community: d.community[node.id])
      a["fontsize"] = DOTExporter.format2(DiagramStyle.fontSize(mentions: node.mentions, most: most))
      a["label"] = wrapper.wrap(node.name.isEmpty ? " " : node.name)
      a["tooltip"] = DOTExporter.tooltip(node)
      out += "  \(q(node.id)) [\(attrs(a))];\n"
    }
    let edges = d.graph.sortedEdges
    let heaviest = edges.map(\.weight).max() ?? 1
    for e in edges {
      var a = DOTExporter.style(e.kind)
      a["color"] = DiagramStyle.edgeColor(tone: e.toneClass)
      a["penwidth"] = DOTExporter.format2(DiagramStyle.penWidth(weight: e.weight, most: heaviest))
      a["tooltip"] = DOTExporter.tooltip(e)
      if d.labelledEdges.contains(e.key) {
        a["label"] = String(e.weight)
        a["fontcolor"] = DOTExporter.color(tone: e.toneClass)
      }
      out += "  \(q(e.source)) -> \(q(e.target)) [\(attrs(a))];\n"
    }
    out += "}\n"
    return out
  }

  /// The caption as an HTML-like label: title, lines, communities and the key, one cell a
  /// line. Graphviz places the differently coloured pieces of a line by its own estimate of
  /// their widths, which browsers do not match: so a coloured piece is short and comes
  /// first, long text last.
  func caption(_ d: Diagram, note: String?) -> String {
    let h = DiagramStyle.html
    func row(_ content: String, size: Int = 13, color: String = "#333333") -> String {
      "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(size)\" COLOR=\"\(color)\">\(content)</FONT></TD></TR>"
    }
    func chip(_ color: String) -> String { "<FONT COLOR=\"\(color)\">■</FONT>" }
    var rows = ["<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"24\"><B>\(h(d.title))</B></FONT></TD></TR>"]
    for line in d.lines + (note.map { [$0] } ?? []) { rows.append(row(h(line))) }
    for (c, names) in d.communityNames.prefix(DiagramStyle.communityColors.count).enumerated() {
      let more = d.communitySizes[c] > names.count ? " and \(d.communitySizes[c] - names.count) more" : ""
      rows.append(row(chip(DiagramStyle.color(community: c)) + " " + h(names.joined(separator: ", ") + more), color: "#000000"))
    }
    if d.communityNames.count > DiagramStyle.communityColors.count {
      let n = d.communityNames.count - DiagramStyle.communityColors.count
      rows.append(row(chip(DiagramStyle.otherColor) + " " + h(Diagram.plural(n, "smaller community", "smaller communities")), color: "#000000"))
    }
    rows.append(row("Entities: ellipse, person; box, state; hexagon, organization; colour, community; size, mentions"))
    rows.append(row("Edges: solid, named in one sentence; dashed arrow, quoted about; thickness, weight; colour, tone:"))
    rows.append(row([-1, 1, 0].map { chip(DOTExporter.color(tone: $0)) + " " + Tone.name($0) }.joined(separator: "    "), color: "#000000"))
    return "<<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">" + rows.joined() + "</TABLE>>"
  }
}
