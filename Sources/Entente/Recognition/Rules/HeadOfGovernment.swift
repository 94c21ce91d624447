/// Rule `head-of-government` (second pass): "the Monti government", "the Biden
/// administration": a name of one or two words before such a word is the head of a government.
extension RecognitionPass {
  /// Words after the name of a head of government.
  static let governmentWords: Set<String> = ["government", "administration", "cabinet"]

  /// Adds an `unknown` group as a head of government. Returns whether it was one.
  mutating func headOfGovernment(_ p: Pending) -> Bool {
    let words = p.tokens
    guard p.rule == RecognitionRule.unknown.name, words.count <= 2, p.tokens.upperBound < tokens.count,
      RecognitionPass.governmentWords.contains(tokens[p.tokens.upperBound].text),
      !tokens[words.upperBound - 1].has(.commonWord)
    else { return false }
    let name = tokens.cleanName(p.tokens)
    add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: .headOfGovernment)
    return true
  }
}
