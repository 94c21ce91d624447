/// Rule `team`: a country that plays is a team, an organization: "Sweden beat Belgium 2-0",
/// "England drew with Wales in the World Cup", "Brazil vs Croatia", "Sweden's coach". States'
/// names and the constituent countries of the United Kingdom (places otherwise: not states)
/// count; a result verb needs a score or a word of sport in the sentence.
extension RecognitionPass {
  /// Adds a gazetteer phrase as a team when the sentence has it play. Returns whether it did.
  mutating func team(_ r: Range<Int>, hits: [GazetteerHit], sentence s: Sentence) -> Bool {
    let name: String
    if let h = hits.first(where: { $0.entity >= 0 && $0.role == .name && gaz.entities[$0.entity].type == .state }) {
      name = gaz.entities[h.entity].name
    } else if hits.contains(where: { $0.role == .blocked }), RecognitionPass.homeNations.contains(tokens.cleanName(r)) {
      name = tokens.cleanName(r)
    } else {
      return false
    }
    guard plays(r, sentence: s) else { return false }
    add(r, sentence: s.index, kind: .name, key: "organization:\(name)", type: .organization, name: name, rule: .team)
    return true
  }

  /// Whether the name at `r` plays: beside "vs", before "'s coach", or beside a result verb
  /// ("beat", "lost to") in a sentence with a score or a word of sport.
  func plays(_ r: Range<Int>, sentence s: Sentence) -> Bool {
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    func lower(_ k: Int) -> String? { k >= lo && k < hi ? tokens[k].lower : nil }
    // "Brazil vs Croatia", "Brazil v. Croatia".
    let versus: Set<String> = ["vs", "v"]
    if let n = lower(r.upperBound), versus.contains(n) { return true }
    if let p = lower(r.lowerBound - 1), versus.contains(p) || p == "." && lower(r.lowerBound - 2).map(versus.contains) == true { return true }
    // "Sweden's coach".
    if let n = lower(r.upperBound), n == "'s" || n == "\u{2019}s", let w = lower(r.upperBound + 1), RecognitionPass.teamRoles.contains(w) {
      return true
    }
    // A result verb beside it (read first: the sentence is scanned only then).
    var result = false
    if let n = lower(r.upperBound), RecognitionPass.resultVerbs.contains(n) { result = true }
    if !result, let p = lower(r.lowerBound - 1) {
      if RecognitionPass.resultVerbs.contains(p) { result = true }
      // "lost to France", "drew with Italy", "a win over Spain".
      if ["to", "with", "over", "against"].contains(p), let v = lower(r.lowerBound - 2),
        RecognitionPass.resultVerbs.contains(v) || v == "win" || v == "victory" || v == "defeat"
      {
        result = true
      }
    }
    return result && s.tokens.contains { isScore($0) || tokens[$0].kind == .word && RecognitionPass.sportWords.contains(tokens[$0].lower) }
  }

  /// "2-0", "3–1": a score, in one token or three.
  func isScore(_ k: Int) -> Bool {
    let t = tokens[k].text
    if let dash = t.firstIndex(where: { $0 == "-" || $0 == "\u{2013}" }) {
      let a = t[..<dash], b = t[t.index(after: dash)...]
      return !a.isEmpty && !b.isEmpty && a.count <= 3 && b.count <= 3 && a.allSatisfy(\.isASCIIDigit) && b.allSatisfy(\.isASCIIDigit)
    }
    return false
  }

  /// England, Scotland, Wales and Northern Ireland: places, but teams of their own.
  static let homeNations: Set<String> = ["England", "Scotland", "Wales", "Northern Ireland"]
  /// Verbs of a result or a fixture.
  static let resultVerbs: Set<String> = [
    "beat", "beats", "defeated", "defeats", "drew", "draw", "draws", "lost", "lose", "loses", "won", "win", "wins",
    "edged", "thrashed", "trounced", "routed", "crushed", "hammered", "overcame", "eliminated", "tied", "played",
    "play", "plays", "faced", "face", "faces", "hosted", "host", "hosts", "meet", "meets", "met", "scored", "trailed",
  ]
  /// Words that put a sentence in sport.
  static let sportWords: Set<String> = [
    "match", "matches", "game", "goal", "goals", "cup", "league", "final", "finals", "semi-final", "semifinal",
    "quarter-final", "quarterfinal", "tournament", "championship", "half-time", "halftime", "penalty", "penalties",
    "striker", "coach", "qualifier", "qualifiers", "friendly", "fixture", "stadium", "innings", "wicket", "wickets",
    "kick-off", "squad", "midfielder", "goalkeeper", "rugby", "football", "soccer", "cricket", "hockey", "basketball",
  ]
  /// Who a team has: "Sweden's coach".
  static let teamRoles: Set<String> = [
    "coach", "manager", "captain", "striker", "goalkeeper", "keeper", "squad", "midfielder", "defender", "winger",
    "skipper", "goalscorer",
  ]
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
