/// Rule `coreference`: a surname, a partial name or a name said again is the person (or
/// organization) the article names in full; a name two people share stays unresolved rather
/// than guessed.
extension RecognitionPass {
  /// The article's people of more than one word, by the words a later mention may use alone.
  struct PeopleIndex {
    /// word → cluster, or `ambiguous` when two people share it: the surname, and the first
    /// word when it is not a given name (a family name first).
    var byWord: [String: Int] = [:]
    /// The full name's words → cluster.
    var byFull: [String: Int] = [:]
    /// After a title, a family name may come first in the full name: "Mr. Xi" for Xi Jinping.
    var byFirst: [String: Int] = [:]
  }

  func peopleIndex() -> PeopleIndex {
    let tokens = self.tokens
    var people = PeopleIndex()
    for fi in found.indices where found[fi].type == .person {
      let r = found[fi].tokens
      var firstWord = -1, lastWord = -1, words = 0
      for k in r where tokens[k].kind == .word {
        if firstWord < 0 { firstWord = k }
        lastWord = k
        words += 1
      }
      guard words >= 2 else { continue }
      let cluster = found[fi].cluster
      people.byFull[tokens.joinedText(r, wordsOnly: true)] = cluster
      RecognitionPass.note(&people.byWord, tokens[lastWord].text, cluster)
      if r.dropFirst().contains(where: { tokens[$0].has(.familyFirstGiven) }) || !tokens[firstWord].has(.givenName) {
        RecognitionPass.note(&people.byWord, tokens[firstWord].text, cluster)
      }
      if found[fi].kind == .name { RecognitionPass.note(&people.byFirst, tokens[firstWord].text, cluster) }
    }
    return people
  }

  /// Single-word people ("President Biden") join a full name with that surname; the others
  /// are full names of their own.
  mutating func joinSingleWordPeople(_ people: inout PeopleIndex) {
    let tokens = self.tokens
    for k in found.indices where found[k].type == .person && found[k].tokens.count == 1 {
      let word = tokens[found[k].tokens.lowerBound].text
      if let c = people.byWord[word] ?? (found[k].rule == RecognitionRule.title.name ? people.byFirst[word] : nil), c != RecognitionPass.ambiguous {
        found[k].cluster = c
        found[k].rule = RecognitionRule.coreference.name
      }
      if people.byFull[word] == nil { people.byFull[word] = found[k].cluster }
    }
  }

  /// A word group left open that is a person's full name, surname or first word. Returns
  /// whether that settles it (a name two people share settles it too: it stays unresolved).
  mutating func resolvePerson(_ p: Pending, joined: String, _ people: PeopleIndex) -> Bool {
    let words = p.tokens
    if let c = people.byFull[joined] {
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: .coreference)
      return true
    }
    if words.count <= 2, let c = people.byWord[tokens[words.upperBound - 1].text] ?? people.byWord[tokens[words.lowerBound].text] {
      guard c != RecognitionPass.ambiguous else { return true }
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: .coreference)
      return true
    }
    return false
  }

  /// Organizations found by any rule, by their text: a later bare mention is the same one.
  func organizationsByText() -> [String: Int] {
    var orgByText: [String: Int] = [:]
    for fi in found.indices where found[fi].type == .organization && found[fi].kind == .name {
      let text = tokens.cleanName(found[fi].tokens)
      if orgByText[text] == nil { orgByText[text] = found[fi].cluster }
    }
    return orgByText
  }

  /// An `unknown` group that spells an organization found before. Returns whether it did.
  mutating func resolveOrganization(_ p: Pending, _ orgByText: [String: Int]) -> Bool {
    guard p.rule == RecognitionRule.unknown.name, let c = orgByText[tokens.cleanName(p.tokens)] else { return false }
    add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .organization, rule: .coreference)
    return true
  }

  /// A person's surname read as a place or state ("Paris" after "Valeska Paris") is the
  /// person, unless it stands in a list of states ("Jordan and Georgia signed …").
  mutating func surnamesReadAsPlaces(_ people: PeopleIndex, stateLike: Set<Int>) {
    let tokens = self.tokens
    for k in found.indices where found[k].tokens.count == 1 && found[k].type == .state
      && (found[k].kind == .metonym || found[k].rule == RecognitionRule.gazetteer.name) && !listedWithStates(found[k].tokens, stateLike)
    {
      if let c = people.byWord[tokens[found[k].tokens.lowerBound].text], c != RecognitionPass.ambiguous {
        found[k].cluster = c
        found[k].type = .person
        found[k].kind = .name
        found[k].rule = RecognitionRule.coreference.name
      }
    }
  }
}
