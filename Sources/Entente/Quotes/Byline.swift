/// A wire byline opening a paragraph: "WASHINGTON (Reuters) -", "LONDON, Oct 3 (AP) —",
/// "BEIJING —". It says where and by whom the story was filed. The agency is no speaker: the
/// lead statement after it is the story's own, a quote in it starts after the dash, and a
/// pronoun never stands for the agency or the place.
enum Byline {
  /// The index of the first token after the byline that opens sentence `s`, or nil when the
  /// sentence opens no paragraph or no byline. A byline is capitalized words, numbers and
  /// commas or periods (a place and a date) up to a dash, led by a place in capitals or closed
  /// by an agency in parentheses ("(Reuters)"; not "(D-Calif.)").
  static func end(of s: Sentence, in doc: Document) -> Int? {
    guard s.index == 0 || doc.sentences[s.index - 1].paragraph != s.paragraph else { return nil }
    let tokens = doc.tokens
    let first = s.tokens.lowerBound, upper = s.tokens.upperBound
    guard first < upper, tokens[first].kind == .word, tokens[first].isCapitalized else { return nil }
    let capitalPlace = tokens[first].isAllCaps
    var agency = false
    var k = first
    while k < upper, k - first < 14 {
      let t = tokens[k]
      if t.kind == .punctuation, isDash(t.text) {
        guard k > first, capitalPlace || agency else { return nil }
        var e = k + 1
        while e < upper, tokens[e].kind == .punctuation, isDash(tokens[e].text) { e += 1 }
        return e < upper ? e : nil
      }
      agency = false
      switch t.kind {
      case .word:
        guard t.isCapitalized else { return nil }
      case .number:
        break
      case .punctuation:
        if t.text == "(" {
          var j = k + 1
          while j < upper, j - k <= 3, tokens[j].kind == .word, tokens[j].isCapitalized { j += 1 }
          guard j > k + 1, j < upper, tokens[j].text == ")" else { return nil }
          k = j + 1
          agency = true
          continue
        }
        guard t.text == "," || t.text == "." else { return nil }
      }
      k += 1
    }
    return nil
  }

  static func isDash(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy { $0 == "-" || $0 == "\u{2014}" || $0 == "\u{2013}" }
  }
}
