import ArgumentParser
import Entente
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show why two entities are linked: every edge between them and its evidence.",
    discussion: """
      A and B match names and aliases case-insensitively, as --node does for `edges`. \
      Lists the edges joining them (either direction, both kinds), strongest first, then \
      each edge's evidence: the article, its date when known, the sentence with both names \
      marked (in colour when stdout is a terminal), for quotations the quote and its cue, \
      and its tone with the cue words that set it. An edge's tone is the mean over all its \
      evidence, from -1 (conflictual) to +1 (cooperative).

      Examples:
        entente explain putin "kim jong-un" Fixtures
        entente explain stoltenberg russia Graphs/fixtures.json --kind quotation
      """)

  enum Color: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

  @Argument(help: "The first entity (name or alias, case-insensitive).")
  var a: String

  @Argument(help: "The second entity.")
  var b: String

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Mark names with ANSI bold and colour: auto (when stdout is a terminal), always or never.")
  var color: Color = .auto

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func run() throws {
    var status = RunStatus()
    try reporting {
      let graph = try filters.apply(to: input.graph(&status))
      let left = graph.nodes(matching: a), right = graph.nodes(matching: b)
      if left.isEmpty { throw CLIError("no entity matches \"\(a)\"") }
      if right.isEmpty { throw CLIError("no entity matches \"\(b)\"") }
      let edges = graph.edges(between: Set(left.map(\.id)), and: Set(right.map(\.id)))
      func names(_ nodes: [Node]) -> String { nodes.map { Terminal.clean($0.name) }.joined(separator: " or ") }
      if edges.isEmpty { throw CLIError("no edge joins \(names(left)) and \(names(right))") }
      let useColor = color == .always || (color == .auto && Terminal.isTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
      writeStdout(Self.report(edges, in: graph, a: Set(left.map(\.id)), color: useColor))
    }
    try status.finish()
  }

  static let marks = [(open: "\u{1B}[1;36m", close: "\u{1B}[0m"), (open: "\u{1B}[1;33m", close: "\u{1B}[0m")]

  static func report(_ edges: [Edge], in graph: RelationshipGraph, a: Set<String>, color: Bool) -> String {
    func name(_ id: String) -> String { Terminal.clean(graph.nodes[id]?.name ?? id) }
    func names(_ id: String) -> [String] {
      guard let n = graph.nodes[id] else { return [] }
      return [n.name] + n.aliases
    }
    func bold(_ s: String) -> String { color ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
    let evidenceCount = edges.reduce(0) { $0 + $1.evidence.count }
    var out = "\(Summary.plural(edges.count, "edge", "edges")), \(Summary.plural(evidenceCount, "piece of evidence", "pieces of evidence"))\n"
    for e in edges {
      // Name the entity matching A first, unless the edge has a direction.
      var (first, second) = (e.source, e.target)
      if e.kind == .cooccurrence, !a.contains(first) { swap(&first, &second) }
      let arrow = e.kind == .quotation ? "->" : "--"
      let kind = e.kind == .quotation ? "quotation" : "co-occurrence"
      out += "\n" + bold("\(name(first)) \(arrow) \(name(second))")
      out += "  \(kind), weight \(e.weight), \(Tone.name(e.toneClass)) (tone \(Edges.tone(e))), "
      out += "\(Summary.plural(e.evidence.count, "evidence record", "evidence records"))\n"
      // Group 0: the entity matching A, group 1: the one matching B.
      let (ga, gb) = a.contains(e.source) ? (names(e.source), names(e.target)) : (names(e.target), names(e.source))
      for (i, ev) in e.evidence.enumerated() {
        var where_ = ev.article
        if let d = graph.articleDates[ev.article] { where_ += ", " + d }
        where_ += ", sentence \(ev.sentence + 1)"
        out += "  \(i + 1). \(Terminal.clean(where_))\n"
        out += "     " + mark(ev.text, ga, gb, color: color) + "\n"
        if let q = ev.quote { out += "     quote: \u{201C}" + mark(q, ga, gb, color: color) + "\u{201D}\n" }
        if let c = ev.cue { out += "     cue: " + Terminal.clean(c) + "\n" }
        out += "     tone: " + Tone.name(ev.tone)
        if !ev.toneCues.isEmpty { out += " (" + ev.toneCues.map { Terminal.clean($0) }.joined(separator: ", ") + ")" }
        out += "\n"
      }
    }
    return out
  }

  static func mark(_ text: String, _ a: [String], _ b: [String], color: Bool) -> String {
    let flat = Terminal.clean(text)
    return color ? Highlight.mark(flat, groups: [a, b], marks: marks) : flat
  }
}

enum Terminal {
  static var isTTY: Bool { isatty(1) != 0 }

  /// Text safe to print on one line of a terminal: line breaks and tabs become spaces, runs
  /// of spaces one, other control characters (escape sequences in the input) U+FFFD.
  static func clean(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var space = false
    for c in s.unicodeScalars {
      if c == "\n" || c == "\r" || c == "\t" || c == " " {
        if !space { out += " " }
        space = true
        continue
      }
      space = false
      if c.value < 0x20 || (0x7F...0x9F).contains(c.value) {
        out.unicodeScalars.append("\u{FFFD}")
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out.trimmingCharacters(in: .whitespaces)
  }
}
