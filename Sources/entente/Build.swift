import ArgumentParser
import Entente
import EntenteRender
import EntenteStore
import Foundation

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the graph of some articles and write it as DOT, SVG and JSON.",
    discussion: """
      Writes DIR/NAME.dot, DIR/NAME.svg and DIR/NAME.json, then prints a one-line summary.
      The SVG, a diagram of at most --diagram-nodes entities (the strongest of each \
      community), is laid out in-process by Graphviz's library once DOT and JSON are \
      written: neato with edges routed around entities for small diagrams, fdp with \
      straight edges beyond, unless --layout says otherwise. Past --layout-budget seconds, \
      it is drawn with straight edges by Entente's own layout instead, with a note.

      With --store S.sqlite, the graph is also kept in an SQLite store that grows run by run: \
      articles whose id is already in it are skipped, the new ones are analysed and merged \
      in (in one transaction: a failed or killed run leaves the store as it was), and the \
      files written show the whole stored graph.

      Examples:
        entente build Fixtures --out Graphs --name fixtures
        entente build corpus.jsonl.gz --store graph.sqlite --out Graphs --no-render
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

  @Option(name: .long, help: "The most entities the SVG diagram shows; a larger graph is drawn by the strongest edges of each of its communities, with a note of what was left out.")
  var diagramNodes: Int = 150

  @Option(name: .long, help: "The diagram's title (default: --name).")
  var title: String?

  @Option(name: .long, help: ArgumentHelp("Seconds Graphviz may take to lay the diagram out; past them, it is drawn with straight edges by Entente's own layout, with a note.", valueName: "seconds"))
  var layoutBudget: Double = 30

  @Option(name: .long, help: "An SQLite store (created if missing) to add the new articles to; the files written show the whole stored graph.")
  var store: String?

  /// New articles merged in memory between two writes to the store (within its one
  /// transaction).
  @Option(name: .long, help: .hidden)
  var storeBatch: Int = 1024

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if name.isEmpty || name.contains("/") { throw ValidationError("--name must be a plain file name.") }
    if diagramNodes < 1 { throw ValidationError("--diagram-nodes must be 1 or more.") }
    if !(layoutBudget >= 0) || !layoutBudget.isFinite { throw ValidationError("--layout-budget must be 0 or more seconds.") }
    if storeBatch < 1 { throw ValidationError("--store-batch must be 1 or more.") }
  }

  /// The partial graph to write (partial names not yet resolved): read back (a graph.json or
  /// store given alone), built from the articles, or grown in the store and read from it.
  func buildGraph(_ status: inout RunStatus) throws -> RelationshipGraph {
    guard let store else { return try input.partialGraph(&status) }
    if input.graphInput != nil { throw CLIError("\(input.inputs[0]): give articles to add to the store, not a graph") }
    let s = try GraphStore(path: store, create: true, maxEvidence: input.maxEvidence)
    s.flushEvery = storeBatch
    if let k = input.maxEvidence, k != s.maxEvidence {
      throw CLIError("\(store): the store keeps \(s.maxEvidence == 0 ? "all" : "at most \(s.maxEvidence)") evidence records per edge; --max-evidence \(k) cannot change that")
    }
    let progress = ProgressLine(quiet: input.quiet)
    defer { progress.clear() }
    let reader = input.reader(progress)
    let added = try s.add(
      reader, pipeline: input.pipeline(), jobs: input.threads, progress: { progress.update(articles: $0) },
      beforeCommit: {
        // A strict run that met a bad line adds nothing.
        if let e = reader.stopped { throw CLIError(e.description) }
      })
    progress.clear()
    try input.finish(reader, &status, allowEmpty: added.alreadyStored > 0)
    if !input.quiet {
      let note = "\(store): \(Summary.plural(added.added, "new article", "new articles")) added" + (added.alreadyStored > 0 ? ", \(added.alreadyStored) already in the store" : "")
      FileHandle.standardError.write(Data("entente: \(note)\n".utf8))
    }
    return try s.graph(resolve: false)
  }

  /// The corpus as the diagram's caption names it: the inputs' file names, or the store's.
  var corpusName: String {
    let names = (store.map { [$0] } ?? input.inputs).map { $0 == "-" ? "standard input" : URL(fileURLWithPath: $0).lastPathComponent }
    return names.count > 3 ? names.prefix(3).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      // Partial names are resolved once, on the whole graph; graph.json also keeps what that
      // changed, so that it merges with other partial graphs exactly (not when filtered).
      let (whole, unresolved) = try buildGraph(&status).resolvedKeepingUnresolved()
      let graph = try filters.apply(to: whole)
      let partial = graph == whole ? unresolved : UnresolvedNames()
      KeptUntilExit.keep((whole, graph, partial))
      let base = out == "." ? name : (out.hasSuffix("/") ? out + name : out + "/" + name)
      // DOT and JSON replace the previous run's together, and its SVG goes with them (it
      // would show another graph); the new SVG follows once laid out.
      let files = OutputSet()
      // The DOT file is the graph alone; the legend belongs to the diagram.
      // The two files are written at once, on this thread and one other (as the articles
      // were read on this thread and analysed on others).
      try GraphFiles.write(
        graph, unresolved: partial, dot: DOTExporter(graphName: name, includeLegend: false), dotPath: base + ".dot",
        jsonPath: base + ".json", into: files)
      files.remove(base + ".svg")
      try files.commit()
      var written = ["dot", "json"]
      if !noRender {
        let options = Diagram.Options(maxNodes: diagramNodes, title: title ?? name, corpus: corpusName)
        let diagram = DiagramOutput(options: options, engine: layout, budget: layoutBudget, quiet: input.quiet)
        let (svg, messages) = try diagram.svg(graph)
        try AtomicFile.write(svg, to: base + ".svg")
        written.append("svg")
        if !input.quiet { messages.forEach { FileHandle.standardError.write(Data("entente: \($0)\n".utf8)) } }
      }
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
