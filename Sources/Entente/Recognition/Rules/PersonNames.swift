/// Rules `given-name`, `family-name-first` and `name-particle`: a group of two to five name
/// words is a person when it starts with a given name ("John Kirby"), has a family-name-first
/// given name after its first word ("Kim Jong-un", "Wong Pik-wan"), or holds a name particle
/// ("Osama bin Laden", "Ursula von der Leyen", "al-Assad").
extension RecognitionPass {
  /// "Pan-democrat Lam Cheuk-ting", "Nonpartisan Paul Tse": a descriptor capitalized only
  /// because it starts the sentence, before a name, is not part of it.
  func withoutDescriptor(_ r: Range<Int>, sentence s: Sentence) -> Range<Int> {
    let tokens = self.tokens
    if r.count >= 3, !tokens[r.lowerBound].has(.givenName),
      tokens[r.lowerBound].text.utf8.contains(UInt8(ascii: "-")) || isSentenceStart(r.lowerBound, in: s),
      r.dropFirst(2).contains(where: { tokens[$0].has(.familyFirstGiven) }) || tokens[r.lowerBound + 1].has(.givenName)
    {
      return (r.lowerBound + 1)..<r.upperBound
    }
    return r
  }

  /// Adds the group as a person by the first of the three rules that names it. Returns
  /// whether one did.
  mutating func personByName(_ r: Range<Int>, sentence: Int, titles: [String], qualifier: String?) -> Bool {
    // The name's words, particles aside; whether a family-name-first given name follows the first.
    var nameWords = 0
    var familyFirstLater = false
    for k in r where tokens[k].kind == .word && !tokens[k].has(.nameParticle) {
      if nameWords > 0, tokens[k].has(.familyFirstGiven) { familyFirstLater = true }
      nameWords += 1
    }
    guard nameWords >= 2, nameWords <= 5 else { return false }
    let rule: RecognitionRule
    if startsWithGivenName(r, nameWords: nameWords) {
      rule = .givenName
    } else if nameWords <= 3, familyFirstLater {
      rule = .familyNameFirst
    } else if hasNameParticle(r, nameWords: nameWords) {
      rule = .nameParticle
    } else {
      return false
    }
    addPerson(r, sentence: sentence, rule: rule, titles: titles, qualifier: qualifier)
    return true
  }

  /// Rule `given-name`: a given name first. A given name that is also a word ("Rose",
  /// "Grace") needs a surname that is not one.
  func startsWithGivenName(_ r: Range<Int>, nameWords: Int) -> Bool {
    tokens[r.lowerBound].has(.givenName)
      && (!tokens[r.lowerBound].has(.commonWord) || !tokens[r.upperBound - 1].has(.commonWord) || nameWords > 2)
  }

  /// Rule `name-particle`: a word with a particle prefix ("al-Assad"), or particles between
  /// the words.
  func hasNameParticle(_ r: Range<Int>, nameWords: Int) -> Bool {
    r.contains(where: { tokens[$0].kind == .word && tokens[$0].has(.particlePrefix) }) || nameWords < r.count
  }
}
