/// Rule `speaker` (second pass): "Kirby said", "…, said Kirby": a name of up to three words
/// right before or after a speech verb speaks, so it is a person.
extension RecognitionPass {
  /// Cues after which a name right before them speaks ("Kirby said").
  static let speakerBeforeLemmas: Set<String> = ["say", "tell", "add", "explain", "insist", "argue", "warn", "claim", "deny", "write"]
  /// Cues before which, after a comma, a name speaks (", said Kirby").
  static let speakerAfterLemmas: Set<String> = ["say", "add", "write", "explain"]

  /// Adds an `unknown` group that speaks as a person. Returns whether it did.
  mutating func speaker(_ p: Pending) -> Bool {
    let words = p.tokens
    guard p.rule == RecognitionRule.unknown.name, words.count <= 3, isSpeakerPosition(p.tokens, sentence: p.sentence),
      !tokens[words.lowerBound].has(.commonWord) || words.count > 1,
      // "MPs said", "Tory MPs said": a plural is no person.
      !isPlural(words.upperBound - 1)
    else { return false }
    let name = tokens.cleanName(p.tokens)
    add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: .speaker)
    return true
  }

  /// "Kirby said", "…, said Kirby": a name right before or after a speech verb speaks.
  func isSpeakerPosition(_ r: Range<Int>, sentence: Int) -> Bool {
    let s = doc.sentences[sentence]
    if r.upperBound < s.tokens.upperBound, tokens[r.upperBound].has(.speechVerb), let lemma = gaz.speechVerbs[tokens[r.upperBound].lower],
      RecognitionPass.speakerBeforeLemmas.contains(lemma)
    {
      return true
    }
    if r.lowerBound - 2 >= s.tokens.lowerBound, tokens[r.lowerBound - 2].text == ",",
      tokens[r.lowerBound - 1].has(.speechVerb), let lemma = gaz.speechVerbs[tokens[r.lowerBound - 1].lower], RecognitionPass.speakerAfterLemmas.contains(lemma),
      r.upperBound >= s.tokens.upperBound || tokens[r.upperBound].kind == .punctuation
    {
      return true
    }
    return false
  }
}
