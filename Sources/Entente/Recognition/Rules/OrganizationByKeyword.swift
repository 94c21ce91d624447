/// Rule `organization-keyword`: an organization named around a keyword ("… Committee",
/// "Ministry of …", "… Group Inc"), with what extends it: words, connectors, and state or
/// organization names before it ("Hong Kong Federation of Trade Unions", "US Navy", "Russian
/// Foreign Ministry"); "of …" and "for …" phrases after it. "Alvin Yeung of the Civic Party" is a
/// person and a party; "the Civil Defense Authority and the Bank of England" two organizations.
extension RecognitionPass {
  /// Finds an organization by keyword in a run's items; reads what is left on either side as
  /// runs and items of their own. Returns whether it found one.
  mutating func organizationByKeyword(_ its: [Item], run: Range<Int>, sentence s: Sentence, headline: Bool) -> Bool {
    // From the last keyword word, to the right end of the run, and left over words,
    // connectors and state or organization names (not titles or people). A known name that
    // holds a keyword may be the start of a longer one too (`knownNameExtended`).
    let keywordAt = its.lastIndex(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) })
      ?? its.indices.last(where: { knownNameExtended(its, at: $0) })
    guard let p = keywordAt else { return false }
    var lo = p
    while lo > 0 {
      let prev = its[lo - 1]
      if prev.isConnector {
        var k = lo - 1
        while k > 0, its[k - 1].isConnector { k -= 1 }
        guard k > 0 else { break }
        let chain = its[k..<lo].map { tokens[$0.range.lowerBound].text }
        let left = its[k - 1]
        if chain.contains("and") || chain.contains("&") {
          // "the Civil Defense Authority and the Bank of England", "Yale University and
          // University of Houston": two organizations.
          if its[..<k].contains(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) || isKnownOrganization($0) }) { break }
          // "Stanford University and the National Park Foundation", "DeepMind and Moorfields
          // Eye Hospital": "and the", or a name before "and", start another one; a common word
          // does not ("Food and Drug Administration").
          if chain.contains("and"), chain.last == "the" || left.isWord && !tokens[left.range.lowerBound].has(.commonWord) || !left.isWord { break }
        } else if chain.contains(where: { ["of", "for", "in", "on"].contains($0) }) {
          // "Central Committee of the Workers' Party" is one name; "Alvin Yeung of the Civic
          // Party" is a person and a party.
          let leftIsOrg: Bool
          if left.isWord { leftIsOrg = isOrgKeyword(tokens[left.range.lowerBound]) } else if case .known(let hits) = left.kind {
            leftIsOrg = hits.contains { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization }
          } else { leftIsOrg = false }
          if !leftIsOrg { break }
        }
        lo = k
        continue
      }
      if prev.isWord { lo -= 1; continue }
      // States, organizations and places start organization names: "Hong Kong Federation of
      // Trade Unions", "US Navy", "Russian Foreign Ministry".
      if case .known(let hits) = prev.kind, hits.contains(where: { $0.role == .blocked || $0.entity >= 0 && gaz.entities[$0.entity].type != .person }) {
        lo -= 1
        continue
      }
      break
    }
    while lo < p, its[lo].isConnector { lo += 1 }
    // Rightwards: more keywords ("… Group Inc"), or "of …" / "for …" phrases, up to a title,
    // a person's given name, or an "and" before another name.
    var hi = p + 1
    var afterConnector = false
    while hi < its.count {
      let it = its[hi]
      if it.isTitle { break }
      if it.isConnector {
        var k = hi
        while k < its.count, its[k].isConnector { k += 1 }
        guard k < its.count, !its[k].isTitle else { break }
        let chain = its[hi..<k].map { tokens[$0.range.lowerBound].text }
        if chain.contains("and") || chain.contains("&") {
          let next = its[k]
          // "Kawasaki Heavy Industries and GKN", "Amnesty International and the Commission":
          // after the keyword itself, or before "the", "and" starts another name.
          if chain.contains("and"), chain.last == "the" || its[hi - 1].isWord && isOrgKeyword(tokens[its[hi - 1].range.lowerBound]) { break }
          if next.isWord, tokens[next.range.lowerBound].has(.givenName) { break }
          // "… Civic Party and Wong Pik-wan": a family-name-first name follows.
          if its[k...].prefix(3).contains(where: { $0.isWord && tokens[$0.range.lowerBound].has(.familyFirstGiven) }) { break }
          if case .known = next.kind { break }
          if its[k...].contains(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) }) { break }
        }
        hi = k
        afterConnector = true
        continue
      }
      if it.isWord {
        if tokens[it.range.lowerBound].has(.givenName), hi + 1 < its.count, its[hi + 1].isWord { break }
        if afterConnector || isOrgKeyword(tokens[it.range.lowerBound]) { hi += 1; continue }
        break
      }
      if afterConnector { hi += 1; continue }
      break
    }
    while hi > p + 1, its[hi - 1].isConnector { hi -= 1 }
    let multiWord = its[lo..<hi].reduce(0) { $0 + ($1.isConnector ? 0 : $1.range.count) } >= 2
    if multiWord {
      let r = its[lo].range.lowerBound..<its[hi - 1].range.upperBound
      let name = tokens.cleanName(r)
      addOrganization(r, name: name, sentence: s.index, rule: .organizationKeyword)
      let before = Array(its[..<lo]), after = Array(its[hi...])
      if let f = before.first(where: { !$0.isConnector }), let l = before.last(where: { !$0.isConnector }) {
        analyzeRun(f.range.lowerBound..<l.range.upperBound, sentence: s, headline: headline)
      }
      if !after.isEmpty { analyzeItems(after, runStart: run.lowerBound, sentence: s, headline: headline) }
      return true
    }
    return false
  }

  /// "Supreme Court of Cassation": a known body's name goes on with "of …". Returns the index of
  /// the item after the name when it does.
  mutating func knownOrganizationGoesOn(_ its: [Item], at idx: Int, hits: [GazetteerHit], sentence s: Sentence) -> Int? {
    let item = its[idx]
    guard hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization && $0.role == .name }),
      isOrgKeyword(tokens[item.range.upperBound - 1]), idx + 2 < its.count, its[idx + 1].isConnector,
      tokens[its[idx + 1].range.lowerBound].text == "of", its[idx + 2].isWord
    else { return nil }
    var end = idx + 2
    while end + 1 < its.count, its[end + 1].isWord { end += 1 }
    let r = item.range.lowerBound..<its[end].range.upperBound
    addOrganization(r, name: tokens.cleanName(r), sentence: s.index, rule: .organizationKeyword)
    return end + 1
  }

  func isOrgKeyword(_ t: Token) -> Bool { t.has(.orgKeyword) }

  /// Whether the known organization at `i`, a name with a keyword in it, is part of a longer
  /// name: after a word or a state's name ("The Jordan Times" is not "The Times"), after a
  /// demonym or a place when it ends in its keyword ("the Italian Communist Party", "the Quebec
  /// Liberal Party"), or, ending in its keyword, before "of" and a state ("Green Party of
  /// Canada", "Communist Party of Greece").
  func knownNameExtended(_ its: [Item], at i: Int) -> Bool {
    guard case .known(let hits) = its[i].kind, hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization }),
      its[i].range.contains(where: { isOrgKeyword(tokens[$0]) })
    else { return false }
    let endsInKeyword = isOrgKeyword(tokens[its[i].range.upperBound - 1])
    if i > 0 {
      if its[i - 1].isWord { return true }
      if endsInKeyword, sharesNameAcrossAnd(its, before: i) { return true }
      if case .known(let before) = its[i - 1].kind {
        if endsInKeyword, isDemonymOrPlace(before, range: its[i - 1].range) { return true }
        return before.contains { $0.entity >= 0 && gaz.entities[$0.entity].type == .state && $0.role == .name }
      }
      return false
    }
    guard endsInKeyword, i + 2 < its.count, its[i + 1].isConnector, tokens[its[i + 1].range.lowerBound].text == "of",
      case .known(let after) = its[i + 2].kind
    else { return false }
    return after.contains { $0.entity >= 0 && gaz.entities[$0.entity].type == .state && $0.role == .name }
  }

  /// "the Social Democratic and Labour Party": two or more words, the last a common one, and
  /// "and" before a known name that ends in its keyword belong to it, when no keyword or
  /// organization comes before them ("the Fire Brigade and Labour Party" are two; so are
  /// "Conservative and Labour Party members", one party's word before the other's name).
  func sharesNameAcrossAnd(_ its: [Item], before i: Int) -> Bool {
    guard i >= 3, its[i - 1].isConnector, tokens[its[i - 1].range.lowerBound].text == "and", its[i - 2].isWord,
      tokens[its[i - 2].range.lowerBound].has(.commonWord), its[i - 3].isWord
    else { return false }
    return !its[..<(i - 1)].contains { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) || isKnownOrganization($0) }
  }

  /// A state's demonym ("Italian") or a place that is no state ("Quebec"), not a month or a
  /// weekday.
  func isDemonymOrPlace(_ hits: [GazetteerHit], range r: Range<Int>) -> Bool {
    if hits.contains(where: { $0.entity >= 0 && $0.role == .demonym && gaz.entities[$0.entity].type == .state }) { return true }
    return hits.contains { $0.role == .blocked } && r.allSatisfy { !tokens[$0].has(.functionWord) }
      && !r.contains { tokens[$0].has(.calendarWord) }
  }

  /// An item the gazetteer knows as an organization.
  func isKnownOrganization(_ it: Item) -> Bool {
    guard case .known(let hits) = it.kind else { return false }
    return hits.contains { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization }
  }
}
