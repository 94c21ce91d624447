import ArgumentParser
import Entente
import EntenteRender
import Foundation

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Lay out any DOT file and render it (SVG by default) with Graphviz's library.",
    discussion: """
      Reads FILE.dot (or - for stdin) and writes FILE.svg beside it, or the file named by -o \
      (- for stdout). No Graphviz process is started: the layout runs in-process.

      Example:
        entente render Graphs/fixtures.dot -o graph.svg --layout neato
      """)

  @Argument(help: "A DOT file, or - for stdin.")
  var file: String

  @Option(name: .shortAndLong, help: "Where to write (default: the input's name with the format's extension; - for stdout).")
  var output: String?

  @Option(name: .long, help: "Layout engine: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")).")
  var layout: LayoutEngine = .dot

  @Option(name: .long, help: "Output format: svg, or another the installed Graphviz plugins provide (png, pdf, …).")
  var format: String = "svg"

  func run() throws {
    try reporting {
      let data: Data
      if file == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
      } else {
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("\(file): no such file") }
        guard let d = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read") }
        data = d
      }
      guard let dot = String(validating: data, as: UTF8.self) else { throw CLIError("\(file): not valid UTF-8 text") }
      let rendered: Data
      do {
        rendered = try GraphvizRenderer.shared.render(dot: dot, layout: layout, format: format)
      } catch let e as RenderError {
        throw CLIError("\(file == "-" ? "<stdin>" : file): \(e.description)")
      }
      let target = output ?? (file == "-" ? "-" : URL(fileURLWithPath: file).deletingPathExtension().appendingPathExtension(format).path)
      if target == "-" {
        FileHandle.standardOutput.write(rendered)
      } else {
        try AtomicFile.write(rendered, to: target)
      }
    }
  }
}
