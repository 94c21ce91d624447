/// Rule `divided-country`: "the North" and "the South" stand for the two states of a divided
/// country the article names: North and South Korea, Sudan and South Sudan. "The North said
/// …" in an article on Korea is North Korea. The name is "North" alone, as the article says
/// it without its "the"; an article that names no such state, or both countries, gets nothing.
extension RecognitionPass {
  /// The divided countries: the state keys of the north and of the south.
  static let dividedCountries: [(north: String, south: String)] = [
    (north: "state:PRK", south: "state:KOR"),
    (north: "state:SDN", south: "state:SSD"),
  ]

  /// Second pass, before the groups left open are read: adds each "the North" or "the South"
  /// as its state. Returns the tokens it named.
  mutating func dividedCountries() -> Set<Int> {
    var named = Set<Int>()
    let states = Set(found.filter { $0.type == .state }.map { clusters[$0.cluster].key })
    let countries = RecognitionPass.dividedCountries.filter { states.contains($0.north) || states.contains($0.south) }
    guard countries.count == 1, let country = countries.first else { return named }
    let covered = Set(found.flatMap { Array($0.tokens) })
    for s in doc.sentences {
      for k in s.tokens where k > s.tokens.lowerBound && (tokens[k].text == "North" || tokens[k].text == "South") {
        guard tokens[k - 1].lower == "the", !covered.contains(k) else { continue }
        // "the North Korean army", "the South of France", "the North-South talks".
        if k + 1 < s.tokens.upperBound {
          let next = tokens[k + 1]
          if next.kind == .word && (next.isCapitalized || next.lower == "of") { continue }
          if next.start == tokens[k].end, next.text == "-" || next.text == "\u{2013}" { continue }
        }
        let key = tokens[k].text == "North" ? country.north : country.south
        guard let i = gaz.entities.firstIndex(where: { $0.key == key }) else { continue }
        let e = gaz.entities[i]
        add(k..<k + 1, sentence: s.index, kind: .name, key: e.key, type: e.type, name: e.name, rule: .dividedCountry)
        named.insert(k)
      }
    }
    return named
  }
}
