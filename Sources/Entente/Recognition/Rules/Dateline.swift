/// Rules `dateline`, `party-tag` and `credit-line`: the words of wire copy around the story.
extension RecognitionPass {
  /// Rule `dateline`: "WASHINGTON (AP) —", "KYIV, Ukraine —", "MOSCOW, Dec 5 (Reuters) -",
  /// "NEW DELHI:", "Kyiv (Reuters) -": the place in capitals (or before an agency) that opens a
  /// paragraph of wire copy, before a dash or a colon (`datelineEnd`), is where the story was
  /// filed, not an entity. Returns the end of the place's words when sentence `s` opens with a
  /// dateline (what follows the place, "Ukraine" or "(AP)", is read as usual). Not a name the
  /// gazetteer knows as an organization ("NATO — the alliance …").
  func datelinePlaceEnd(_ s: Sentence) -> Int? {
    guard doc.paragraphs[s.paragraph].role == .body, datelineEnd(s) != nil else { return nil }
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    // The place: words in capitals ("NEW DELHI", "ST. LOUIS"), or capitalized words before an
    // agency in brackets ("Kyiv (Reuters) -").
    let capitals = tokens[lo].isAllCaps
    let (k, letters) = placeWords(s, capitals: capitals)
    // Then a comma (a region, a date), an agency in brackets or the dash: "SBS On Demand -"
    // is a name.
    guard k > lo, letters >= 3, k < hi, [",", "(", ":"].contains(tokens[k].text) || Byline.isDash(tokens[k].text) else { return nil }
    if !capitals, !tokens[k..<hi].prefix(while: { !Byline.isDash($0.text) }).contains(where: { $0.text == "(" }) { return nil }
    for j in lo..<k {
      if let m = gaz.trie.longestMatch(tokens, from: j, limit: k, first: tokens[j].gazetteerNode),
        m.hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization })
      {
        return nil
      }
    }
    return k
  }

  /// The first token after the dateline that opens sentence `s`, if one does: a wire byline
  /// (`Byline`: "WASHINGTON (AP) —"), or a known place in capitals and a colon ("NEW DELHI:",
  /// not "SMITH:", a speaker in a transcript).
  func datelineEnd(_ s: Sentence) -> Int? {
    if s.index > 0, doc.sentences[s.index - 1].paragraph == s.paragraph { return nil }
    if let e = Byline.end(of: s, in: doc) { return e }
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    let k = placeWords(s, capitals: true).end
    guard k > lo, k + 1 < hi, tokens[k].text == ":", gaz.placeNames.contains(doc.text.string(TextSpan(tokens[lo].start, tokens[k - 1].end))) else {
      return nil
    }
    return k + 1
  }

  /// The end of the words that open sentence `s` in capitals (or capitalized), with the
  /// periods attached to them ("ST. LOUIS"), and how many letters they have.
  func placeWords(_ s: Sentence, capitals: Bool) -> (end: Int, letters: Int) {
    let lo = s.tokens.lowerBound
    var k = lo, letters = 0
    while k < s.tokens.upperBound {
      let t = tokens[k]
      if t.kind == .word, capitals ? t.isAllCaps : t.isCapitalized {
        letters += t.length
      } else if !(t.text == "." && k > lo && t.start == tokens[k - 1].end) {
        break
      }
      k += 1
    }
    return (k, letters)
  }

  /// Rule `party-tag`: "Sen. Lisa Murkowski, R-Alaska,", "Rep. Jane Doe (D-N.Y.)": a US
  /// party's initial and a state (`usStateTags` in `recognition.json`) after a name, between
  /// commas or in brackets, is no name ("KRS-One, D-Nice," is). Returns the end of the tag
  /// when one starts at token `i`.
  func partyTagEnd(_ i: Int, in s: Sentence) -> Int? {
    let t = tokens[i]
    guard t.kind == .word, i - 2 >= s.tokens.lowerBound, tokens[i - 1].text == "," || tokens[i - 1].text == "(",
      tokens[i - 2].kind == .word, tokens[i - 2].isCapitalized
    else { return nil }
    let u = t.text.unicodeScalars
    guard u.count >= 3, let f = u.first, f == "D" || f == "R" || f == "I", u[u.index(after: u.startIndex)] == "-" else { return nil }
    // The state: the rest of the word and what is attached to it ("N" "." "Y" "."), or two words.
    var k = i + 1
    while k < s.tokens.upperBound, tokens[k].start == tokens[k - 1].end, tokens[k].text != ",", tokens[k].text != ")" { k += 1 }
    let from = t.start + 2
    func tag(_ end: Int) -> String { doc.text.string(TextSpan(from, tokens[end - 1].end)) }
    if gaz.usStateTags.contains(tag(k)) { return k }
    // "R-Ohio." ending a sentence.
    if k - 1 > i, tokens[k - 1].text == ".", gaz.usStateTags.contains(tag(k - 1)) { return k - 1 }
    // "(R-New Hampshire)".
    if k == i + 1, k < s.tokens.upperBound, tokens[k].kind == .word, tokens[k].isCapitalized, gaz.usStateTags.contains(tag(k + 1)) {
      return k + 1
    }
    return nil
  }
}

extension RecognitionPass {
  /// Rule `credit-line`: "By JOHN HALLORAN and MARIA KESTREL Associated Press", "By Jane
  /// Holloway, Reuters": a paragraph that opens with "By" and holds only names is the story's
  /// credit. Each name of two to four words is a person (in capitals too), and a state or
  /// organization the gazetteer knows is itself: before, the reporters' names in capitals ran on
  /// into the agency's ("MARIA KESTREL Associated Press", an organization). Returns whether
  /// sentence `s` was a credit line (its words are then read).
  mutating func creditLine(_ s: Sentence) -> Bool {
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    guard hi - lo >= 3, hi - lo <= 24, tokens[lo].text == "By" else { return false }
    if s.index > 0, doc.sentences[s.index - 1].paragraph == s.paragraph { return false }
    // Only names, "and" and the punctuation between them.
    for t in tokens[(lo + 1)..<hi] {
      switch t.kind {
      case .word: guard t.isCapitalized || t.lower == "and" else { return false }
      case .number: return false
      case .punctuation: guard [",", ".", "&", "|", "/"].contains(t.text) else { return false }
      }
    }
    var k = lo + 1
    while k < hi {
      let t = tokens[k]
      guard t.kind == .word, t.isCapitalized else { k += 1; continue }
      if let m = gaz.trie.longestMatch(tokens, from: k, limit: hi, first: t.gazetteerNode),
        m.hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type != .person })
      {
        addKnown(k..<m.end, hits: m.hits, sentence: s, headline: false)
        k = m.end
        continue
      }
      // A name: capitalized words and initials' periods, up to "and", a comma or a known name.
      var e = k + 1
      while e < hi, tokens[e].kind == .word ? tokens[e].isCapitalized : tokens[e].text == "." && tokens[e].start == tokens[e - 1].end {
        if tokens[e].kind == .word, let m = gaz.trie.longestMatch(tokens, from: e, limit: hi, first: tokens[e].gazetteerNode),
          m.hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type != .person })
        {
          break
        }
        e += 1
      }
      let words = tokens[k..<e].count { $0.kind == .word }
      if words >= 2, words <= 4 {
        addPerson(k..<e, sentence: s.index, rule: RecognitionRule.creditLine.name, titles: [], qualifier: nil)
      } else {
        leave(k..<e, sentence: s.index, rule: .unknown)
      }
      k = e
    }
    return true
  }
}
