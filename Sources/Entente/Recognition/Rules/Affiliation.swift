/// Rule `affiliation`: "Alvin Yeung of Civic Party", "Nathan Law of Demosisto": a name group
/// right after a person and "of" or "from" is the organization they belong to.
extension RecognitionPass {
  /// Adds the affiliations among the `unknown` groups (not full names of people). Returns,
  /// by pending group, whether it was one.
  mutating func affiliations(_ people: PeopleIndex, joined: [String]) -> [Bool] {
    personNameEnds = []
    if pending.contains(where: { $0.rule == RecognitionRule.unknown.name }) {
      for fi in found.indices where found[fi].type == .person && found[fi].kind == .name {
        personNameEnds.insert(tokens[found[fi].tokens.upperBound - 1].end)
      }
    }
    var resolved = [Bool](repeating: false, count: pending.count)
    for k in pending.indices
    where pending[k].rule == RecognitionRule.unknown.name && isAffiliation(pending[k].tokens) && people.byFull[joined[k]] == nil {
      let p = pending[k]
      let name = tokens.cleanName(p.tokens)
      add(p.tokens, sentence: p.sentence, kind: .name, key: "organization:\(name)", type: .organization, name: name, rule: .affiliation)
      resolved[k] = true
    }
    return resolved
  }

  /// A name group right after "PERSON of [the]" or "PERSON from [the]".
  func isAffiliation(_ r: Range<Int>) -> Bool {
    var k = r.lowerBound - 1
    if k >= 0, tokens[k].lower == "the" { k -= 1 }
    guard k >= 1, tokens[k].lower == "of" || tokens[k].lower == "from" else { return false }
    return personNameEnds.contains(tokens[k - 1].end)
  }
}
