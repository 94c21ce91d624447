import ArgumentParser
import Entente
import Foundation

struct View: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write one self-contained HTML page to explore a graph in a browser.",
    discussion: """
      Reads articles (building their graph), a graph.json or a store, narrows it with the \
      filters, and writes FILE.html: pan and zoom, search by name or alias, click a node for \
      its neighbourhood and edges, an edge for its evidence; filter by type, kind, date and \
      weight. The page works offline and fetches nothing. It draws the strongest edges first \
      (--initial-edges) and reveals the rest on demand.

      Examples:
        entente view Graphs/fixtures.json -o fixtures.html
        entente view graph.sqlite --min-weight 2 -o view.html
      """)

  @OptionGroup var input: InputOptions

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write (default: the input's name with .html, in the current folder; - for stdout).", valueName: "file"))
  var output: String?

  @Option(name: .long, help: ArgumentHelp("How many of the strongest edges the page draws at first.", valueName: "N"))
  var initialEdges: Int = 600

  @Option(name: .long, help: "The page's title (default: the input's name).")
  var title: String?

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if initialEdges < 1 { throw ValidationError("--initial-edges must be 1 or more.") }
    if let o = output, o.isEmpty { throw ValidationError("-o needs a file name.") }
  }

  /// The input's name without its extension ("fixtures" for Graphs/fixtures.json).
  var inputName: String {
    guard input.inputs.count == 1, input.inputs[0] != "-" else { return "entente" }
    var url = URL(fileURLWithPath: input.inputs[0]).standardizedFileURL
    while ["gz", "json", "jsonl", "ndjson", "sqlite", "txt"].contains(url.pathExtension.lowercased()) { url.deletePathExtension() }
    let name = url.lastPathComponent
    return name.isEmpty || name == "/" ? "entente" : name
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      let graph = try filters.apply(to: input.graph(&status))
      let page = try HTMLViewExporter(title: title ?? inputName, initialEdges: initialEdges).string(graph)
      let target = output ?? inputName + ".html"
      if target == "-" {
        writeStdout(page)
      } else {
        try AtomicFile.write(page, to: target)
        writeStdout(Summary.line(graph) + " -> \(target)\n")
      }
    }
    try status.finish()
  }
}
