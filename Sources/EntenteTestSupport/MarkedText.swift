import Foundation

/// Text with marked spans, for tests: `[Vladimir Putin]PER met [Kim]PER in Pyongyang`.
///
/// `[…]TAG` marks a span and its tag; the brackets and tags are removed from the text and
/// the spans are given in Unicode-scalar offsets of what remains.
public struct MarkedText: Sendable {
  public var text: String
  public var spans: [(start: Int, end: Int, tag: String, text: String)]

  public init(_ marked: String) {
    var out: [Unicode.Scalar] = []
    var spans: [(Int, Int, String, String)] = []
    var stack: [Int] = []
    let s = Array(marked.unicodeScalars)
    var i = 0
    while i < s.count {
      let c = s[i]
      if c == "[" {
        stack.append(out.count)
        i += 1
        continue
      }
      if c == "]", let start = stack.popLast() {
        var j = i + 1
        var tag = ""
        while j < s.count, s[j].properties.isUppercase || s[j] == "_" {
          tag.unicodeScalars.append(s[j])
          j += 1
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out[start..<out.count])
        spans.append((start, out.count, tag, String(view)))
        i = j
        continue
      }
      out.append(c)
      i += 1
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: out)
    text = String(view)
    self.spans = spans.sorted { $0.0 < $1.0 }.map { (start: $0.0, end: $0.1, tag: $0.2, text: $0.3) }
  }
}

/// Paths of the repository, for tests that read fixtures or run the built tool.
public enum Repository {
  /// The repository root, from this file's path.
  public static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// `../shared` beside the repository, when present (evaluation data and scorer).
  public static var shared: URL? {
    let u = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: u.appendingPathComponent("eval/score.py").path) ? u : nil
  }
}

/// A small deterministic random generator (SplitMix64): the same numbers on every run.
public struct SplitMix: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<n.
  public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The data of a page `entente view` wrote: the text of its `#graph-data` script, parsed.
public func viewData(_ page: String) -> [String: Any]? {
  guard let open = page.range(of: "<script type=\"application/json\" id=\"graph-data\">"),
    let close = page.range(of: "</script>", range: open.upperBound..<page.endIndex)
  else { return nil }
  return (try? JSONSerialization.jsonObject(with: Data(page[open.upperBound..<close.lowerBound].utf8))) as? [String: Any]
}
