import EntenteTestSupport
import Foundation
import Testing

/// `entente render` against Graphviz's own `dot` command (installed by scripts/setup, with
/// the example graphs of Debian's graphviz-doc).
@Suite("render CLI", .serialized)
struct RenderCLITests {
  /// Where Graphviz's example graphs are installed.
  static let examples = ["/usr/share/doc/graphviz/examples/graphs", "/usr/share/graphviz/graphs"]
    .first { FileManager.default.fileExists(atPath: $0) }

  static let dot = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    .map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs `dot -Tsvg FILE > OUT` (with `-o`, dot 2.4x writes a file's second graph to
  /// stdout): its exit status and its output's node count.
  static func runDot(_ file: String, _ out: String) throws -> (status: Int32, nodes: Int) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(dot, "the dot command is missing (scripts/setup installs graphviz)"))
    p.arguments = ["-Tsvg", file]
    FileManager.default.createFile(atPath: out, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    defer { try? handle.close() }
    p.standardOutput = handle
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return (p.terminationStatus, nodeCount(out))
  }

  static func nodeCount(_ svg: String) -> Int {
    let text = (try? String(contentsOfFile: svg, encoding: .utf8)) ?? ""
    return text.components(separatedBy: "class=\"node\"").count - 1
  }

  /// A handful of Graphviz's examples (clusters, records, HTML-like labels, Latin-1,
  /// undirected graphs) and graphs of our own: same success and node count as `dot`.
  @Test func rendersAsTheDotCommandDoes() throws {
    let dir = try tempDir()
    let root = try #require(Self.examples, "Graphviz's example graphs are missing (scripts/setup installs graphviz-doc)")
    var files = [
      "directed/Latin1.gv", "directed/clust4.gv", "directed/records.gv", "directed/switch.gv", "directed/unix.gv",
      "directed/world.gv", "directed/japanese.gv", "undirected/Petersen.gv", "undirected/process.gv",
    ].map { "\(root)/\($0)" }
    let own: [(String, Data)] = [
      ("two-graphs.gv", Data("digraph a { x -> y }\ndigraph b { p -> q -> r }\n".utf8)),
      ("latin1-no-charset.gv", Data("digraph g { a [label=\"caf".utf8) + Data([0xE9]) + Data("\"] }".utf8)),
      ("bad-html.gv", Data("digraph g { a [label=<<b>x</i>>]; a -> b }".utf8)),
      ("syntax-error.gv", Data("digraph g { a -> ; }".utf8)),
      ("empty.gv", Data()),
    ]
    for (name, data) in own {
      let path = dir.appendingPathComponent(name).path
      try data.write(to: URL(fileURLWithPath: path))
      files.append(path)
    }
    for (i, file) in files.enumerated() {
      #expect(FileManager.default.fileExists(atPath: file), "missing \(file)")
      let fromDot = try Self.runDot(file, dir.appendingPathComponent("\(i)-dot.svg").path)
      let out = dir.appendingPathComponent("\(i)-entente.svg").path
      let r = try Run(["render", file, "-o", out])
      #expect(r.status == fromDot.status, "\(file): \(r.stderr)")
      if r.status == 0 { #expect(Self.nodeCount(out) == fromDot.nodes, "\(file)") }
    }
  }

  @Test func aNamedFileIsNotOpenedUnlessAllowed() throws {
    let dir = try tempDir()
    try Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAAAAACcgYFdAAAAC0lEQVR4nGNggAIAAAkAAftSuKkAAAAASUVORK5CYII=")!
      .write(to: dir.appendingPathComponent("photo.png"))
    try Data("digraph g { a [image=\"photo.png\", label=\"\"] }".utf8).write(to: dir.appendingPathComponent("g.gv"))
    let refused = try Run(["render", "g.gv"], cwd: dir.path)
    #expect(refused.status == 1)
    #expect(
      refused.stderr
        == "entente: g.gv: node \"a\" names a local file in image=\"photo.png\"; not opened (--allow-files opens files for a graph you trust)\n")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("g.svg").path))
    let allowed = try Run(["render", "g.gv", "--allow-files"], cwd: dir.path)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    let svg = try String(contentsOf: dir.appendingPathComponent("g.svg"), encoding: .utf8)
    #expect(svg.contains("<image xlink:href=\"photo.png\" width=\"2px\" height=\"3px\""))
  }

  @Test func graphvizErrorsExitWithOneAndWarningsShow() throws {
    let dir = try tempDir()
    try Data("digraph g { a [label=<<b>x</i>>] }".utf8).write(to: dir.appendingPathComponent("bad.gv"))
    let bad = try Run(["render", "bad.gv"], cwd: dir.path)
    #expect(bad.status == 1)
    #expect(bad.stderr.hasPrefix("entente: bad.gv: Graphviz: mismatched tag in line 1"))
    #expect(bad.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.svg").path))

    let latin1 = Data("digraph g { a [label=\"caf".utf8) + Data([0xE9]) + Data("\"] }".utf8)
    let warned = try Run(["render", "-", "-o", "-"], stdin: latin1, cwd: dir.path)
    #expect(warned.status == 0)
    #expect(warned.stderr.hasPrefix("entente: <stdin>: warning: Invalid"))
    #expect(warned.stdout.contains(">café</text>"))
    // Said to be Latin-1, the same bytes render without a warning.
    let latin1Said = Data("digraph g { charset=latin1; a [label=\"caf".utf8) + Data([0xE9]) + Data("\"] }".utf8)
    let said = try Run(["render", "-", "-o", "-"], stdin: latin1Said, cwd: dir.path)
    #expect(said.status == 0)
    #expect(said.stderr.isEmpty)
    #expect(said.stdout.contains(">café</text>"))
  }
}
