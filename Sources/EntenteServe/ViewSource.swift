import Entente
import EntenteStore
import Foundation

/// What `entente serve` answers from: the graph's index (names, weights, positions) and the
/// evidence of one of its edges, asked for when it is shown.
public protocol ViewSource: Sendable {
  var index: ViewIndex { get }
  /// The evidence records edge number `edge` keeps, in the graph's order.
  func evidence(_ edge: Int) throws -> [Evidence]
}

/// A graph held in memory (a graph.json), evidence and all.
public struct GraphViewSource: ViewSource {
  public let index: ViewIndex

  public init(_ graph: RelationshipGraph, title: String = "entente", initialEdges: Int = 600) {
    index = ViewIndex(graph, title: title, initialEdges: initialEdges)
  }

  public func evidence(_ edge: Int) throws -> [Evidence] { index.edges[edge].evidence }
}

/// A store opened read-only: its nodes and edges are read once (partial names resolved, as
/// every command reads a store), the evidence of an edge when it is asked for — the records of
/// each stored edge that resolution merged into it, merged as a build merges them.
public final class StoreViewSource: ViewSource, @unchecked Sendable {
  public let index: ViewIndex
  // GRDB's DatabaseQueue serializes every access; the store is only read.
  private let store: GraphStore
  /// A resolved edge → the stored edges merged into it (when resolution changed any).
  private let originals: [EdgeKey: [EdgeKey]]

  public init(path: String, title: String = "entente", initialEdges: Int = 600) throws {
    store = try GraphStore(path: path, readOnly: true)
    let partial = try store.graph(resolve: false, evidence: false)
    let (graph, unresolved) = partial.resolvedKeepingUnresolved()
    var originals: [EdgeKey: [EdgeKey]] = [:]
    for e in unresolved.edges {
      let s = unresolved.renamed[e.source] ?? e.source, t = unresolved.renamed[e.target] ?? e.target
      guard s != t else { continue }
      originals[EdgeKey(kind: e.kind, source: s, target: t), default: []].append(e.key)
    }
    self.originals = originals
    let k = store.maxEvidence
    index = ViewIndex(graph, title: title, initialEdges: initialEdges, keptEvidence: { k > 0 ? min($0.weight, k) : $0.weight })
  }

  public func evidence(_ edge: Int) throws -> [Evidence] {
    let key = index.edges[edge].key
    var have: [Evidence] = []
    for stored in originals[key] ?? [key] {
      RelationshipGraph.mergeCanonicalEvidence(&have, try store.evidence(of: stored), limit: store.maxEvidence)
    }
    return have
  }
}
