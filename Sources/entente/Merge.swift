import ArgumentParser
import Entente
import EntenteStore
import Foundation

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Merge partial graphs (graph.json, store.sqlite, edges JSON Lines) into one graph.json.",
    discussion: """
      The reduce stage of a distributed build: each input is a graph.json written by build, \
      a store, or the JSON Lines of `entente extract --format edges` (any other file, \
      gzip-compressed if it ends in .gz; a folder of them, as Spark's saveAsTextFile and \
      Hadoop Streaming write; or - for stdin). Weights add up, nodes merge by id, and each edge keeps \
      the evidence of the articles with the smallest ids (--max-evidence of them). The output \
      is sorted, so it does not depend on the order or grouping of the inputs: merging \
      merged graphs gives the same file as merging their parts.

      Examples:
        entente merge part-1.json part-2.json -o graph.json
        entente merge shard-*.edges.jsonl.gz store.sqlite > graph.json
        entente merge spark-output/ -o graph.json
      """)

  @Argument(
    help: """
      Partial graphs: graph.json files, store.sqlite files, edges JSON Lines (any other file: \
      .jsonl, .ndjson, .gz, part-00000…), folders of them (Spark's or Hadoop's output), or - for \
      edges on stdin.
      """)
  var inputs: [String] = []

  @Option(name: [.short, .long], help: "Write the merged graph.json here (atomically) instead of to stdout.")
  var output: String?

  @Option(name: .long, help: "The most evidence records an edge keeps (default \(RelationshipGraph.defaultMaxEvidence); 0: all).")
  var maxEvidence: Int = RelationshipGraph.defaultMaxEvidence

  @Flag(name: .long, help: "Stop at the first bad edges line instead of skipping it.")
  var strict = false

  @Flag(name: .long, help: "Write the -o file even when lines were skipped (by default a run that skipped any leaves it as it was).")
  var partial = false

  @Flag(name: .long, help: "Report and skip bad edges lines without making the exit code 1.")
  var tolerateBadLines = false

  func validate() throws {
    if inputs.isEmpty { throw ValidationError("Give at least one partial graph to merge.") }
    if maxEvidence < 0 { throw ValidationError("--max-evidence must be 0 (all) or more.") }
    if strict, tolerateBadLines { throw ValidationError("--strict and --tolerate-bad-lines cannot go together.") }
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      var merged = RelationshipGraph(maxEvidence: maxEvidence, order: .canonical)
      for input in try Merge.expand(inputs) {
        let lower = input.lowercased()
        let before = merged.articles.count
        var count = 0
        if lower.hasSuffix(".sqlite") || lower.hasSuffix(".json") {
          let part =
            lower.hasSuffix(".sqlite")
            ? try GraphStore(path: input, create: false).graph(resolve: false) : try GraphJSON.read(path: input, partial: true)
          count = part.articles.count
          merged.merge(part)
        } else {
          // Edges lines: .jsonl, .ndjson, .gz, stdin, or a file without extension (part-00000).
          count = try mergeLines(input, into: &merged, &status)
        }
        // An article in two inputs adds up twice: say so.
        let again = before + count - merged.articles.count
        if again > 0 { status.warn("\(input): \(Summary.plural(again, "article was", "articles were")) already merged from another input; counted again") }
      }
      // Partial names are resolved once, on the whole graph.
      let (graph, unresolved) = merged.resolvedKeepingUnresolved()
      merged = RelationshipGraph()
      if let output {
        // The output is never replaced with less than the inputs hold unless asked.
        if graph.articles.isEmpty { throw CLIError("no graph could be read; \(output) left as it was") }
        if status.failed, !partial { throw CLIError("some input could not be read; \(output) left as it was (--partial writes what was read)") }
        try GraphJSONWriter.write(graph, unresolved: unresolved, to: output)
      } else {
        do { try GraphJSONWriter.write(graph, unresolved: unresolved, to: FileHandle.standardOutput) } catch {
          throw CLIError("<stdout>: cannot write: \((error as NSError).localizedDescription)")
        }
      }
    }
    try status.finish()
  }

  /// Merges the graphs of an edges JSON Lines file, a line at a time.
  /// The inputs with folders replaced by the files in them (sorted; hidden files and
  /// Hadoop's `_SUCCESS` markers left out), as Spark and Hadoop write their output.
  static func expand(_ inputs: [String]) throws -> [String] {
    var out: [String] = []
    let fm = FileManager.default
    for input in inputs {
      var isDir: ObjCBool = false
      guard input == "-" || fm.fileExists(atPath: input, isDirectory: &isDir) else { throw EntenteError.notFound(path: input) }
      guard isDir.boolValue else { out.append(input); continue }
      let files = try fm.contentsOfDirectory(atPath: input).filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
      for f in files {
        let path = (input as NSString).appendingPathComponent(f)
        var sub: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &sub), !sub.boolValue { out.append(path) }
      }
    }
    return out
  }

  /// Returns the number of articles read.
  func mergeLines(_ input: String, into merged: inout RelationshipGraph, _ status: inout RunStatus) throws -> Int {
    let lines = try JSONLines(input)
    var bad = 0
    var articles = 0
    while let (line, number) = try lines.next() {
      do {
        let part = try EdgesJSON.read(line, file: "\(lines.name):\(number)")
        articles += part.articles.count
        merged.merge(part)
      } catch let e as EntenteError {
        if strict { throw e }
        bad += 1
        FileHandle.standardError.write(Data("entente: \(e.description)\n".utf8))
      }
    }
    if bad > 0 {
      let message = "\(lines.name): \(Summary.plural(bad, "line", "lines")) skipped"
      if tolerateBadLines { FileHandle.standardError.write(Data("entente: \(message)\n".utf8)) } else { status.warn(message) }
    }
    return articles
  }
}
