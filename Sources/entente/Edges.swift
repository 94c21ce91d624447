import ArgumentParser
import Entente
import Foundation

struct Edges: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the edges of a graph, strongest first.",
    discussion: """
      Reads articles (building their graph) or a graph.json written by `entente build`.
      --node matches canonical names and aliases, case-insensitively ("putin").

      Examples:
        entente edges Fixtures --node putin
        entente edges Graphs/fixtures.json --kind quotation --format csv
        entente edges Graphs/fixtures.json --tone conflictual

      TONE is the mean tone of an edge's evidence, from -1 (conflictual) to +1 \
      (cooperative); --tone keeps the edges whose evidence is on balance of that tone.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

  enum ToneName: String, ExpressibleByArgument, CaseIterable {
    case conflictual, neutral, cooperative
    var value: Int { self == .conflictual ? -1 : self == .cooperative ? 1 : 0 }
  }

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Only edges touching this entity (name or alias, case-insensitive).")
  var node: String?

  @Option(name: .long, help: "Only edges of this tone: conflictual, neutral or cooperative.")
  var tone: ToneName?

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @Option(name: .long, help: "At most this many edges.")
  var limit: Int?

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: Format = .table

  func validate() throws {
    if let l = limit, l < 0 { throw ValidationError("--limit must be 0 or more.") }
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      let graph = try filters.apply(to: input.graph(&status))
      var edges = Array(graph.edges.values)
      var focus: Set<String> = []
      if let q = node {
        focus = Set(graph.nodes(matching: q).map(\.id))
        if focus.isEmpty { throw CLIError("no entity matches \"\(q)\"") }
        edges = edges.filter { focus.contains($0.source) || focus.contains($0.target) }
      }
      if let t = tone { edges = edges.filter { $0.toneClass == t.value } }
      edges.sort { ($1.weight, $0.key) < ($0.weight, $1.key) }
      if let l = limit { edges = Array(edges.prefix(l)) }
      func name(_ id: String) -> String { graph.nodes[id]?.name ?? id }
      switch format {
      case .table:
        let rows = edges.map { e -> [String] in
          var (a, b) = (e.source, e.target)
          if e.kind == .cooccurrence, focus.contains(b), !focus.contains(a) { swap(&a, &b) }
          return [String(e.weight), e.kind.rawValue, name(a), e.kind == .quotation ? "->" : "--", name(b), Self.tone(e), String(e.evidence.count)]
        }
        writeStdout(TextTable.render(header: ["WEIGHT", "KIND", "SOURCE", "", "TARGET", "TONE", "EVIDENCE"], rows: rows))
      case .csv:
        var out = CSV.row(["kind", "source", "target", "weight", "tone", "evidence", "first_sentence"])
        for e in edges {
          out += CSV.row([
            e.kind.rawValue, name(e.source), name(e.target), String(e.weight), Self.tone(e), String(e.evidence.count), e.evidence.first?.text ?? "",
          ])
        }
        writeStdout(out)
      case .json:
        let sub = graph.subgraph(edges: edges)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        struct Out: Encodable { var edges: [Edge]; var nodes: [Node] }
        let data = try encoder.encode(Out(edges: edges, nodes: sub.sortedNodes))
        writeStdout(String(decoding: data, as: UTF8.self) + "\n")
      }
    }
    try status.finish()
  }

  /// The mean tone, signed: "-1", "+0.5", "0".
  static func tone(_ e: Edge) -> String {
    let t = e.roundedTone
    let s = String(format: "%.3f", t).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    return t > 0 ? "+" + s : s
  }
}

extension EdgeKind: ExpressibleByArgument {}
