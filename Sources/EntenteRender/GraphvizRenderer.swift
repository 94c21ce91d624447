import CGraphviz
import Foundation
import Synchronization

/// Graphviz layout engines.
public enum LayoutEngine: String, Sendable, CaseIterable {
  case dot, neato, fdp, sfdp, circo, twopi
}

public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Graphviz could not read the DOT text.
  case invalidDOT(message: String)
  /// Layout failed (unknown engine, or Graphviz's own error).
  case layoutFailed(message: String)
  /// Rendering failed; `available` lists the formats the installed plugins provide.
  case renderFailed(format: String, message: String, available: [String])

  public var description: String {
    switch self {
    case .invalidDOT(let m): return "Graphviz cannot read the graph: \(m)"
    case .layoutFailed(let m): return "Graphviz layout failed: \(m)"
    case .renderFailed(let f, let m, let available):
      let list = available.isEmpty ? "" : " (available: \(available.joined(separator: ", ")))"
      return "Graphviz cannot render \(f): \(m)\(list)"
    }
  }
}

/// Renders DOT to SVG (or another format) in-process through Graphviz's C library (libgvc).
///
/// No `dot` process is spawned. One Graphviz context is created once and reused; since
/// Graphviz is not thread-safe, every call holds one lock. Graphviz's error messages are
/// captured (through `agseterrf`) and thrown as ``RenderError`` instead of being printed.
///
///     let svg = try GraphvizRenderer.shared.render(dot: "digraph { a -> b }", layout: .dot)
public final class GraphvizRenderer: Sendable {
  public static let shared = GraphvizRenderer()

  private struct State: @unchecked Sendable {
    var context: OpaquePointer?
  }
  private let state: Mutex<State>

  private init() {
    state = Mutex(State(context: nil))
  }

  /// The Graphviz version of the linked library.
  public var graphvizVersion: String {
    state.withLock { s in
      let ctx = Self.context(&s)
      guard let v = gvcVersion(ctx) else { return "unknown" }
      return String(cString: v)
    }
  }

  /// The output formats the installed plugins provide ("svg", "png", "pdf", …).
  public var availableFormats: [String] {
    state.withLock { s in Self.formats(Self.context(&s)) }
  }

  private static func context(_ s: inout State) -> OpaquePointer? {
    if s.context == nil {
      s.context = gvContext()
    }
    return s.context
  }

  private static func formats(_ ctx: OpaquePointer?) -> [String] {
    guard let ctx else { return [] }
    var count: Int32 = 0
    guard let list = gvPluginList(ctx, "render", &count, nil) else { return [] }
    var names: Set<String> = []
    for i in 0..<Int(count) {
      if let p = list[i] {
        names.insert(String(cString: p).split(separator: ":").first.map(String.init) ?? "")
        free(p)
      }
    }
    free(list)
    // Device formats come from the "device" API.
    var devCount: Int32 = 0
    if let devs = gvPluginList(ctx, "device", &devCount, nil) {
      for i in 0..<Int(devCount) {
        if let p = devs[i] {
          names.insert(String(cString: p).split(separator: ":").first.map(String.init) ?? "")
          free(p)
        }
      }
      free(devs)
    }
    return names.filter { !$0.isEmpty }.sorted()
  }

  /// Lays out and renders a DOT graph.
  public func render(dot: String, layout: LayoutEngine = .dot, format: String = "svg") throws -> Data {
    try state.withLock { s in
      guard let ctx = Self.context(&s) else { throw RenderError.layoutFailed(message: "cannot create a Graphviz context") }
      GraphvizErrors.reset()
      let previous = agseterrf(graphvizErrorSink)
      defer { _ = agseterrf(previous) }
      _ = agseterr(AGWARN)
      agreseterrors()
      guard let graph = dot.withCString({ agmemread($0) }) else {
        throw RenderError.invalidDOT(message: GraphvizErrors.take() ?? "syntax error")
      }
      defer { agclose(graph) }
      if agerrors() > 0, let m = GraphvizErrors.take() { throw RenderError.invalidDOT(message: m) }
      guard gvLayout(ctx, graph, layout.rawValue) == 0 else {
        throw RenderError.layoutFailed(message: GraphvizErrors.take() ?? "layout \(layout.rawValue) failed")
      }
      defer { gvFreeLayout(ctx, graph) }
      var buffer: UnsafeMutablePointer<CChar>? = nil
      let result = Self.renderData(ctx, graph, format, &buffer)
      guard result.status == 0, let buffer else {
        throw RenderError.renderFailed(format: format, message: GraphvizErrors.take() ?? "no such format", available: Self.formats(ctx))
      }
      defer { gvFreeRenderData(buffer) }
      return Data(bytes: buffer, count: result.length)
    }
  }

  /// `gvRenderData` takes `unsigned int*` in Graphviz 2.x and `size_t*` in later versions:
  /// let the compiler pick the length type.
  private static func renderData<G, L: BinaryInteger>(
    _ fn: (OpaquePointer?, G?, UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeMutablePointer<L>?) -> Int32,
    _ ctx: OpaquePointer?, _ graph: G?, _ format: String, _ out: inout UnsafeMutablePointer<CChar>?
  ) -> (status: Int32, length: Int) {
    var length: L = 0
    let status = format.withCString { fn(ctx, graph, $0, &out, &length) }
    return (status, Int(length))
  }

  private static func renderData(
    _ ctx: OpaquePointer?, _ graph: UnsafeMutablePointer<Agraph_t>?, _ format: String, _ out: inout UnsafeMutablePointer<CChar>?
  ) -> (status: Int32, length: Int) {
    renderData(gvRenderData, ctx, graph, format, &out)
  }
}

/// Messages Graphviz reports while the renderer's lock is held.
enum GraphvizErrors {
  private static let buffer = Mutex<[String]>([])

  static func reset() { buffer.withLock { $0.removeAll() } }

  static func append(_ s: String) { buffer.withLock { $0.append(s) } }

  /// The collected messages as one line, or nil.
  static func take() -> String? {
    buffer.withLock { b in
      defer { b.removeAll() }
      let text = b.joined().split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }.joined(separator: "; ")
      return text.isEmpty ? nil : text
    }
  }
}

private func graphvizErrorSink(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
  if let message { GraphvizErrors.append(String(cString: message)) }
  return 0
}
