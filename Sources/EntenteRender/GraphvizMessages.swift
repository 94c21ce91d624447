import CGraphviz
import Foundation
import Synchronization

/// What Graphviz reported during one render: its errors and its warnings, one message a line.
public struct GraphvizMessages: Sendable, Equatable {
  /// Messages Graphviz reported as errors (the `dot` command exits with 1 after any of them).
  public var errors: [String] = []
  /// Messages Graphviz reported as warnings.
  public var warnings: [String] = []

  public init(errors: [String] = [], warnings: [String] = []) {
    self.errors = errors
    self.warnings = warnings
  }

  /// Splits Graphviz's report into messages. Graphviz starts each with "Error: " or
  /// "Warning: "; a line without either continues the message before it (a message's
  /// context, such as "in label of node a").
  init(report: String) {
    var isError: [Bool] = []
    var texts: [String] = []
    for raw in report.split(whereSeparator: \.isNewline) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty else { continue }
      if line.hasPrefix("Error: ") || line.hasPrefix("Error:") {
        isError.append(true)
        texts.append(line.dropFirst("Error:".count).trimmingCharacters(in: .whitespaces))
      } else if line.hasPrefix("Warning: ") || line.hasPrefix("Warning:") {
        isError.append(false)
        texts.append(line.dropFirst("Warning:".count).trimmingCharacters(in: .whitespaces))
      } else if texts.isEmpty {
        isError.append(true)
        texts.append(line)
      } else {
        texts[texts.count - 1] += " " + line
      }
    }
    for (e, t) in zip(isError, texts) {
      if e { errors.append(t) } else { warnings.append(t) }
    }
  }

  /// The errors as one line ("; " between messages), or nil.
  var errorLine: String? { errors.isEmpty ? nil : errors.joined(separator: "; ") }
}

/// The text Graphviz reports (through `agseterrf`) while the renderer's lock is held.
enum GraphvizReport {
  private static let buffer = Mutex<String>("")

  static func reset() { buffer.withLock { $0 = "" } }

  static func append(_ s: String) { buffer.withLock { $0 += s } }

  /// The messages reported since the last reset, which clears the buffer.
  static func take() -> GraphvizMessages {
    buffer.withLock { b in
      defer { b = "" }
      return GraphvizMessages(report: b)
    }
  }

  /// Collects Graphviz's messages (warnings too) instead of letting it print them, until
  /// `body` returns.
  static func capturing<T>(_ body: () throws -> T) rethrows -> T {
    reset()
    let previous = agseterrf(graphvizReportSink)
    let previousLevel = agseterr(AGWARN)
    agreseterrors()
    defer {
      _ = agseterrf(previous)
      _ = agseterr(previousLevel)
    }
    return try body()
  }
}

private func graphvizReportSink(_ message: UnsafeMutablePointer<CChar>?) -> Int32 {
  // String(cString:) keeps the bytes of a Latin-1 graph's names that are not UTF-8 as U+FFFD.
  if let message { GraphvizReport.append(String(cString: message)) }
  return 0
}
