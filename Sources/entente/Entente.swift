import ArgumentParser
import Entente
import EntenteRender
import EntenteStore
import Foundation

@main
struct EntenteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entente",
    abstract: "Build relationship graphs of the people, states and organizations in news articles.",
    discussion: """
      Entente reads news articles (UTF-8 text files, folders of them, or - for stdin), finds \
      the people, states and organizations they name, and links them: co-occurrence edges \
      for entities named in the same sentence, quotation edges from a speaker to what their \
      quote names. Every edge keeps its evidence.

      Examples:
        entente build Fixtures --out Graphs --name fixtures
        entente edges Graphs/fixtures.json --node putin
        entente extract Fixtures --format jsonl
        entente build corpus.jsonl.gz --store graph.sqlite --no-render
        entente merge part-*.json -o graph.json
        entente render Graphs/fixtures.dot -o graph.svg --layout neato
        entente view Graphs/fixtures.json -o fixtures.html
        entente serve graph.sqlite
      """,
    version: "0.1.0",
    subcommands: [Build.self, Extract.self, Merge.self, Edges.self, Quotes.self, Render.self, Export.self, Nodes.self, Stats.self, Explain.self, Tagger.self, View.self, Serve.self]
  )

  static func main() {
    // Temporary output files go with the process when it is interrupted.
    OutputSet.removeOnSignals()
    main(nil)
  }
}

/// Inputs and the options every command that reads articles shares.
struct InputOptions: ParsableArguments {
  @Argument(
    help: """
      Article files (.txt), JSON Lines corpora (.jsonl, .ndjson, optionally .gz: one article a \
      line with id and text), folders of them (read recursively), - for stdin, or a single \
      graph.json or store.sqlite.
      """)
  var inputs: [String] = []

  @Option(name: .long, help: "A JSON entity file adding entities and aliases, or blocking false names.")
  var entities: String?

  @Option(name: .long, help: "Weights of the learned name tagger that names what the rules leave open: `bundled` (the default: the weights Entente ships), a file from `entente tagger train`, or `none` (the rules alone).")
  var tagger: String?

  @Option(
    name: .long,
    help: "Threads to analyse articles on (default: the number of cores; 1 when the input is - alone, as in a map task). Output is the same for any number.")
  var jobs: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "How - (stdin) is read: jsonl (one article a line), text (one article), or auto: JSON Lines if it starts with {, else text (default: jsonl for extract --format edges, auto otherwise).",
      valueName: "format"))
  var stdinFormat: ArticleReader.StdinFormat?

  @Flag(name: .long, help: "Report and skip bad corpus lines without making the exit code 1.")
  var tolerateBadLines = false

  @Option(name: .long, help: "The most evidence records an edge keeps, the earliest (default \(RelationshipGraph.defaultMaxEvidence); 0: all). Weights stay exact.")
  var maxEvidence: Int?

  @Flag(name: .long, help: "Stop at the first bad corpus line or unreadable input (exit 1) instead of skipping it.")
  var strict = false

  @Flag(name: .long, help: "No progress line on stderr (it is only shown on a terminal anyway).")
  var quiet = false

  mutating func validate() throws {
    if inputs.isEmpty { throw ValidationError("Give at least one input: a file, a folder, - for stdin, or a graph.json.") }
    if let j = jobs, j < 1 { throw ValidationError("--jobs must be 1 or more.") }
    if strict, tolerateBadLines { throw ValidationError("--strict and --tolerate-bad-lines cannot go together.") }
    if let k = maxEvidence, k < 0 { throw ValidationError("--max-evidence must be 0 (all) or more.") }
  }

  /// The threads to analyse on: --jobs, else one for stdin alone (a map task, with other
  /// tasks on the other cores), else all cores.
  var threads: Int { jobs ?? (inputs == ["-"] ? 1 : Parallel.defaultJobs) }

  /// The evidence cap asked for (the default unless --max-evidence is given).
  var evidenceLimit: Int { maxEvidence ?? RelationshipGraph.defaultMaxEvidence }

  func pipeline() throws -> Pipeline {
    var p: Pipeline
    let model = try TaggerModel.load(option: tagger ?? "bundled")
    if let path = entities {
      p = Pipeline(gazetteer: try Gazetteer.with(EntityFile.load(path)), tagger: model)
    } else {
      p = Pipeline(gazetteer: try Gazetteer.loadBundled(), tagger: model)
    }
    p.maxEvidence = evidenceLimit
    return p
  }

  /// A streaming reader of the inputs; problems are printed as they are met (clearing the
  /// progress line first).
  func reader(_ progress: ProgressLine, stdinFormat defaultFormat: ArticleReader.StdinFormat = .auto) -> ArticleReader {
    let reader = ArticleReader(
      inputs, strict: strict, stdinFormat: stdinFormat ?? defaultFormat, onProblem: { progress.warn($0.description) })
    progress.attach(reader)
    return reader
  }

  /// After a reader is done: fails on a strict stop or when nothing could be read, and
  /// otherwise counts what was skipped (which makes the exit code 1).
  func finish(_ reader: ArticleReader, _ status: inout RunStatus, allowEmpty: Bool = false) throws {
    if let e = reader.stopped { throw CLIError(e.description) }
    let skipped = reader.skippedLines + reader.skippedInputs
    if reader.articlesRead == 0, !allowEmpty {
      throw CLIError(skipped == 0 ? "no articles to read" : "no articles could be read")
    }
    guard skipped > 0 else { return }
    var what: [String] = []
    if reader.skippedLines > 0 { what.append(Summary.plural(reader.skippedLines, "line", "lines")) }
    if reader.skippedInputs > 0 { what.append(Summary.plural(reader.skippedInputs, "input", "inputs")) }
    let n = reader.articlesRead
    let message = "\(what.joined(separator: " and ")) skipped; the other \(n) article\(n == 1 ? " was" : "s were") processed"
    if tolerateBadLines, reader.skippedInputs == 0 {
      FileHandle.standardError.write(Data("entente: \(message)\n".utf8))
    } else {
      status.warn(message)
    }
  }

  /// Reads the articles; problems are reported on stderr and remembered for the exit code.
  func articles(_ status: inout RunStatus) throws -> [Article] {
    let progress = ProgressLine(quiet: true)
    let r = reader(progress)
    let all = Array(r)
    try finish(r, &status)
    return all
  }

  /// The single input, when it is a graph rather than articles: a graph.json or a store.
  var graphInput: String? {
    guard inputs.count == 1 else { return nil }
    let p = inputs[0].lowercased()
    return p.hasSuffix(".json") || p.hasSuffix(".sqlite") ? inputs[0] : nil
  }

  /// Reads a graph.json or a store (read as the graph of all its articles).
  static func readGraph(_ path: String) throws -> RelationshipGraph {
    path.lowercased().hasSuffix(".sqlite") ? try GraphStore.read(path: path) : try GraphJSON.read(path: path)
  }

  /// A graph from articles (streamed, with a progress line on a terminal), or read back
  /// from a single graph.json or store.sqlite: as it is written out (partial names resolved).
  func graph(_ status: inout RunStatus) throws -> RelationshipGraph {
    if let path = graphInput { return try InputOptions.readGraph(path) }
    return try partialGraph(&status).resolved()
  }

  /// The partial graph (partial names not yet resolved) of the articles, or of a single
  /// graph.json or store.sqlite.
  func partialGraph(_ status: inout RunStatus) throws -> RelationshipGraph {
    if let path = graphInput {
      return path.lowercased().hasSuffix(".sqlite")
        ? try GraphStore(path: path, create: false).graph(resolve: false) : try GraphJSON.read(path: path, partial: true)
    }
    let progress = ProgressLine(quiet: quiet)
    defer { progress.clear() }
    let r = reader(progress)
    let g = try pipeline().graph(from: r, jobs: threads, resolve: false) { progress.update(articles: $0) }
    progress.clear()
    try finish(r, &status)
    return g
  }
}

/// Warnings seen during a run: any of them makes the exit code 1 at the end.
struct RunStatus {
  var failed = false

  mutating func warn(_ message: String) {
    failed = true
    FileHandle.standardError.write(Data("entente: \(message)\n".utf8))
  }

  func finish() throws {
    if failed { throw ExitCode.failure }
  }
}

/// A user-facing failure: printed as one line, exit code 1.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// Runs a command body, turning Entente's errors into one line on stderr and exit code 1.
func reporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let e as EntenteError {
    FileHandle.standardError.write(Data("entente: \(e.description)\n".utf8))
    throw ExitCode.failure
  } catch let e as RenderError {
    FileHandle.standardError.write(Data("entente: \(e.description)\n".utf8))
    throw ExitCode.failure
  } catch let e as CLIError {
    FileHandle.standardError.write(Data("entente: \(e.description)\n".utf8))
    throw ExitCode.failure
  }
}

func writeStdout(_ s: String) {
  FileHandle.standardOutput.write(Data(s.utf8))
}

extension LayoutEngine: ExpressibleByArgument {}
extension ArticleReader.StdinFormat: ExpressibleByArgument {}

