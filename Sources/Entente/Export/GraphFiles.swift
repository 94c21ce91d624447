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
    // never all held in memory. The JSON's edges, most of it, are shared out in runs: this
    // thread writes them from the first on, straight to the file; the other, done with the
    // DOT file, renders them from the last one back (and the very last run first), into
    // memory, until the two meet. So whichever file takes longer, both threads work to the end.
    let (edges, nodes) = Parallel.both({ graph.sortedEdges }, { graph.sortedNodes })
    let shares = EdgeShares(edges.count)
    try files.write(to: dotPath) { dotHandle in
      let other = DOTFailure()
      let group = DispatchGroup()
      DispatchQueue.global().async(group: group) {
        shares.renderFromBack(edges, first: true)
        do { try dot.write(graph, nodes: nodes, edges: edges, note: nil, to: dotHandle) } catch { other.error = error }
        if other.error == nil { shares.renderFromBack(edges, first: false) }
      }
      // Whatever happens here, the other thread is done before the DOT file is closed.
      defer { group.wait() }
      try files.write(to: jsonPath) {
        try GraphJSONWriter.write(graph, unresolved, nodes: nodes, edges: edges, to: $0) { w in
          while let run = shares.takeFromFront() { GraphJSONWriter.edgeLines(edges, run, level: 1, to: &w) }
          group.wait()
          for bytes in shares.rendered { bytes.withUnsafeBufferPointer { w.put($0) } }
        }
      }
      group.wait()
      if let error = other.error { throw error }
    }
  }
}

/// The JSON's edges in runs, taken by two threads from both ends: one writes its runs from
/// the front straight to the file, the other renders its runs from the back into memory (at
/// most ``maxRendered`` bytes), which the first then writes after its own.
final class EdgeShares: @unchecked Sendable {
  /// Edges a run.
  static let runSize = 256
  /// The most bytes rendered into memory.
  static let maxRendered = 64 << 20
  private let lock = NSLock()
  private let count: Int
  /// Runs not taken yet: `front..<back`.
  private var front = 0, back: Int
  /// The runs rendered from the back, the last one first (only the rendering thread touches
  /// them until it is done).
  private var renderedRuns: [[UInt8]] = []

  init(_ count: Int) {
    self.count = count
    back = (count + EdgeShares.runSize - 1) / EdgeShares.runSize
  }

  private func range(_ run: Int) -> Range<Int> { run * EdgeShares.runSize..<min(count, (run + 1) * EdgeShares.runSize) }

  /// The next run from the front, if any is left.
  func takeFromFront() -> Range<Int>? {
    lock.withLock {
      guard front < back else { return nil }
      front += 1
      return range(front - 1)
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

  /// Renders runs from the back into memory until the two ends meet; with `first`, only the
  /// last run, and only when there are others.
  func renderFromBack(_ edges: [Edge], first: Bool) {
    var total = renderedRuns.reduce(0) { $0 + $1.count }
    while total < EdgeShares.maxRendered, let run = takeFromBack(left: first ? 2 : 1) {
      let out = RenderedBytes()
      var w = PrettyJSON { out.bytes.append(contentsOf: $0) }
      GraphJSONWriter.edgeLines(edges, range(run), level: 1, to: &w)
      w.flush()
      total += out.bytes.count
      renderedRuns.append(out.bytes)
      if first { return }
    }
  }

  /// The runs rendered from the back, in order (once the rendering thread is done).
  var rendered: ReversedCollection<[[UInt8]]> { renderedRuns.reversed() }
}

/// Bytes a ``PrettyJSON`` renders into memory.
private final class RenderedBytes {
  var bytes: [UInt8] = []
}

/// What went wrong writing on another thread, read once it is done (after a wait on its group).
private final class DOTFailure: @unchecked Sendable {
  var error: Error?
}
