import OrderedCollections

/// Finds people, states and organizations in a document and groups their mentions into
/// one entity per real-world entity.
///
/// Two passes. The first reads each sentence's runs of capitalized words and decides what
/// each part is, by these rules in order: gazetteer phrases (states, their demonyms, capitals
/// and seats of government; organizations), titles and roles before a name ("President",
/// "spokesman"), organization keywords ("… Committee", "Ministry of …"), place and event
/// keywords (dropped), given names, family-name-first names (Kim Jong-un), name particles
/// (al-, bin, von), acronyms. The second pass resolves what is left over — a surname, a
/// partial name, a title standing alone — against the people and organizations the whole
/// article names, and leaves ambiguous short names unresolved rather than guessing. Given
/// weights, a learned tagger (`TaggedNames`) then names what both passes left open.
public struct Recognizer: Sendable {
  public let gazetteer: Gazetteer
  /// A learned tagger that names what the rules leave open (nil, the default: the rules
  /// alone). See `TaggedNames`.
  public let tagger: TaggerModel?
  /// The least margin by which the tagger must prefer a name for it to be added (see
  /// `TaggedNames.defaultMinMargin`).
  public var minMargin: Float = TaggedNames.defaultMinMargin

  public init(gazetteer: Gazetteer = .bundled, tagger: TaggerModel? = nil) {
    self.gazetteer = gazetteer
    self.tagger = tagger
  }

  public func recognize(_ doc: Document) -> Recognition {
    var doc = doc
    gazetteer.annotate(&doc)
    var pass = RecognitionPass(doc: doc, gaz: gazetteer)
    pass.run(tagger: tagger, minMargin: minMargin)
    return pass.result()
  }
}

/// The working state of one article's recognition.
struct RecognitionPass {
  let doc: Document
  let gaz: Gazetteer
  let tokens: [Token]

  struct Found {
    var tokens: Range<Int>
    var sentence: Int
    var kind: MentionKind
    var cluster: Int  // index into `clusters`
    var type: EntityType
    var rule: String
  }
  /// A word group left for the second pass; its words are its tokens' texts.
  struct Pending {
    var tokens: Range<Int>
    var sentence: Int
    var rule: String
    var title: String?
  }
  /// An entity of the article, by key, with the name and type of its first mention.
  struct Cluster {
    var key: String
    var name: String
    var type: EntityType
  }
  struct RoleRef {
    var tokens: Range<Int>  // the role phrase, without the article
    var sentence: Int
    var title: String
    var qualifier: String?  // entity key of a qualifying organization or state ("NATO")
  }

  var found: [Found] = []
  var pending: [Pending] = []
  var roleRefs: [RoleRef] = []
  var clusters: [Cluster] = []
  var clusterIndex: [String: Int] = [:]
  /// person cluster → titles seen before the name, with their qualifiers.
  var personRoles: [Int: OrderedSet<String>] = [:]
  var acronymLinks: [String: Int] = [:]  // acronym text → organization cluster
  /// Where people's names end (offsets), for affiliations ("X of the Y Party").
  var personNameEnds = Set<Int>()

  init(doc: Document, gaz: Gazetteer) {
    self.doc = doc
    self.gaz = gaz
    self.tokens = doc.tokens
  }

  // MARK: - Pass 1

  mutating func run(tagger: TaggerModel? = nil, minMargin: Float = TaggedNames.defaultMinMargin) {
    firstPass()
    // The tagger reads the article as the first pass left it; its names go in where the
    // second pass left words open.
    let tagged = tagger.map { taggedNames($0, minMargin: minMargin) } ?? []
    resolvePending()
    if !tagged.isEmpty { addTagged(tagged) }
  }

  mutating func firstPass() {
    for s in doc.sentences {
      let headline = doc.paragraphs[s.paragraph].role != .body && isTitleCase(s)
      var i = s.tokens.lowerBound
      while i < s.tokens.upperBound {
        guard tokens[i].kind == .word, tokens[i].isCapitalized || tokens[i].isAllCaps else { i += 1; continue }
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

  func isSentenceStart(_ i: Int, in s: Sentence) -> Bool {
    var k = i - 1
    while k >= s.tokens.lowerBound {
      if tokens[k].kind != .punctuation { return false }
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
      if isNameWord(j) { j += 1; continue }
      let isWord = tokens[j].kind == .word
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
        if k < limit, isNameWord(k) { j = k; continue }
      }
      break
    }
    return j
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

  func isOrgKeyword(_ t: Token) -> Bool { t.has(.orgKeyword) }

  mutating func analyzeRun(_ run: Range<Int>, sentence s: Sentence, headline: Bool) {
    var its = items(run)
    // Trim connectors at the edges.
    while let f = its.first, f.isConnector { its.removeFirst() }
    while let l = its.last, l.isConnector { its.removeLast() }
    guard !its.isEmpty else { return }

    // An event ("Fan Expo Canada 2016", "the NATO Summit") is not an entity: drop its words and
    // what follows them; names before it ("NATO") stay.
    if let e = its.firstIndex(where: { $0.isWord && tokens[$0.range.lowerBound].has(.eventWord) }),
      !its[(e + 1)...].contains(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) })
    {
      var start = e
      while start > 0, its[start - 1].isWord || its[start - 1].isConnector { start -= 1 }
      if start > 0, let f = its[..<start].first(where: { !$0.isConnector }), let l = its[..<start].last(where: { !$0.isConnector }) {
        analyzeRun(f.range.lowerBound..<l.range.upperBound, sentence: s, headline: headline)
      }
      return
    }
    // Places and events: a word group that ends in a place or event keyword takes the whole run.
    if let last = its.last, last.isWord {
      let w = tokens[last.range.lowerBound]
      if w.has([.placeKeyword, .eventWord]) {
        if its.count > 1 || w.has(.eventWord) { return }
      }
    }

    // "the Church", "the Ministry": a keyword alone may stand for an organization the article
    // names in full; resolved in the second pass.
    if its.count == 1, its[0].isWord, isOrgKeyword(tokens[its[0].range.lowerBound]),
      its[0].range.lowerBound > s.tokens.lowerBound, tokens[its[0].range.lowerBound - 1].lower == "the"
    {
      pending.append(Pending(tokens: its[0].range, sentence: s.index, rule: "organization-head", title: nil))
      return
    }

    // Organizations by keyword: from the last keyword word, to the right end of the run, and
    // left over words, connectors and state or organization names (not titles or people).
    // The keyword may also end a known name that a word or a state before it extends:
    // "The Jordan Times" is not "The Times".
    let keywordAt = its.lastIndex(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) })
      ?? its.indices.last(where: { i in
        guard i > 0, case .known(let hits) = its[i].kind, isOrgKeyword(tokens[its[i].range.upperBound - 1]),
          hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization })
        else { return false }
        if its[i - 1].isWord { return true }
        if case .known(let before) = its[i - 1].kind { return before.contains { $0.entity >= 0 && gaz.entities[$0.entity].type == .state && $0.role == .name } }
        return false
      })
    if let p = keywordAt {
      var lo = p
      while lo > 0 {
        let prev = its[lo - 1]
        if prev.isConnector {
          var k = lo - 1
          while k > 0, its[k - 1].isConnector { k -= 1 }
          guard k > 0 else { break }
          let chain = its[k..<lo].map { tokens[$0.range.lowerBound].text }
          let left = its[k - 1]
          if chain.contains("and") || chain.contains("&") {
            // "the Civil Defense Authority and the Bank of England": two organizations.
            if its[..<k].contains(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) }) { break }
          } else if chain.contains(where: { ["of", "for", "in", "on"].contains($0) }) {
            // "Central Committee of the Workers' Party" is one name; "Alvin Yeung of the Civic
            // Party" is a person and a party.
            let leftIsOrg: Bool
            if left.isWord { leftIsOrg = isOrgKeyword(tokens[left.range.lowerBound]) } else if case .known(let hits) = left.kind {
              leftIsOrg = hits.contains { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization }
            } else { leftIsOrg = false }
            if !leftIsOrg { break }
          }
          lo = k
          continue
        }
        if prev.isWord { lo -= 1; continue }
        // States, organizations and places start organization names: "Hong Kong Federation of
        // Trade Unions", "US Navy", "Russian Foreign Ministry".
        if case .known(let hits) = prev.kind, hits.contains(where: { $0.role == .blocked || $0.entity >= 0 && gaz.entities[$0.entity].type != .person }) {
          lo -= 1
          continue
        }
        break
      }
      while lo < p, its[lo].isConnector { lo += 1 }
      // Rightwards: more keywords ("… Group Inc"), or "of …" / "for …" phrases, up to a title,
      // a person's given name, or an "and" before another name.
      var hi = p + 1
      var afterConnector = false
      while hi < its.count {
        let it = its[hi]
        if it.isTitle { break }
        if it.isConnector {
          var k = hi
          while k < its.count, its[k].isConnector { k += 1 }
          guard k < its.count, !its[k].isTitle else { break }
          let chain = its[hi..<k].map { tokens[$0.range.lowerBound].text }
          if chain.contains("and") || chain.contains("&") {
            let next = its[k]
            if next.isWord, tokens[next.range.lowerBound].has(.givenName) { break }
            // "… Civic Party and Wong Pik-wan": a family-name-first name follows.
            if its[k...].prefix(3).contains(where: { $0.isWord && tokens[$0.range.lowerBound].has(.familyFirstGiven) }) { break }
            if case .known = next.kind { break }
            if its[k...].contains(where: { $0.isWord && isOrgKeyword(tokens[$0.range.lowerBound]) }) { break }
          }
          hi = k
          afterConnector = true
          continue
        }
        if it.isWord {
          if tokens[it.range.lowerBound].has(.givenName), hi + 1 < its.count, its[hi + 1].isWord { break }
          if afterConnector || isOrgKeyword(tokens[it.range.lowerBound]) { hi += 1; continue }
          break
        }
        if afterConnector { hi += 1; continue }
        break
      }
      while hi > p + 1, its[hi - 1].isConnector { hi -= 1 }
      let multiWord = its[lo..<hi].reduce(0) { $0 + ($1.isConnector ? 0 : $1.range.count) } >= 2
      if multiWord {
        let r = its[lo].range.lowerBound..<its[hi - 1].range.upperBound
        let name = tokens.cleanName(r)
        addOrganization(r, name: name, sentence: s.index, rule: "organization-keyword")
        let before = Array(its[..<lo]), after = Array(its[hi...])
        if let f = before.first(where: { !$0.isConnector }), let l = before.last(where: { !$0.isConnector }) {
          analyzeRun(f.range.lowerBound..<l.range.upperBound, sentence: s, headline: headline)
        }
        if !after.isEmpty { analyzeItems(after, runStart: run.lowerBound, sentence: s, headline: headline) }
        return
      }
    }
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
        titles.append(String(text(item.range).lowercased().unicodeScalars.filter { $0 != "." }))
        // A title with no name after it stands for its holder: "the NATO Secretary General".
        let next = idx + 1 < its.count ? its[idx + 1] : nil
        if next == nil || next!.isConnector && idx + 2 >= its.count {
          roleRefs.append(RoleRef(tokens: item.range, sentence: s.index, title: titles.last!, qualifier: qualifier))
        }
        idx += 1
      case .known(let hits):
        // "Supreme Court of Cassation": a known body's name goes on with "of …".
        if hits.contains(where: { $0.entity >= 0 && gaz.entities[$0.entity].type == .organization && $0.role == .name }),
          isOrgKeyword(tokens[item.range.upperBound - 1]), idx + 2 < its.count, its[idx + 1].isConnector,
          tokens[its[idx + 1].range.lowerBound].text == "of", its[idx + 2].isWord
        {
          var end = idx + 2
          while end + 1 < its.count, its[end + 1].isWord { end += 1 }
          let r = item.range.lowerBound..<its[end].range.upperBound
          addOrganization(r, name: tokens.cleanName(r), sentence: s.index, rule: "organization-keyword")
          idx = end + 1
          continue
        }
        let hadName = addKnown(item.range, hits: hits, sentence: s, headline: headline)
        if let hit = hits.first, hit.entity >= 0, gaz.entities[hit.entity].type != .person, hadName || hit.role == .demonym {
          qualifier = gaz.entities[hit.entity].key
        }
        idx += 1
      case .word:
        // A group of words, with name particles between them.
        var end = idx + 1
        while end < its.count {
          if its[end].isWord { end += 1; continue }
          // Particles ("von der", "bin", "de") and initials' periods between the words of a name.
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
        let r = its[idx].range.lowerBound..<its[end - 1].range.upperBound
        let afterTitle = !titles.isEmpty && (idx > 0 && its[idx - 1].isTitle || roleBefore && idx == 0 || idx > 0 && its[idx - 1].isConnector && idx > 1 && its[idx - 2].isTitle)
        // "Minister of Defence", "Undersecretary for Education": a portfolio, not a name.
        let portfolio = afterTitle && idx > 1 && its[idx - 1].isConnector
          && tokens[its[idx].range.lowerBound..<r.upperBound].allSatisfy { $0.kind != .word || $0.has(.commonWord) && !$0.has(.givenName) }
        if !portfolio {
          classifyGroup(r, sentence: s, afterTitle: afterTitle, titles: titles, qualifier: qualifier, headline: headline)
        }
        titles = []
        qualifier = nil
        roleBefore = false
        idx = end
      }
    }
  }

  /// Adds the mentions of a gazetteer phrase. Returns whether it named something.
  @discardableResult
  mutating func addKnown(_ r: Range<Int>, hits: [GazetteerHit], sentence s: Sentence, headline: Bool) -> Bool {
    if hits.contains(where: { $0.role == .blocked }) { return false }
    // A user's entity (added last) wins over bundled data for the same phrase.
    guard let hit = hits.max(by: { $0.entity < $1.entity }) else { return false }
    let e = gaz.entities[hit.entity]
    let prev = r.lowerBound > s.tokens.lowerBound ? tokens[r.lowerBound - 1] : nil
    // "the Guardian", "The Hill": with its article, a newspaper's short name is not ambiguous.
    let withArticle = e.name.hasPrefix("The ") && prev?.lower == "the"
    if hit.ambiguous && !withArticle {
      // "Jordan", "Georgia", "Apple": not at the start of a sentence, and not where a
      // capitalized word next to it makes it part of another name.
      if isSentenceStart(r.lowerBound, in: s) && e.type == .organization { return false }
      if r.upperBound < s.tokens.upperBound, tokens[r.upperBound].isCapitalized, tokens[r.upperBound].kind == .word { return false }
      if let p = prev, p.kind == .word, p.isCapitalized { return false }
      // "Atlanta, Georgia": after a place and a comma, the US state or region.
      if e.type == .state, let p = prev, p.text == ",", r.lowerBound >= 2, tokens[r.lowerBound - 2].isCapitalized,
        tokens[r.lowerBound - 2].kind == .word
      {
        return false
      }
      if e.type == .state, hit.role == .name {
        // "Jordan said", "Georgia Tech": a capitalized name right before, or a person of that name.
        pending.append(Pending(tokens: r, sentence: s.index, rule: "ambiguous-state", title: e.key))
        return false
      }
    }
    // "NZ $ 26 million", "US dollars": a currency, not the state.
    if e.type == .state, r.upperBound < s.tokens.upperBound {
      let next = tokens[r.upperBound]
      if next.text == "$" || ["dollar", "dollars"].contains(next.lower) { return false }
    }
    switch hit.role {
    case .blocked:
      return false
    case .name:
      var r = r
      // "The Guardian", "The New York Times": the article is part of the name.
      if e.name.hasPrefix("The "), let p = prev, p.text == "The" { r = (r.lowerBound - 1)..<r.upperBound }
      add(r, sentence: s.index, kind: .name, key: e.key, type: e.type, name: e.name, rule: "gazetteer")
      return true
    case .demonym:
      add(r, sentence: s.index, kind: .demonym, key: e.key, type: e.type, name: e.name, rule: "demonym")
      return false
    case .metonym:
      add(r, sentence: s.index, kind: .metonym, key: e.key, type: e.type, name: e.name, rule: "metonym")
      return false
    case .capital:
      // A capital acts for its state unless the text puts someone in or at the place.
      if let p = prev, p.kind == .word, p.has(.locationPreposition) { return false }
      if r.upperBound < s.tokens.upperBound, tokens[r.upperBound].text == ",",
        r.upperBound + 1 < s.tokens.upperBound, tokens[r.upperBound + 1].isCapitalized
      {
        return false  // "Taipei, Taiwan": a dateline place
      }
      add(r, sentence: s.index, kind: .metonym, key: e.key, type: e.type, name: e.name, rule: "capital-metonym")
      return false
    }
  }

  /// Adds a mention of the entity `key` (a new cluster, named `name`, when the article has
  /// not named it yet); returns its cluster.
  @discardableResult
  mutating func add(_ r: Range<Int>, sentence: Int, kind: MentionKind, key: String, type: EntityType, name: String, rule: String) -> Int {
    let c: Int
    if let known = clusterIndex[key] {
      c = known
    } else {
      c = clusters.count
      clusterIndex[key] = c
      clusters.append(Cluster(key: key, name: name, type: type))
    }
    add(r, sentence: sentence, kind: kind, cluster: c, type: type, rule: rule)
    return c
  }

  /// Adds a mention of a cluster the article has named.
  mutating func add(_ r: Range<Int>, sentence: Int, kind: MentionKind, cluster c: Int, type: EntityType, rule: String) {
    found.append(Found(tokens: r, sentence: sentence, kind: kind, cluster: c, type: type, rule: rule))
  }

  mutating func addOrganization(_ r: Range<Int>, name: String, sentence: Int, rule: String) {
    // "New People's Party" and "New People Party" are one organization.
    let normalized = name.unicodeScalars.contains(where: \.isApostrophe)
      ? name.replacingOccurrences(of: "'s ", with: " ").replacingOccurrences(of: "\u{2019}s ", with: " ")
        .replacingOccurrences(of: "' ", with: " ")
      : name
    let c = add(r, sentence: sentence, kind: .name, key: "organization:\(normalized)", type: .organization, name: name, rule: rule)
    // "Korean Central News Agency (KCNA)": the acronym names the same organization.
    if r.upperBound + 2 < tokens.count, tokens[r.upperBound].text == "(", tokens[r.upperBound + 2].text == ")",
      tokens[r.upperBound + 1].isAllCaps
    {
      acronymLinks[tokens[r.upperBound + 1].text] = c
    }
  }

  mutating func classifyGroup(
    _ r: Range<Int>, sentence s: Sentence, afterTitle: Bool, titles: [String], qualifier: String?, headline: Bool
  ) {
    let tokens = self.tokens
    var r = r
    // A place or event ("Kennedy Space Center", "Fan Expo") is not an entity.
    if r.count > 1, let w = r.last(where: { tokens[$0].kind == .word }), tokens[w].has([.placeKeyword, .eventWord]) {
      return
    }
    // "Pan-democrat Lam Cheuk-ting", "Nonpartisan Paul Tse": a descriptor capitalized only
    // because it starts the sentence, before a name.
    if r.count >= 3, !tokens[r.lowerBound].has(.givenName),
      tokens[r.lowerBound].text.utf8.contains(UInt8(ascii: "-")) || isSentenceStart(r.lowerBound, in: s),
      r.dropFirst(2).contains(where: { tokens[$0].has(.familyFirstGiven) }) || tokens[r.lowerBound + 1].has(.givenName)
    {
      r = (r.lowerBound + 1)..<r.upperBound
    }
    let first = r.lowerBound
    // The name's words, particles aside; whether a family-name-first given name follows the first.
    var nameWords = 0
    var familyFirstLater = false
    for k in r where tokens[k].kind == .word && !tokens[k].has(.nameParticle) {
      if nameWords > 0, tokens[k].has(.familyFirstGiven) { familyFirstLater = true }
      nameWords += 1
    }
    if afterTitle {
      // "Minister of Education Stefania Giannini": the name starts at the given name.
      var r = r
      if !tokens[first].has(.givenName),
        let g = r.dropFirst().first(where: { tokens[$0].kind == .word && tokens[$0].has(.givenName) }),
        g + 1 < r.upperBound
      {
        r = g..<r.upperBound
      }
      addPerson(r, sentence: s.index, rule: "title", titles: titles, qualifier: qualifier)
      return
    }
    if headline { pending.append(Pending(tokens: r, sentence: s.index, rule: "headline", title: nil)); return }
    if r.count == 1, tokens[first].isAllCaps, isAcronym(first) {
      if let c = acronymLinks[tokens[first].text] {
        add(r, sentence: s.index, kind: .name, cluster: c, type: clusters[c].type, rule: "acronym-link")
      } else {
        addOrganization(r, name: tokens[first].text, sentence: s.index, rule: "acronym")
      }
      return
    }
    if nameWords >= 2, nameWords <= 5 {
      // A given name that is also a word ("Rose", "Grace") needs a surname that is not one.
      if tokens[first].has(.givenName),
        !tokens[first].has(.commonWord) || !tokens[r.upperBound - 1].has(.commonWord) || nameWords > 2
      {
        addPerson(r, sentence: s.index, rule: "given-name", titles: titles, qualifier: qualifier)
        return
      }
      if nameWords <= 3, familyFirstLater {
        addPerson(r, sentence: s.index, rule: "family-name-first", titles: titles, qualifier: qualifier)
        return
      }
      if r.contains(where: { tokens[$0].kind == .word && tokens[$0].has(.particlePrefix) }) || nameWords < r.count {
        addPerson(r, sentence: s.index, rule: "name-particle", titles: titles, qualifier: qualifier)
        return
      }
    }
    pending.append(Pending(tokens: r, sentence: s.index, rule: "unknown", title: nil))
  }

  func isAcronym(_ k: Int) -> Bool {
    let n = tokens[k].length
    return n >= 2 && n <= 6 && !tokens[k].has(.acronymStop)
      && tokens[k].text.unicodeScalars.allSatisfy { $0.isLetter }
  }

  mutating func addPerson(_ r: Range<Int>, sentence: Int, rule: String, titles: [String], qualifier: String?) {
    var r = r
    // A possessive or a trailing particle is not part of the name.
    while r.count > 1, tokens[r.upperBound - 1].kind != .word || tokens[r.upperBound - 1].has(.connector) {
      r = r.lowerBound..<r.upperBound - 1
    }
    let name = tokens.cleanName(r)
    let c = add(r, sentence: sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: rule)
    for t in titles {
      personRoles[c, default: []].append(t)
      if let q = qualifier { personRoles[c, default: []].append("\(q)|\(t)") }
    }
  }

  // MARK: - Pass 2

  /// Surnames and partial names, titles standing alone, ambiguous names.
  mutating func resolvePending() {
    let tokens = self.tokens
    // Index multi-word people by the words a later mention may use alone: word → cluster,
    // or `ambiguous` when two people share it.
    var byWord: [String: Int] = [:]
    var byFull: [String: Int] = [:]
    // After a title, a family name may come first in the full name: "Mr. Xi" for Xi Jinping.
    var byFirst: [String: Int] = [:]
    for fi in found.indices where found[fi].type == .person {
      let r = found[fi].tokens
      var firstWord = -1, lastWord = -1, words = 0
      for k in r where tokens[k].kind == .word {
        if firstWord < 0 { firstWord = k }
        lastWord = k
        words += 1
      }
      guard words >= 2 else { continue }
      let cluster = found[fi].cluster
      byFull[tokens.joinedText(r, wordsOnly: true)] = cluster
      RecognitionPass.note(&byWord, tokens[lastWord].text, cluster)
      if r.dropFirst().contains(where: { tokens[$0].has(.familyFirstGiven) }) || !tokens[firstWord].has(.givenName) {
        RecognitionPass.note(&byWord, tokens[firstWord].text, cluster)
      }
      if found[fi].kind == .name { RecognitionPass.note(&byFirst, tokens[firstWord].text, cluster) }
    }
    // Single-word people ("President Biden") join a full name with that surname.
    for k in found.indices where found[k].type == .person && found[k].tokens.count == 1 {
      let word = tokens[found[k].tokens.lowerBound].text
      if let c = byWord[word] ?? (found[k].rule == "title" ? byFirst[word] : nil), c != RecognitionPass.ambiguous {
        found[k].cluster = c
        found[k].rule = "coreference"
      }
      if byFull[word] == nil { byFull[word] = found[k].cluster }
    }
    // "Alvin Yeung of Civic Party", "Nathan Law of Demosisto": an affiliation after a person.
    personNameEnds = []
    if pending.contains(where: { $0.rule == "unknown" }) {
      for fi in found.indices where found[fi].type == .person && found[fi].kind == .name {
        personNameEnds.insert(tokens[found[fi].tokens.upperBound - 1].end)
      }
    }
    var resolved = [Bool](repeating: false, count: pending.count)
    let joinedWords = pending.map { tokens.joinedText($0.tokens) }
    for k in pending.indices where pending[k].rule == "unknown" && isAffiliation(pending[k].tokens) && byFull[joinedWords[k]] == nil {
      let p = pending[k]
      let name = tokens.cleanName(p.tokens)
      add(p.tokens, sentence: p.sentence, kind: .name, key: "organization:\(name)", type: .organization, name: name, rule: "affiliation")
      resolved[k] = true
    }
    // Organizations found by any rule, by their text: a later bare mention is the same one.
    var orgByText: [String: Int] = [:]
    if pending.indices.contains(where: { !resolved[$0] && pending[$0].rule == "unknown" }) {
      for fi in found.indices where found[fi].type == .organization && found[fi].kind == .name {
        let text = tokens.cleanName(found[fi].tokens)
        if orgByText[text] == nil { orgByText[text] = found[fi].cluster }
      }
    }
    // Names that are states or stand for them, for "Jordan and Georgia signed …".
    // By token, so that asking costs one lookup, not a scan of every state named.
    var stateLike = Set<Int>()
    for fi in found.indices where found[fi].type == .state && found[fi].kind == .name { stateLike.formUnion(found[fi].tokens) }
    for p in pending where p.rule == "ambiguous-state" { stateLike.formUnion(p.tokens) }
    for k in pending.indices where !resolved[k] {
      let p = pending[k]
      let words = p.tokens
      if p.rule == "ambiguous-state", listedWithStates(p.tokens, stateLike), let key = p.title, let known = gaz.entityByKey[key] {
        add(p.tokens, sentence: p.sentence, kind: .name, key: key, type: .state, name: known.name, rule: "gazetteer")
        continue
      }
      if let c = byFull[joinedWords[k]] {
        add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: "coreference")
        continue
      }
      if words.count <= 2, let c = byWord[tokens[words.upperBound - 1].text] ?? byWord[tokens[words.lowerBound].text] {
        // Two people share the name: leave it unresolved rather than guess.
        guard c != RecognitionPass.ambiguous else { continue }
        add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .person, rule: "coreference")
        continue
      }
      if p.rule == "unknown", let c = orgByText[tokens.cleanName(p.tokens)] {
        add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .organization, rule: "coreference")
        continue
      }
      // "the Monti government", "the Biden administration": the head of a government.
      if p.rule == "unknown", words.count <= 2, p.tokens.upperBound < tokens.count,
        RecognitionPass.governmentWords.contains(tokens[p.tokens.upperBound].text),
        !tokens[words.upperBound - 1].has(.commonWord)
      {
        let name = tokens.cleanName(p.tokens)
        add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: "head-of-government")
        continue
      }
      if p.rule == "unknown", words.count <= 3, isSpeakerPosition(p.tokens, sentence: p.sentence),
        !tokens[words.lowerBound].has(.commonWord) || words.count > 1
      {
        let name = tokens.cleanName(p.tokens)
        add(p.tokens, sentence: p.sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: "speaker")
        continue
      }
      if p.rule == "organization-head" {
        // The one organization of more than one word whose name ends or starts with the word.
        let head = tokens[words.lowerBound].text
        var candidate: Int? = nil
        for f in found where f.type == .organization && f.kind == .name && f.tokens.count > 1
          && (tokens[f.tokens.upperBound - 1].text == head || tokens[f.tokens.lowerBound].text == head)
        {
          candidate = candidate == nil || candidate == f.cluster ? f.cluster : RecognitionPass.ambiguous
        }
        if let c = candidate, c != RecognitionPass.ambiguous {
          add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: .organization, rule: "coreference")
        }
        continue
      }
      if p.rule == "ambiguous-state", let key = p.title, let known = gaz.entityByKey[key] {
        add(p.tokens, sentence: p.sentence, kind: .name, key: key, type: .state, name: known.name, rule: "gazetteer")
        continue
      }
      if words.count == 1, let c = acronymLinks[tokens[words.lowerBound].text] {
        add(p.tokens, sentence: p.sentence, kind: .name, cluster: c, type: clusters[c].type, rule: "acronym-link")
      }
    }
    // A person's surname read as a place or state ("Paris" after "Valeska Paris") is the person,
    // unless it stands in a list of states ("Jordan and Georgia signed …").
    for k in found.indices where found[k].tokens.count == 1 && found[k].type == .state
      && (found[k].kind == .metonym || found[k].rule == "gazetteer") && !listedWithStates(found[k].tokens, stateLike)
    {
      if let c = byWord[tokens[found[k].tokens.lowerBound].text], c != RecognitionPass.ambiguous {
        found[k].cluster = c
        found[k].type = .person
        found[k].kind = .name
        found[k].rule = "coreference"
      }
    }
    // "NPP" for "New People Party": an acronym made of an organization's initials.
    if found.contains(where: { $0.type == .organization && $0.tokens.count == 1 && $0.rule == "acronym" }) {
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
      for k in found.indices where found[k].type == .organization && found[k].tokens.count == 1 && found[k].rule == "acronym" {
        if let c = byInitials[tokens[found[k].tokens.lowerBound].text], c != RecognitionPass.ambiguous {
          found[k].cluster = c
          found[k].rule = "acronym-link"
        }
      }
    }
    // A title standing alone ("the NATO Secretary General") refers to the one person holding it.
    guard !roleRefs.isEmpty else { return }
    let rolesByPerson = personRoles.sorted(by: { clusters[$0.key].key < clusters[$1.key].key })
    for ref in roleRefs {
      var holders: [Int] = []
      for (person, roles) in rolesByPerson {
        if let q = ref.qualifier {
          if roles.contains("\(q)|\(ref.title)") { holders.append(person) }
        } else if roles.contains(ref.title) {
          holders.append(person)
        }
      }
      if holders.isEmpty, ref.qualifier != nil {
        holders = rolesByPerson.filter { $0.value.contains(ref.title) }.map(\.key)
      }
      if holders.count == 1 {
        // The qualifier ("NATO" in "NATO Secretary General") stays a mention of its own.
        add(ref.tokens, sentence: ref.sentence, kind: .role, cluster: holders[0], type: .person, rule: "role")
      }
    }
  }

  /// In an index of clusters by word: more than one cluster goes by the word.
  static let ambiguous = -1

  /// Notes that `cluster` goes by `word`.
  static func note(_ index: inout [String: Int], _ word: String, _ cluster: Int) {
    if let old = index.updateValue(cluster, forKey: word), old != cluster { index[word] = ambiguous }
  }

  /// "Jordan and Georgia": a name next to a state in a list.
  func listedWithStates(_ r: Range<Int>, _ stateLike: Set<Int>) -> Bool {
    guard !stateLike.isEmpty else { return false }
    func isJoiner(_ k: Int) -> Bool { tokens[k].lower == "and" || tokens[k].lower == "," || tokens[k].lower == "or" || tokens[k].lower == "&" }
    func isStateLike(_ k: Int) -> Bool { stateLike.contains(k) }
    if r.lowerBound >= 2, isJoiner(r.lowerBound - 1), isStateLike(r.lowerBound - 2) { return true }
    if r.upperBound + 1 < tokens.count, isJoiner(r.upperBound), isStateLike(r.upperBound + 1) { return true }
    return false
  }

  /// A name group right after "PERSON of [the]" or "PERSON from [the]".
  func isAffiliation(_ r: Range<Int>) -> Bool {
    var k = r.lowerBound - 1
    if k >= 0, tokens[k].lower == "the" { k -= 1 }
    guard k >= 1, tokens[k].lower == "of" || tokens[k].lower == "from" else { return false }
    return personNameEnds.contains(tokens[k - 1].end)
  }

  /// "Kirby said", "…, said Kirby": a name right before or after a speech verb speaks.
  func isSpeakerPosition(_ r: Range<Int>, sentence: Int) -> Bool {
    let s = doc.sentences[sentence]
    if r.upperBound < s.tokens.upperBound, tokens[r.upperBound].has(.speechVerb), let lemma = gaz.speechVerbs[tokens[r.upperBound].lower],
      RecognitionPass.speakerBeforeLemmas.contains(lemma)
    {
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

  /// "the Monti government": words after the name of a head of government.
  static let governmentWords: Set<String> = ["government", "administration", "cabinet"]
  /// Cues after which a name right before them speaks ("Kirby said").
  static let speakerBeforeLemmas: Set<String> = ["say", "tell", "add", "explain", "insist", "argue", "warn", "claim", "deny", "write"]
  /// Cues before which, after a comma, a name speaks (", said Kirby").
  static let speakerAfterLemmas: Set<String> = ["say", "add", "write", "explain"]

  static let femaleRoles: Set<String> = [
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "sportswoman",
    "mrs", "ms", "miss", "madam", "queen", "princess", "duchess", "lady", "dame", "actress", "baroness",
    "countess", "empress", "sister", "mother", "wife", "daughter", "widow", "woman", "girl",
  ]
  static let maleRoles: Set<String> = [
    "spokesman", "chairman", "congressman", "businessman", "councilman", "sportsman", "mr", "king",
    "prince", "duke", "lord", "sir", "baron", "count", "emperor", "father", "brother", "husband", "son",
    "man", "boy", "sheikh",
  ]

  // MARK: - Result

  func result() -> Recognition {
    // Each cluster's entity, by order of first mention; named as its first mention named it.
    var entityOf = [Int](repeating: -1, count: clusters.count)
    var entities: [ArticleEntity] = []
    // By position (a stable sort: equal ranges keep the order they were found in).
    let found = self.found
    let ordered = found.indices.sorted {
      (found[$0].tokens.lowerBound, found[$0].tokens.upperBound) < (found[$1].tokens.lowerBound, found[$1].tokens.upperBound)
    }
    var mentions: [Mention] = []
    mentions.reserveCapacity(found.count)
    var lastEnd = -1
    for fi in ordered {
      let r = found[fi].tokens
      // Overlaps: the first and longest wins.
      if r.lowerBound < lastEnd { continue }
      lastEnd = r.upperBound
      let c = found[fi].cluster
      var idx = entityOf[c]
      if idx < 0 {
        idx = entities.count
        entityOf[c] = idx
        entities.append(ArticleEntity(key: clusters[c].key, name: clusters[c].name, type: found[fi].type, aliases: [], roles: []))
      }
      let span = TextSpan(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end)
      if found[fi].kind == .name { entities[idx].aliases.append(tokens.cleanName(r)) }
      mentions.append(Mention(span: span, tokens: r, sentence: found[fi].sentence, kind: found[fi].kind, entity: idx, rule: found[fi].rule))
    }
    for (c, roles) in personRoles where entityOf[c] >= 0 {
      for r in roles where !r.utf8.contains(UInt8(ascii: "|")) { entities[entityOf[c]].roles.append(r) }
    }
    for i in entities.indices where entities[i].type == .person {
      // The words of its roles (split on bytes: roles are lower-case titles).
      var female = false, male = false
      for role in entities[i].roles {
        for w in role.utf8.split(separator: UInt8(ascii: " ")) {
          guard let word = String(w) else { continue }
          if RecognitionPass.femaleRoles.contains(word) { female = true }
          if RecognitionPass.maleRoles.contains(word) { male = true }
        }
      }
      if female {
        entities[i].gender = "f"
      } else if male {
        entities[i].gender = "m"
      } else {
        let name = entities[i].name
        let first = name.utf8.firstIndex(of: UInt8(ascii: " ")).map { String(name[..<$0]) } ?? name
        if !first.isEmpty { entities[i].gender = gaz.nameGenders[first] }
      }
    }
    return Recognition(entities: entities, mentions: mentions)
  }
}

// Names spelled by token ranges, for the recognizer's passes (a method of a pass would copy
// the pass when called from a mutating one).
extension [Token] {
  /// The texts of a range's tokens (of its words only, when asked), one space apart.
  func joinedText(_ r: Range<Int>, wordsOnly: Bool = false) -> String {
    if r.count == 1, !wordsOnly || self[r.lowerBound].kind == .word { return self[r.lowerBound].text }
    return spell(r, wordsOnly: wordsOnly, spaceAlways: true)
  }

  /// The name a token range spells: its tokens' texts, one space where the text has space.
  func cleanName(_ r: Range<Int>) -> String {
    if r.count == 1 { return self[r.lowerBound].text }
    return spell(r, wordsOnly: false, spaceAlways: false)
  }

  /// Token texts written as bytes in one go (appending string to string costs more): words
  /// only or all tokens; one space between any two, or where the text has space.
  private func spell(_ r: Range<Int>, wordsOnly: Bool, spaceAlways: Bool) -> String {
    var bytes = 0
    for k in r { bytes += self[k].text.utf8.count + 1 }
    return String(unsafeUninitializedCapacity: bytes) { out in
      var n = 0
      var prevEnd = -1
      for k in r where !wordsOnly || self[k].kind == .word {
        if prevEnd >= 0, spaceAlways || self[k].start > prevEnd {
          out[n] = UInt8(ascii: " ")
          n += 1
        }
        var text = self[k].text
        text.withUTF8 { bytes in
          if let from = bytes.baseAddress, let to = out.baseAddress { (to + n).update(from: from, count: bytes.count) }
          n += bytes.count
        }
        prevEnd = self[k].end
      }
      return n
    }
  }
}
