import Dispatch
import Foundation

/// The files `build` writes of a graph: its DOT file and its graph.json.
public enum GraphFiles {
  /// Writes the DOT and JSON files of `graph` into `files` (to be committed together). The
  /// nodes and edges are sorted once for both; with `concurrently`, the DOT file is written on
  /// another thread while this one writes the JSON. The same bytes either way.
  public static func write(
    _ graph: RelationshipGraph, unresolved: UnresolvedNames = UnresolvedNames(), dot: DOTExporter,
    dotPath: String, jsonPath: String, into files: OutputSet, concurrently: Bool = true
  ) throws {
    guard concurrently else {
      let nodes = graph.sortedNodes, edges = graph.sortedEdges
      try files.write(to: dotPath) { try dot.write(graph, nodes: nodes, edges: edges, note: nil, to: $0) }
      try files.write(to: jsonPath) { try GraphJSONWriter.write(graph, unresolved, nodes: nodes, edges: edges, to: $0) }
      return
    }
    // Both orders at once, then the DOT file is written to its own file on another thread
    // while this one writes the JSON: neither waits for the other, and the DOT's bytes are
    // never all held in memory. The JSON's edges and nodes, most of it, are shared out in
    // runs: this thread writes them from the first edges on, straight to the file; the
    // other, done with the DOT file, renders them from the last nodes back (and the very last
    // run first), into memory, until the two meet. So whichever file takes longer, both
    // threads work to the end.
    // People on one thread, the other types on the other (a run each of the sorted nodes).
    let types = EntityType.allCases
    let ((edges, people), others) = Parallel.both(
      { (graph.sortedEdges, graph.sortedNodePositions(types: types.prefix(1))) },
      { graph.sortedNodePositions(types: types.dropFirst()) })
    let values = graph.nodes.values.elements
    let nodes = (people + others).map { values[$0] }
    let shares = JSONShares(edges: edges, nodes: nodes)
    try files.write(to: dotPath) { dotHandle in
      let other = DOTFailure()
      let group = DispatchGroup()
      DispatchQueue.global().async(group: group) {
        shares.renderFromBack(first: true)
        do { try dot.write(graph, nodes: nodes, edges: edges, note: nil, to: dotHandle) } catch { other.error = error }
        if other.error == nil { shares.renderFromBack(first: false) }
      }
      // Whatever happens here, the other thread is done before the DOT file is closed.
      defer { group.wait() }
      try files.write(to: jsonPath) {
        try GraphJSONWriter.write(graph, unresolved, nodes: nodes, edges: edges, to: $0) { w, section in
          while let run = shares.takeFromFront(section) { shares.write(run, to: &w) }
          // The rest of the section is the other thread's.
          if shares.othersBegin <= shares.end(of: section) {
            group.wait()
            for bytes in shares.rendered(section) { bytes.withUnsafeBufferPointer { w.put($0) } }
          }
        }
      }
      group.wait()
      if let error = other.error { throw error }
    }
  }
}

/// The JSON's edges and then its nodes in runs, taken by two threads from both ends: one
/// writes its runs from the front straight to the file, the other renders its runs from the
/// back into memory (at most ``maxRendered`` bytes), which the first then writes after its
/// own, section by section.
final class JSONShares: @unchecked Sendable {
  /// Edges or nodes a run.
  static let runSize = 256
  /// The most bytes rendered into memory.
  static let maxRendered = 64 << 20
  private let edges: [Edge], nodes: [Node]
  /// Runs 0..<edgeRuns are the edges', edgeRuns..<runs the nodes'.
  private let edgeRuns: Int, runs: Int
  private let lock = NSLock()
  /// Runs not taken yet: `front..<back`.
  private var front = 0, back: Int
  /// The runs rendered from the back, the last one first, with their numbers (only the
  /// rendering thread touches them until it is done).
  private var renderedRuns: [(run: Int, bytes: [UInt8])] = []

  init(edges: [Edge], nodes: [Node]) {
    self.edges = edges
    self.nodes = nodes
    edgeRuns = (edges.count + JSONShares.runSize - 1) / JSONShares.runSize
    runs = edgeRuns + (nodes.count + JSONShares.runSize - 1) / JSONShares.runSize
    back = runs
  }

  /// The first run past section `section` (0: edges, 1: nodes).
  func end(of section: Int) -> Int {
    section == 0 ? edgeRuns : runs
  }

  /// The first run the other thread took (read once it is done, or once this thread found
  /// no run left).
  var othersBegin: Int { lock.withLock { back } }

  /// The next run of `section` from the front, if any is left.
  func takeFromFront(_ section: Int) -> Int? {
    lock.withLock {
      guard front < back, front < end(of: section) else { return nil }
      front += 1
      return front - 1
    }
  }

  /// The next run from the back, if at least `left` are.
  private func takeFromBack(left: Int) -> Int? {
    lock.withLock {
      guard back - front >= left else { return nil }
      back -= 1
      return back
    }
  }

  /// Writes run `run`'s lines.
  func write(_ run: Int, to w: inout PrettyJSON) {
    let size = JSONShares.runSize
    if run < edgeRuns {
      GraphJSONWriter.edgeLines(edges, run * size..<min(edges.count, (run + 1) * size), level: 1, to: &w)
    } else {
      let r = run - edgeRuns
      GraphJSONWriter.nodeLines(nodes, r * size..<min(nodes.count, (r + 1) * size), level: 1, to: &w)
    }
  }

  /// Renders runs from the back into memory until the two ends meet; with `first`, only the
  /// last run, and only when there are others.
  func renderFromBack(first: Bool) {
    var total = renderedRuns.reduce(0) { $0 + $1.bytes.count }
    while total < JSONShares.maxRendered, let run = takeFromBack(left: first ? 2 : 1) {
      let out = RenderedBytes()
      var w = PrettyJSON { out.bytes.append(contentsOf: $0) }
      write(run, to: &w)
      w.flush()
      total += out.bytes.count
      renderedRuns.append((run, out.bytes))
      if first { return }
    }
  }

  /// The runs of `section` rendered from the back, in order (once the rendering thread is
  /// done).
  func rendered(_ section: Int) -> [[UInt8]] {
    let range = section == 0 ? 0..<edgeRuns : edgeRuns..<runs
    return renderedRuns.reversed().filter { range.contains($0.run) }.map(\.bytes)
  }
}

/// Bytes a ``PrettyJSON`` renders into memory.
private final class RenderedBytes {
  var bytes: [UInt8] = []
}

/// What went wrong writing on another thread, read once it is done (after a wait on its group).
private final class DOTFailure: @unchecked Sendable {
  var error: Error?
}
