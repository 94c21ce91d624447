/// Rule `state-in-name`: "Environment Canada", "Statistics Canada": a common noun right
/// before a state's name that ends the run makes an organization's name. Adjectives before a
/// state ("Communist China", "Northern Ireland", "Soviet Russia") do not; a place keyword
/// ("Lake Chad") makes a place, which is nothing.
extension RecognitionPass {
  /// Adds the organization when the word group at `group` (item indices) is one such noun and
  /// the next item, the run's last, a state's name. Returns the index of the item after it.
  mutating func stateInName(_ its: [Item], group: Range<Int>, sentence s: Sentence) -> Int? {
    guard group.count == 1, group.upperBound + 1 == its.count, case .known(let hits) = its[group.upperBound].kind,
      hits.contains(where: { $0.entity >= 0 && $0.role == .name && gaz.entities[$0.entity].type == .state }),
      !hits.contains(where: { $0.role == .blocked })
    else { return nil }
    let w = its[group.lowerBound].range
    let state = its[group.upperBound].range
    guard w.count == 1, tokens[state.lowerBound].start == tokens[w.lowerBound].end + 1 else { return nil }
    // "Lake Chad", "Gulf of Oman" aside: a place named after the state is nothing.
    if tokens[w.lowerBound].has(.placeKeyword) { return group.upperBound + 1 }
    guard isCommonNoun(w.lowerBound), !partOfLongerName(w.lowerBound) else { return nil }
    let r = w.lowerBound..<state.upperBound
    addOrganization(r, name: tokens.cleanName(r), sentence: s.index, rule: .stateInName)
    return group.upperBound + 1
  }

  /// "Right to Life Australia", "Democrats for a Strong Bulgaria": after a capitalized word
  /// and a small word, the noun ends a longer name the rule does not see whole.
  func partOfLongerName(_ k: Int) -> Bool {
    var j = k - 1
    while j >= 0, j >= k - 2, tokens[j].kind == .word, !tokens[j].isCapitalized, tokens[j].has(.functionWord) { j -= 1 }
    return j < k - 1 && j >= 0 && tokens[j].kind == .word && tokens[j].isCapitalized
  }

  /// A capitalized common word that reads as a noun: not a name, a title, a function word or
  /// an adjective ("Communist", "Northern", "Greater", "Soviet").
  func isCommonNoun(_ k: Int) -> Bool {
    let t = tokens[k]
    guard t.kind == .word, t.isCapitalized, !t.isAllCaps, t.has(.commonWord), !t.has(.givenName),
      !t.has([.functionWord, .titleWord, .roleNoun, .sentenceOpener, .adverbialStart, .locationPreposition])
    else { return false }
    let lower = t.lower
    if RecognitionPass.notNouns.contains(lower) { return false }
    return !["ern", "ist", "ian", "ic", "al", "ish", "ese", "an", "ed", "ly", "ive", "ous"].contains(where: { lower.hasSuffix($0) })
  }

  /// Words before a state's name that describe it rather than name something else.
  static let notNouns: Set<String> = [
    "greater", "mainland", "modern", "ancient", "free", "nazi", "soviet", "old", "new", "upper", "lower", "little",
    "great", "north", "south", "east", "west", "post", "pre", "independent", "occupied", "rural", "urban", "today",
    "all", "whole", "neighbouring", "neighboring", "welcome",
  ]
}
