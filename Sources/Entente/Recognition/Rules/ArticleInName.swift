/// Rule `article-in-name`: "writers at The AV Club", "a grant from The Wellcome Trust": a
/// capitalized "The" inside a sentence, right before an organization's name, is part of the
/// name (at the start of a sentence or in a headline, every "The" is capitalized: there it
/// says nothing).
extension RecognitionPass {
  /// Second pass: widens each organization's name to the "The" before it.
  mutating func articlesInNames() {
    let tokens = self.tokens
    for k in found.indices where found[k].type == .organization && found[k].kind == .name {
      let the = found[k].tokens.lowerBound - 1
      guard the >= 0, tokens[the].text == "The", tokens[the].end + 1 == tokens[the + 1].start else { continue }
      let s = doc.sentences[found[k].sentence]
      guard the > s.tokens.lowerBound, !isSentenceStart(the, in: s), !isHeadline(s),
        // "… said. The Times": a quotation's end is a sentence's start too.
        !tokens[the - 1].isOpeningPunctuation
      else { continue }
      found[k].tokens = the..<found[k].tokens.upperBound
      found[k].rule = RecognitionRule.articleInName.name
    }
  }

  /// A headline's sentence: every word capitalized.
  func isHeadline(_ s: Sentence) -> Bool {
    doc.paragraphs[s.paragraph].role != .body && isTitleCase(s)
  }
}

extension Token {
  /// An opening quotation mark, bracket or dash: what may start a sentence inside one.
  var isOpeningPunctuation: Bool {
    guard kind == .punctuation, let c = text.unicodeScalars.first else { return false }
    return "\"“‘'([{—–-:".unicodeScalars.contains(c)
  }
}
