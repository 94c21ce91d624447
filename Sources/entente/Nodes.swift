import ArgumentParser
import Entente
import Foundation

struct Nodes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the entities of a graph with their mentions, degree and PageRank.",
    discussion: """
      DEGREE counts the edges touching an entity (both kinds, either direction), WEIGHTED \
      adds up their weights, PAGERANK is the entity's PageRank (damping 0.85; a quotation \
      is a link from speaker to subject, a co-occurrence a link each way), all measured on \
      the graph left by the filters — except --type, which only picks the rows, so a \
      person's PageRank is the same with or without --type person. ALIASES lists the other \
      names it goes by.

      Examples:
        entente nodes Fixtures --sort pagerank --limit 10
        entente nodes Graphs/fixtures.json --type person --format csv
      """)

  enum Sort: String, ExpressibleByArgument, CaseIterable { case mentions, degree, pagerank, name }
  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Only entities with at least this many mentions.")
  var minMentions: Int = 0

  @Option(name: .long, help: "Order: mentions, degree or pagerank (largest first), or name.")
  var sort: Sort = .mentions

  @Option(name: .long, help: "At most this many entities.")
  var limit: Int?

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: Format = .table

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if let l = limit, l < 0 { throw ValidationError("--limit must be 0 or more.") }
    if minMentions < 0 { throw ValidationError("--min-mentions must be 0 or more.") }
  }

  struct Row: Encodable {
    var id: String
    var name: String
    var type: String
    var mentions: Int
    var articles: Int
    var degree: Int
    var weighted_degree: Int
    var pagerank: Decimal
    var aliases: [String]
  }

  func run() throws {
    var status = RunStatus()
    try reporting {
      // --type picks rows: degree and PageRank are measured on the graph of every type.
      var byGraph = filters
      byGraph.type = []
      let graph = try byGraph.apply(to: input.graph(&status))
      let degree = graph.degrees(), weighted = graph.weightedDegrees(), rank = graph.pageRank()
      let types = Set(filters.type)
      var nodes = graph.sortedNodes.filter { $0.mentions >= minMentions && (types.isEmpty || types.contains($0.type)) }
      // sortedNodes is ordered by type, name and id: a stable sort keeps that order for ties.
      func key(_ n: Node) -> Double {
        switch sort {
        case .mentions: return Double(n.mentions)
        case .degree: return Double(degree[n.id] ?? 0)
        case .pagerank: return rank[n.id] ?? 0
        case .name: return 0
        }
      }
      if sort == .name {
        nodes = nodes.enumerated().sorted { a, b in
          let (x, y) = (a.element.name.lowercased(), b.element.name.lowercased())
          return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
      } else {
        nodes = nodes.enumerated().sorted { a, b in
          let (x, y) = (key(a.element), key(b.element))
          return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
      }
      if let l = limit { nodes = Array(nodes.prefix(l)) }
      switch format {
      case .table:
        let rows = nodes.map { n in
          [
            Terminal.clean(n.name), n.type.rawValue, String(n.mentions), String(n.articles.count), String(degree[n.id] ?? 0),
            String(weighted[n.id] ?? 0), String(format: "%.4f", rank[n.id] ?? 0),
            Terminal.clean(n.aliases.filter { $0 != n.name }.joined(separator: "; ")),
          ]
        }
        writeStdout(TextTable.render(header: ["NAME", "TYPE", "MENTIONS", "ARTICLES", "DEGREE", "WEIGHTED", "PAGERANK", "ALIASES"], rows: rows))
      case .csv:
        var out = CSV.row(["id", "name", "type", "mentions", "articles", "degree", "weighted_degree", "pagerank", "aliases"])
        for n in nodes {
          out += CSV.row([
            n.id, n.name, n.type.rawValue, String(n.mentions), String(n.articles.count), String(degree[n.id] ?? 0),
            String(weighted[n.id] ?? 0), String(format: "%.6f", rank[n.id] ?? 0), n.aliasList,
          ])
        }
        writeStdout(out)
      case .json:
        let rows = nodes.map { n in
          Row(
            id: n.id, name: n.name, type: n.type.rawValue, mentions: n.mentions, articles: n.articles.count,
            degree: degree[n.id] ?? 0, weighted_degree: weighted[n.id] ?? 0,
            pagerank: Decimal(string: String(format: "%.6f", rank[n.id] ?? 0)) ?? 0, aliases: n.aliases)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        writeStdout(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
      }
    }
    try status.finish()
  }
}
