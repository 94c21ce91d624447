import ArgumentParser
import Entente
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a graph for other tools: DOT, JSON, GraphML, GEXF, CSV, Cypher or node-link JSON.",
    discussion: """
      Reads articles (building their graph) or a graph.json written by `entente build`, \
      narrows it with the filters, and writes it to FILE, or to stdout without -o.

        graphml   GraphML with typed attributes (Gephi, yEd, networkx, igraph)
        gexf      GEXF 1.3 (Gephi, networkx)
        nodelink  node-link JSON (networkx's node_link_graph, D3)
        csv       FILE-nodes.csv and FILE-edges.csv; on stdout, both, a blank line between
        cypher    constraints, then UNWIND … MERGE batches for Neo4j
        dot, json the forms `entente build` writes (DOT without the diagram's legend)

      GraphML, GEXF and node-link JSON are directed graphs in which a co-occurrence \
      edge is written twice, once each way, and every edge has its kind: networkx, \
      igraph and Gephi read them as they are. --mixed writes each co-occurrence once, \
      as an undirected edge beside the directed quotation edges (Gephi and yEd read \
      that; networkx refuses it). --links names node-link JSON's edge list `links`, \
      as networkx before 3.6 reads it, instead of `edges`.

      Examples:
        entente export Fixtures --format graphml -o fixtures.graphml
        entente export Graphs/fixtures.json --format csv -o out/fixtures
        entente export Graphs/fixtures.json --format cypher --ego putin --depth 2
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Output format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: ExportFormat

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write (- or nothing: stdout). For csv, the base name of FILE-nodes.csv and FILE-edges.csv.", valueName: "file"))
  var output: String?

  @Flag(name: .long, help: "GraphML, GEXF and node-link: write each co-occurrence once, undirected, beside the directed quotation edges (networkx refuses such graphs).")
  var mixed = false

  @Flag(name: .long, help: "Node-link: name the edge list `links` (networkx before 3.6) instead of `edges`.")
  var links = false

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if mixed, ![.graphml, .gexf, .nodelink].contains(format) { throw ValidationError("--mixed applies to --format graphml, gexf and nodelink only.") }
    if links, format != .nodelink { throw ValidationError("--links applies to --format nodelink only.") }
    if let o = output, o.isEmpty { throw ValidationError("-o needs a file name.") }
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      let graph = try filters.apply(to: input.graph(&status))
      let directions: EdgeDirections = mixed ? .mixed : .reciprocal
      let edgesKey: NodeLinkExporter.EdgesKey = links ? .links : .edges
      guard let target = output, target != "-" else {
        writeStdout(try format.string(graph, directions: directions, edgesKey: edgesKey))
        return
      }
      let name = URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent
      if format == .csv {
        let base = target.hasSuffix(".csv") ? String(target.dropLast(4)) : target
        let csv = CSVExporter()
        let files = [(base + "-nodes.csv", csv.nodes(graph)), (base + "-edges.csv", csv.edges(graph))]
        // The nodes and edges files replace the previous ones together.
        let set = OutputSet()
        for (path, text) in files { try set.write(text, to: path) }
        try set.commit()
        writeStdout(Summary.line(graph) + " -> \(files.map(\.0).joined(separator: ", "))\n")
      } else {
        try AtomicFile.write(format.string(graph, graphName: name.isEmpty ? "entente" : name, directions: directions, edgesKey: edgesKey), to: target)
        writeStdout(Summary.line(graph) + " -> \(target)\n")
      }
    }
    try status.finish()
  }
}

extension ExportFormat: ExpressibleByArgument {}
