/// Rule `company-context` (second pass): a one-word name that acts as a company somewhere in
/// the article ("Kelvane's shares", "shares in Kelvane", "Kelvane reported a loss", "chief
/// executive of Kelvane") is an organization wherever the article uses it, "Kelvane said"
/// included, unless the article gives it as a person's name (a surname or first word of a
/// full name, or a name after a title). The cues are data (`companyCues` in
/// recognition.json). The outlet's and the body's places ("told the Toronto Star", "the
/// Commission said") are `organization-context`'s, which spreads a name the same way.
extension RecognitionPass {
  /// The texts of the one-word groups left open that act as a company somewhere: `joined`
  /// are the pending groups' texts.
  func namesActingAsCompanies(_ joined: [String], people: PeopleIndex) -> Set<String> {
    var names = Set<String>()
    for k in pending.indices where isCompanyCandidate(pending[k]) {
      if names.contains(joined[k]) || !actsAsCompany(pending[k].tokens.lowerBound, sentence: pending[k].sentence) { continue }
      names.insert(joined[k])
    }
    return names.filter { people.byWord[$0] == nil && people.byFull[$0] == nil }
  }

  /// Adds a one-word group the article uses as a company as an organization. Returns
  /// whether it did.
  mutating func companyByContext(_ p: Pending, named: Bool) -> Bool {
    guard named, isCompanyCandidate(p) else { return false }
    addOrganization(p.tokens, name: tokens.cleanName(p.tokens), sentence: p.sentence, rule: .companyContext)
    return true
  }

  /// A one-word group no rule named: a capitalized word, no given name, no plural ("MPs").
  func isCompanyCandidate(_ p: Pending) -> Bool {
    guard p.rule == RecognitionRule.unknown.name || p.rule == RecognitionRule.headline.name, p.tokens.count == 1 else { return false }
    let t = tokens[p.tokens.lowerBound]
    return t.kind == .word && t.isCapitalized && !t.has(.givenName) && !isPlural(p.tokens.lowerBound)
  }

  /// Whether the word at `k` stands where a company does, within its sentence. (The words
  /// next to it are looked up first: most names have no cue around them.)
  func actsAsCompany(_ k: Int, sentence: Int) -> Bool {
    let words = gaz.companyCueWords
    let s = doc.sentences[sentence]
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    func phrase(_ words: [String], at j: Int) -> Bool {
      j >= lo && j + words.count <= hi && zip(words, tokens[j..<(j + words.count)]).allSatisfy { $0 == $1.lower }
    }
    // "Kelvane's shares", "Kelvane’s chief executive".
    if k + 2 < hi, tokens[k + 1].lower == "'s" || tokens[k + 1].lower == "\u{2019}s",
      words.firstAfterPossessive.contains(tokens[k + 2].lower),
      gaz.companyCues.afterPossessive.contains(where: { phrase($0, at: k + 2) })
    {
      return true
    }
    // "Kelvane shares fell", "Kelvane shareholders".
    if k + 1 < hi, words.firstAfterName.contains(tokens[k + 1].lower),
      gaz.companyCues.afterName.contains(where: { phrase($0, at: k + 1) })
    {
      return true
    }
    // "shares in Kelvane", "chief executive of Kelvane".
    if k - 1 >= lo, words.lastBefore.contains(tokens[k - 1].lower),
      gaz.companyCues.before.contains(where: { phrase($0, at: k - $0.count) })
    {
      return true
    }
    // "Kelvane reported a first-quarter loss": a verb of results, then a result within five words.
    if k + 1 < hi, words.resultVerbs.contains(tokens[k + 1].lower) {
      var j = k + 2
      while j < hi, j <= k + 6 {
        if words.results.contains(tokens[j].lower) { return true }
        if tokens[j].kind == .punctuation, tokens[j].text != "-" { break }
        j += 1
      }
    }
    return false
  }
}
