/// Rule `organization-head`: "the Church", "the Ministry": an organization keyword alone may
/// stand for an organization the article names in full.
extension RecognitionPass {
  /// First pass: a keyword alone after "the" is left for the second pass. Returns whether it was.
  mutating func organizationHead(_ its: [Item], sentence s: Sentence) -> Bool {
    guard its.count == 1, its[0].isWord, isOrgKeyword(tokens[its[0].range.lowerBound]),
      its[0].range.lowerBound > s.tokens.lowerBound, tokens[its[0].range.lowerBound - 1].lower == "the"
    else { return false }
    leave(its[0].range, sentence: s.index, rule: .organizationHead)
    return true
  }

  /// Second pass: the one organization of more than one word whose name ends or starts with
  /// the keyword (a `coreference`); with none or two, nothing.
  mutating func resolveOrganizationHead(_ p: Pending) {
    let head = tokens[p.tokens.lowerBound].text
    var candidate: Int? = nil
    for f in found where f.type == .organization && f.kind == .name && f.tokens.count > 1
      && (tokens[f.tokens.upperBound - 1].text == head || tokens[f.tokens.lowerBound].text == head)
    {
      candidate = candidate == nil || candidate == f.cluster ? f.cluster : RecognitionPass.ambiguous
    }
    if let c = candidate, c != RecognitionPass.ambiguous {
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .organization, rule: .coreference)
    }
  }
}
