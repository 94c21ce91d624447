import Entente
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The progress line on stderr: articles, megabytes, rate and (when the input's size is
/// known) the time left, redrawn in place at most five times a second. Only on a terminal,
/// and never with --quiet; warnings printed meanwhile clear it first.
final class ProgressLine {
  let enabled: Bool
  private weak var reader: ArticleReader?
  private let started = Date()
  private var lastDraw = Date.distantPast
  private var shown = false

  init(quiet: Bool) {
    enabled = !quiet && isatty(STDERR_FILENO) == 1
  }

  func attach(_ reader: ArticleReader) { self.reader = reader }

  /// Called after each piece of work; redraws when 0.2 s have passed.
  func update(articles: Int) {
    guard enabled else { return }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
    lastDraw = now
    draw(articles: articles, now: now)
  }

  private func draw(articles: Int, now: Date) {
    let elapsed = max(now.timeIntervalSince(started), 0.001)
    let bytes = reader?.bytesRead ?? 0
    var parts = ["\(ProgressLine.grouped(articles)) articles", String(format: "%.1f MB", Double(bytes) / 1e6)]
    parts.append(String(format: "%.1f MB/s", Double(bytes) / 1e6 / elapsed))
    parts.append(String(format: "%.0f articles/s", Double(articles) / elapsed))
    if let total = reader?.totalBytes, total > 0, bytes > 0 {
      let left = max(0, Double(total - bytes)) / (Double(bytes) / elapsed)
      parts.append(String(format: "%d%%", min(100, bytes * 100 / total)))
      parts.append("ETA " + ProgressLine.clock(left))
    }
    write("\r\u{1B}[K" + parts.joined(separator: "  "))
    shown = true
  }

  /// Wipes the line (before a warning, or at the end).
  func clear() {
    guard enabled, shown else { return }
    write("\r\u{1B}[K")
    shown = false
  }

  /// Prints a warning on its own line, then lets the progress line be redrawn.
  func warn(_ message: String) {
    clear()
    FileHandle.standardError.write(Data("entente: \(message)\n".utf8))
  }

  private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

  static func grouped(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, c) in s.enumerated() {
      if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }

  static func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
  }
}
