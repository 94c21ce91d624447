import ArgumentParser
import Entente
import EntenteRender
import Foundation

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Lay out any DOT file and render it (SVG by default) with Graphviz's library.",
    discussion: """
      Reads FILE.dot (or - for stdin) and writes FILE.svg beside it, or the file named by -o \
      (- for stdout). No Graphviz process is started: the layout runs in-process. The file's \
      bytes go to Graphviz as they are (a Latin-1 graph says charset=latin1, as for dot).

      A graph that names a local file Graphviz would open (image, imagepath, shapefile, \
      fontpath, a font given as a path, <IMG> in an HTML-like label) is refused unless \
      --allow-files is given. Graphviz's warnings show as "entente: FILE: warning: ..." \
      lines; any error it reports exits with 1, as dot does, and writes nothing.

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

  @Flag(name: .long, help: "Let the graph name local files Graphviz opens (images, shape files, font paths). Only for graphs you trust.")
  var allowFiles = false

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
      let name = file == "-" ? "<stdin>" : file
      let rendered: Data
      do {
        rendered = try GraphvizRenderer.shared.render(
          dot: data, options: RenderOptions(layout: layout, format: format, allowFiles: allowFiles),
          warning: { FileHandle.standardError.write(Data("entente: \(name): warning: \($0)\n".utf8)) })
      } catch RenderError.fileReference(let r) {
        throw CLIError("\(name): \(r); not opened (--allow-files opens files for a graph you trust)")
      } catch let e as RenderError {
        throw CLIError("\(name): \(e.description)")
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
