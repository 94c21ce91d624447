/// Rules `gazetteer`, `demonym`, `metonym`, `capital-metonym` and `ambiguous-state`: the
/// states and organizations the gazetteer knows, by name, demonym ("Russian"), seat of
/// government ("the Kremlin") and acting capital ("Moscow denies"); a name that may be
/// something else ("Jordan", "Georgia") only where nothing around it says so.
extension RecognitionPass {
  /// Adds the mentions of a gazetteer phrase. Returns whether it named something.
  @discardableResult
  mutating func addKnown(_ r: Range<Int>, hits: [GazetteerHit], sentence s: Sentence, headline: Bool) -> Bool {
    if hits.contains(where: { $0.role == .blocked }) { return false }
    // A user's entity (added last) wins over bundled data for the same phrase.
    guard let hit = hits.max(by: { $0.entity < $1.entity }) else { return false }
    let e = gaz.entities[hit.entity]
    let prev = r.lowerBound > s.tokens.lowerBound ? tokens[r.lowerBound - 1] : nil
    // "the Guardian", "The Hill": with its article, a newspaper's short name is not ambiguous
    // (but for a capitalized word after it: "the Hindu Marriage Act").
    let withArticle = e.name.hasPrefix("The ") && prev?.lower == "the"
      && !(r.upperBound < s.tokens.upperBound && tokens[r.upperBound].kind == .word && tokens[r.upperBound].isCapitalized)
    if hit.ambiguous && !withArticle {
      // "Jordan", "Georgia", "Apple": not where a capitalized word next to it makes it part of
      // another name, and a one-word organization's name not at the start of a sentence
      // ("Apple trees", "The Apple"). A sentence's first "The" is no such word ("The Labour
      // Party said"), and a name of several capitalized words is one at the start too
      // ("Labour Party leader Keir Starmer"), and so is one word before a title and a name
      // ("Labour leader Keir Starmer", "Apple chief executive Tim Cook").
      let theOpens = prev?.lower == "the" && isSentenceStart(r.lowerBound - 1, in: s)
      if r.count == 1, theOpens || isSentenceStart(r.lowerBound, in: s), e.type == .organization, !titleAndNameFollow(r, in: s) {
        return false
      }
      if r.upperBound < s.tokens.upperBound, tokens[r.upperBound].isCapitalized, tokens[r.upperBound].kind == .word { return false }
      if let p = prev, p.kind == .word, p.isCapitalized, !theOpens { return false }
      // "Atlanta, Georgia": after a place and a comma, the US state or region.
      if e.type == .state, let p = prev, p.text == ",", r.lowerBound >= 2, tokens[r.lowerBound - 2].isCapitalized,
        tokens[r.lowerBound - 2].kind == .word
      {
        return false
      }
      if e.type == .state, hit.role == .name {
        // "Jordan said", "Georgia Tech": a capitalized name right before, or a person of that name.
        leave(r, sentence: s.index, rule: .ambiguousState, title: e.key)
        return false
      }
    }
    // "NZ $ 26 million", "US dollars": a currency, not the state; "the ROC curve": an
    // abbreviation of three letters or more before a word for a thing or a method is the
    // thing's (two, "US software", "UK model", describe: the state).
    if e.type == .state, r.upperBound < s.tokens.upperBound {
      let next = tokens[r.upperBound]
      if next.text == "$" || ["dollar", "dollars"].contains(next.lower) { return false }
      if r.count == 1, tokens[r.lowerBound].isAllCaps, tokens[r.lowerBound].length >= 3, next.kind == .word,
        RecognitionPass.productNouns.contains(next.text)
      {
        return false
      }
    }
    switch hit.role {
    case .blocked:
      return false
    case .name:
      var r = r
      // "The Guardian", "The New York Times": the article is part of the name.
      if e.name.hasPrefix("The "), let p = prev, p.text == "The" { r = (r.lowerBound - 1)..<r.upperBound }
      add(r, sentence: s.index, kind: .name, key: e.key, type: e.type, name: e.name, rule: .gazetteer)
      return true
    case .demonym:
      add(r, sentence: s.index, kind: .demonym, key: e.key, type: e.type, name: e.name, rule: .demonym)
      return false
    case .metonym:
      add(r, sentence: s.index, kind: .metonym, key: e.key, type: e.type, name: e.name, rule: .metonym)
      return false
    case .capital:
      // A capital acts for its state unless the text puts someone in or at the place.
      if let p = prev, p.kind == .word, p.has(.locationPreposition) { return false }
      if r.upperBound < s.tokens.upperBound, tokens[r.upperBound].text == ",",
        r.upperBound + 1 < s.tokens.upperBound, tokens[r.upperBound + 1].isCapitalized
      {
        return false  // "Taipei, Taiwan": a dateline place
      }
      add(r, sentence: s.index, kind: .metonym, key: e.key, type: e.type, name: e.name, rule: .capitalMetonym)
      return false
    }
  }

  /// Whether a lower-case title ("leader", "chief executive") and a capitalized word follow
  /// the words `r`: "Labour leader Keir Starmer".
  func titleAndNameFollow(_ r: Range<Int>, in s: Sentence) -> Bool {
    var k = r.upperBound
    while k < s.tokens.upperBound, k - r.upperBound < 3, tokens[k].kind == .word, !tokens[k].isCapitalized,
      tokens[k].has([.titleWord, .roleNoun])
    {
      k += 1
    }
    return k > r.upperBound && k < s.tokens.upperBound && tokens[k].kind == .word && tokens[k].isCapitalized && !tokens[k].has(.functionWord)
  }
}
