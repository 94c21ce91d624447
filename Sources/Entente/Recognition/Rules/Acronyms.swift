/// Rules `acronym` and `acronym-link`: an acronym ("NATO", "KCNA") is an organization; one
/// defined in the text ("Korean Central News Agency (KCNA)") or made of the initials of an
/// organization the article names ("NPP" for "New People Party") is that organization.
extension RecognitionPass {
  /// First pass: a one-word group in capitals is an acronym, linked to its definition when
  /// the article gave one before. Returns whether it was one.
  mutating func acronym(_ r: Range<Int>, sentence: Int) -> Bool {
    let first = r.lowerBound
    guard r.count == 1, tokens[first].isAllCaps, isAcronym(first) else { return false }
    if let c = acronymLinks[tokens[first].text] {
      add(r, sentence: sentence, kind: .name, cluster: c, type: clusters[c].type, rule: .acronymLink)
    } else {
      addOrganization(r, name: tokens[first].text, sentence: sentence, rule: .acronym)
    }
    return true
  }

  func isAcronym(_ k: Int) -> Bool {
    let n = tokens[k].length
    return n >= 2 && n <= 6 && !tokens[k].has(.acronymStop)
      && tokens[k].text.unicodeScalars.allSatisfy { $0.isLetter }
  }

  /// "Korean Central News Agency (KCNA)": the acronym in brackets after an organization's
  /// name names the same organization (cluster `c`).
  mutating func noteAcronymDefinition(after r: Range<Int>, cluster c: Int) {
    if r.upperBound + 2 < tokens.count, tokens[r.upperBound].text == "(", tokens[r.upperBound + 2].text == ")",
      tokens[r.upperBound + 1].isAllCaps
    {
      acronymLinks[tokens[r.upperBound + 1].text] = c
    }
  }

  /// Second pass: a one-word group left open that the article defined as an acronym.
  mutating func resolveAcronym(_ p: Pending) {
    if p.tokens.count == 1, let c = acronymLinks[tokens[p.tokens.lowerBound].text] {
      add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: clusters[c].type, rule: .acronymLink)
    }
  }

  /// Second pass: "NPP" for "New People Party": an acronym made of an organization's initials.
  mutating func linkAcronymsByInitials() {
    guard found.contains(where: { $0.type == .organization && $0.tokens.count == 1 && $0.rule == RecognitionRule.acronym.name }) else { return }
    var byInitials: [String: Int] = [:]
    for fi in found.indices where found[fi].type == .organization && found[fi].kind == .name && found[fi].tokens.count > 1 {
      var initials = ""
      var letters = 0
      for k in found[fi].tokens where tokens[k].kind == .word && tokens[k].isCapitalized && !tokens[k].has(.connectorLower) {
        if let c = tokens[k].text.first {
          initials.append(c)
          letters += 1
        }
      }
      if letters >= 2 { RecognitionPass.note(&byInitials, initials, found[fi].cluster) }
    }
    for k in found.indices where found[k].type == .organization && found[k].tokens.count == 1 && found[k].rule == RecognitionRule.acronym.name {
      if let c = byInitials[tokens[found[k].tokens.lowerBound].text], c != RecognitionPass.ambiguous {
        found[k].cluster = c
        found[k].rule = RecognitionRule.acronymLink.name
      }
    }
  }
}
