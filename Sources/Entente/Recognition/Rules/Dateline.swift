/// Rules `dateline` and `party-tag`: capitalized words of wire copy that name no entity.
extension RecognitionPass {
  /// Rule `dateline`: "WASHINGTON (AP) —", "KYIV, Ukraine —", "MOSCOW, Dec 5 (Reuters) -": the
  /// place in capitals that opens a paragraph of wire copy, before a dash, is where the story
  /// was filed, not an entity. Returns the end of the place's words when sentence `s` opens
  /// with a dateline (what follows the place, "Ukraine" or "(AP)", is read as usual). Not a
  /// name the gazetteer knows as an organization ("NATO — the alliance …").
  func datelinePlaceEnd(_ s: Sentence) -> Int? {
    guard doc.paragraphs[s.paragraph].role == .body else { return nil }
    if s.index > 0, doc.sentences[s.index - 1].paragraph == s.paragraph { return nil }
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    var k = lo, letters = 0
    // The place: words in capitals ("NEW DELHI", "ST. LOUIS"), their periods attached.
    while k < hi {
      let t = tokens[k]
      if t.kind == .word, t.isAllCaps {
        letters += t.length
        k += 1
      } else if t.text == ".", k > lo, t.start == tokens[k - 1].end {
        k += 1
      } else {
        break
      }
    }
    let placeEnd = k
    guard placeEnd > lo, letters >= 3 else { return nil }
    if let m = gaz.trie.longestMatch(tokens, from: lo, limit: placeEnd, first: tokens[lo].gazetteerNode),
      m.hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization })
    {
      return nil
    }
    // Then a region or a date after a comma, an agency in brackets, and the dash: "SBS On
    // Demand -" is a name.
    guard k < hi, [",", "("].contains(tokens[k].text) || isDash(tokens[k]) else { return nil }
    var steps = 0
    while k < hi, steps < 12 {
      let t = tokens[k]
      if isDash(t) { return placeEnd }
      let fits = t.text == "," || t.text == "(" || t.text == ")" || t.text == "." || t.kind == .number
        || t.kind == .word && (t.isCapitalized || t.isAllCaps)
      guard fits else { return nil }
      k += 1
      steps += 1
    }
    return nil
  }

  /// A dash: "-", "--", "–", "—".
  func isDash(_ t: Token) -> Bool {
    t.kind == .punctuation && t.text.unicodeScalars.allSatisfy { $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" }
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
