import ArgumentParser
import Entente
import EntenteRender
import Foundation

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the graph of some articles and write it as DOT, SVG and JSON.",
    discussion: """
      Writes DIR/NAME.dot, DIR/NAME.svg and DIR/NAME.json, then prints a one-line summary.
      The SVG is laid out in-process by Graphviz's library: dot for graphs of up to 150 \
      nodes, sfdp beyond, unless --layout says otherwise.

      Example:
        entente build Fixtures --out Graphs --name fixtures
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "The folder to write to.")
  var out: String = "."

  @Option(name: .long, help: "The base name of the files written.")
  var name: String = "entente"

  @Option(name: .long, help: "Layout engine: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).")
  var layout: LayoutEngine?

  @Flag(name: .long, help: "Write DOT and JSON only, without laying out an SVG.")
  var noRender = false

  @Option(name: .long, help: "The most entities the SVG diagram shows; a larger graph is drawn by its strongest edges, with a note of what was left out.")
  var diagramNodes: Int = 300

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if name.isEmpty || name.contains("/") { throw ValidationError("--name must be a plain file name.") }
    if diagramNodes < 1 { throw ValidationError("--diagram-nodes must be 1 or more.") }
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      let articles = try input.articles(&status)
      let graph = try filters.apply(to: input.pipeline().graph(for: articles, jobs: input.jobs))
      let base = out == "." ? name : (out.hasSuffix("/") ? out + name : out + "/" + name)
      let dot = DOTExporter(graphName: name).string(graph)
      var written = ["dot", "json"]
      // Render first: a layout failure leaves no files half-updated.
      var svg: Data? = nil
      if !noRender {
        // A diagram of thousands of nodes is unreadable and slow to lay out: draw the strongest part.
        let (shown, note) = DiagramPruning.strongest(graph, maxNodes: diagramNodes)
        let engine = layout ?? (shown.nodes.count > 150 ? .sfdp : .dot)
        let diagram = note == nil ? dot : DOTExporter(graphName: name).string(shown, note: note)
        svg = try GraphvizRenderer.shared.render(dot: diagram, layout: engine, format: "svg")
        written.append("svg")
        if let note { FileHandle.standardError.write(Data("entente: the diagram shows the strongest part: \(note)\n".utf8)) }
      }
      try AtomicFile.write(dot, to: base + ".dot")
      try AtomicFile.write(GraphJSON.data(graph), to: base + ".json")
      if let svg { try AtomicFile.write(svg, to: base + ".svg") }
      writeStdout(Summary.line(graph) + " -> \(base).{\(written.joined(separator: ","))}\n")
    }
    try status.finish()
  }
}

/// The strongest part of a graph, for a diagram that stays readable.
enum DiagramPruning {
  /// Edges by weight, strongest first, while their entities fit in `maxNodes`; the note says
  /// what was left out (nil when nothing was).
  static func strongest(_ g: RelationshipGraph, maxNodes: Int) -> (RelationshipGraph, String?) {
    guard g.nodes.count > maxNodes else { return (g, nil) }
    var ids = Set<String>()
    var kept: [Edge] = []
    for e in g.edges.values.sorted(by: { ($1.weight, $0.key) < ($0.weight, $1.key) }) {
      let new = (ids.contains(e.source) ? 0 : 1) + (ids.contains(e.target) ? 0 : 1)
      if ids.count + new > maxNodes { continue }
      ids.insert(e.source)
      ids.insert(e.target)
      kept.append(e)
    }
    let shown = g.subgraph(edges: kept)
    let note = "\(shown.nodes.count) of \(g.nodes.count) entities and \(shown.edges.count) of \(g.edges.count) edges, the strongest (see the DOT and JSON files for all)"
    return (shown, note)
  }
}

enum Summary {
  static func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

  static func line(_ g: RelationshipGraph) -> String {
    var byType: [EntityType: Int] = [:]
    for n in g.nodes.values { byType[n.type, default: 0] += 1 }
    var byKind: [EdgeKind: Int] = [:]
    for e in g.edges.values { byKind[e.kind, default: 0] += 1 }
    let types = [
      plural(byType[.person] ?? 0, "person", "people"), plural(byType[.state] ?? 0, "state", "states"),
      plural(byType[.organization] ?? 0, "organization", "organizations"),
    ]
    let kinds = ["\(byKind[.cooccurrence] ?? 0) co-occurrence", "\(byKind[.quotation] ?? 0) quotation"]
    return "\(plural(g.articles.count, "article", "articles")): \(plural(g.nodes.count, "entity", "entities")) (\(types.joined(separator: ", "))), \(plural(g.edges.count, "edge", "edges")) (\(kinds.joined(separator: ", ")))"
  }
}
