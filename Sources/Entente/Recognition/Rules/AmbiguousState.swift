/// Rule `ambiguous-state` (second pass): a state's name that may be something else ("Jordan",
/// "Georgia") is the state when it stands in a list with other states ("Jordan and Georgia
/// signed …"), or when no person or organization of the article goes by it; it is then a
/// `gazetteer` mention.
extension RecognitionPass {
  /// The tokens of names that are states or stand for them: a lookup per token, not a scan of
  /// every state named.
  func stateLikeTokens() -> Set<Int> {
    var stateLike = Set<Int>()
    for fi in found.indices where found[fi].type == .state && found[fi].kind == .name { stateLike.formUnion(found[fi].tokens) }
    for p in pending where p.rule == RecognitionRule.ambiguousState.name { stateLike.formUnion(p.tokens) }
    return stateLike
  }

  /// "Jordan and Georgia": a name next to a state in a list.
  func listedWithStates(_ r: Range<Int>, _ stateLike: Set<Int>) -> Bool {
    guard !stateLike.isEmpty else { return false }
    func isJoiner(_ k: Int) -> Bool { tokens[k].lower == "and" || tokens[k].lower == "," || tokens[k].lower == "or" || tokens[k].lower == "&" }
    func isStateLike(_ k: Int) -> Bool { stateLike.contains(k) }
    if r.lowerBound >= 2, isJoiner(r.lowerBound - 1), isStateLike(r.lowerBound - 2) { return true }
    if r.upperBound + 1 < tokens.count, isJoiner(r.upperBound), isStateLike(r.upperBound + 1) { return true }
    return false
  }

  /// The state, when the group is an ambiguous state's name listed with states. Returns
  /// whether it was added.
  mutating func stateInList(_ p: Pending, _ stateLike: Set<Int>) -> Bool {
    guard p.rule == RecognitionRule.ambiguousState.name, listedWithStates(p.tokens, stateLike) else { return false }
    return resolveAmbiguousState(p)
  }

  /// The state, when the group is an ambiguous state's name. Returns whether it was added.
  mutating func resolveAmbiguousState(_ p: Pending) -> Bool {
    guard p.rule == RecognitionRule.ambiguousState.name, let key = p.title, let known = gaz.entityByKey[key] else { return false }
    add(p.tokens, sentence: p.sentence, kind: .name, key: key, type: .state, name: known.name, rule: .gazetteer)
    return true
  }
}
