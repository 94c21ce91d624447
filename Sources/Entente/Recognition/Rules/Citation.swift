/// Rule `citation` (second pass): "(Dye & Bavelier, 2010)", "(Feng, Spence, & Pratt, 2007;
/// Martin, 2000)", "(Berez-Kroeker et al., 2017)": a single word left open among the authors
/// of a bracketed citation, before its year, is an author's surname: a person. Only one word
/// per author ("(Salt Publishing, Cambridge, 2008)" cites no authors), no word in capitals
/// ("(WHO, 2010)"), no month ("(October, 2000)"). A name before a year in brackets, "Quilis
/// (1964)", is an author only in an article that cites authors in brackets twice or more
/// (academic prose); elsewhere it is as often a film's or a book's title.
extension RecognitionPass {
  /// Adds an `unknown` one-word group among a citation's authors as a person, or one before
  /// a year in brackets where the article cites authors (`citesAuthors`). Returns whether it
  /// did.
  mutating func citation(_ p: Pending, citesAuthors: Bool) -> Bool {
    guard p.rule == RecognitionRule.unknown.name, p.tokens.count == 1,
      isCitedAuthor(p.tokens.lowerBound) || citesAuthors && isAuthorBeforeYear(p.tokens.lowerBound)
    else { return false }
    let name = tokens.cleanName(p.tokens)
    add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: .citation)
    return true
  }

  /// Whether the word at `k` stands among authors: back to the bracket (or the semicolon
  /// after an earlier citation) and on to a comma and a year, nothing but one-word names,
  /// commas, "&", "and" and "et al.".
  func isCitedAuthor(_ k: Int) -> Bool {
    guard isAuthorWord(k) else { return false }
    var j = k - 1
    while true {
      guard j >= 0, k - j <= RecognitionPass.citationReach else { return false }
      if tokens[j].text == "(" || tokens[j].text == ";" { break }
      guard isCitationJoiner(j) || isAuthorWord(j) else { return false }
      j -= 1
    }
    j = k + 1
    while j < tokens.count, j - k <= RecognitionPass.citationReach {
      if tokens[j].kind == .number { return tokens[j - 1].text == "," && RecognitionPass.isYear(tokens[j].text) }
      guard isCitationJoiner(j) || isAuthorWord(j) else { return false }
      j += 1
    }
    return false
  }

  /// Whether the article cites authors in brackets twice or more: "(Dye & Bavelier, 2010)".
  func citesAuthorsInBrackets() -> Bool {
    var n = 0
    for p in pending where p.rule == RecognitionRule.unknown.name && p.tokens.count == 1 && isCitedAuthor(p.tokens.lowerBound) {
      n += 1
      if n >= 2 { return true }
    }
    return false
  }

  /// "Quilis (1964)", "Tervanti (1983) named": an author's word right before a year in
  /// brackets; no common word ("Paranoid (1970)"), nor one after "the" ("the Olympia
  /// (1893)") or ending a title ("Hunters of Dorvane (2006)").
  func isAuthorBeforeYear(_ k: Int) -> Bool {
    guard isAuthorWord(k), !tokens[k].has(.commonWord), k + 3 < tokens.count, tokens[k + 1].text == "(", tokens[k + 2].kind == .number,
      RecognitionPass.isYear(tokens[k + 2].text), [")", ",", ";"].contains(tokens[k + 3].text)
    else { return false }
    guard k > 0 else { return true }
    let before = tokens[k - 1]
    if before.lower == "the" { return false }
    if k > 1, before.has(.functionWord), before.lower != "and", before.text != "&", tokens[k - 2].kind == .word, tokens[k - 2].isCapitalized {
      return false
    }
    return true
  }

  /// How many tokens a citation's authors may span on either side of one of them.
  static let citationReach = 30

  /// A comma, "&", "and", "et", "al" or the period after "al".
  func isCitationJoiner(_ j: Int) -> Bool {
    let t = tokens[j]
    if t.text == "," || t.text == "&" || t.text == "and" || t.text == "et" || t.text == "al" { return true }
    return t.text == "." && j > 0 && tokens[j - 1].text == "al"
  }

  /// A capitalized word, alone (no capitalized word right before or after it), not in
  /// capitals, not a month or a weekday.
  func isAuthorWord(_ j: Int) -> Bool {
    let t = tokens[j]
    guard t.kind == .word, t.isCapitalized, !t.isAllCaps, !t.has(.calendarWord) else { return false }
    if j > 0, tokens[j - 1].kind == .word, tokens[j - 1].isCapitalized { return false }
    if j + 1 < tokens.count, tokens[j + 1].kind == .word, tokens[j + 1].isCapitalized { return false }
    return true
  }

  /// "2010", "1964": four digits from 1000 to 2099.
  static func isYear(_ s: String) -> Bool {
    let u = Array(s.utf8)
    return u.count == 4 && u.allSatisfy { $0 >= 48 && $0 <= 57 } && (u[0] == 49 || u[0] == 50 && u[1] == 48)
  }
}
