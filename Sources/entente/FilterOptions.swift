import ArgumentParser
import Entente
import Foundation

/// The graph filters `edges`, `export`, `nodes`, `stats` and `explain` share (see ``GraphFilter``).
struct FilterOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Only entities of this type (repeatable).", valueName: "type"))
  var type: [EntityType] = []

  @Option(name: .long, help: ArgumentHelp("Only edges of this kind (repeatable).", valueName: "kind"))
  var kind: [EdgeKind] = []

  @Option(name: .long, help: "Only edges of at least this weight.")
  var minWeight: Int = 1

  @Option(name: .long, help: ArgumentHelp("Only the N strongest edges.", valueName: "N"))
  var top: Int?

  @Option(name: .long, help: ArgumentHelp("Only this entity (name or alias, case-insensitive) and its neighbours.", valueName: "name"))
  var ego: String?

  @Option(name: .long, help: ArgumentHelp("How many edges away from --ego to reach.", valueName: "K"))
  var depth: Int = 1

  @Option(name: .long, help: ArgumentHelp("Only the evidence of this article (its id; repeatable). Weights are recounted.", valueName: "id"))
  var article: [String] = []

  @Option(name: .long, help: ArgumentHelp("Only evidence from articles dated on or after this day. Weights are recounted.", valueName: "yyyy-MM-dd"))
  var since: String?

  @Option(name: .long, help: ArgumentHelp("Only evidence from articles dated on or before this day. Weights are recounted.", valueName: "yyyy-MM-dd"))
  var until: String?

  func validate() throws {
    if minWeight < 1 { throw ValidationError("--min-weight must be 1 or more.") }
    if let t = top, t < 0 { throw ValidationError("--top must be 0 or more.") }
    if depth < 0 { throw ValidationError("--depth must be 0 or more.") }
    if depth != 1, ego == nil { throw ValidationError("--depth needs --ego.") }
    for (flag, value) in [("--since", since), ("--until", until)] {
      if let v = value, !GraphFilter.isDate(v) { throw ValidationError("\(flag) must be a date written yyyy-MM-dd, not \"\(v)\".") }
    }
    if let s = since, let u = until, s > u { throw ValidationError("--since \(s) comes after --until \(u).") }
  }

  var filter: GraphFilter {
    GraphFilter(
      types: Set(type), kinds: Set(kind), minWeight: minWeight, top: top, ego: ego, depth: depth,
      articles: Set(article), since: since, until: until)
  }

  /// Applies the filters, failing with a clear message when --ego or --article names
  /// nothing in the graph.
  func apply(to graph: RelationshipGraph) throws -> RelationshipGraph {
    if let q = ego, graph.nodes(matching: q).isEmpty { throw CLIError("no entity matches \"\(q)\"") }
    for id in article where !graph.articles.contains(id) {
      throw CLIError("no article \"\(id)\" in the graph (articles: \(graph.articles.prefix(5).joined(separator: ", "))\(graph.articles.count > 5 ? ", …" : ""))")
    }
    return filter.apply(to: graph)
  }
}

extension EntityType: ExpressibleByArgument {}
