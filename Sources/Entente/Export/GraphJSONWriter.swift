import Foundation

/// Writes a graph in ``GraphJSON``'s format — the very same bytes as ``GraphJSON/data(_:)``
/// (pretty-printed, keys sorted, slashes unescaped) — straight into one buffer.
///
/// JSONEncoder first builds a tree of the whole document, which for a large corpus (a node's
/// list of articles runs to tens of thousands of ids) costs several times the size of the
/// file in memory; this writer needs only the file's bytes. `build` and `merge` use it.
public enum GraphJSONWriter {
  public static func data(_ graph: RelationshipGraph, unresolved: UnresolvedNames = UnresolvedNames()) -> Data {
    // Count first, then write into a buffer of exactly that size: memory holds the file once.
    var total = 0
    var counter = PrettyJSON { total += $0.count }
    write(graph, unresolved, to: &counter)
    counter.flush()
    var data = Data(count: total)
    data.withUnsafeMutableBytes { buffer in
      var at = 0
      var w = PrettyJSON { chunk in
        UnsafeMutableRawBufferPointer(rebasing: buffer[at..<at + chunk.count]).copyMemory(from: chunk)
        at += chunk.count
      }
      write(graph, unresolved, to: &w)
      w.flush()
    }
    return data
  }

  /// Writes the graph to a file a chunk at a time (memory never holds the whole file), the
  /// way ``AtomicFile`` does: to a temporary file in the same folder, then renamed.
  public static func write(_ graph: RelationshipGraph, unresolved: UnresolvedNames = UnresolvedNames(), to path: String) throws {
    try AtomicFile.write(to: path) { try write(graph, unresolved: unresolved, to: $0) }
  }

  /// Writes the graph to an open file (stdout, say) a chunk at a time.
  public static func write(_ graph: RelationshipGraph, unresolved: UnresolvedNames = UnresolvedNames(), to handle: FileHandle) throws {
    try write(graph, unresolved, nodes: graph.sortedNodes, edges: graph.sortedEdges, to: handle)
  }

  /// With the graph's nodes and edges sorted as exporters write them; `lines`, if given,
  /// writes the lines of the edges (``lines(_:_:level:to:)``, section 0) and of the nodes
  /// (section 1) in its stead.
  static func write(
    _ graph: RelationshipGraph, _ unresolved: UnresolvedNames, nodes: [Node], edges: [Edge], to handle: FileHandle,
    lines: ((inout PrettyJSON, Int) -> Void)? = nil
  ) throws {
    var failure: Error?
    var w = PrettyJSON { chunk in
      guard failure == nil else { return }
      do { try handle.write(contentsOf: chunk) } catch { failure = error }
    }
    write(graph, unresolved, nodes: nodes, edges: edges, to: &w, lines: lines)
    w.flush()
    if let failure { throw failure }
  }

  static func write(_ graph: RelationshipGraph, _ unresolved: UnresolvedNames, to w: inout PrettyJSON) {
    write(graph, unresolved, nodes: graph.sortedNodes, edges: graph.sortedEdges, to: &w)
  }

  static func write(
    _ graph: RelationshipGraph, _ unresolved: UnresolvedNames, nodes sortedNodes: [Node], edges sortedEdges: [Edge], to w: inout PrettyJSON,
    lines: ((inout PrettyJSON, Int) -> Void)? = nil
  ) {
    w.open("{")
    w.key("articles", level: 1)
    w.array(graph.articles.elements, level: 1) { w, id, level in
      w.open("{")
      if let d = graph.articleDates[id.pointee] {
        w.key("date", level: level + 1); w.string(d); w.comma()
      }
      w.key("id", level: level + 1); w.string(id.pointee); w.newline()
      w.close("}", level: level)
    }
    w.comma()
    w.key("edges", level: 1)
    section(0, isEmpty: sortedEdges.isEmpty, lines: lines, to: &w) { edges(sortedEdges, level: 1, to: &$0) }
    w.comma()
    w.key("format", level: 1); w.string(GraphJSON.format); w.comma()
    w.key("nodes", level: 1)
    section(1, isEmpty: sortedNodes.isEmpty, lines: lines, to: &w) { nodes(sortedNodes, level: 1, to: &$0) }
    w.comma()
    if !unresolved.isEmpty {
      w.key("unresolved", level: 1)
      w.open("{")
      w.key("edges", level: 2)
      edges(unresolved.edges, level: 2, to: &w)
      w.comma()
      w.key("nodes", level: 2)
      nodes(unresolved.nodes, level: 2, to: &w)
      w.comma()
      w.key("renamed", level: 2)
      w.open("{")
      let renamed = unresolved.renamed.sorted { $0.key < $1.key }
      for (i, (from, to)) in renamed.enumerated() {
        w.indent(3)
        w.string(from); w.raw(" : "); w.string(to)
        if i < renamed.count - 1 { w.comma() } else { w.newline() }
      }
      w.close("}", level: 2)
      w.newline()
      w.close("}", level: 1)
      w.comma()
    }
    w.key("version", level: 1); w.int(GraphJSON.version); w.newline()
    w.close("}", level: 0)
    w.newline()
  }

  /// The array of section `index` (0: edges, 1: nodes): its lines from `lines` when given,
  /// between brackets as ``PrettyJSON/array(_:level:_:)`` writes them; else `whole`.
  static func section(
    _ index: Int, isEmpty: Bool, lines: ((inout PrettyJSON, Int) -> Void)?, to w: inout PrettyJSON, whole: (inout PrettyJSON) -> Void
  ) {
    guard let lines, !isEmpty else { return whole(&w) }
    w.raw("[\n")
    lines(&w, index)
    w.indent(1)
    w.raw("]")
  }

  static func edges(_ edges: [Edge], level: Int, to w: inout PrettyJSON) {
    w.array(edges, level: level) { w, e, level in edge(e, level: level, to: &w) }
  }

  /// The lines of `items[range]` in an array of `items` at `level`, as
  /// ``PrettyJSON/array(_:level:_:)`` writes them: an array can be written in parts, by
  /// several threads, one after the other.
  static func lines<T>(
    _ items: [T], _ range: Range<Int>, level: Int, to w: inout PrettyJSON, _ element: (UnsafePointer<T>, Int, inout PrettyJSON) -> Void
  ) {
    items.withUnsafeBufferPointer { items in
      for i in range {
        w.indent(level + 1)
        element(items.baseAddress! + i, level + 1, &w)
        if i < items.count - 1 { w.put(0x2C) }
        w.put(0x0A)
      }
    }
  }

  static func edgeLines(_ edges: [Edge], _ range: Range<Int>, level: Int, to w: inout PrettyJSON) {
    lines(edges, range, level: level, to: &w) { e, level, w in edge(e, level: level, to: &w) }
  }

  static func nodeLines(_ nodes: [Node], _ range: Range<Int>, level: Int, to w: inout PrettyJSON) {
    lines(nodes, range, level: level, to: &w) { n, level, w in node(n, level: level, to: &w) }
  }

  /// An edge at `level`, read in place.
  static func edge(_ e: UnsafePointer<Edge>, level: Int, to w: inout PrettyJSON) {
    w.open("{")
    w.key("evidence", level: level + 1)
    w.array(e.pointee.evidence, level: level + 1) { w, v, level in
      w.open("{")
      w.key("article", level: level + 1); w.string(v.pointee.article); w.comma()
      if v.pointee.cue != nil { w.key("cue", level: level + 1); w.string(v.pointee.cue!); w.comma() }
      w.key("end", level: level + 1); w.int(v.pointee.end); w.comma()
      if v.pointee.quote != nil { w.key("quote", level: level + 1); w.string(v.pointee.quote!); w.comma() }
      w.key("sentence", level: level + 1); w.int(v.pointee.sentence); w.comma()
      w.key("start", level: level + 1); w.int(v.pointee.start); w.comma()
      w.key("text", level: level + 1); w.string(v.pointee.text); w.comma()
      w.key("tone", level: level + 1); w.int(v.pointee.tone); w.comma()
      w.key("tone_cues", level: level + 1)
      w.array(v.pointee.toneCues, level: level + 1) { w, c, _ in w.string(c.pointee) }
      w.newline()
      w.close("}", level: level)
    }
    w.comma()
    w.key("kind", level: level + 1); w.string(e.pointee.kind.rawValue); w.comma()
    w.key("source", level: level + 1); w.string(e.pointee.source); w.comma()
    w.key("target", level: level + 1); w.string(e.pointee.target); w.comma()
    w.key("tone", level: level + 1); w.double(e.pointee.roundedTone); w.comma()
    w.key("tone_sum", level: level + 1); w.int(e.pointee.toneSum); w.comma()
    w.key("weight", level: level + 1); w.int(e.pointee.weight); w.newline()
    w.close("}", level: level)
  }

  static func nodes(_ nodes: [Node], level: Int, to w: inout PrettyJSON) {
    w.array(nodes, level: level) { w, n, level in node(n, level: level, to: &w) }
  }

  /// A node at `level`, read in place.
  static func node(_ n: UnsafePointer<Node>, level: Int, to w: inout PrettyJSON) {
    w.open("{")
    w.key("aliases", level: level + 1)
    w.array(n.pointee.aliases, level: level + 1) { w, a, _ in w.string(a.pointee) }
    w.comma()
    w.key("articles", level: level + 1)
    w.array(n.pointee.articles, level: level + 1) { w, a, _ in w.string(a.pointee) }
    w.comma()
    w.key("id", level: level + 1); w.string(n.pointee.id); w.comma()
    w.key("mentions", level: level + 1); w.int(n.pointee.mentions); w.comma()
    w.key("name", level: level + 1); w.string(n.pointee.name); w.comma()
    w.key("type", level: level + 1); w.string(n.pointee.type.rawValue); w.newline()
    w.close("}", level: level)
  }
}

/// JSONEncoder's pretty-printed layout: two spaces a level, `"key" : value`, one element a
/// line, and an empty array as `[`, a blank line, `]`.
struct PrettyJSON {
  private var out: ChunkedBytes

  init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
    out = ChunkedBytes(sink: sink)
  }

  /// Hands the bytes still buffered to the sink.
  mutating func flush() { out.flush() }

  mutating func put(_ b: UInt8) { out.put(b) }

  mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) { out.put(buffer) }

  mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { put($0) }
  }

  mutating func indent(_ level: Int) {
    out.put(0x20, times: 2 * level)
  }

  mutating func open(_ s: StaticString) {
    raw(s)
    put(0x0A)
  }

  mutating func close(_ s: StaticString, level: Int) {
    indent(level)
    raw(s)
  }

  mutating func comma() { raw(",\n") }
  mutating func newline() { put(0x0A) }

  mutating func key(_ k: StaticString, level: Int) {
    indent(level)
    put(0x22)
    raw(k)
    raw("\" : ")
  }

  mutating func int(_ v: Int) {
    IntegerText.write(v) { put($0) }
  }

  /// A number as JSONEncoder writes it: the shortest form, without a trailing ".0".
  mutating func double(_ v: Double) {
    var s = JSONNumber.string(v)
    s.withUTF8 { put($0) }
  }

  /// An array at `level` (its brackets), one element a line at `level + 1`; `element` reads
  /// each where it is.
  mutating func array<T>(_ items: [T], level: Int, _ element: (inout PrettyJSON, UnsafePointer<T>, Int) -> Void) {
    guard !items.isEmpty else {
      raw("[\n\n")
      indent(level)
      raw("]")
      return
    }
    raw("[\n")
    // Each element read in place (a copy of a node or an edge would retain and release every
    // string it holds, on memory the DOT writer reads at the same time on another thread).
    items.withUnsafeBufferPointer { items in
      for i in items.indices {
        indent(level + 1)
        element(&self, items.baseAddress! + i, level + 1)
        if i < items.count - 1 { put(0x2C) }
        put(0x0A)
      }
    }
    indent(level)
    raw("]")
  }

  mutating func string(_ s: String) { JSONString.write(s) { put($0) } }
}

extension StringProtocol {
  /// Calls `body` with the UTF-8 bytes where they are stored (a native string's, or a copy
  /// on the stack for a small one), without the copy of the string that `withUTF8` needs.
  func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
    var s = String(self)
    return s.withUTF8(body)
  }
}

/// Integers in decimal, as bytes: no string made.
enum IntegerText {
  static func write(_ v: Int, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
    // One digit (a tone, most sentence numbers) from a table of them.
    if v >= 0, v < 10 {
      return ("0123456789" as StaticString).withUTF8Buffer { emit(UnsafeBufferPointer(rebasing: $0[v..<v + 1])) }
    }
    // Digits written backwards into a small buffer.
    guard v != Int.min else { return ("-9223372036854775808" as StaticString).withUTF8Buffer { emit($0) } }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var n = v < 0 ? -v : v
      var at = 20
      repeat {
        at -= 1
        digits[at] = 0x30 + UInt8(n % 10)
        n /= 10
      } while n > 0
      if v < 0 { at -= 1; digits[at] = 0x2D }
      emit(UnsafeBufferPointer(rebasing: digits[at..<20]))
    }
  }
}

/// JSON numbers as JSONEncoder writes them.
enum JSONNumber {
  static func string(_ v: Double) -> String {
    // Whole numbers of a few digits (most tones: 0, 1, -1) as an integer's digits, which is
    // what the description gives without its ".0"; -0 keeps its sign.
    if v == v.rounded(), abs(v) < 1_000_000, !(v == 0 && v.sign == .minus) { return String(Int(v)) }
    var s = v.description
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
  }
}

/// JSON string literals, escaped as JSONEncoder escapes them: quote, backslash and control
/// characters ("/" left alone). Byte by byte (UTF-8 continuation bytes are never below 0x80),
/// handing `emit` the runs that need no escape whole.
enum JSONString {
  static func write(_ s: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
    func literal(_ bytes: StaticString) { bytes.withUTF8Buffer { emit($0) } }
    literal("\"")
    s.withUTF8Bytes { utf8 in
      var run = 0, i = 0
      let n = utf8.count
      while i < n {
        // Eight bytes at a time while none needs an escape (most text).
        if i + 8 <= n {
          let w = ByteScan.word(utf8, at: i)
          if ByteScan.highs & (ByteScan.below(w, 0x20) | ByteScan.equal(w, 0x22) | ByteScan.equal(w, 0x5C)) == 0 {
            i += 8
            continue
          }
        }
        let b = utf8[i]
        i += 1
        if b >= 0x20, b != 0x22, b != 0x5C { continue }
        emit(UnsafeBufferPointer(rebasing: utf8[run..<i - 1]))
        run = i
        switch b {
        case 0x22: literal("\\\"")
        case 0x5C: literal("\\\\")
        case 0x0A: literal("\\n")
        case 0x0D: literal("\\r")
        case 0x09: literal("\\t")
        case 0x08: literal("\\b")
        case 0x0C: literal("\\f")
        default:
          let hex = Array("0123456789abcdef".utf8)
          [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]].withUnsafeBufferPointer { emit($0) }
        }
      }
      emit(UnsafeBufferPointer(rebasing: utf8[run...]))
    }
    literal("\"")
  }
}

/// Tests on eight bytes of UTF-8 at once (one 64-bit word), for writers that scan text for
/// the few bytes their format escapes: a word with none of them is copied as it is without a
/// look at each byte. The tests are the classic exact ones ("Bit Twiddling Hacks": a byte
/// below n, for n ≤ 128; a zero byte after an exclusive or); byte order does not matter.
enum ByteScan {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// The eight bytes at `i` (i + 8 ≤ count).
  @inline(__always) static func word(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
    UnsafeRawPointer(utf8.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self)
  }

  /// Whether some byte of `w` is below `n` (n ≤ 128).
  @inline(__always) static func any(in w: UInt64, below n: UInt8) -> Bool {
    below(w, n) & highs != 0
  }

  /// A word whose high bits (``highs``) are not all clear exactly when some byte of `w` is
  /// below `n` (n ≤ 128). Several tests are made as one: `highs & (a | b | …) != 0`.
  @inline(__always) static func below(_ w: UInt64, _ n: UInt8) -> UInt64 {
    (w &- ones &* UInt64(n)) & ~w
  }

  /// As ``below(_:_:)``, for a byte of `w` equal to `b`.
  @inline(__always) static func equal(_ w: UInt64, _ b: UInt8) -> UInt64 {
    below(w ^ (ones &* UInt64(b)), 1)
  }

  /// Whether some byte of `w` is `b`.
  @inline(__always) static func any(in w: UInt64, equalTo b: UInt8) -> Bool {
    any(in: w ^ (ones &* UInt64(b)), below: 1)
  }
}

/// Bytes written in place into one fixed chunk, handed to `sink` each time it fills (the
/// buffer under ``PrettyJSON`` and ``DOTBytes``): no growth, no copy of the whole file. What
/// fits in the chunk is written inline; only a full chunk calls out.
struct ChunkedBytes {
  let sink: (UnsafeRawBufferPointer) -> Void
  private let chunk = Storage(capacity: ChunkedBytes.chunkSize)
  /// The chunk's bytes (``chunk`` keeps them allocated).
  private let bytes: UnsafeMutablePointer<UInt8>
  private var count = 0
  static let chunkSize = 1 << 16

  init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
    self.sink = sink
    bytes = chunk.bytes
  }

  /// Hands the bytes still buffered to the sink.
  mutating func flush() {
    guard count > 0 else { return }
    sink(UnsafeRawBufferPointer(start: bytes, count: count))
    count = 0
  }

  @inline(__always) mutating func put(_ b: UInt8) {
    if count == ChunkedBytes.chunkSize { flush() }
    bytes[count] = b
    count += 1
  }

  @inline(__always) mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) {
    let n = buffer.count
    guard n <= ChunkedBytes.chunkSize - count, let base = buffer.baseAddress else { return putFlushing(buffer) }
    // Short pieces (keys, marks, numbers) byte by byte: a call to copy them costs more.
    if n <= 16 {
      for k in 0..<n { bytes[count + k] = base[k] }
    } else {
      (bytes + count).update(from: base, count: n)
    }
    count += n
  }

  /// A piece that does not fit in what is left of the chunk.
  private mutating func putFlushing(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    flush()
    guard buffer.count <= ChunkedBytes.chunkSize else { return sink(UnsafeRawBufferPointer(buffer)) }
    bytes.update(from: base, count: buffer.count)
    count = buffer.count
  }

  /// `b` written `n` times in place, at most a chunk at a time.
  @inline(__always) mutating func put(_ b: UInt8, times n: Int) {
    if n <= 16, n <= ChunkedBytes.chunkSize - count {
      for k in 0..<n { bytes[count + k] = b }
      count += n
      return
    }
    putFlushing(b, times: n)
  }

  private mutating func putFlushing(_ b: UInt8, times n: Int) {
    var n = n
    while n > 0 {
      if count == ChunkedBytes.chunkSize { flush() }
      let k = min(n, ChunkedBytes.chunkSize - count)
      (bytes + count).update(repeating: b, count: k)
      count += k
      n -= k
    }
  }

  private final class Storage {
    let bytes: UnsafeMutablePointer<UInt8>

    init(capacity: Int) { bytes = .allocate(capacity: capacity) }

    deinit { bytes.deallocate() }
  }
}
