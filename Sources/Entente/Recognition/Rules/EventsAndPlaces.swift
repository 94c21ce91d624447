/// Rules `event` and `place`: events and places are not entities; their words are dropped.
extension RecognitionPass {
  /// Rule `event`: an event ("Fan Expo Canada 2016", "the NATO Summit") is not an entity: its
  /// words and what follows them are dropped; names before it ("NATO") are read as a run of
  /// their own, but for a state's name, which is part of the event's ("the Bangladesh
  /// Liberation War", "the Pride of Britain Awards"). Returns whether the run held an event.
  mutating func dropEvent(_ its: [Item], sentence s: Sentence, headline: Bool) -> Bool {
    guard let e = its.firstIndex(where: { $0.isWord && tokens[$0.range.lowerBound].has(.eventWord) }),
      !its[(e + 1)...].contains(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) })
    else { return false }
    var start = e
    while start > 0, its[start - 1].isWord || its[start - 1].isConnector || namesState(its[start - 1]) { start -= 1 }
    if start > 0, let f = its[..<start].first(where: { !$0.isConnector }), let l = its[..<start].last(where: { !$0.isConnector }) {
      analyzeRun(f.range.lowerBound..<l.range.upperBound, sentence: s, headline: headline)
    }
    return true
  }

  /// Whether an item is a state's name the gazetteer knows (not a demonym, not a capital).
  func namesState(_ item: Item) -> Bool {
    guard case .known(let hits) = item.kind else { return false }
    return hits.contains { $0.entity >= 0 && $0.role == .name && !$0.ambiguous && gaz.entities[$0.entity].type == .state }
  }

  /// Rule `place`, on a run: a word group that ends in a place or event keyword takes the
  /// whole run.
  func isPlaceRun(_ its: [Item]) -> Bool {
    guard let last = its.last, last.isWord else { return false }
    let w = tokens[last.range.lowerBound]
    return w.has([.placeKeyword, .eventWord]) && (its.count > 1 || w.has(.eventWord))
  }

  /// Rule `place`, on a word group: "Kennedy Space Center", "Fan Expo".
  func isPlaceGroup(_ r: Range<Int>) -> Bool {
    guard r.count > 1, let w = r.last(where: { tokens[$0].kind == .word }) else { return false }
    return tokens[w].has([.placeKeyword, .eventWord])
  }
}
