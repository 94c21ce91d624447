import Entente
import EntenteTestSupport
import Foundation
import Testing

@Suite("Robustness")
struct RobustnessTests {
  static let pieces = [
    "Putin", "said", "\"", "\u{201C}", "\u{201D}", "\u{201E}", "«", "»", "'", "’s", ".", "...", "…", ",", ":",
    "\n", "\n\n", " ", "Mr.", "U.S.", "NATO", "he", "she", "According to", "the", "Kim Jong-un", "(", ")",
    "told reporters that", "e\u{301}", "🇺🇦", "北朝鮮", "\u{0}", "\r\n", "-", "—", "Jan.", "11,000", "05:11",
    "President", "of the", "Ministry", "Party", "'", "Washington", "Paris", "and", "Secretary General",
  ]

  @Test func anyTextGivesSpansInsideIt() {
    var rng = SplitMix(state: 42)
    let pipeline = Pipeline()
    for _ in 0..<300 {
      let count = Int.random(in: 0...60, using: &rng)
      let text = (0..<count).map { _ in Self.pieces.randomElement(using: &rng)! }.joined(separator: Bool.random(using: &rng) ? " " : "")
      let a = pipeline.analyze(Article(id: "r", text: text))
      let n = a.document.text.count
      for s in a.document.sentences { #expect(s.span.start >= 0 && s.span.end <= n && s.span.start <= s.span.end) }
      for m in a.recognition.mentions {
        #expect(m.span.start >= 0 && m.span.end <= n && m.span.start < m.span.end)
        #expect(m.entity < a.recognition.entities.count)
      }
      for q in a.quotes {
        #expect(q.content.start >= 0 && q.content.end <= n && q.content.start < q.content.end)
        if let e = q.speakerEntity { #expect(e < a.recognition.entities.count) }
      }
      _ = ExtractJSON.line(a)
      _ = DOTExporter().string(pipeline.graph(for: a))
    }
  }

  /// A text file's article id is its name without the extension, as `URL` reads it.
  @Test func textFileIDsAreNamesWithoutExtension() throws {
    let dir = try Scratch.directory("ids")
    defer { try? FileManager.default.removeItem(at: dir) }
    let names = [
      "plain.txt", "two.dots.txt", "ünïcödé.txt", "UPPER.TXT", "noext", ".hidden", ".hidden.txt", "trailing.", "a b.txt", "x.t-t",
      "v1.2", "9.txt",
    ]
    for name in names {
      let path = dir.appendingPathComponent(name).path
      try Data("Putin met Kim.".utf8).write(to: URL(fileURLWithPath: path))
      let id = try ArticleLoader.read(path).id
      #expect(id == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, "\(name)")
    }
    #expect(try ArticleLoader.read(dir.appendingPathComponent("two.dots.txt").path).id == "two.dots")
  }
}
