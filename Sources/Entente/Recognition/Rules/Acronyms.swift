/// Rules `acronym` and `acronym-link`: an acronym ("NATO", "KCNA") is an organization; one
/// defined in the text ("Korean Central News Agency (KCNA)") or made of the initials of an
/// organization the article names ("NPP" for "New People Party") is that organization.
extension RecognitionPass {
  /// First pass: a one-word group in capitals is an acronym, linked to its definition when
  /// the article gave one before. Returns whether it was one.
  mutating func acronym(_ r: Range<Int>, sentence: Int) -> Bool {
    let first = r.lowerBound
    guard r.count == 1, tokens[first].isAllCaps, isAcronym(first) else { return false }
    if isProduct(first) || definesTerm(first) || isInFormula(first) || namesTerm(first) {
      products.insert(tokens[first].text)
      return true
    }
    if let c = acronymLinks[tokens[first].text] {
      add(r, sentence: sentence, kind: .name, cluster: c, type: clusters[c].type, rule: .acronymLink)
      return true
    }
    if isCountedThing(first) {
      products.insert(tokens[first].text)
      return true
    }
    if !isBesideNumber(first) { addOrganization(r, name: tokens[first].text, sentence: sentence, rule: .acronym) }
    return true
  }

  /// "Nintendo DS", "Sony PSP", "RFID tags", "HDTV sets": an acronym right after an
  /// organization's name, or before a word for a product or technology, is one.
  func isProduct(_ k: Int) -> Bool {
    if k + 1 < tokens.count, tokens[k + 1].kind == .word, RecognitionPass.productNouns.contains(tokens[k + 1].lower) { return true }
    if let last = found.last, last.type == .organization, last.kind == .name, last.tokens.upperBound == k,
      tokens[k].start == tokens[k - 1].end + 1
    {
      return true
    }
    return false
  }

  /// "a VBIED.", "an IDE with a debugger": an acronym counted with "a" or "an" and followed by
  /// no word but a function word is a thing, not an organization (an organization's acronym
  /// after "a" describes the next word: "an NHS hospital", "an NDP Member of Parliament").
  func isCountedThing(_ k: Int) -> Bool {
    guard k >= 1, tokens[k - 1].lower == "a" || tokens[k - 1].lower == "an" else { return false }
    guard k + 1 < tokens.count, tokens[k + 1].kind == .word else { return true }
    return tokens[k + 1].has(.functionWord) && !tokens[k + 1].isCapitalized && !tokens[k + 1].isAllCaps
  }

  /// "TP + FN", "P = NP": an acronym beside an arithmetic sign is a quantity or a term.
  func isInFormula(_ k: Int) -> Bool {
    let signs = RecognitionPass.formulaSigns
    return (k + 1 < tokens.count && signs.contains(tokens[k + 1].text)) || (k >= 1 && signs.contains(tokens[k - 1].text))
  }

  /// Arithmetic signs that make an acronym beside them part of a formula.
  static let formulaSigns: Set<String> = ["+", "=", "×"]

  /// "CVPR 2012", "USS Mahan (DDG 72)", "300 DKK": an acronym right before or after a number is
  /// a conference's year, a model or hull number, a currency: no organization here.
  func isBesideNumber(_ k: Int) -> Bool {
    (k + 1 < tokens.count && tokens[k + 1].kind == .number) || (k >= 1 && tokens[k - 1].kind == .number)
  }

  /// "sea surface salinity (SSS)", "hidden Markov model (HMM)", "Machine translation (MT)": an
  /// acronym in brackets after words whose initials spell it, one of them a lower-case word
  /// other than a function word, stands for a term, not an organization (an organization's
  /// name is capitalized but for "of", "and"…: "Korean Central News Agency (KCNA)").
  func definesTerm(_ k: Int) -> Bool {
    guard k >= 2, k + 1 < tokens.count, tokens[k - 1].text == "(", tokens[k + 1].text == ")" else { return false }
    return spelledOutBefore(k, splittingHyphens: true) == true
  }

  /// Whether the words right before the bracket at `k - 1` spell the acronym at `k`: the words
  /// right to left (with `splittingHyphens`, their hyphenated parts too: "short-term"), each
  /// giving its initial to the next letter from the right; "of", "and" may give none. Nil
  /// when they do not spell it; else whether a lower-case word other than a function word
  /// gave a letter.
  func spelledOutBefore(_ k: Int, splittingHyphens: Bool) -> Bool? {
    let letters = Array(tokens[k].text.lowercased().unicodeScalars)
    var want = letters.count - 1
    var j = k - 2
    var lowerCase = false
    while want >= 0, j >= 0, tokens[j].kind == .word {
      let t = tokens[j]
      let parts = splittingHyphens ? t.text.split(separator: "-") : [Substring(t.text)]
      var matched = false
      for (n, part) in parts.enumerated().reversed() where want >= 0 {
        if part.unicodeScalars.first.map({ $0.properties.lowercaseMapping == String(letters[want]) }) == true {
          want -= 1
          matched = true
        } else if n == 0, !matched, !t.has(.functionWord) {
          return nil
        }
      }
      if matched, t.text.first?.isLowercase == true, !t.has(.functionWord) { lowerCase = true }
      j -= 1
    }
    return want < 0 ? lowerCase : nil
  }

  /// "Positive Predictive Value (PPV)", "Compact Fluorescent Light (CFL)": an acronym in
  /// brackets after capitalized words whose initials spell it, which no rule named an
  /// organization ("Korean Central News Agency (KCNA)" is linked before this is asked), stands
  /// for a term or a thing.
  func namesTerm(_ k: Int) -> Bool {
    guard k >= 2, k + 1 < tokens.count, tokens[k - 1].text == "(", tokens[k + 1].text == ")",
      acronymLinks[tokens[k].text] == nil
    else { return false }
    // Something the article names right before the bracket (an organization, a person) is
    // not a term's words.
    if let last = found.last, last.tokens.upperBound == k - 1 { return false }
    guard tokens[k].text.lowercased().unicodeScalars.count >= 2 else { return false }
    // A capitalized name's hyphenated word gives one initial: "Metro-Goldwyn-Mayer (MGM)" is
    // no term.
    return spelledOutBefore(k, splittingHyphens: false) != nil
  }

  /// Words for products and technologies, and for the terms and methods of a field ("SCARA
  /// robots", "EM algorithm", "ROC curve", "UV radiation").
  static let productNouns: Set<String> = [
    "console", "consoles", "handheld", "handhelds", "phone", "phones", "handset", "handsets", "chip", "chips",
    "chipset", "chipsets", "tag", "tags", "technology", "technologies", "television", "televisions", "screen",
    "screens", "camera", "cameras", "device", "devices", "reader", "readers", "drive", "drives", "disc", "discs",
    "disk", "disks", "format", "formats", "software", "model", "models", "sets",
    "algorithm", "algorithms", "robot", "robots", "descriptor", "descriptors", "package", "packages", "curve",
    "curves", "bulb", "bulbs", "radiation", "exposure", "debugger", "profiler", "interpretation",
    "interpretations", "method", "methods", "protocol", "protocols", "file", "files", "code", "library",
    "libraries", "score", "scores", "values", "estimator", "estimators", "architecture", "networks", "classifier",
    "classifiers", "signal", "signals", "sensor", "sensors", "scanner", "scanners", "measurement", "measurements",
  ]

  /// Second pass: an acronym the article uses as a product anywhere is nowhere an organization.
  mutating func dropProducts() {
    guard !products.isEmpty else { return }
    let tokens = self.tokens
    found.removeAll { $0.rule == RecognitionRule.acronym.name && $0.tokens.count == 1 && products.contains(tokens[$0.tokens.lowerBound].text) }
  }

  /// Second pass: in an article that defines two or more acronyms as terms, in brackets right
  /// after a lower-case word ("support vector machine (SVM)", "phosphoenolpyruvate (PEP)"), an
  /// acronym no rule linked to an organization is a term too ("NLP", "CRISPR"): the article is
  /// technical, and its acronyms are a field's terms, not organizations.
  mutating func dropTechnicalAcronyms() {
    guard found.contains(where: { $0.rule == RecognitionRule.acronym.name }) else { return }
    var terms = Set<String>()
    let tokens = self.tokens
    for k in tokens.indices.dropFirst(2).dropLast() where tokens[k - 1].text == "(" && tokens[k + 1].text == ")" {
      let before = tokens[k - 2]
      guard tokens[k].isAllCaps, isAcronym(k), before.kind == .word, before.text.first?.isLowercase == true,
        !before.has(.functionWord)
      else { continue }
      terms.insert(tokens[k].text)
      if terms.count >= 2 { break }
    }
    guard terms.count >= 2 else { return }
    found.removeAll { $0.rule == RecognitionRule.acronym.name && $0.tokens.count == 1 }
  }

  /// Rule `acronym-name`: "RSA Security", "BBC Worldwide": a known acronym of three letters
  /// or more (a state's abbreviation too) followed by capitalized words (not a given name, not
  /// a place) names an organization. Two letters ("US", "UK") more often describe: "UK Singles
  /// Chart". Returns the index of the item after the name when it does.
  mutating func acronymName(_ its: [Item], at idx: Int, sentence s: Sentence) -> Int? {
    let item = its[idx]
    guard case .known(let hits) = item.kind, hits.contains(where: { $0.entity >= 0 && $0.role == .name }),
      item.range.count == 1, tokens[item.range.lowerBound].isAllCaps, tokens[item.range.lowerBound].length >= 3,
      idx + 1 < its.count, its[idx + 1].isWord
    else { return nil }
    var end = idx + 1
    while end + 1 < its.count, its[end + 1].isWord { end += 1 }
    let r = item.range.lowerBound..<its[end].range.upperBound
    guard isAcronymName(r) else { return nil }
    addOrganization(r, name: tokens.cleanName(r), sentence: s.index, rule: .acronymName)
    return end + 1
  }

  /// An acronym and capitalized words after it, none a given name, an initial, in capitals,
  /// a title or role ("an IBM Fellow", "an NDP Member"), a place or an event, an adjective or an
  /// adverb ("U.S. Olympic"); the last no plural of people ("MPs"). Not after "a" or "an",
  /// which make it a description ("a NASA Discovery mission", "a UNESCO World Heritage Site"),
  /// nor before a number ("UEFA Euro 2008").
  func isAcronymName(_ r: Range<Int>) -> Bool {
    let words = r.dropFirst()
    guard !words.isEmpty, words.allSatisfy({ tokens[$0].kind == .word && tokens[$0].isCapitalized && !tokens[$0].isAllCaps
      && !tokens[$0].has([.givenName, .titleWord, .roleNoun, .placeKeyword, .eventWord]) && tokens[$0].length > 1
      && !["ic", "ly"].contains(where: tokens[$0].lower.hasSuffix) }),
      !isPlural(r.upperBound - 1)
    else { return false }
    if r.lowerBound > 0, ["a", "an"].contains(tokens[r.lowerBound - 1].lower) { return false }
    if r.upperBound < tokens.count, tokens[r.upperBound].kind == .number { return false }
    return true
  }

  /// "MPs", "CEOs", "officials": a plural of people or of an acronym.
  func isPlural(_ k: Int) -> Bool {
    let t = tokens[k]
    if t.has(.pluralHead) { return true }
    let text = t.text
    guard text.count >= 3, text.hasSuffix("s") else { return false }
    return text.dropLast().allSatisfy { $0.isUppercase }
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
