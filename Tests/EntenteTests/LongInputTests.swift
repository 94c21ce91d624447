import Entente
import Foundation
import Testing

/// Inputs of any shape give a graph bounded by their length: no sentence longer than
/// ``SentenceSegmenter/maxTokens``, no evidence text or quote longer than
/// ``GraphBuilder/maxEvidenceText`` (plus its ellipsis), whatever the article.
@Suite("Long inputs")
struct LongInputTests {
  static let paragraph = """
    Leaders of Russia, China, Iran and Syria met in Geneva on Monday, where Vladimir Putin said \
    "we will not back down" and the United Nations warned that NATO and the European Union \
    would answer; Jens Stoltenberg told Reuters that North Korea supports Russia.
    """

  /// The same text as one line, without sentence punctuation, and as one long open quote.
  static func shapes(copies: Int) -> [(String, String)] {
    let normal = Array(repeating: paragraph, count: copies).joined(separator: "\n\n")
    let noPunctuation = normal.replacingOccurrences(of: "\n\n", with: " ").filter { !".;:!?".contains($0) }
    let openQuote = "Putin said: \u{201C}" + noPunctuation
    return [("normal", normal), ("no punctuation", noPunctuation), ("open quote", openQuote)]
  }

  @Test func sentencesAndEvidenceAreBounded() throws {
    let pipeline = Pipeline()
    for (shape, text) in Self.shapes(copies: 400) {
      let a = pipeline.analyze(Article(id: "long", text: text))
      #expect(a.document.sentences.count > 40, "\(shape)")
      for s in a.document.sentences { #expect(s.tokens.count <= SentenceSegmenter.maxTokens, "\(shape)") }
      let g = pipeline.graph(for: a)
      #expect(!g.edges.isEmpty)
      for e in g.edges.values {
        for ev in e.evidence {
          #expect(ev.text.unicodeScalars.count <= GraphBuilder.maxEvidenceText + 3, "\(shape)")
          #expect((ev.quote?.unicodeScalars.count ?? 0) <= GraphBuilder.maxEvidenceText + 3, "\(shape)")
          #expect(ev.end - ev.start >= ev.text.unicodeScalars.count - 3 || ev.quote != nil, "offsets keep the whole span")
        }
      }
      // The graph grows with the text, not with its square: twice the text, at most about
      // twice the JSON.
      let small = GraphJSONWriter.data(pipeline.graph(for: pipeline.analyze(Article(id: "long", text: Self.shapes(copies: 200).first { $0.0 == shape }!.1)))).count
      let large = GraphJSONWriter.data(g).count
      #expect(large <= 3 * small, "\(shape): \(small) → \(large) bytes")
    }
  }
}
