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
  /// The graph names a local file Graphviz would open, and files were not allowed.
  case fileReference(FileReference)
  /// Graphviz laid out and rendered the graph but reported errors (the `dot` command exits
  /// with 1 after them): a bad HTML-like label, an unknown attribute value it could not use.
  case graphvizErrors([String])

  public var description: String {
    switch self {
    case .invalidDOT(let m): return "Graphviz cannot read the graph: \(m)"
    case .layoutFailed(let m): return "Graphviz layout failed: \(m)"
    case .renderFailed(let f, let m, let available):
      let list = available.isEmpty ? "" : " (available: \(available.joined(separator: ", ")))"
      return "Graphviz cannot render \(f): \(m)\(list)"
    case .fileReference(let r): return "\(r); files a graph names are not opened unless allowed"
    case .graphvizErrors(let errors): return "Graphviz: \(errors.joined(separator: "; "))"
    }
  }
}

/// How to render: the layout engine, the output format, and whether the graph may make
/// Graphviz open local files.
public struct RenderOptions: Sendable, Equatable {
  /// The layout engine (a graph's own `layout` attribute overrides it, as with `dot`).
  public var layout: LayoutEngine
  /// The output format: "svg", or another the installed plugins provide.
  public var format: String
  /// Whether the graph may name local files Graphviz opens (`image`, `imagepath`,
  /// `shapefile`, `fontpath`, a font given as a path, `<IMG>` in an HTML-like label). Off by
  /// default: a graph from elsewhere could otherwise make Graphviz read any file it names
  /// (and show an image's size, or the image itself in formats that embed it).
  public var allowFiles: Bool

  public init(layout: LayoutEngine = .dot, format: String = "svg", allowFiles: Bool = false) {
    self.layout = layout
    self.format = format
    self.allowFiles = allowFiles
  }
}

/// Renders DOT to SVG (or another format) in-process through Graphviz's C library (libgvc).
///
/// No `dot` process is spawned. One Graphviz context is created once and reused; since
/// Graphviz is not thread-safe, every call holds one lock. Graphviz's messages are captured
/// (through `agseterrf`) instead of being printed: its errors are thrown as ``RenderError``,
/// its warnings handed to the caller.
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

  /// Lays out and renders a DOT graph given as text (files it names are not opened; its
  /// warnings are dropped).
  public func render(dot: String, layout: LayoutEngine = .dot, format: String = "svg") throws -> Data {
    try render(dot: Data(dot.utf8), options: RenderOptions(layout: layout, format: format))
  }

  /// Lays out and renders every graph of a DOT file, as the `dot` command does: the bytes
  /// go to Graphviz as they are, so a graph in Latin-1 (`charset=latin1`) reads as Graphviz
  /// reads it; several graphs in one file give their renderings one after the other.
  ///
  /// Graphviz's warnings go to `warning`, one message a call, before the function returns
  /// or throws. Any error Graphviz reports throws, even when it could still draw the graph
  /// (the `dot` command then exits with 1).
  public func render(dot: Data, options: RenderOptions, warning: (String) -> Void = { _ in }) throws -> Data {
    let (result, warnings) = state.withLock { s -> (Result<Data, RenderError>, [String]) in
      guard let ctx = Self.context(&s) else {
        return (.failure(.layoutFailed(message: "cannot create a Graphviz context")), [])
      }
      return GraphvizReport.capturing {
        let result = Self.render(dot, options: options, ctx)
        let messages = GraphvizReport.take()
        switch result {
        case .success where agerrors() > 0 || !messages.errors.isEmpty:
          return (.failure(.graphvizErrors(messages.errors.isEmpty ? ["error"] : messages.errors)), messages.warnings)
        case .success, .failure(.fileReference):
          return (result, messages.warnings)
        case .failure(let e):
          return (.failure(e.with(messages)), messages.warnings)
        }
      }
    }
    warnings.forEach(warning)
    return try result.get()
  }

  /// Reads, checks, lays out and renders every graph of `dot` (the lock held).
  private static func render(_ dot: Data, options: RenderOptions, _ ctx: OpaquePointer) -> Result<Data, RenderError> {
    let graphs = DOTReader.graphs(in: dot)
    defer { graphs.forEach { agclose($0) } }
    // A graph Graphviz cannot read stops the reading (after the graphs before it).
    if agerrors() > 0 { return .failure(.invalidDOT(message: "")) }
    if graphs.isEmpty {
      // An empty file: the `dot` command writes nothing and succeeds.
      GraphvizReport.append("Warning: no graph in the input\n")
      return .success(Data())
    }
    if !options.allowFiles {
      for g in graphs {
        if let r = FileReferences.first(in: g) { return .failure(.fileReference(r)) }
      }
    }
    // open_memstream writes the buffer's address and size when the stream is flushed or
    // closed: they need places of their own.
    let buffer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 1)
    let size = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    buffer.initialize(to: nil)
    size.initialize(to: 0)
    guard let out = open_memstream(buffer, size) else {
      return .failure(.renderFailed(format: options.format, message: "out of memory", available: []))
    }
    var closed = false
    defer {
      if !closed { fclose(out) }
      free(buffer.pointee)
      buffer.deallocate()
      size.deallocate()
    }
    for g in graphs {
      guard gvLayout(ctx, g, options.layout.rawValue) == 0 else { return .failure(.layoutFailed(message: "")) }
      defer { gvFreeLayout(ctx, g) }
      guard gvRender(ctx, g, options.format, out) == 0 else {
        return .failure(.renderFailed(format: options.format, message: "", available: formats(ctx)))
      }
    }
    fclose(out)
    closed = true
    return .success(buffer.pointee.map { Data(bytes: $0, count: size.pointee) } ?? Data())
  }
}

extension RenderError {
  /// The error with Graphviz's own messages in place of an empty one.
  fileprivate func with(_ messages: GraphvizMessages) -> RenderError {
    switch self {
    case .invalidDOT(let m) where m.isEmpty: return .invalidDOT(message: messages.errorLine ?? "no graph in the input")
    case .layoutFailed(let m) where m.isEmpty: return .layoutFailed(message: messages.errorLine ?? "layout failed")
    case .renderFailed(let f, let m, let a) where m.isEmpty: return .renderFailed(format: f, message: messages.errorLine ?? "no such format", available: a)
    default: return self
    }
  }
}

/// Reads the graphs of a DOT text through cgraph's `agread`, with an input discipline
/// that hands Graphviz the bytes one line at a time (as `agmemread` does).
enum DOTReader {
  private struct Channel {
    var base: UnsafePointer<CChar>
    var count: Int
    var offset: Int
  }

  /// cgraph keeps a graph's discipline for as long as the graph lives: one for all graphs.
  nonisolated(unsafe) private static let discipline: UnsafeMutablePointer<Agdisc_t> = {
    let io = UnsafeMutablePointer<Agiodisc_t>.allocate(capacity: 1)
    io.initialize(to: Agiodisc_t(afread: readLine, putstr: { _, _ in 0 }, flush: { _ in 0 }))
    let disc = UnsafeMutablePointer<Agdisc_t>.allocate(capacity: 1)
    disc.initialize(to: Agdisc_t(mem: nil, id: nil, io: io))
    return disc
  }()

  /// Every graph of the text, up to the end or to the first one Graphviz cannot read. Reads
  /// to the end in any case, so that Graphviz's reader keeps nothing for the next text.
  static func graphs(in dot: Data) -> [UnsafeMutablePointer<Agraph_t>] {
    var bytes = [CChar](repeating: 0, count: dot.count + 1)
    bytes.withUnsafeMutableBytes { _ = dot.copyBytes(to: $0) }
    return bytes.withUnsafeBufferPointer { b in
      var channel = Channel(base: b.baseAddress!, count: dot.count, offset: 0)
      agsetfile(nil)  // messages count lines from 1 again
      var out: [UnsafeMutablePointer<Agraph_t>] = []
      while let g = agread(&channel, discipline) { out.append(g) }
      return out
    }
  }

  private static let readLine: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32 = { chan, buf, size in
    guard let chan, let buf, size > 0 else { return 0 }
    let c = chan.assumingMemoryBound(to: Channel.self)
    let start = c.pointee.base + c.pointee.offset
    let limit = min(Int(size), c.pointee.count - c.pointee.offset)
    var n = 0
    while n < limit {
      buf[n] = start[n]
      n += 1
      if start[n - 1] == 10 { break }
    }
    c.pointee.offset += n
    return Int32(n)
  }
}
