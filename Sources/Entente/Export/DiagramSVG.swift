import Foundation

/// Draws a ``Diagram`` as SVG without Graphviz: positions from ``ForceLayout``, straight
/// edges, the same colours, sizes, tooltips (`<title>`) and caption as ``DiagramDOT``.
///
/// The fallback when Graphviz's layout runs past its time: Graphviz cannot be stopped
/// mid-layout, and while it runs it holds the renderer, so the fallback must not need it. Its
/// cost is ``ForceLayout``'s, about linear in the size drawn.
public enum DiagramSVG {
  public static func string(_ d: Diagram, note: String? = nil) -> String {
    let h = DiagramStyle.html
    let nodes = d.graph.sortedNodes
    var index: [String: Int] = [:]
    // Laid out strongest first (they end up in the middle).
    let order = nodes.indices.sorted { (nodes[$1].mentions, $0) < (nodes[$0].mentions, $1) }
    for (i, n) in order.enumerated() { index[nodes[n].id] = i }
    let edges = d.graph.sortedEdges
    let links = edges.compactMap { e -> (a: Int, b: Int, weight: Int)? in
      guard let a = index[e.source], let b = index[e.target] else { return nil }
      return (a, b, e.weight)
    }
    let raw = ForceLayout(iterations: 200).positions(count: nodes.count, edges: links)
    // Scaled to about 90 pixels a node along each side of a square.
    let xs = raw.map(\.x), ys = raw.map(\.y)
    let (minX, maxX, minY, maxY) = (xs.min() ?? 0, xs.max() ?? 0, ys.min() ?? 0, ys.max() ?? 0)
    let side = max(400, 150 * Double(nodes.count).squareRoot())
    let scale = side / max(maxX - minX, maxY - minY, 1e-9)
    let most = nodes.map(\.mentions).max() ?? 0
    // Room for the widest label beside the outermost entities.
    let margin = 30 + (nodes.map { DiagramStyle.fontSize(mentions: $0.mentions, most: most) * Double($0.name.count) * 0.35 + 20 }.max() ?? 0)
    let lines = d.lines + (note.map { [$0] } ?? [])
    let key = "Entities: ellipse, person; box, state; hexagon, organization; colour, community; size, mentions. Edges: solid, named in one sentence; dashed, quoted about; colour: red conflictual, green cooperative, grey neutral"
    let captionHeight = 40 + 18 * Double(lines.count + min(d.communityNames.count, DiagramStyle.communityColors.count) + 1)
    func point(_ i: Int) -> (Double, Double) {
      (margin + (raw[i].x - minX) * scale, captionHeight + margin + (raw[i].y - minY) * scale)
    }
    let width = max(side + 2 * margin, 20 + 6.5 * Double((lines + [key]).map(\.count).max() ?? 0))
    let height = captionHeight + side + 2 * margin
    let f = { (v: Double) in String(format: "%.1f", v) }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica,Arial,sans-serif\">\n"
    out += "<title>\(h(d.title))</title>\n"
    out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    out += "<text x=\"20\" y=\"36\" font-size=\"22\" font-weight=\"bold\">\(h(d.title))</text>\n"
    var y = 58.0
    for line in lines {
      out += "<text x=\"20\" y=\"\(f(y))\" font-size=\"12\" fill=\"#333333\">\(h(line))</text>\n"
      y += 18
    }
    for (c, names) in d.communityNames.prefix(DiagramStyle.communityColors.count).enumerated() {
      let more = d.communitySizes[c] > names.count ? " and \(d.communitySizes[c] - names.count) more" : ""
      out += "<text x=\"20\" y=\"\(f(y))\" font-size=\"12\"><tspan fill=\"\(DiagramStyle.color(community: c))\">■</tspan> \(h(names.joined(separator: ", ") + more))</text>\n"
      y += 18
    }
    out += "<text x=\"20\" y=\"\(f(y))\" font-size=\"11\" fill=\"#333333\">\(h(key))</text>\n"
    let heaviest = edges.map(\.weight).max() ?? 1
    out += "<g fill=\"none\">\n"
    for e in edges {
      guard let a = index[e.source], let b = index[e.target] else { continue }
      let (x1, y1) = point(a), (x2, y2) = point(b)
      let color = DiagramStyle.edgeColor(tone: e.toneClass)
      let rgb = String(color.prefix(7)), alpha = Double(Int(color.dropFirst(7), radix: 16) ?? 255) / 255
      let dash = e.kind == .quotation ? " stroke-dasharray=\"5,3\"" : ""
      out += "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(rgb)\" stroke-opacity=\"\(String(format: "%.2f", alpha))\" stroke-width=\"\(f(DiagramStyle.penWidth(weight: e.weight, most: heaviest)))\"\(dash)><title>\(h(DOTExporter.tooltip(e)))</title></line>\n"
      if d.labelledEdges.contains(e.key) {
        out += "<text x=\"\(f((x1 + x2) / 2))\" y=\"\(f((y1 + y2) / 2))\" font-size=\"10\" fill=\"\(DOTExporter.color(tone: e.toneClass))\">\(e.weight)</text>\n"
      }
    }
    out += "</g>\n"
    for node in nodes {
      let (x, y) = point(index[node.id]!)
      let size = DiagramStyle.fontSize(mentions: node.mentions, most: most)
      let w = 0.3 * size * Double(node.name.count) + 8, hh = 0.7 * size + 4
      let fill = DiagramStyle.color(community: d.community[node.id])
      let shape: String
      switch node.type {
      case .person:
        shape = "<ellipse cx=\"\(f(x))\" cy=\"\(f(y))\" rx=\"\(f(w * 1.15))\" ry=\"\(f(hh))\""
      case .state:
        shape = "<rect x=\"\(f(x - w))\" y=\"\(f(y - hh))\" width=\"\(f(2 * w))\" height=\"\(f(2 * hh))\" rx=\"4\""
      case .organization:
        let p = [(x - w - hh / 2, y), (x - w, y - hh), (x + w, y - hh), (x + w + hh / 2, y), (x + w, y + hh), (x - w, y + hh)]
        shape = "<polygon points=\"\(p.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\""
      }
      out += "<g>\(shape) fill=\"\(fill)\" stroke=\"#555555\" stroke-width=\"0.8\"/>"
      out += "<text x=\"\(f(x))\" y=\"\(f(y + size * 0.35))\" font-size=\"\(f(size))\" text-anchor=\"middle\">\(h(node.name))</text>"
      out += "<title>\(h(DOTExporter.tooltip(node)))</title></g>\n"
    }
    out += "</svg>\n"
    return out
  }
}
