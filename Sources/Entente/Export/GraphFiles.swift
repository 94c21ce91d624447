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
    // never all held in memory.
    let (edges, nodes) = Parallel.both({ graph.sortedEdges }, { graph.sortedNodes })
    try files.write(to: dotPath) { dotHandle in
      let other = DOTFailure()
      let group = DispatchGroup()
      DispatchQueue.global().async(group: group) {
        do { try dot.write(graph, nodes: nodes, edges: edges, note: nil, to: dotHandle) } catch { other.error = error }
      }
      // Whatever happens here, the other thread is done before the DOT file is closed.
      defer { group.wait() }
      try files.write(to: jsonPath) { try GraphJSONWriter.write(graph, unresolved, nodes: nodes, edges: edges, to: $0) }
      group.wait()
      if let error = other.error { throw error }
    }
  }
}

/// What went wrong writing on another thread, read once it is done (after a wait on its group).
private final class DOTFailure: @unchecked Sendable {
  var error: Error?
}
