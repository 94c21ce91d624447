import EntenteTestSupport
import Foundation
import Testing

/// README's examples: every one-line `entente` command whose output README shows right after
/// it (the next code block, with nothing but blank lines between) is run as written, in a
/// folder holding copies of `Fixtures/` and `Graphs/`, and must print what README shows. An
/// output followed by "(output cut …)" need only begin the same way.
@Suite("README's examples")
struct ReadmeTests {
  struct Example: CustomStringConvertible {
    var command: String
    var output: String
    var cut: Bool
    var description: String { command }
  }

  /// The examples of README.md, in order.
  static let examples: [Example] = {
    let text = String(decoding: contents(Repository.root.appendingPathComponent("README.md")), as: UTF8.self)
    // Code blocks: their language, body, and the text that follows them up to the next block.
    var blocks: [(lang: String, body: String, after: String)] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    var between: [Substring] = []
    while let line = lines.popFirst() {
      guard line.hasPrefix("```") else {
        between.append(line)
        continue
      }
      if !blocks.isEmpty { blocks[blocks.count - 1].after = between.joined(separator: "\n") }
      between = []
      var body: [Substring] = []
      while let l = lines.popFirst(), !l.hasPrefix("```") { body.append(l) }
      blocks.append((String(line.dropFirst(3)), body.map { $0 + "\n" }.joined(), ""))
    }
    var found: [Example] = []
    for (i, b) in blocks.enumerated() where b.lang == "sh" && i + 1 < blocks.count {
      let next = blocks[i + 1]
      let command = b.body.trimmingCharacters(in: .whitespacesAndNewlines)
      guard next.lang.isEmpty, b.after.allSatisfy(\.isWhitespace), !command.contains("\n"),
        command.hasPrefix("entente ") || command.contains("| entente ")
      else { continue }
      let cut = next.after.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("(output cut")
      found.append(Example(command: command, output: next.body, cut: cut))
    }
    return found
  }()

  @Test func readmeShowsExamples() {
    // The examples README is known to show; fewer means the parsing above broke.
    let examples = Self.examples
    #expect(examples.count >= 8)
    #expect(examples.contains { $0.command.hasPrefix("entente edges") })
    #expect(examples.contains { $0.cut })
  }

  @Test(arguments: examples) func exampleRunsAsShown(_ example: Example) throws {
    let dir = try tempDir()
    for folder in ["Fixtures", "Graphs"] {
      try FileManager.default.copyItem(
        at: Repository.root.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
    }
    let bin = Run.executable.deletingLastPathComponent().path
    let r = try Run(["/bin/sh", "-c", "PATH=\"\(bin):$PATH\"; " + example.command], cwd: dir.path, command: true)
    let printed = r.stdout + r.stderr
    if example.cut {
      #expect(printed.hasPrefix(example.output), "README shows:\n\(example.output)\nprinted:\n\(printed)")
    } else {
      #expect(printed == example.output, "README shows:\n\(example.output)\nprinted:\n\(printed)")
    }
  }
}
