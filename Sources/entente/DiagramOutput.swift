import Entente
import EntenteRender
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The diagram `build` writes: planned by ``Diagram``, laid out by Graphviz within a time
/// budget, drawn by ``DiagramSVG`` (no Graphviz) when the budget runs out.
struct DiagramOutput {
  var options: Diagram.Options
  /// The engine asked for (`--layout`); nil: chosen by size.
  var engine: LayoutEngine?
  /// Seconds Graphviz may take.
  var budget: Double
  var quiet: Bool

  /// The SVG, and the lines for stderr (what was left out, how it was laid out).
  func svg(_ graph: RelationshipGraph) throws -> (Data, [String]) {
    let plan = Diagram(graph, options: options)
    var layout = DiagramLayout.choose(nodes: plan.graph.nodes.count, edges: plan.graph.edges.count)
    if let engine { layout.engine = engine.rawValue }
    var messages = plan.notes.map { "the diagram: \($0.prefix(1).lowercased() + $0.dropFirst())" }
    if plan.graph.nodes.count < graph.nodes.count || plan.graph.edges.count < graph.edges.count {
      messages.insert("the diagram shows \(plan.graph.nodes.count) of \(graph.nodes.count) entities and \(plan.graph.edges.count) of \(graph.edges.count) edges\(plan.cut ? ", the strongest of each community" : "")", at: 0)
    }
    let dot = Data(DiagramDOT(layout: layout).string(plan).utf8)
    let progress = LayoutProgress(enabled: !quiet && isatty(STDERR_FILENO) == 1)
    defer { progress.clear() }
    let what = "laying out \(plan.graph.nodes.count) entities and \(plan.graph.edges.count) edges (\(layout))"
    let outcome: TimedRender.Outcome
    do {
      outcome = try TimedRender.render(
        dot: dot, options: RenderOptions(layout: engine ?? LayoutEngine(rawValue: layout.engine) ?? .neato, format: "svg"),
        seconds: budget, waiting: { progress.show("\(what)… \(Int($0)) s") })
    } catch let e as RenderError {
      throw CLIError("the diagram: \(e.description)")
    }
    switch outcome {
    case .rendered(let svg):
      return (svg, messages)
    case .timedOut:
      let note = "Drawn with straight edges by Entente's own layout: Graphviz (\(layout)) took more than \(DOTExporter.format2(budget)) s"
      messages.append("the diagram: " + note.prefix(1).lowercased() + note.dropFirst() + " (--layout-budget)")
      return (Data(DiagramSVG.string(plan, note: note).utf8), messages)
    }
  }
}

/// "laying out … 3 s" on stderr, redrawn in place; only on a terminal.
final class LayoutProgress {
  let enabled: Bool
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ line: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    shown = true
  }

  func clear() {
    guard enabled, shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
  }
}
