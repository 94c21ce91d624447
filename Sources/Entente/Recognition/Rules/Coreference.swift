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
    /// Full names that start with a given name, by it: "Matthew" alone for Matthew Collins.
    var byGiven: [String: Int] = [:]
    /// Surname → every person of the article with it, in the order found ("Clinton": Hillary
    /// Clinton, Bill Clinton).
    var sharing: [String: [Int]] = [:]
  }

  func peopleIndex() -> PeopleIndex {
    let tokens = self.tokens
    var people = PeopleIndex()
    for fi in found.indices where found[fi].type == .person {
      let r = found[fi].tokens
      let words = r.filter { tokens[$0].kind == .word }
      guard words.count >= 2 else { continue }
      let cluster = found[fi].cluster
      people.byFull[tokens.joinedText(r, wordsOnly: true)] = cluster
      let known = surnames(words)
      for w in known {
        RecognitionPass.note(&people.byWord, w, cluster)
        if people.sharing[w]?.contains(cluster) != true { people.sharing[w, default: []].append(cluster) }
      }
      // "Trump Jr." for Donald Trump Jr.: the surname with the suffix.
      if known[0] != tokens[words[words.count - 1]].text { people.byFull[known[0] + " " + tokens[words[words.count - 1]].text] = cluster }
      let firstWord = words[0]
      if r.dropFirst().contains(where: { tokens[$0].has(.familyFirstGiven) }) || !tokens[firstWord].has(.givenName) {
        RecognitionPass.note(&people.byWord, tokens[firstWord].text, cluster)
      }
      if found[fi].kind == .name { RecognitionPass.note(&people.byFirst, tokens[firstWord].text, cluster) }
      if found[fi].kind == .name, tokens[firstWord].has(.givenName) { RecognitionPass.note(&people.byGiven, tokens[firstWord].text, cluster) }
    }
    return people
  }

  /// The words a full name's person goes by alone (`words`: its word tokens, two or more):
  /// the surname, before a suffix ("Kennedy" for Robert F. Kennedy Jr.) and without its joined
  /// particle too ("Assad" for Bashar al-Assad), and a family name written first ("Xi" for
  /// Xi Jinping).
  func surnames(_ words: [Int]) -> [String] {
    var last = words[words.count - 1]
    if words.count >= 3, gaz.nameSuffixes.contains(tokens[last].text) { last = words[words.count - 2] }
    var out = [tokens[last].text]
    let text = tokens[last].text
    if tokens[last].has(.particlePrefix), let dash = text.firstIndex(of: "-") {
      let bare = text[text.index(after: dash)...]
      if bare.first?.isUppercase == true { out.append(String(bare)) }
    }
    if words.count <= 3, gaz.familyNamesFirst.contains(tokens[words[0]].text) { out.append(tokens[words[0]].text) }
    return out
  }

  /// Single-word people ("President Biden") join a full name with that surname; the others
  /// are full names of their own.
  mutating func joinSingleWordPeople(_ people: inout PeopleIndex) {
    let tokens = self.tokens
    for k in found.indices where found[k].type == .person && found[k].tokens.count == 1 {
      let word = tokens[found[k].tokens.lowerBound].text
      // By the first word only after an honorific, which takes a family name ("Mr. Xi" is Xi
      // Jinping), or when it is no given name: "Prince Charles" is not Charles Kennedy.
      var before = found[k].tokens.lowerBound - 1
      if before > 0, tokens[before].text == "." { before -= 1 }
      let afterHonorific = before >= 0 && tokens[before].has(.honorific)
      let byFirst = found[k].rule == RecognitionRule.title.name && (afterHonorific || !tokens[found[k].tokens.lowerBound].has(.givenName))
      var joined = people.byWord[word] ?? (byFirst ? people.byFirst[word] : nil)
      // "Mrs. Clinton" where the article names Hillary and Bill Clinton: of the people with
      // the surname, whose given names each only one sex bears, the one of the honorific's.
      if joined == RecognitionPass.ambiguous, afterHonorific, let sex = honorificSex(at: before), let all = people.sharing[word] {
        let sexes = all.map { gaz.sexOfGivenName(clusters[$0].name) }
        if !sexes.contains(nil), sexes.filter({ $0 == sex }).count == 1, let k = sexes.firstIndex(of: sex) { joined = all[k] }
      }
      if let c = joined, c != RecognitionPass.ambiguous {
        found[k].cluster = c
        found[k].rule = RecognitionRule.coreference.name
      }
      if people.byFull[word] == nil { people.byFull[word] = found[k].cluster }
    }
  }

  /// The sex the honorific at token `k` gives ("Mrs." → "f"), if any.
  func honorificSex(at k: Int) -> String? {
    var h = tokens[k].lower
    if h.hasSuffix(".") { h.removeLast() }
    return gaz.honorificSexes[h]
  }

  /// A word group left open that is a person's full name, surname or first word, or the given
  /// name of one person the article names in full ("Matthew" for Matthew Collins). Returns
  /// whether that settles it (a name two people share is a person too, but an unresolved one:
  /// an entity of its own).
  mutating func resolvePerson(_ p: Pending, joined: String, _ people: PeopleIndex) -> Bool {
    let words = p.tokens
    if let c = people.byFull[joined] {
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: .coreference)
      return true
    }
    if words.count <= 2, let c = people.byWord[tokens[words.upperBound - 1].text] ?? people.byWord[tokens[words.lowerBound].text] {
      guard c != RecognitionPass.ambiguous else {
        // "Kim" where the article names Kim Jong-un and Kim Yo-jong: a person still, but
        // which one stays open: an entity of its own, by the name as it stands.
        let name = tokens.cleanName(p.tokens)
        add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: .coreference)
        return true
      }
      if words.count == 2, people.byWord[tokens[words.upperBound - 1].text] == c {
        let first = tokens[words.lowerBound]
        // "Vote Blair": a common word before the surname is no part of the name.
        if first.has(.commonWord), !first.has(.givenName) {
          add(words.upperBound - 1..<words.upperBound, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: .coreference)
          return true
        }
        // "J Robinson" is not Andy Robinson, nor "Laura Bush" George Bush: an initial or a
        // given name that is not the person's.
        if first.length == 1 || first.has(.givenName), let known = clusters[c].name.split(separator: " ").first,
          !RecognitionPass.sameFirstName(first.text, String(known))
        {
          return false
        }
      }
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: .coreference)
      return true
    }
    // "Matthew" alone, where the article names one Matthew in full: that person. A first name
    // two people share stays open.
    if words.count == 1, p.rule == RecognitionRule.unknown.name, !tokens[words.lowerBound].has(.commonWord),
      let c = people.byGiven[tokens[words.lowerBound].text], c != RecognitionPass.ambiguous
    {
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: .coreference)
      return true
    }
    return false
  }

  /// Whether two first names (or initials) may be one person's: equal, or an initial and a
  /// name it begins ("J", "J." and "James"). "Andy" and "J" may not.
  static func sameFirstName(_ a: String, _ b: String) -> Bool {
    let x = a.hasSuffix(".") ? String(a.dropLast()) : a
    let y = b.hasSuffix(".") ? String(b.dropLast()) : b
    if x == y { return true }
    if x.count == 1 { return y.hasPrefix(x) }
    if y.count == 1 { return x.hasPrefix(y) }
    return false
  }

  /// A person's variants are one person when nothing contradicts it: "George W Bush", "George
  /// Bush", "G. Bush" (same surname; the same first name or its initial; the shorter one's
  /// middle names, if any, the longer one's). A shorter name that fits two longer
  /// ones that are not one person is left alone.
  mutating func joinNameVariants() {
    // Each person cluster of two words or more, by its name's words (periods dropped), in
    // the order the article names them.
    var named: [(cluster: Int, words: [String])] = []
    var seen = Set<Int>()
    for f in found where f.type == .person && f.kind == .name && seen.insert(f.cluster).inserted {
      let words = clusters[f.cluster].name.split(separator: " ").map { $0.hasSuffix(".") ? String($0.dropLast()) : String($0) }
      if words.count >= 2, !words.contains(where: \.isEmpty) { named.append((f.cluster, words)) }
    }
    guard named.count >= 2 else { return }
    func fits(_ a: [String], _ b: [String]) -> Bool {
      guard a.count <= b.count, a.last == b.last, RecognitionPass.sameFirstName(a[0], b[0]) else { return false }
      let am = a.dropFirst().dropLast(), bm = b.dropFirst().dropLast()
      if am.isEmpty { return true }
      return am.count == bm.count && zip(am, bm).allSatisfy { RecognitionPass.sameFirstName($0, $1) }
    }
    func fuller(_ a: [String], _ b: [String]) -> Bool {
      a.count != b.count ? a.count > b.count : a.reduce(0) { $0 + $1.count } > b.reduce(0) { $0 + $1.count }
    }
    var into: [Int: Int] = [:]
    for (i, x) in named.enumerated() {
      // Fuller names it fits; the same words spelled otherwise ("George W. Bush") join the first.
      let targets = named.enumerated().filter { j, y in
        fits(x.words, y.words) && (fuller(y.words, x.words) || y.words == x.words && j < i)
      }.map(\.element)
      guard var best = targets.first else { continue }
      // Two fuller names fit: merge only when they fit each other (one person).
      guard targets.dropFirst().allSatisfy({ y in fits(best.words, y.words) || fits(y.words, best.words) }) else { continue }
      for y in targets.dropFirst() where fuller(y.words, best.words) { best = y }
      into[x.cluster] = best.cluster
    }
    guard !into.isEmpty else { return }
    func root(_ c: Int) -> Int {
      var c = c
      var steps = 0
      while let n = into[c], steps < named.count { c = n; steps += 1 }
      return c
    }
    for k in found.indices where found[k].type == .person {
      let r = root(found[k].cluster)
      guard r != found[k].cluster else { continue }
      if let roles = personRoles[found[k].cluster] {
        for t in roles { personRoles[r, default: []].append(t) }
        personRoles[found[k].cluster] = nil
      }
      found[k].cluster = r
    }
  }

  /// "Pachomius said …; Pachomius founded …": a name the second pass found a person or an
  /// organization by what it does (`speaker`, `organization-context`) is that entity wherever
  /// else the article uses it, though the article never gives a fuller form. `open`: the
  /// pending groups nothing resolved.
  mutating func namesSaidAgain(_ open: [Int], joined: [String]) {
    let byContext: Set<String> = [RecognitionRule.speaker.name, RecognitionRule.organizationContext.name]
    var byText: [String: Int] = [:]
    for f in found where f.kind == .name && byContext.contains(f.rule) {
      RecognitionPass.note(&byText, tokens.joinedText(f.tokens), f.cluster)
    }
    guard !byText.isEmpty else { return }
    for k in open where pending[k].rule == RecognitionRule.unknown.name {
      guard let c = byText[joined[k]], c != RecognitionPass.ambiguous else { continue }
      add(pending[k].tokens, sentence: pending[k].sentence, kind: .name, cluster: c, type: clusters[c].type, rule: .coreference)
    }
  }

  /// Organizations found by any rule, by their text: a later bare mention is the same one.
  /// A company's name without its legal form ("Gartner" for "Gartner Inc.") is the company too.
  func organizationsByText() -> [String: Int] {
    var orgByText: [String: Int] = [:]
    for fi in found.indices where found[fi].type == .organization && found[fi].kind == .name {
      let r = found[fi].tokens
      let text = tokens.cleanName(r)
      if orgByText[text] == nil { orgByText[text] = found[fi].cluster }
      var end = r.upperBound
      while end > r.lowerBound + 1, tokens[end - 1].kind == .punctuation { end -= 1 }
      guard end - r.lowerBound >= 2, RecognitionPass.legalForms.contains(tokens[end - 1].text) else { continue }
      end -= 1
      while end > r.lowerBound + 1, tokens[end - 1].kind == .punctuation { end -= 1 }
      let short = tokens.cleanName(r.lowerBound..<end)
      if orgByText[short] == nil { orgByText[short] = found[fi].cluster }
    }
    return orgByText
  }

  /// Legal forms that end a company's name.
  static let legalForms: Set<String> = [
    "Inc", "Inc.", "Incorporated", "Ltd", "Ltd.", "Limited", "Corp", "Corp.", "Corporation", "Co", "Co.", "plc", "PLC",
    "LLC", "AG", "SA", "S.A.", "GmbH", "NV", "N.V.", "BV", "Holdings", "Group",
  ]

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
