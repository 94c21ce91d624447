/// What a word is to the recognizer and the quotation finder: membership in the word lists,
/// looked up once per token (``Lexicon/annotate(_:)``) instead of once per rule.
///
/// Some lists are matched on a token's lower-case form ("said", "the"), others on its exact
/// text (given names, organization keywords): each class says which.
struct WordClass: OptionSet, Sendable, Hashable {
  let rawValue: UInt32

  // Matched on the lower-case form.
  static let functionWord = WordClass(rawValue: 1 << 0)
  static let titleWord = WordClass(rawValue: 1 << 1)
  static let roleNoun = WordClass(rawValue: 1 << 2)
  static let honorific = WordClass(rawValue: 1 << 3)
  static let commonWord = WordClass(rawValue: 1 << 4)
  static let locationPreposition = WordClass(rawValue: 1 << 5)
  static let pronoun = WordClass(rawValue: 1 << 6)
  static let speechVerb = WordClass(rawValue: 1 << 7)
  static let connectorLower = WordClass(rawValue: 1 << 8)
  /// Adverbs and auxiliaries between a speaker and a cue ("also", "has").
  static let speakerAdverb = WordClass(rawValue: 1 << 9)
  /// Times, media and addressees skipped after a cue ("on Monday", "in a statement").
  static let cueTimeWord = WordClass(rawValue: 1 << 10)
  static let adverbialStart = WordClass(rawValue: 1 << 11)
  static let cueObject = WordClass(rawValue: 1 << 12)
  static let pluralHead = WordClass(rawValue: 1 << 13)
  static let nounLikeCue = WordClass(rawValue: 1 << 14)
  /// First words of two-word cues: "according (to)", "raised (concerns)", "pointed (out)".
  static let twoWordCue = WordClass(rawValue: 1 << 15)

  /// The sentence splitter's lists: words that open a sentence, abbreviations after which
  /// one never ends, and abbreviations after which it may.
  static let sentenceOpener = WordClass(rawValue: 1 << 25)
  static let neverFinal = WordClass(rawValue: 1 << 26)
  static let mayBeFinal = WordClass(rawValue: 1 << 27)

  /// A word that starts a tone cue of the bundled tone lexicon (``ToneLexicon/bundled``), on
  /// its own or as a phrase's first word: the words the tone scorer looks up.
  static let toneCue = WordClass(rawValue: 1 << 28)
  /// The full name of a month or a weekday (``Gazetteer`` reads them from `lexicon.json`).
  static let calendarWord = WordClass(rawValue: 1 << 29)
  /// A noun of the function-word list that goes on with a name after one of its words
  /// ("Police" in "the Capitol Police"; `nounsInNames` in `recognition.json`).
  static let nounInName = WordClass(rawValue: 1 << 30)

  // Matched on the exact text.
  static let givenName = WordClass(rawValue: 1 << 16)
  static let orgKeyword = WordClass(rawValue: 1 << 17)
  static let placeKeyword = WordClass(rawValue: 1 << 18)
  static let eventWord = WordClass(rawValue: 1 << 19)
  static let connector = WordClass(rawValue: 1 << 20)
  static let nameParticle = WordClass(rawValue: 1 << 21)
  static let acronymStop = WordClass(rawValue: 1 << 22)

  // Read off the text itself.
  /// "Jong-un", "Chung-tai": a romanized two-syllable given name after a family name.
  static let familyFirstGiven = WordClass(rawValue: 1 << 23)
  /// "al-Amr", "Al-Maeena", "bin-Salman": an Arabic name particle joined by a hyphen.
  static let particlePrefix = WordClass(rawValue: 1 << 24)

  /// A title word, a role noun or a head that speaks for its qualifier ("spokesman",
  /// "officials").
  static let roleLike: WordClass = [.titleWord, .roleNoun, .pluralHead]
}

/// Every word of the word lists with its classes, and where the gazetteer's and the titles'
/// tries start for it.
struct Lexicon: Sendable {
  struct Entry: Sendable {
    /// Classes that hold when a token's text is this word exactly.
    var exact: WordClass = []
    /// Classes that hold when a token's lower-case form is this word.
    var lower: WordClass = []
    /// The gazetteer trie's node for a phrase starting with this word (-1: none).
    var gazetteerNode: Int32 = -1
    /// The title trie's node for a phrase starting with this word (-1: none).
    var titleNode: Int32 = -1
  }

  private(set) var entries: [String: Entry] = [:]

  mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

  /// Whether `word`, as written, is in the lists of `c`.
  func has(_ word: String, exact c: WordClass) -> Bool { entries[word].map { !$0.exact.isDisjoint(with: c) } ?? false }

  mutating func add(_ words: some Sequence<String>, exact c: WordClass) {
    for w in words { entries[w, default: Entry()].exact.formUnion(c) }
  }

  mutating func add(_ words: some Sequence<String>, lower c: WordClass) {
    for w in words { entries[w, default: Entry()].lower.formUnion(c) }
  }

  mutating func setRoots(gazetteer: TokenTrie, titles: TokenTrie) {
    for (w, node) in gazetteer.rootChildren { entries[w, default: Entry()].gazetteerNode = node }
    for (w, node) in titles.rootChildren { entries[w, default: Entry()].titleNode = node }
  }

  /// A token's classes and trie starts: one lookup for a lower-case token, two for another.
  func info(text: String, lower: String) -> (classes: WordClass, gazetteerNode: Int32, titleNode: Int32) {
    var classes: WordClass = []
    var gazetteerNode: Int32 = -1, titleNode: Int32 = -1
    let same = lower == text
    if let e = entries[text] {
      classes = e.exact
      gazetteerNode = e.gazetteerNode
      titleNode = e.titleNode
      if same { classes.formUnion(e.lower) }
    }
    if !same, let e = entries[lower] { classes.formUnion(e.lower) }
    if text.utf8.contains(UInt8(ascii: "-")) { classes.formUnion(Lexicon.hyphenClasses(text)) }
    return (classes, gazetteerNode, titleNode)
  }

  /// Classes of a hyphenated word.
  static func hyphenClasses(_ text: String) -> WordClass {
    var c: WordClass = []
    let parts = text.split(separator: "-")
    if parts.count == 2, let second = parts[1].unicodeScalars.first, second.isLower, parts[0].count <= 6, parts[1].count <= 6 {
      c.insert(.familyFirstGiven)
    }
    let head = text.split(separator: "-", maxSplits: 1)
    if head.count == 2, ["al", "el", "bin", "ibn", "abu", "abd"].contains(head[0].lowercased()) { c.insert(.particlePrefix) }
    return c
  }

  /// Sets a token's classes and trie starts.
  func classify(_ token: inout Token) {
    (token.classes, token.gazetteerNode, token.titleNode) = info(text: token.text, lower: token.lower)
  }

  /// Sets each token's classes and trie starts.
  func annotate(_ tokens: inout [Token]) {
    for i in tokens.indices { classify(&tokens[i]) }
  }
}
