import ArgumentParser
import Entente
import Foundation

struct Stats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Summarize a graph: entities and edges by kind, components, the central entities and strongest edges.",
    discussion: """
      Components treat every edge as undirected. PageRank as in `entente nodes`.

      Examples:
        entente stats Fixtures
        entente stats Graphs/fixtures.json --kind quotation
      """)

  @OptionGroup var input: InputOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func run() throws {
    var status = RunStatus()
    try reporting {
      let graph = try filters.apply(to: input.graph(&status))
      writeStdout(Self.report(graph))
    }
    try status.finish()
  }

  static func report(_ graph: RelationshipGraph, top: Int = 5) -> String {
    func plural(_ n: Int, _ one: String, _ many: String) -> String { Summary.plural(n, one, many) }
    var byType: [EntityType: Int] = [:]
    for n in graph.nodes.values { byType[n.type, default: 0] += 1 }
    var byKind: [EdgeKind: (count: Int, weight: Int)] = [:]
    for e in graph.edges.values {
      byKind[e.kind, default: (0, 0)].count += 1
      byKind[e.kind, default: (0, 0)].weight = byKind[e.kind, default: (0, 0)].weight.addingSaturated(e.weight)
    }
    let dates = graph.articles.compactMap { graph.articleDates[$0] }.sorted()
    var out = plural(graph.articles.count, "article", "articles")
    if let first = dates.first, let last = dates.last {
      out += " (\(dates.count) dated, \(first == last ? first : "\(first) to \(last)"))"
    }
    out += "\n"
    out += plural(graph.nodes.count, "entity", "entities") + ": "
    out += [
      plural(byType[.person] ?? 0, "person", "people"), plural(byType[.state] ?? 0, "state", "states"),
      plural(byType[.organization] ?? 0, "organization", "organizations"),
    ].joined(separator: ", ") + "\n"
    out += plural(graph.edges.count, "edge", "edges") + ": "
    out += EdgeKind.allCases.map { k in
      let c = byKind[k] ?? (0, 0)
      return "\(c.count) \(k == .cooccurrence ? "co-occurrence" : "quotation") (weight \(c.weight))"
    }.joined(separator: ", ") + "\n"
    let components = graph.connectedComponents()
    out += plural(components.count, "connected component", "connected components")
    if let largest = components.first { out += ", the largest with \(plural(largest.count, "entity", "entities"))" }
    out += "\n"

    let rank = graph.pageRank()
    let central = graph.sortedNodes.enumerated().sorted { a, b in
      let (x, y) = (rank[a.element.id] ?? 0, rank[b.element.id] ?? 0)
      return x != y ? x > y : a.offset < b.offset
    }.prefix(top).map(\.element)
    if !central.isEmpty {
      out += "\nTop entities by PageRank:\n"
      out += TextTable.render(
        header: ["RANK", "PAGERANK", "TYPE", "NAME"],
        rows: central.enumerated().map { i, n in [String(i + 1), String(format: "%.4f", rank[n.id] ?? 0), n.type.rawValue, Terminal.clean(n.name)] })
    }
    let strongest = graph.edgesByWeight.prefix(top)
    if !strongest.isEmpty {
      func name(_ id: String) -> String { Terminal.clean(graph.nodes[id]?.name ?? id) }
      out += "\nStrongest edges:\n"
      out += TextTable.render(
        header: ["WEIGHT", "KIND", "SOURCE", "", "TARGET"],
        rows: strongest.map { e in [String(e.weight), e.kind.rawValue, name(e.source), e.kind == .quotation ? "->" : "--", name(e.target)] })
    }
    return out
  }
}
