/// Rule `speaker` (second pass): "Kirby said", "…, said Kirby", "Cruz, a Texas Republican,
/// said": a name of up to three words right before or after a speech verb, or before an
/// apposition and a speech verb, speaks, so it is a person.
extension RecognitionPass {
  /// Cues after which a name right before them speaks ("Kirby said").
  static let speakerBeforeLemmas: Set<String> = ["say", "tell", "add", "explain", "insist", "argue", "warn", "claim", "deny", "write"]
  /// Cues before which, after a comma, a name speaks (", said Kirby").
  static let speakerAfterLemmas: Set<String> = ["say", "add", "write", "explain"]

  /// Adds an `unknown` group that speaks as a person. Returns whether it did.
  mutating func speaker(_ p: Pending) -> Bool {
    let words = p.tokens
    guard p.rule == RecognitionRule.unknown.name, words.count <= 3, isSpeakerPosition(p.tokens, sentence: p.sentence),
      !tokens[words.lowerBound].has(.commonWord) || words.count > 1,
      // "MPs said", "Tory MPs said": a plural is no person.
      !isPlural(words.upperBound - 1)
    else { return false }
    let name = tokens.cleanName(p.tokens)
    add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: .speaker)
    return true
  }

  /// "Kirby said", "…, said Kirby", "Cruz, a Texas Republican, said": a name right before or
  /// after a speech verb, or before an apposition and a speech verb, speaks.
  func isSpeakerPosition(_ r: Range<Int>, sentence: Int) -> Bool {
    let s = doc.sentences[sentence]
    if r.upperBound < s.tokens.upperBound, isSpeechCueBefore(r.upperBound) { return true }
    if let end = appositionEnd(after: r.upperBound, limit: s.tokens.upperBound), end < s.tokens.upperBound, isSpeechCueBefore(end) {
      return true
    }
    if r.lowerBound - 2 >= s.tokens.lowerBound, tokens[r.lowerBound - 2].text == ",",
      tokens[r.lowerBound - 1].has(.speechVerb), let lemma = gaz.speechVerbs[tokens[r.lowerBound - 1].lower], RecognitionPass.speakerAfterLemmas.contains(lemma),
      r.upperBound >= s.tokens.upperBound || tokens[r.upperBound].kind == .punctuation
    {
      return true
    }
    return false
  }

  /// A speech verb after which the name right before it speaks ("said", "told").
  func isSpeechCueBefore(_ k: Int) -> Bool {
    guard tokens[k].has(.speechVerb), let lemma = gaz.speechVerbs[tokens[k].lower] else { return false }
    return RecognitionPass.speakerBeforeLemmas.contains(lemma)
  }

  /// ", a Texas Republican,", ", 45,": an apposition describing a person after a name, from
  /// the comma at `k`: "a", "an", "the" or an age first, no more than eight words, no word for
  /// an organization ("Acme, a Texas company, said"). Returns the index after its closing
  /// comma.
  func appositionEnd(after k: Int, limit: Int) -> Int? {
    guard k + 2 < limit, tokens[k].text == "," else { return nil }
    let first = tokens[k + 1]
    guard first.kind == .number || ["a", "an", "the"].contains(first.lower) else { return nil }
    var j = k + 2
    while j < limit, j - k <= 9 {
      let t = tokens[j]
      if t.text == "," { return j > k + 1 ? j + 1 : nil }
      if t.kind == .punctuation, t.text != "-" { return nil }
      if t.kind == .word, RecognitionPass.organizationNouns.contains(t.lower) { return nil }
      j += 1
    }
    return nil
  }

  /// Words that make an apposition describe an organization rather than a person.
  static let organizationNouns: Set<String> = [
    "company", "firm", "maker", "group", "agency", "organization", "organisation", "party", "bank", "newspaper",
    "network", "charity", "union", "club", "team", "band", "carrier", "retailer", "manufacturer", "producer", "giant",
    "startup", "station", "broadcaster", "university", "institute", "council", "committee", "association",
    "foundation", "website", "publisher", "outlet", "airline", "chain", "brand", "league", "lab", "laboratory",
  ]
}
