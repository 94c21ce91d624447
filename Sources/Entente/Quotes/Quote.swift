/// A quotation: who said it (when known), the words of the cue, and what was said.
public struct Quote: Sendable, Hashable {
  /// What was said: the quoted words with their marks, or the reported clause.
  public var content: TextSpan
  /// All of the content is inside quotation marks.
  public var direct: Bool
  /// The cue: "said", "told reporters", "according to".
  public var cue: TextSpan?
  /// The cue's lemma: "say", "tell", "according to".
  public var cueLemma: String?
  /// The words naming the speaker at this quote: a name, "he", "the NATO Secretary General".
  public var speaker: TextSpan?
  /// Index into the article's ``Recognition/entities``; nil when unattributed.
  public var speakerEntity: Int?
  /// The sentence the quote starts in.
  public var sentence: Int
  /// The pattern that found it ("speaker-cue-content", "content-cue-speaker", …).
  public var rule: String
  /// The quoted pieces of one utterance interrupted by its cue or a paragraph break
  /// (`"…," she said. "…"`), in order; empty when the content is one piece. The content runs
  /// from the first piece to the last.
  public var pieces: [TextSpan] = []
  /// Entities that speak with ``speakerEntity`` when the speaker is coordinated ("Moscow and
  /// Pyongyang deny …"), in order; empty otherwise.
  public var otherSpeakers: [Int] = []

  /// The span lies in what was said (in one of the pieces when the quote is interrupted).
  public func says(_ span: TextSpan) -> Bool {
    pieces.isEmpty ? content.contains(span) : pieces.contains { $0.contains(span) }
  }
}

/// Where a pair of quotation marks opens and closes (scalar offsets of the marks).
struct QuotePair: Hashable {
  var open: Int
  /// Offset just past the closing mark (or the end of the paragraph when unclosed).
  var end: Int
  var closed: Bool
  var span: TextSpan { TextSpan(open, end) }
}

enum QuoteMarks {
  /// Pairs of double quotation marks, paragraph by paragraph. Unpaired marks never fail:
  /// an unclosed quote runs to the end of its paragraph, and a closing mark with no opening
  /// one is ignored.
  static func pairs(_ doc: Document) -> [QuotePair] {
    doc.text.scalars.withUnsafeBufferPointer { pairs(doc, $0) }
  }

  private static func pairs(_ doc: Document, _ s: UnsafeBufferPointer<Unicode.Scalar>) -> [QuotePair] {
    var out: [QuotePair] = []
    let tokens = doc.tokens
    for p in doc.paragraphs where p.role != .banner && p.role != .dateline {
      var open: Int? = nil
      var straight = false
      // A quotation mark is always a punctuation token of its own: read those only.
      for k in doc.tokenIndex(atOrAfter: p.span.start)..<doc.tokenIndex(atOrAfter: p.span.end) {
        guard tokens[k].kind == .punctuation, tokens[k].length == 1 else { continue }
        let i = tokens[k].start
        let c = s[i]
        if let role = c.quoteRole {
          switch role {
          case .open:
            if let o = open, !straight, s[o] == "\u{201E}", c == "\u{201C}" {
              // „…“: German-style quotes close with the mark that opens English ones.
              out.append(QuotePair(open: o, end: i + 1, closed: true))
              open = nil
            } else if open == nil {
              open = i
              straight = false
            }
          case .close:
            if let o = open, !straight { out.append(QuotePair(open: o, end: i + 1, closed: true)); open = nil }
          case .ambiguousDouble:
            if let o = open {
              if straight { out.append(QuotePair(open: o, end: i + 1, closed: true)); open = nil }
            } else {
              let before: Unicode.Scalar = i > p.span.start ? s[i - 1] : " "
              let after: Unicode.Scalar = i + 1 < p.span.end ? s[i + 1] : " "
              if !after.isSpace, before.isSpace || before == "(" || before == "[" || before == "-" || before == "\u{2014}" || i == p.span.start || before == ":" {
                open = i
                straight = true
              }
            }
          case .openSingle:
            break
          }
        }
      }
      if let o = open, p.span.end - o > 1 { out.append(QuotePair(open: o, end: p.span.end, closed: false)) }
    }
    return out
  }
}
