import ArgumentParser
import Entente
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a graph for other tools: DOT, JSON, GraphML, GEXF, CSV, Cypher or node-link JSON.",
    discussion: """
      Reads articles (building their graph) or a graph.json written by `entente build`, \
      narrows it with the filters, and writes it to FILE, or to stdout without -o.

        graphml   GraphML with typed attributes (yEd, Gephi, networkx, igraph)
        gexf      GEXF 1.3 (Gephi)
        nodelink  node-link JSON (D3, networkx's node_link_graph)
        csv       FILE-nodes.csv and FILE-edges.csv; on stdout, both, a blank line between
        cypher    CREATE / MATCH … CREATE statements for Neo4j
        dot, json the forms `entente build` writes

      Co-occurrence edges are undirected and quotation edges directed; GraphML and GEXF \
      say so edge by edge. Readers that reject such mixed graphs (networkx) need \
      --all-directed: every edge directed, co-occurrence edges told apart by their kind.

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

  @Flag(name: .long, help: "GraphML and GEXF: write every edge as directed, for readers that reject mixed graphs (networkx).")
  var allDirected = false

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if allDirected, format != .graphml, format != .gexf { throw ValidationError("--all-directed applies to --format graphml and gexf only.") }
    if let o = output, o.isEmpty { throw ValidationError("-o needs a file name.") }
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      let graph = try filters.apply(to: input.graph(&status))
      let directions: EdgeDirections = allDirected ? .directed : .mixed
      guard let target = output, target != "-" else {
        writeStdout(try format.string(graph, directions: directions))
        return
      }
      let name = URL(fileURLWithPath: target).deletingPathExtension().lastPathComponent
      if format == .csv {
        let base = target.hasSuffix(".csv") ? String(target.dropLast(4)) : target
        let csv = CSVExporter()
        let files = [(base + "-nodes.csv", csv.nodes(graph)), (base + "-edges.csv", csv.edges(graph))]
        for (path, text) in files { try AtomicFile.write(text, to: path) }
        writeStdout(Summary.line(graph) + " -> \(files.map(\.0).joined(separator: ", "))\n")
      } else {
        try AtomicFile.write(format.string(graph, graphName: name.isEmpty ? "entente" : name, directions: directions), to: target)
        writeStdout(Summary.line(graph) + " -> \(target)\n")
      }
    }
    try status.finish()
  }
}

extension ExportFormat: ExpressibleByArgument {}
