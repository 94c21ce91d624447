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

  func validate() throws {
    if name.isEmpty || name.contains("/") { throw ValidationError("--name must be a plain file name.") }
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      let articles = try input.articles(&status)
      let graph = try input.pipeline().graph(for: articles, jobs: input.jobs)
      let base = out == "." ? name : (out.hasSuffix("/") ? out + name : out + "/" + name)
      let dot = DOTExporter(graphName: name).string(graph)
      var written = ["dot", "json"]
      // Render first: a layout failure leaves no files half-updated.
      var svg: Data? = nil
      if !noRender {
        let engine = layout ?? (graph.nodes.count > 150 ? .sfdp : .dot)
        svg = try GraphvizRenderer.shared.render(dot: dot, layout: engine, format: "svg")
        written.append("svg")
      }
      try AtomicFile.write(dot, to: base + ".dot")
      try AtomicFile.write(GraphJSON.data(graph), to: base + ".json")
      if let svg { try AtomicFile.write(svg, to: base + ".svg") }
      writeStdout(Summary.line(graph) + " -> \(base).{\(written.joined(separator: ","))}\n")
    }
    try status.finish()
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
