import ArgumentParser
import Entente
import EntenteServe
import Foundation

struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the view of a store or graph.json from this machine, read on demand.",
    discussion: """
      Serves the page `entente view` writes, but fetching the graph a piece at a time from a \
      JSON API: the strongest edges, a search by name or alias, an entity's neighbourhood, an \
      edge's evidence. A store is opened read-only and its evidence read when it is shown; a \
      graph.json is held in memory. Listens on 127.0.0.1 unless --host says otherwise, prints \
      the URL and serves until interrupted (Ctrl-C).

      Examples:
        entente serve graph.sqlite
        entente serve Graphs/fixtures.json --port 0
      """)

  @Argument(help: ArgumentHelp("A store (.sqlite) or a graph.json.", valueName: "store-or-graph"))
  var input: String

  @Option(name: .long, help: ArgumentHelp("The port to listen on (0: a free one).", valueName: "N"))
  var port: Int = 8080

  @Option(name: .long, help: ArgumentHelp("The address to listen on (127.0.0.1: this machine only).", valueName: "H"))
  var host: String = "127.0.0.1"

  @Option(name: .long, help: ArgumentHelp("How many of the strongest edges the page draws at first.", valueName: "N"))
  var initialEdges: Int = 600

  @Option(name: .long, help: "The page's title (default: the input's name).")
  var title: String?

  func validate() throws {
    if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535.") }
    if host.isEmpty { throw ValidationError("--host needs an address.") }
    if initialEdges < 1 { throw ValidationError("--initial-edges must be 1 or more.") }
  }

  var name: String {
    var url = URL(fileURLWithPath: input)
    while ["json", "sqlite", "gz"].contains(url.pathExtension.lowercased()) { url.deletePathExtension() }
    return url.lastPathComponent.isEmpty ? "entente" : url.lastPathComponent
  }

  func run() throws {
    try reporting {
      let title = self.title ?? name
      let source: any ViewSource =
        input.lowercased().hasSuffix(".sqlite")
        ? try StoreViewSource(path: input, title: title, initialEdges: initialEdges)
        : GraphViewSource(try GraphJSON.read(path: input), title: title, initialEdges: initialEdges)
      let app = try ViewServer(source: source, host: host, port: port).application { url in
        writeStdout(url + "\n")
      }
      // The server runs on its own threads until SIGINT or SIGTERM ends it gracefully.
      let done = DispatchSemaphore(value: 0)
      let failure = Failure()
      Task {
        do { try await app.runService() } catch { failure.set(error) }
        done.signal()
      }
      done.wait()
      if let error = failure.get() {
        throw CLIError("cannot serve on \(host):\(port): \(error)")
      }
    }
  }
}

/// The error the server stopped with, if any.
private final class Failure: @unchecked Sendable {
  private let lock = NSLock()
  private var error: (any Error)?
  func set(_ e: any Error) { lock.withLock { error = e } }
  func get() -> (any Error)? { lock.withLock { error } }
}
