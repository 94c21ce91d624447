import ArgumentParser
import Entente
import EntenteRender
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
        entente render Graphs/fixtures.dot -o graph.svg --layout neato
      """,
    version: "0.1.0",
    subcommands: [Build.self, Extract.self, Edges.self, Quotes.self, Render.self, Export.self, Nodes.self, Stats.self, Explain.self]
  )
}

/// Inputs and the options every command that reads articles shares.
struct InputOptions: ParsableArguments {
  @Argument(help: "Article files (.txt), folders of them (read recursively), - for stdin, or a graph.json.")
  var inputs: [String] = []

  @Option(name: .long, help: "A JSON entity file adding entities and aliases, or blocking false names.")
  var entities: String?

  @Option(name: .long, help: "Threads to analyse articles on (default: the number of cores). Output is the same for any number.")
  var jobs: Int = Parallel.defaultJobs

  mutating func validate() throws {
    if inputs.isEmpty { throw ValidationError("Give at least one input: a file, a folder, - for stdin, or a graph.json.") }
    if jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
  }

  func pipeline() throws -> Pipeline {
    guard let path = entities else { return Pipeline(gazetteer: try Gazetteer.loadBundled()) }
    return Pipeline(gazetteer: try Gazetteer.with(EntityFile.load(path)))
  }

  /// Reads the articles; problems are reported on stderr and remembered for the exit code.
  func articles(_ status: inout RunStatus) throws -> [Article] {
    let result = ArticleLoader.load(inputs)
    for p in result.problems { status.warn(p.description) }
    if result.articles.isEmpty {
      throw CLIError(result.problems.isEmpty ? "no articles to read" : "no articles could be read")
    }
    if !result.problems.isEmpty {
      status.warn("\(result.problems.count) input\(result.problems.count == 1 ? "" : "s") skipped; the other \(result.articles.count) article\(result.articles.count == 1 ? " was" : "s were") processed")
    }
    return result.articles
  }

  /// A graph from articles, or read back from a single graph.json.
  func graph(_ status: inout RunStatus) throws -> RelationshipGraph {
    if inputs.count == 1, inputs[0].hasSuffix(".json") {
      return try GraphJSON.read(path: inputs[0])
    }
    return try pipeline().graph(for: articles(&status), jobs: jobs)
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

