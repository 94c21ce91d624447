/// Splits paragraphs into sentences. Total: odd input gives a longer sentence, never an error.
///
/// A sentence ends at `.`, `!`, `?` or an ellipsis, after any closing quotation marks and
/// brackets, when the next token starts a sentence (a capital, a digit or an opening mark).
/// It does not end after titles and initials (Mr., Dr., Gen., J. R. R.), and ends after other
/// abbreviations (U.S., Inc., Jan.) only when a typical sentence opener follows.
public enum SentenceSegmenter {
  /// Abbreviations after which a sentence never ends (they precede a name or a number).
  static let neverFinal: Set<String> = [
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "adm", "maj", "gov", "sen",
    "rep", "rev", "st", "no", "nos", "vs", "v", "mt", "ft", "fig", "hon", "pres", "supt", "cmdr",
    "insp", "messrs", "mme", "mlle", "sr", "jr", "op", "art", "vol", "pp", "p", "cf",
  ]
  /// Abbreviations that may end a sentence: split only before a clear sentence opener.
  static let mayBeFinal: Set<String> = [
    "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "etc", "approx", "dept", "est", "univ", "bros", "govt",
  ]
  /// Words that open sentences: after an ambiguous abbreviation they tell that one ended.
  static let openers: Set<String> = [
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
    "there", "in", "on", "at", "but", "and", "as", "after", "before", "however", "meanwhile", "his",
    "her", "their", "its", "our", "my", "if", "when", "while", "although", "since", "for", "what",
    "who", "why", "how", "some", "many", "most", "officials", "according",
  ]

  static func isTerminal(_ t: Token) -> Bool {
    t.kind == .punctuation && (t.text == "." || t.text == "!" || t.text == "?" || t.text == "..." || t.text == "…")
  }

  static func isClosing(_ t: Token) -> Bool {
    guard t.kind == .punctuation, let c = t.text.unicodeScalars.first else { return false }
    return c == "\"" || c == "\u{201D}" || c == "\u{2019}" || c == "'" || c == "\u{BB}" || c == ")" || c == "]"
  }

  static func opensSentence(_ t: Token) -> Bool {
    switch t.kind {
    case .number: return true
    case .word: return t.isCapitalized
    case .punctuation:
      guard let c = t.text.unicodeScalars.first else { return false }
      return c.quoteRole != nil || c == "(" || c == "[" || c == "'" || c == "-" || c == "\u{2014}"
    }
  }

  public static func sentences(text: ScalarText, tokens: [Token], paragraphs: [Paragraph]) -> [Sentence] {
    sentences(text: text, tokens: tokens, paragraphs: paragraphs, classified: false)
  }

  /// `classified`: the tokens carry a lexicon's word classes, which tell the word lists here.
  static func sentences(text: ScalarText, tokens: [Token], paragraphs: [Paragraph], classified: Bool) -> [Sentence] {
    var result: [Sentence] = []
    var cursor = 0
    for (pIndex, paragraph) in paragraphs.enumerated() {
      while cursor < tokens.count, tokens[cursor].start < paragraph.span.start { cursor += 1 }
      let first = cursor
      while cursor < tokens.count, tokens[cursor].end <= paragraph.span.end { cursor += 1 }
      let range = first..<cursor
      if paragraph.role == .banner || paragraph.role == .dateline || range.isEmpty { continue }
      func emit(_ r: Range<Int>) {
        var lo = r.lowerBound
        while lo < r.upperBound {
          let hi = capEnd(lo..<r.upperBound, tokens: tokens)
          result.append(Sentence(
            index: result.count, span: TextSpan(tokens[lo].start, tokens[hi - 1].end),
            tokens: lo..<hi, paragraph: pIndex))
          lo = hi
        }
      }
      if paragraph.role != .body {  // headlines are one sentence each
        emit(range)
        continue
      }
      var start = range.lowerBound
      var k = range.lowerBound
      while k < range.upperBound {
        var end: Int? = nil
        // The last scalar tells: ".", "!", "?", "…" (a token's scalars are its text).
        let last = text.scalars[tokens[k].end - 1]
        guard last == "." || last == "!" || last == "?" || last == "\u{2026}" else {
          k += 1
          continue
        }
        let t = tokens[k]
        if isTerminal(t) || (t.kind == .word && t.text.hasSuffix(".")) {
          var j = k + 1
          while j < range.upperBound, isClosing(tokens[j]), tokens[j].start == tokens[j - 1].end { j += 1 }
          if j < range.upperBound, tokens[j].start > tokens[j - 1].end, opensSentence(tokens[j]) {
            if boundaryAllowed(at: k, next: j, tokens: tokens, first: range.lowerBound, classified: classified) { end = j }
          }
        }
        if let e = end {
          emit(start..<e)
          start = e
          k = e
        } else {
          k += 1
        }
      }
      emit(start..<range.upperBound)
    }
    return result
  }

  /// The most tokens a sentence holds. Real sentences stay well below; text without sentence
  /// ends (a transcript, a list, a broken feed) would otherwise make one "sentence" of a whole
  /// article — every entity in it co-occurring with every other, and every evidence record
  /// carrying it all.
  public static let maxTokens = 120

  /// Where a sentence starting at `r.lowerBound` ends: at `r.upperBound` when that is within
  /// ``maxTokens``, else after the last comma, semicolon, colon or dash in the second half of
  /// the allowed length, else at the length itself.
  static func capEnd(_ r: Range<Int>, tokens: [Token]) -> Int {
    guard r.count > maxTokens else { return r.upperBound }
    let limit = r.lowerBound + maxTokens
    var k = limit - 1
    while k > r.lowerBound + maxTokens / 2 {
      let t = tokens[k]
      if t.kind == .punctuation, t.length == 1, let c = t.text.unicodeScalars.first,
        c == "," || c == ";" || c == ":" || c == "\u{2014}" || c == "\u{2013}"
      {
        return k + 1
      }
      k -= 1
    }
    return limit
  }

  static func boundaryAllowed(at k: Int, next n: Int, tokens: [Token], first: Int, classified: Bool) -> Bool {
    let nextIsOpener = tokens[n].kind == .word && (classified ? tokens[n].has(.sentenceOpener) : openers.contains(tokens[n].lower))
    if tokens[k].kind == .word {  // a dotted initialism such as U.S. at the end of a sentence
      return nextIsOpener
    }
    guard tokens[k].text == ".", k > first else { return true }
    let p = k - 1
    guard tokens[p].end == tokens[k].start, tokens[p].kind == .word else { return true }
    if tokens[p].length == 1, tokens[p].isCapitalized { return false }  // an initial: J. R. R.
    if classified ? tokens[p].has(.neverFinal) : neverFinal.contains(tokens[p].lower) { return false }
    if classified ? tokens[p].has(.mayBeFinal) : mayBeFinal.contains(tokens[p].lower) { return nextIsOpener }
    return true
  }
}
