/// Rules `title` and `role`: titles and roles before a name ("President Biden", "spokesman
/// John Kirby", "Minister of Education Stefania Giannini") make a person and give them the
/// title; a title standing alone ("the NATO Secretary General") is the one person holding it.
extension RecognitionPass {
  /// Notes a title of a run (lower-cased, periods dropped). A title with no name after it
  /// stands for its holder, resolved by `resolveRoles`.
  mutating func readTitle(_ its: [Item], at idx: Int, sentence s: Sentence, titles: inout [String], qualifier: String?) {
    let item = its[idx]
    titles.append(String(text(item.range).lowercased().unicodeScalars.filter { $0 != "." }))
    let next = idx + 1 < its.count ? its[idx + 1] : nil
    if next == nil || next!.isConnector && idx + 2 >= its.count {
      roleRefs.append(RoleRef(tokens: item.range, sentence: s.index, title: titles.last!, qualifier: qualifier))
    }
  }

  /// "Minister of Defence", "Undersecretary for Education": after a title and a connector,
  /// common words are a portfolio, not a name.
  func isPortfolio(_ its: [Item], at idx: Int, group r: Range<Int>) -> Bool {
    idx > 1 && its[idx - 1].isConnector
      && tokens[its[idx].range.lowerBound..<r.upperBound].allSatisfy { $0.kind != .word || $0.has(.commonWord) && !$0.has(.givenName) }
  }

  /// Rule `title`: the word group after a title is a person; "Minister of Education Stefania
  /// Giannini": the name starts at the given name.
  mutating func personAfterTitle(_ r: Range<Int>, sentence: Int, titles: [String], qualifier: String?) {
    let tokens = self.tokens
    var r = r
    if !tokens[r.lowerBound].has(.givenName),
      let g = r.dropFirst().first(where: { tokens[$0].kind == .word && tokens[$0].has(.givenName) }),
      g + 1 < r.upperBound
    {
      r = g..<r.upperBound
    }
    addPerson(r, sentence: sentence, rule: .title, titles: titles, qualifier: qualifier)
  }

  /// Rule `role` (second pass): a title standing alone ("the NATO Secretary General") refers
  /// to the one person the article gives that title (with that qualifier, when it has one).
  mutating func resolveRoles() {
    guard !roleRefs.isEmpty else { return }
    let rolesByPerson = personRoles.sorted(by: { clusters[$0.key].key < clusters[$1.key].key })
    for ref in roleRefs {
      var holders: [Int] = []
      for (person, roles) in rolesByPerson {
        if let q = ref.qualifier {
          if roles.contains("\(q)|\(ref.title)") { holders.append(person) }
        } else if roles.contains(ref.title) {
          holders.append(person)
        }
      }
      if holders.isEmpty, ref.qualifier != nil {
        holders = rolesByPerson.filter { $0.value.contains(ref.title) }.map(\.key)
      }
      if holders.count == 1 {
        // The qualifier ("NATO" in "NATO Secretary General") stays a mention of its own.
        add(ref.tokens, sentence: ref.sentence, kind: .role, cluster: holders[0], type: .person, rule: .role)
      }
    }
  }
}
