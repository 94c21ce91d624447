import Entente
import EntenteTestSupport
import Foundation
import Testing

/// Timings of the exporters and graph queries on synthetic graphs. Off unless
/// ENTENTE_MEASURE=1; prints, asserts nothing about time.
///
///     ENTENTE_MEASURE=1 swift test --scratch-path .build-exports --skip-build --filter Measure
@Suite("Measure exports", .enabled(if: ProcessInfo.processInfo.environment["ENTENTE_MEASURE"] == "1", "set ENTENTE_MEASURE=1"))
struct ExportMeasureTests {

  /// `nodes` entities with names that need escaping, `edges` distinct edges (a fifth of them
  /// quotations), one to three evidence records each, over 200 dated articles.
  static func synthetic(nodes: Int, edges: Int, seed: UInt64 = 42) -> RelationshipGraph {
    var rng = SplitMix(state: seed)
    let articles = (0..<200).map { "article-\($0)" }
    var dates: [String: String] = [:]
    for (i, a) in articles.enumerated() { dates[a] = String(format: "2024-%02d-%02d", i % 12 + 1, i % 28 + 1) }
    let ns = (0..<nodes).map { i -> Node in
      let type = EntityType.allCases[i % 3]
      let name = "Entity \(i) O'Brien & <Co> \"\(i % 7)\""
      return Node(
        id: "\(type.rawValue):\(name)", name: name, type: type, aliases: [name, "E\(i)"], mentions: 1 + rng.below(50),
        articles: [articles[rng.below(200)], articles[rng.below(200)]])
    }
    var seen = Set<EdgeKey>()
    var es: [Edge] = []
    es.reserveCapacity(edges)
    while es.count < edges {
      // Preferential: low ids are hubs.
      let a = min(rng.below(nodes), rng.below(nodes)), b = rng.below(nodes)
      guard a != b else { continue }
      let kind: EdgeKind = rng.below(5) == 0 ? .quotation : .cooccurrence
      let key = EdgeKey(kind: kind, source: ns[a].id, target: ns[b].id)
      guard seen.insert(key).inserted else { continue }
      let evidence = (0..<(1 + rng.below(3))).map { k in
        Evidence(
          article: articles[rng.below(200)], sentence: k, start: 0, end: 120,
          text: "\(ns[a].name) met \(ns[b].name) in the capital, officials said, \"according to\" a statement on line \(k).",
          quote: kind == .quotation ? "a quote naming \(ns[b].name)" : nil, cue: kind == .quotation ? "said" : nil)
      }
      es.append(Edge(kind: kind, source: key.source, target: key.target, weight: evidence.count, evidence: evidence))
    }
    return RelationshipGraph(nodes: ns, edges: es, articles: articles, articleDates: dates)
  }

  static func time(_ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
      let start = ContinuousClock.now
      try body()
      let d = ContinuousClock.now - start
      best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    return best
  }

  @Test func exportTimesAtThreeSizes() throws {
    let sizes = [(2_500, 25_000), (5_000, 50_000), (10_000, 100_000)]
    var rows: [String: [Double]] = [:]
    var bytes: [String: [Int]] = [:]
    var order: [String] = []
    func record(_ name: String, _ seconds: Double, _ size: Int = 0) {
      if rows[name] == nil { order.append(name) }
      rows[name, default: []].append(seconds)
      bytes[name, default: []].append(size)
    }
    for (n, e) in sizes {
      let g = Self.synthetic(nodes: n, edges: e)
      #expect(g.nodes.count == n && g.edges.count == e)
      record("sortedNodes + sortedEdges", Self.time { _ = g.sortedNodes; _ = g.sortedEdges })
      for f in ExportFormat.allCases {
        var size = 0
        let t = try Self.time { size = try f.string(g).utf8.count }
        record("export \(f.rawValue)", t, size)
      }
      record("pageRank", Self.time { _ = g.pageRank() })
      record("degrees + weighted", Self.time { _ = g.degrees(); _ = g.weightedDegrees() })
      record("connectedComponents", Self.time { _ = g.connectedComponents() })
      record("filter since/until", Self.time { _ = GraphFilter(since: "2024-03-01", until: "2024-09-30").apply(to: g) })
      record("filter ego depth 2", Self.time { _ = GraphFilter(ego: "E17", depth: 2).apply(to: g) })
      record("filter top 100", Self.time { _ = GraphFilter(top: 100).apply(to: g) })
    }
    func pad(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
    var out = "\nseconds (best of 3)           " + sizes.map { pad("\($0.0)/\($0.1)", 16) }.joined() + "   ratio last/first (size x\(sizes.last!.1 / sizes.first!.1))   MB at largest\n"
    for name in order {
      let t = rows[name]!
      out += name.padding(toLength: 30, withPad: " ", startingAt: 0)
      out += t.map { String(format: "%16.3f", $0) }.joined()
      out += String(format: "   %8.2f", t.last! / t.first!)
      if let b = bytes[name]?.last, b > 0 { out += String(format: "   %28.1f", Double(b) / 1e6) }
      out += "\n"
    }
    print(out)
  }
}
