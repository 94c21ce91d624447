/// The first pass's reading of a sentence: runs of capitalized words, the parts of a run
/// (titles, gazetteer phrases, connectors, words), and the order in which the first pass's
/// rules (`RecognitionRule`) read them.
extension RecognitionPass {
  mutating func firstPass() {
    for s in doc.sentences {
      if creditLine(s) { continue }
      let headline = doc.paragraphs[s.paragraph].role != .body && isTitleCase(s)
      var i = datelinePlaceEnd(s) ?? s.tokens.lowerBound
      while i < s.tokens.upperBound {
        guard tokens[i].kind == .word, tokens[i].isCapitalized || tokens[i].isAllCaps else { i += 1; continue }
        if let end = partyTagEnd(i, in: s) {
          i = end
          continue
        }
        if tokens[i].has(.functionWord),
          gaz.trie.longestMatch(tokens, from: i, limit: s.tokens.upperBound, first: tokens[i].gazetteerNode) == nil
        {
          i += 1
          continue
        }
        let end = runEnd(from: i, limit: s.tokens.upperBound, headline: headline)
        analyzeRun(i..<end, sentence: s, headline: headline)
        i = max(end, i + 1)
      }
    }
  }

  func isTitleCase(_ s: Sentence) -> Bool {
    var words = 0, caps = 0
    for t in tokens[s.tokens] where t.kind == .word && t.length > 3 {
      words += 1
      if t.isCapitalized { caps += 1 }
    }
    return words >= 4 && caps * 3 >= words * 2
  }

  /// Whether only punctuation, or a dateline ("WASHINGTON (AP) —", "NEW DELHI:"), comes
  /// before token `i` in its sentence.
  func isSentenceStart(_ i: Int, in s: Sentence) -> Bool {
    var k = i - 1
    while k >= s.tokens.lowerBound {
      if tokens[k].kind != .punctuation {
        // A dateline ends in a dash or a colon.
        return (Byline.isDash(tokens[i - 1].text) || tokens[i - 1].text == ":") && tokens[s.tokens.lowerBound].isCapitalized
          && datelineEnd(s) == i
      }
      k -= 1
    }
    return true
  }

  /// Whether token `j` can be part of a name: capitalized (or a particle like "al-"), and
  /// not a function word unless all capitals.
  func isNameWord(_ j: Int) -> Bool {
    guard tokens[j].kind == .word, tokens[j].isCapitalized || tokens[j].isAllCaps || tokens[j].has(.particlePrefix) else { return false }
    if tokens[j].has(.functionWord), !tokens[j].isAllCaps { return false }
    return true
  }

  /// The end of a run of capitalized words, with connectors ("of the", "von", "&") inside it
  /// and honorific periods ("Mr."). Tokens are read in place, not copied.
  func runEnd(from start: Int, limit: Int, headline: Bool) -> Int {
    var j = start + 1
    while j < limit {
      if tokens[j].start > tokens[j - 1].end + 1, doc.text[tokens[j - 1].end] == "\n" { break }
      if isNameWord(j) {
        if endsNameAsDate(j, runStart: start, limit: limit) { break }
        j += 1
        continue
      }
      let isWord = tokens[j].kind == .word
      // "the Capitol Police", "the MTV Video Music Awards", "Human Rights Watch": a
      // capitalized noun of the function-word list after a word of the name goes on with it,
      // but not after a person's name ("Dr. Seuss Video Classics").
      if isWord, tokens[j].isCapitalized, !headline, tokens[j].has(.nounInName), tokens[j - 1].kind == .word,
        tokens[j - 1].isCapitalized || tokens[j - 1].isAllCaps, !tokens[start].has([.givenName, .titleWord, .honorific])
      {
        j += 1
        continue
      }
      // "James To", "Wilson Or": a surname that is a function word, after a given name.
      if isWord, tokens[j].isCapitalized, !headline, tokens[j].length <= 3, tokens[j].has(.functionWord),
        tokens[j - 1].has(.givenName), tokens[j].text != "I", tokens[j].text != "A"
      {
        j += 1
        continue
      }
      // "New People's Party", "People's Liberation Army", "Women's Institute": a possessive of a
      // common noun inside an organization's name.
      if tokens[j].text == "'s", tokens[j - 1].has(.commonWord), j + 1 < limit, isNameWord(j + 1),
        tokens[j + 1].has(.orgKeyword) || (j + 2 < limit && isNameWord(j + 2) && tokens[j + 2].has(.orgKeyword))
      {
        j += 1
        continue
      }
      // "Workers' Party": a plural possessive inside a name.
      if tokens[j].kind == .punctuation, tokens[j].text == "'" || tokens[j].text == "\u{2019}", tokens[j].start == tokens[j - 1].end,
        tokens[j - 1].text.hasSuffix("s"), j + 1 < limit, isNameWord(j + 1), tokens[j + 1].start > tokens[j].end
      {
        j += 1
        continue
      }
      // "Herbert A. Simon": the initial "A" (elsewhere an article) after a given name, before
      // its period and a surname.
      if isWord, tokens[j].text == "A", tokens[j - 1].has(.givenName), j + 2 < limit, tokens[j + 1].text == ".",
        tokens[j + 1].start == tokens[j].end, isNameWord(j + 2)
      {
        j += 1
        continue
      }
      let period = tokens[j].text == "."
      if period, tokens[j].start == tokens[j - 1].end, tokens[j - 1].has(.honorific) { j += 1; continue }
      // "John F. Kennedy", "J. R. R. Tolkien": an initial's period.
      if period, tokens[j].start == tokens[j - 1].end, tokens[j - 1].isCapitalized, tokens[j - 1].length == 1,
        j + 1 < limit, isNameWord(j + 1)
      {
        j += 1
        continue
      }
      if tokens[j].text == "&" || (isWord && tokens[j].has(.connector)) {
        var k = j
        while k < limit, k - j < 3, tokens[k].text == "&" || (tokens[k].kind == .word && tokens[k].has(.connector)) {
          k += 1
        }
        if k < limit, isNameWord(k), !endsNameAsDate(k, runStart: start, limit: limit) { j = k; continue }
      }
      // "University of California, Berkeley": a known name that goes on past a comma ("the
      // University of Illinois at Urbana" stays a university and a place).
      if tokens[j].text == ",", let m = gaz.trie.longestMatch(tokens, from: start, limit: limit, first: tokens[start].gazetteerNode), m.end > j + 1 {
        j = m.end
        continue
      }
      break
    }
    return j
  }

  /// "Boeing Co on Monday", "Aner Shalev Wednesday", "the Corps of Engineers on April 3": a
  /// weekday or a month inside a run is a date after the name, not part of it, but in a name
  /// the gazetteer knows ("The Independent on Sunday").
  func endsNameAsDate(_ j: Int, runStart: Int, limit: Int) -> Bool {
    guard tokens[j].gazetteerNode >= 0, tokens[j].has(.calendarWord) else { return false }
    if let m = gaz.trie.longestMatch(tokens, from: runStart, limit: limit, first: tokens[runStart].gazetteerNode), m.end > j { return false }
    return true
  }

  enum ItemKind { case title, known([GazetteerHit]), word, connector }
  struct Item {
    var range: Range<Int>
    var kind: ItemKind
    var isWord: Bool { if case .word = kind { return true }; return false }
    var isConnector: Bool { if case .connector = kind { return true }; return false }
    var isTitle: Bool { if case .title = kind { return true }; return false }
  }

  func items(_ run: Range<Int>) -> [Item] {
    var out: [Item] = []
    out.reserveCapacity(run.count)
    var k = run.lowerBound
    while k < run.upperBound {
      // ".", "&", "'", "’" and the possessive "'s" join the words of a name.
      let joiner: Bool
      if tokens[k].kind == .punctuation {
        let c = doc.text[tokens[k].start]
        joiner = tokens[k].length == 1 && (c == "." || c == "&" || c == "'" || c == "\u{2019}")
      } else {
        joiner = tokens[k].length == 2 && tokens[k].text == "'s"
      }
      if joiner {
        out.append(Item(range: k..<k + 1, kind: .connector))
        k += 1
        continue
      }
      let g = gaz.trie.longestMatch(tokens, from: k, limit: run.upperBound, first: tokens[k].gazetteerNode)
      let title = tokens[k].isCapitalized
        ? gaz.titlePhrases.longestMatch(tokens, from: k, limit: run.upperBound, first: tokens[k].titleNode) : nil
      if let ti = title, ti.end >= (g?.end ?? 0) {
        out.append(Item(range: k..<ti.end, kind: .title))
        k = ti.end
      } else if let g, !(g.end == k + 1 && out.last.map { $0.isWord && tokens[$0.range.lowerBound].has(.givenName) } == true
        && g.hits.allSatisfy { $0.role == .capital || $0.role == .blocked || $0.ambiguous })
      {
        out.append(Item(range: k..<g.end, kind: .known(g.hits)))
        k = g.end
      } else if tokens[k].has(.connector) {
        out.append(Item(range: k..<k + 1, kind: .connector))
        k += 1
      } else {
        out.append(Item(range: k..<k + 1, kind: .word))
        k += 1
      }
    }
    return out
  }

  func text(_ r: Range<Int>) -> String {
    doc.text.string(TextSpan(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end))
  }

  /// The first pass's rules on one run, in order: the run as a whole (`event`, `place`,
  /// `organization-head`, `organization-keyword`), then its parts left to right.
  mutating func analyzeRun(_ run: Range<Int>, sentence s: Sentence, headline: Bool) {
    var its = items(run)
    // Trim connectors at the edges.
    while let f = its.first, f.isConnector { its.removeFirst() }
    while let l = its.last, l.isConnector { its.removeLast() }
    guard !its.isEmpty else { return }
    if dropEvent(its, sentence: s, headline: headline) { return }
    if isPlaceRun(its) { return }
    if organizationHead(its, sentence: s) { return }
    if organizationByKeyword(its, run: run, sentence: s, headline: headline) { return }
    analyzeItems(its, runStart: run.lowerBound, sentence: s, headline: headline)
  }

  /// Reads titles, gazetteer items and name groups left to right.
  mutating func analyzeItems(_ its: [Item], runStart: Int, sentence s: Sentence, headline: Bool) {
    var idx = 0
    var titles: [String] = []
    var qualifier: String? = nil
    var roleBefore = false
    if runStart > s.tokens.lowerBound {
      let prev = tokens[runStart - 1]
      if prev.kind == .word, !prev.isCapitalized, prev.has([.titleWord, .roleNoun]) {
        roleBefore = true
        titles.append(prev.lower)
      }
    }
    while idx < its.count {
      let item = its[idx]
      switch item.kind {
      case .connector:
        idx += 1
      case .title:
        readTitle(its, at: idx, sentence: s, titles: &titles, qualifier: qualifier)
        idx += 1
      case .known(let hits):
        if team(item.range, hits: hits, sentence: s) {
          idx += 1
          continue
        }
        if let next = knownOrganizationGoesOn(its, at: idx, hits: hits, sentence: s)
          ?? acronymName(its, at: idx, sentence: s)
        {
          idx = next
          continue
        }
        let hadName = addKnown(item.range, hits: hits, sentence: s, headline: headline)
        if let hit = hits.first, hit.entity >= 0, gaz.entities[hit.entity].type != .person, hadName || hit.role == .demonym {
          qualifier = gaz.entities[hit.entity].key
        }
        idx += 1
      case .word:
        let end = wordGroupEnd(its, from: idx)
        let r = its[idx].range.lowerBound..<its[end - 1].range.upperBound
        let afterTitle = !titles.isEmpty && (idx > 0 && its[idx - 1].isTitle || roleBefore && idx == 0 || idx > 0 && its[idx - 1].isConnector && idx > 1 && its[idx - 2].isTitle)
        if !afterTitle, let next = stateInName(its, group: idx..<end, sentence: s) {
          titles = []
          qualifier = nil
          roleBefore = false
          idx = next
          continue
        }
        if !(afterTitle && isPortfolio(its, at: idx, group: r)) {
          classifyGroup(r, sentence: s, afterTitle: afterTitle, titles: titles, qualifier: qualifier, headline: headline)
        }
        titles = []
        qualifier = nil
        roleBefore = false
        idx = end
      }
    }
  }

  /// The end (an item index) of a group of words from `idx`, with name particles ("von der",
  /// "bin", "de") and initials' periods between them.
  func wordGroupEnd(_ its: [Item], from idx: Int) -> Int {
    var end = idx + 1
    while end < its.count {
      if its[end].isWord { end += 1; continue }
      var k = end
      while k < its.count, its[k].isConnector, tokens[its[k].range.lowerBound].has(.nameParticle)
        || tokens[its[k].range.lowerBound].text == "." && tokens[its[k].range.lowerBound - 1].length == 1
      {
        k += 1
      }
      if k > end, k < its.count, its[k].isWord {
        end = k + 1
        continue
      }
      break
    }
    return end
  }

  /// The rules of a word group, in order: `place`, a descriptor before a name, `title`,
  /// `headline`, `acronym`, `given-name`, `family-name-first`, `name-particle`; what none of
  /// them names is left for the second pass as `unknown`.
  mutating func classifyGroup(
    _ r: Range<Int>, sentence s: Sentence, afterTitle: Bool, titles: [String], qualifier: String?, headline: Bool
  ) {
    if isPlaceGroup(r) { return }
    let r = withoutDescriptor(r, sentence: s)
    if afterTitle {
      personAfterTitle(r, sentence: s.index, titles: titles, qualifier: qualifier)
      return
    }
    if headline {
      leave(r, sentence: s.index, rule: .headline)
      return
    }
    if acronym(r, sentence: s.index) { return }
    if personByName(r, sentence: s.index, titles: titles, qualifier: qualifier) { return }
    leave(r, sentence: s.index, rule: .unknown)
  }
}
