/// Communities of a graph: groups of entities more linked among themselves than with the
/// rest, found by the Louvain method (modularity optimisation, then the groups merged into
/// single nodes and optimised again, until nothing moves).
///
/// Deterministic: nodes are visited in index order, a node moves only to a community that
/// strictly improves modularity (the first such, in the order its neighbours are listed, on
/// a tie), and communities are numbered by size (largest first), then by their first node.
/// The same input gives the same communities in any process.
///
///     let c = Communities.louvain(count: 4, edges: [(0, 1, 3), (2, 3, 3), (1, 2, 1)])
///     // [0, 0, 1, 1]
public enum Communities {
  /// The community of each node `0..<count`, linked by undirected `edges` (`a`, `b`,
  /// weight); an edge listed twice counts twice. A node without edges is a community of its
  /// own.
  public static func louvain(count: Int, edges: [(a: Int, b: Int, weight: Double)], resolution: Double = 1) -> [Int] {
    guard count > 0 else { return [] }
    var level = Level(count: count, edges: edges)
    // membership[i]: the node of the current level that original node i belongs to.
    var membership = Array(0..<count)
    for _ in 0..<32 {
      let (moved, community) = level.optimise(resolution: resolution)
      guard moved else { break }
      let (next, renumbered) = level.aggregate(community)
      for i in 0..<count { membership[i] = renumbered[membership[i]] }
      level = next
    }
    return numbered(membership)
  }

  /// The communities of a graph's entities, by the summed weight of the edges (of both kinds)
  /// between them: a community number for each node id (0 for the largest community).
  public static func of(_ graph: RelationshipGraph) -> [String: Int] {
    let ids = graph.nodes.keys.sorted()
    var index: [String: Int] = [:]
    for (i, id) in ids.enumerated() { index[id] = i }
    var edges: [(a: Int, b: Int, weight: Double)] = []
    for e in graph.sortedEdges {
      guard let a = index[e.source], let b = index[e.target], a != b else { continue }
      edges.append((a, b, Double(max(1, e.weight))))
    }
    let c = louvain(count: ids.count, edges: edges)
    var out: [String: Int] = [:]
    for (i, id) in ids.enumerated() { out[id] = c[i] }
    return out
  }

  /// Community labels renumbered: largest first, then by first member.
  static func numbered(_ label: [Int]) -> [Int] {
    var size: [Int: Int] = [:]
    var first: [Int: Int] = [:]
    for (i, l) in label.enumerated() {
      size[l, default: 0] += 1
      if first[l] == nil { first[l] = i }
    }
    let order = first.keys.sorted { (size[$1]!, first[$0]!) < (size[$0]!, first[$1]!) }
    var number: [Int: Int] = [:]
    for (n, l) in order.enumerated() { number[l] = n }
    return label.map { number[$0]! }
  }

  /// One level of the method: a weighted graph whose nodes are the communities of the level
  /// below.
  struct Level {
    var count: Int
    /// Neighbours of each node, with the summed weight (a self-loop once, its weight counted
    /// twice in the degree, as modularity counts it).
    var adjacency: [[(node: Int, weight: Double)]]
    var selfLoop: [Double]
    var degree: [Double]
    var total: Double

    init(count: Int, edges: [(a: Int, b: Int, weight: Double)]) {
      self.count = count
      var merged = [[Int: Double]](repeating: [:], count: count)
      var order = [[Int]](repeating: [], count: count)
      selfLoop = [Double](repeating: 0, count: count)
      degree = [Double](repeating: 0, count: count)
      total = 0
      for e in edges where e.weight > 0 {
        total += e.weight
        degree[e.a] += e.weight
        degree[e.b] += e.weight
        if e.a == e.b {
          selfLoop[e.a] += e.weight
          continue
        }
        for (x, y) in [(e.a, e.b), (e.b, e.a)] {
          if merged[x][y] == nil { order[x].append(y) }
          merged[x][y, default: 0] += e.weight
        }
      }
      // Neighbours in the order first linked: independent of the dictionaries' order.
      adjacency = (0..<count).map { x in order[x].map { (node: $0, weight: merged[x][$0]!) } }
    }

    /// Moves nodes between communities while modularity grows. Returns whether any node
    /// moved, and each node's community.
    func optimise(resolution: Double) -> (Bool, [Int]) {
      var community = Array(0..<count)
      guard total > 0 else { return (false, community) }
      var tot = degree
      let m2 = 2 * total
      var linkTo = [Double](repeating: 0, count: count)
      var touched: [Int] = []
      var movedAny = false
      for _ in 0..<64 {
        var moved = false
        for i in 0..<count {
          let own = community[i]
          touched.removeAll(keepingCapacity: true)
          for (j, w) in adjacency[i] {
            let c = community[j]
            if linkTo[c] == 0 { touched.append(c) }
            linkTo[c] += w
          }
          tot[own] -= degree[i]
          let k = degree[i]
          var best = own
          var bestGain = linkTo[own] - resolution * tot[own] * k / m2
          for c in touched where c != own {
            let gain = linkTo[c] - resolution * tot[c] * k / m2
            if gain > bestGain + 1e-12 {
              best = c
              bestGain = gain
            }
          }
          tot[best] += degree[i]
          for c in touched { linkTo[c] = 0 }
          linkTo[own] = 0
          if best != own {
            community[i] = best
            moved = true
            movedAny = true
          }
        }
        if !moved { break }
      }
      return (movedAny, community)
    }

    /// The graph of the communities, and the number of each node's community in it (by
    /// first member).
    func aggregate(_ community: [Int]) -> (Level, [Int]) {
      var number: [Int: Int] = [:]
      var renumbered = [Int](repeating: 0, count: count)
      for i in 0..<count {
        if number[community[i]] == nil { number[community[i]] = number.count }
        renumbered[i] = number[community[i]]!
      }
      var edges: [(a: Int, b: Int, weight: Double)] = []
      for i in 0..<count {
        if selfLoop[i] > 0 { edges.append((renumbered[i], renumbered[i], selfLoop[i])) }
        for (j, w) in adjacency[i] where i < j {
          edges.append((renumbered[i], renumbered[j], w))
        }
      }
      return (Level(count: number.count, edges: edges), renumbered)
    }
  }
}
