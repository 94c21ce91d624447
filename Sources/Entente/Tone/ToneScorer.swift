import Foundation

/// The tone of a piece of evidence: −1 conflictual, 0 neutral, +1 cooperative, and the cue
/// words that set it ("accused", "did not agree").
public struct Tone: Sendable, Hashable {
  public var value: Int
  public var cues: [String]

  public init(value: Int = 0, cues: [String] = []) {
    self.value = value
    self.cues = cues
  }

  public static let neutral = Tone()

  /// The name of a tone value: "conflictual", "neutral" or "cooperative".
  public static func name(_ value: Int) -> String { value < 0 ? "conflictual" : value > 0 ? "cooperative" : "neutral" }
}

/// The tone lexicon (`Resources/tone.json`): conflict and cooperation cue words with their
/// inflected forms (a form may be a phrase: "stand with", "committed to"), and the negators
/// that turn a cue around.
public struct ToneLexicon: Sendable {
  /// Lower-case one-word form → polarity (−1 or +1).
  public var polarity: [String: Int] { starts.compactMapValues(\.polarity) }
  /// A cue of several words.
  public struct Phrase: Sendable, Hashable {
    public var words: [String]
    public var polarity: Int
  }
  /// First word of a phrase → the phrases, longest first.
  public var phrases: [String: [Phrase]] { starts.filter { !$0.value.phrases.isEmpty }.mapValues(\.phrases) }
  /// What a word may start: the phrases it begins (longest first) and its polarity as a cue
  /// of one word (``phrases`` and ``polarity`` in one lookup, as the lexicon keeps them).
  struct Start: Sendable {
    var phrases: [Phrase] = []
    var polarity: Int? = nil
  }
  let starts: [String: Start]
  /// The bundled lexicon, whose cue words a gazetteer marks on the tokens it classifies
  /// (``WordClass/toneCue``): a token without the mark starts no cue.
  private(set) var marksTokens = false
  public let negators: Set<String>
  /// Cues that relate only the names right around them ("against", "versus"): prepositions.
  public let local: Set<String>
  /// How many words before a cue a negator may stand.
  public let window: Int
  /// Cues whose object is a proposition ("agreed that NATO would not expand"): followed by
  /// "that", or reporting a quote, they say nothing of the entities of what follows.
  public let propositional: Set<String>
  /// Prepositions of place ("in", "at"): a name right after one is where something happens,
  /// not a party ("attacks in Iraq").
  public let places: Set<String>
  /// Words that open another clause ("where", "because", "that"): a cue after one is said
  /// by that clause's subject, not by a name before it.
  public let subordinators: Set<String>
  /// Subject pronouns: "said it would sanction Moscow" keeps the speaker as the subject.
  public let subjects: Set<String>
  /// Words of stance after which "in" names a party, not a place ("partners in Syria").
  public let stances: Set<String>

  struct File: Decodable {
    var conflict: [String: [String]]
    var cooperation: [String: [String]]
    var negators: [String]
    var local: [String]?
    var window: Int
    var propositional: [String]?
    var places: [String]?
    var subordinators: [String]?
    var subjects: [String]?
    var stances: [String]?
  }

  public init(
    conflict: [String], cooperation: [String], negators: [String], local: [String] = [], window: Int = 3, propositional: [String] = [],
    places: [String] = [], subordinators: [String] = [], subjects: [String] = [], stances: [String] = []
  ) {
    var p: [String: Int] = [:]
    var ph: [String: [Phrase]] = [:]
    for (forms, polarity) in [(conflict, -1), (cooperation, 1)] {
      for form in forms {
        let words = form.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { continue }
        if words.count == 1 { p[first] = polarity } else { ph[first, default: []].append(Phrase(words: words, polarity: polarity)) }
      }
    }
    for k in ph.keys { ph[k]!.sort { ($0.words.count, $1.words.joined(separator: " ")) > ($1.words.count, $0.words.joined(separator: " ")) } }
    var st: [String: Start] = [:]
    for (w, list) in ph { st[w, default: Start()].phrases = list }
    for (w, v) in p { st[w, default: Start()].polarity = v }
    starts = st
    self.negators = Set(negators.map { $0.lowercased() })
    self.local = Set(local.map { $0.lowercased() })
    self.window = max(0, window)
    self.propositional = Set(propositional.map { $0.lowercased() })
    self.places = Set(places.map { $0.lowercased() })
    self.subordinators = Set(subordinators.map { $0.lowercased() })
    self.subjects = Set(subjects.map { $0.lowercased() })
    self.stances = Set(stances.map { $0.lowercased() })
  }

  public init(data: Data, file: String) throws {
    let f: File
    do { f = try JSONDecoder().decode(File.self, from: data) } catch {
      throw EntenteError.badData(file: file, reason: GraphJSON.describe(error))
    }
    self.init(
      conflict: f.conflict.values.flatMap { $0 }, cooperation: f.cooperation.values.flatMap { $0 }, negators: f.negators,
      local: f.local ?? [], window: f.window, propositional: f.propositional ?? [], places: f.places ?? [],
      subordinators: f.subordinators ?? [], subjects: f.subjects ?? [], stances: f.stances ?? [])
  }

  /// The bundled lexicon, loaded once.
  public static let bundled: ToneLexicon = {
    let url = Gazetteer.resourceDirectory.appendingPathComponent("tone.json")
    guard let data = FileManager.default.contents(atPath: url.path), var lexicon = try? ToneLexicon(data: data, file: url.path) else {
      fatalError("Entente's bundled data is unreadable: \(url.path)")
    }
    lexicon.marksTokens = true
    return lexicon
  }()
}

/// Scores the tone of evidence from the cue words of a sentence or a quote.
///
/// The rules (Fixtures/tone/GUIDELINE.md):
/// - a cue is a lexicon word; a negator at most ``ToneLexicon/window`` words before it (in the
///   same clause: no punctuation between) turns it around: a negated cooperative cue is
///   conflictual, a negated conflictual cue neutral;
/// - co-occurrence: a cue counts for two entities when it stands between a mention of each
///   with no other entity named between the first of them and the cue ("Washington accused
///   Moscow"); when no cue does, the first cue at most two words after the later mention
///   counts, unless another entity is named within five words after it ("Putin and Kim
///   agreed", but not "Russia and China criticised the US");
/// - quotation: every cue in the quote and the reporting verb ("warned") counts;
/// - the tone is the sign of the sum of the cues that count.
public struct ToneScorer: Sendable {
  public let lexicon: ToneLexicon

  public init(lexicon: ToneLexicon = .bundled) {
    self.lexicon = lexicon
  }

  /// A cue found in the text: its token (the cue word), the scalar offsets from the negator
  /// (if any) to the cue, its polarity after negation, and its words as written.
  public struct Cue: Sendable, Hashable {
    public var token: Int
    public var start: Int
    public var end: Int
    public var polarity: Int
    public var text: String
    /// The end of the fifth word after the cue (or of the text scanned): where its object,
    /// if it names one, is.
    public var reach: Int
    /// A preposition ("against"): it relates only the name right after it.
    public var local: Bool = false
    /// Capitalized beside another capitalized word ("Coalition to Counter ISIL", "Euro-NATO
    /// Joint Jet"): a cue only when the names recognized around it explain the capitals
    /// (``standsAlone(_:among:in:)``).
    public var namePart: Bool = false
  }

  /// The cues among `tokens[range]`, in order.
  public func cues(in doc: Document, tokens range: Range<Int>) -> [Cue] {
    var out: [Cue] = []
    let tokens = doc.tokens
    // Tokens a gazetteer classified carry the mark of the bundled lexicon's cue words.
    let marked = lexicon.marksTokens && doc.annotatedBy != nil
    var i = range.lowerBound
    while i < range.upperBound {
      defer { i += 1 }
      guard tokens[i].isWord, !marked || tokens[i].has(.toneCue) else { continue }
      // The longest phrase that starts here, else the word.
      guard let starting = lexicon.starts[tokens[i].lower] else { continue }
      var last = i
      var found: Int? = nil
      for phrase in starting.phrases {
        let end = i + phrase.words.count
        guard end <= range.upperBound, (1..<phrase.words.count).allSatisfy({ tokens[i + $0].lower == phrase.words[$0] }) else { continue }
        found = phrase.polarity
        last = end - 1
        break
      }
      guard let p = found ?? starting.polarity else { continue }
      let namePart = isNamePart(i, in: tokens, range: range)
      // A negator a few words before, with nothing but words between.
      var negator: Int? = nil
      var words = 0
      var j = i - 1
      while j >= range.lowerBound, words < lexicon.window {
        let t = tokens[j]
        if isNegator(at: j, in: tokens) { negator = j; break }
        if t.isWord { words += 1 } else if t.text != "'" && t.text != "\u{2019}" { break }
        j -= 1
      }
      var polarity = p
      var start = tokens[i].start
      if let n = negator {
        polarity = p > 0 ? -1 : 0
        start = tokens[n].start
        // "didn't": the cue's words start at "did".
        if tokens[n].lower == "t" || tokens[n].lower == "n't", n >= 2, n - 2 >= range.lowerBound { start = tokens[n - 2].start }
      }
      var reach = tokens[last].end
      var after = 0
      var k = last + 1
      while k < range.upperBound, after < 5 {
        if tokens[k].isWord { after += 1 }
        reach = tokens[k].end
        k += 1
      }
      out.append(
        Cue(
          token: i, start: start, end: tokens[last].end, polarity: polarity, text: doc.text.string(start, tokens[last].end), reach: reach,
          local: last == i && lexicon.local.contains(tokens[i].lower), namePart: namePart))
      i = last
    }
    return out
  }

  /// A capitalized cue word beside another capitalized word, not opening the text, may be part
  /// of a name ("Euro-NATO Joint Jet Pilot Training") rather than a cue.
  func isNamePart(_ i: Int, in tokens: [Token], range: Range<Int>) -> Bool {
    guard tokens[i].isCapitalized, !tokens[i].isAllCaps else { return false }
    var first = true
    var j = i - 1
    while j >= range.lowerBound {
      if tokens[j].isWord { first = false; break }
      j -= 1
    }
    if first { return false }
    let before = j >= range.lowerBound && tokens[j].isCapitalized
    var k = i + 1
    while k < range.upperBound, !tokens[k].isWord, tokens[k].text == "-" { k += 1 }
    let after = k < range.upperBound && tokens[k].isWord && tokens[k].isCapitalized
    return before || after
  }

  /// Whether a capitalized cue beside capitals (``Cue/namePart``) stands outside any name: each
  /// capitalized word beside it is part of a recognized name ("the Global Coalition to Counter
  /// ISIL"), not of one the cue would belong to ("Euro-NATO Joint Jet Pilot Training").
  public func standsAlone(_ c: Cue, among mentions: [Place], in doc: Document) -> Bool {
    let tokens = doc.tokens
    var j = c.token - 1
    while j >= 0, !tokens[j].isWord { j -= 1 }
    var k = doc.tokenIndex(atOrAfter: c.end)
    while k < tokens.count, !tokens[k].isWord { k += 1 }
    let before = j < 0 || !tokens[j].isCapitalized || mentions.contains { $0.lastToken == j }
    let after = k >= tokens.count || !tokens[k].isCapitalized || mentions.contains { doc.tokenIndex(atOrAfter: $0.start) == k }
    return before && after && !mentions.contains { $0.start < c.end && c.start < $0.end }
  }

  /// "not", "never", "refused", … and the "n't" of "didn't", however the tokenizer split it.
  func isNegator(at j: Int, in tokens: [Token]) -> Bool {
    let w = tokens[j].lower
    if lexicon.negators.contains(w) { return true }
    if w.hasSuffix("n't") || w.hasSuffix("n\u{2019}t") { return true }
    // "didn" "'" "t"
    if w == "t", j >= 2, tokens[j - 1].text == "'" || tokens[j - 1].text == "\u{2019}", tokens[j - 2].lower.hasSuffix("n") { return true }
    return false
  }

  /// The tone of a list of cues: a conflict outweighs any cooperation ("supported the war",
  /// "an alliance against"), cooperation makes it cooperative, and negated conflict alone
  /// ("did not condemn") leaves it neutral.
  public static func tone(_ cues: [Cue]) -> Tone {
    guard !cues.isEmpty else { return .neutral }
    return Tone(value: value(cues), cues: cues.map(\.text))
  }

  static func value(_ cues: [Cue]) -> Int {
    cues.contains { $0.polarity < 0 } ? -1 : cues.contains { $0.polarity > 0 } ? 1 : 0
  }

  /// A mention's place in a sentence, for ``tone(between:and:mentions:cues:)``.
  public struct Place: Sendable, Hashable {
    public var entity: Int
    public var start: Int
    public var end: Int
    /// Its last token.
    public var lastToken: Int

    public init(entity: Int, start: Int, end: Int, lastToken: Int) {
      self.entity = entity
      self.start = start
      self.end = end
      self.lastToken = lastToken
    }
  }

  /// The tone between entities `x` and `y` in a sentence whose named mentions (in order) are
  /// `mentions` and whose cues are `cues`; `document` (the sentence's) tells which names are
  /// coordinated ("Putin and Kim agreed"), which are places and where clauses break.
  public func tone(between x: Int, and y: Int, mentions allMentions: [Place], cues allCues: [Cue], in document: Document? = nil) -> Tone {
    tone(between: x, and: y, in: parties(mentions: allMentions, cues: allCues, in: document), document: document)
  }

  /// What a sentence's pairs share: its cues outside names and its names that are parties.
  public struct SentenceParties: Sendable {
    let cues: [Cue]
    let mentions: [Place]
  }

  /// A sentence's cues and parties, worked out once for all its pairs.
  public func parties(mentions allMentions: [Place], cues allCues: [Cue], in document: Document? = nil) -> SentenceParties {
    // A cue word inside a name ("Counter ISIL Coalition") is not said of anyone.
    let cues = allCues.filter { c in !allMentions.contains { $0.start < c.end && c.end <= $0.end } && (!c.namePart || document.map { standsAlone(c, among: allMentions, in: $0) } ?? false) }
    guard !cues.isEmpty else { return SentenceParties(cues: [], mentions: []) }
    // A place is not a party ("attacks in Iraq"): only the names that are count.
    let mentions = document.map { doc in zip(allMentions, places(allMentions, in: doc)).filter { !$0.1 }.map(\.0) } ?? allMentions
    return SentenceParties(cues: cues, mentions: mentions)
  }

  /// The tone between entities `x` and `y` among a sentence's `parties`.
  public func tone(between x: Int, and y: Int, in parties: SentenceParties, document: Document?) -> Tone {
    let cues = parties.cues, mentions = parties.mentions
    guard !cues.isEmpty else { return .neutral }
    var values: [Int] = []
    var counted: [Cue] = []
    func count(_ c: [Cue]) { for cue in c where !counted.contains(cue) { counted.append(cue) } }
    for (ai, a) in mentions.enumerated() where a.entity == x || a.entity == y {
      for b in mentions[(ai + 1)...] where (b.entity == x || b.entity == y) && b.entity != a.entity {
        if let (v, c) = between(a, b, x, y, mentions, cues, document) {
          values.append(v)
          count(c)
        }
      }
    }
    if counted.isEmpty, let doc = document {
      for (ai, a) in mentions.enumerated() where a.entity == x || a.entity == y {
        for b in mentions[(ai + 1)...] where (b.entity == x || b.entity == y) && b.entity != a.entity {
          if let (v, c) = Self.relationBetween(a, b, cues, doc) ?? Self.jointly(a, b, x, y, mentions, cues, doc) {
            values.append(v)
            count(c)
          }
        }
      }
    }
    guard !counted.isEmpty else { return .neutral }
    let v = values.contains(-1) ? -1 : values.contains(1) ? 1 : 0
    return Tone(value: v, cues: counted.sorted { $0.start < $1.start }.map(\.text))
  }

  /// The cues between two mentions `a` … `b` and the tone they make: those before any other
  /// entity named between ("Washington accused Moscow"); when another entity stands between
  /// and cues follow it too, the two relations compose ("supports Iraq in the fight against
  /// Daesh": cooperative then conflictual, so conflictual; "accused Moscow of helping Tehran").
  /// Only cues in the clause that links the two count (``link(_:_:_:in:)``). A preposition
  /// ("against", "versus") counts only with the name right after it, and only when the first
  /// name stands right before it or another cue leads to it ("strikes against Moscow"), not
  /// in a case named in passing ("the court in Brown against the United States").
  func between(_ a: Place, _ b: Place, _ x: Int, _ y: Int, _ mentions: [Place], _ allCues: [Cue], _ doc: Document?) -> (Int, [Cue])? {
    // The window lies within `a.end ..< b.start`: with no cue there, there is nothing to link.
    guard allCues.contains(where: { $0.start >= a.end && $0.end <= b.start }) else { return nil }
    let window = doc.map { link(a, b, mentions, in: $0) } ?? (a.end, b.start)
    // A cue among capitals ("to Counter ISIL") relates only the name right after it.
    let cues = allCues.filter { c in
      c.start >= window.0 && c.end <= window.1 && !(doc.map { proposes(c, in: $0) } ?? false)
        && !(c.namePart && mentions.contains { $0.start >= c.end && $0.start < b.start })
    }
    // Names in a clause the window leaves out are not between the two.
    var others = mentions.filter { $0.entity != x && $0.entity != y && $0.start >= max(a.end, window.0) && $0.end <= min(b.start, window.1) }
    // Names coordinated with `a` act with it ("Washington and London sanctioned Moscow"): they
    // are not between `a` and what it does.
    if let doc { others = Self.dropCoordinated(with: a, others, doc) }
    let firstOther = others.first?.start ?? b.start
    var first: [Cue] = []
    for c in cues where c.start >= a.end && c.end <= firstOther {
      if c.local {
        guard others.isEmpty else { continue }
        let adjacent = doc.map { d in d.tokens[d.tokenIndex(atOrAfter: a.end)..<c.token].allSatisfy { !$0.isWord || $0.isCapitalized || ToneScorer.nameTail.contains($0.lower) } } ?? true
        guard adjacent || first.contains(where: { !$0.local }) else { continue }
      }
      first.append(c)
    }
    guard !first.isEmpty else { return nil }
    guard let lastOther = others.last?.end else { return (Self.value(first), first) }
    let second = cues.filter { $0.start >= lastOther && $0.end <= b.start }
    // A relation turned off ("to cease airstrikes") leaves the first one.
    guard !second.isEmpty, Self.value(second) != 0 else { return (Self.value(first), first) }
    return (Self.value(first) * Self.value(second), first + second)
  }

  /// `others` (the names between `a` and another, in order) without those that open it and
  /// are coordinated with `a`, one after the other ("Washington, London and Paris sanction
  /// …"), or hold a title of it ("the UK's Foreign Secretary Boris Johnson condemned …").
  static func dropCoordinated(with a: Place, _ others: [Place], _ doc: Document) -> [Place] {
    var previous = a
    var n = 0
    while n < others.count, coordinated(previous, others[n], doc) || titled(previous, others[n], doc) {
      previous = others[n]
      n += 1
    }
    return n == 0 ? others : Array(others[n...])
  }

  /// Whether `b` holds a title of `a`, named right after it ("US Secretary of State John
  /// Kerry", "the UK's Foreign Secretary Boris Johnson", "FCO Minister Tobias Ellwood"): between
  /// the two only capitalized words of the title and its "of", "for", "the" (at most
  /// ``titleWords``), perhaps after a possessive.
  static func titled(_ a: Place, _ b: Place, _ doc: Document) -> Bool {
    let range = doc.tokenIndex(atOrAfter: a.end)..<doc.tokenIndex(atOrAfter: b.start)
    var words = 0, capitalized = 0
    for k in range {
      let t = doc.tokens[k]
      if !t.isWord {
        // "the UK's", "the UK’ s": the possessive right after the name.
        guard quoteMarks.contains(t.text) || t.text == "'s" || t.text == "\u{2019}s", k <= range.lowerBound + 1 else { return false }
        continue
      }
      if t.lower == "s" || t.lower == "'s" || t.lower == "\u{2019}s", k <= range.lowerBound + 1 { continue }
      words += 1
      if t.isCapitalized { capitalized += 1 } else if !titleLinks.contains(t.lower) { return false }
    }
    return capitalized > 0 && words <= titleWords
  }

  static let titleLinks: Set<String> = ["of", "for", "the"]
  static let titleWords = 6

  /// "agreed that …": a cue whose object is a proposition, which says nothing of the entities
  /// named in it ("Bush and Baker agreed that NATO would not expand").
  func proposes(_ c: Cue, in doc: Document) -> Bool {
    guard lexicon.propositional.contains(doc.tokens[c.token].lower) else { return false }
    var k = c.token + 1
    while k < doc.tokens.count, !doc.tokens[k].isWord { k += 1 }
    return k < doc.tokens.count && doc.tokens[k].lower == "that"
  }

  /// Words that end a party's name in a case ("Atlantic Lottery Corporation, Inc. et al. against …").
  static let nameTail: Set<String> = ["et", "al"]

  /// Which of `mentions` (in order) name a place where something happens rather than a party:
  /// right after a preposition of place ("in Iraq", "at the G7", "outside of Iraq"; not after
  /// a word of stance: "partners in Syria", "a threat in Russia"), or
  /// coordinated with such a place ("in Aleppo and the Damascus suburbs").
  public func places(_ mentions: [Place], in doc: Document) -> [Bool] {
    var out = [Bool](repeating: false, count: mentions.count)
    for (i, m) in mentions.enumerated() {
      var j = doc.tokenIndex(atOrAfter: m.start) - 1
      if j >= 0, doc.tokens[j].lower == "the" { j -= 1 }
      guard j >= 0 else { continue }
      let w = doc.tokens[j].lower
      if lexicon.places.contains(w) || w == "of" && j >= 1 && lexicon.places.contains(doc.tokens[j - 1].lower) {
        // "our partners in Syria", "a threat in Russia": after a word of stance, the party.
        let p = w == "of" ? j - 1 : j
        out[i] = !(p >= 1 && lexicon.stances.contains(doc.tokens[p - 1].lower))
      } else if w == "and" || w == "or" || w == "," {
        out[i] = i > 0 && out[i - 1] && mentions[i - 1].lastToken == j - 1
      }
    }
    return out
  }

  /// The part of the text between mentions `a` and `b` (scalar offsets) whose cues can relate
  /// the two: a cue after a break that opens another clause ("…, where he formed a close
  /// friendship", "said that Moscow violated", "…, it was a threat") is said by that clause's
  /// subject, not by `a`; a cue before a break that closes its object ("endorsed liberal
  /// politics, and Francis Hodgson", "the attack, as determined by the UN", "…, the White
  /// House said") does not reach `b`. A semicolon, colon or dash is both, save a colon after a verb of saying whose speaker
  /// goes on as the subject ("said: I welcome …"). "That" opens a clause of its own after a verb of
  /// saying ("said on Tuesday that …"), not as a relative pronoun ("information that will
  /// disrupt …", which goes on with the object).
  public func link(_ a: Place, _ b: Place, _ mentions: [Place], in doc: Document) -> (Int, Int) {
    var lo = a.end, hi = b.start
    let range = doc.tokenIndex(atOrAfter: a.end)..<doc.tokenIndex(atOrAfter: b.start)
    let tokens = doc.tokens
    func next(_ k: Int) -> Token? {
      var n = k + 1
      while n < range.upperBound, !tokens[n].isWord { n += 1 }
      return n < range.upperBound ? tokens[n] : nil
    }
    var opened = false
    for k in range {
      let t = tokens[k]
      if !t.isWord, ToneScorer.strongBreaks.contains(t.text) {
        // "Ellwood said: I welcome …": the speaker goes on as the subject of what follows.
        if t.text == ":", let n = next(k), lexicon.subjects.contains(n.lower), reports(before: k, from: range.lowerBound, in: tokens) { continue }
        if !opened { hi = t.start; opened = true }
        lo = t.end
        continue
      }
      if !opened, t.isWord, lexicon.subordinators.contains(t.lower) {
        // "said it would sanction Moscow": the speaker is still the subject.
        if t.lower == "that", let n = next(k), lexicon.subjects.contains(n.lower) { continue }
        if t.lower == "that", !reports(before: k, from: range.lowerBound, in: tokens) { continue }
        hi = t.start
        opened = true
      }
      // "…, the White House said": what comes before is not said of the speaker.
      if t.text == ",", reportingClause(after: k, in: tokens) { lo = t.end }
      if t.text == "," {
        guard let n = next(k) else { continue }
        if !opened, lexicon.subjects.contains(n.lower) {
          hi = t.start
          opened = true
        }
        // A comma right after a name continues a list ("accused Moscow, Beijing and Tehran").
        let afterName = mentions.contains { $0.lastToken == k - 1 }
        if !afterName, ToneScorer.clauseOpeners.contains(n.lower) || !n.isCapitalized && n.lower.hasSuffix("ing") && n.lower != "including" {
          lo = t.end
        }
      }
    }
    return (lo, hi)
  }

  /// Whether the comma at token `k` opens the clause that reports the sentence ("…, reported
  /// Reuters, …", "…, the White House said."): a verb of saying right after it, or at most
  /// eight words on and followed by at most four words before the sentence ends. Its speaker
  /// is not what the cues before it are said of.
  func reportingClause(after k: Int, in tokens: [Token]) -> Bool {
    var j = k + 1, words = 0
    while j < tokens.count, !tokens[j].isWord, tokens[j].text != "," { j += 1 }
    guard j < tokens.count, tokens[j].isWord else { return false }
    if tokens[j].has(.speechVerb) { return true }
    while j < tokens.count, words <= 8 {
      let t = tokens[j]
      guard t.isWord || t.text == "-" || ToneScorer.quoteMarks.contains(t.text) else { return false }
      if t.has(.speechVerb) {
        var rest = 0
        j += 1
        while j < tokens.count, rest <= 4 {
          if ToneScorer.sentenceEnds.contains(tokens[j].text) { return true }
          if tokens[j].isWord { rest += 1 } else if !ToneScorer.quoteMarks.contains(tokens[j].text) { return false }
          j += 1
        }
        return j == tokens.count
      }
      words += 1
      j += 1
    }
    return false
  }

  static let sentenceEnds: Set<String> = [".", "!", "?"]
  static let quoteMarks: Set<String> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]

  /// Whether a verb of saying stands at most four words before token `k` (from `lower` on),
  /// with nothing but words between.
  func reports(before k: Int, from lower: Int, in tokens: [Token]) -> Bool {
    var j = k - 1, words = 0
    while j >= lower, words < 4 {
      let t = tokens[j]
      guard t.isWord || t.text == "-" || ToneScorer.quoteMarks.contains(t.text) else { return false }
      if t.has(.speechVerb) { return true }
      words += 1
      j -= 1
    }
    return false
  }

  static let strongBreaks: Set<String> = [";", ":", "\u{2014}", "\u{2013}", "--"]
  /// Words after a comma that start another clause rather than go on with an object.
  static let clauseOpeners: Set<String> = ["and", "but", "or", "as", "which", "who", "whose", "where", "when", "while", "whereas", "although", "though", "because"]

  /// The tone of a quotation towards one entity it names (`mentions`: the names the quote
  /// says, in order), from the quote's `cues` and the reporting verb's (`reporting`): the reporting verb
  /// when it carries a stance ("warned"; not "agreed that …"), and the cues of the clause of
  /// the quote that names the entity (no full stop, semicolon, colon, dash or comma opening
  /// another clause between), at most ``quoteReach`` words from the name ("Putin and
  /// Kim agreed to develop relations …, to support Pyongyang in its opposition to the United
  /// States" is cooperative towards Putin). The cues before the name, whose object it is, are
  /// the speaker's stance and outweigh those after it, its own relations ("our support for
  /// Iraq in its fight against terror" is cooperative towards Iraq). A place named in passing
  /// ("attacks in Iraq") is neutral.
  public func quoteTone(of entity: Int, mentions: [Place], cues: [Cue], reporting: [Cue], in doc: Document) -> Tone {
    quoteTones(of: [entity], mentions: mentions, cues: cues, reporting: reporting, in: doc)[0]
  }

  /// ``quoteTone(of:mentions:cues:reporting:in:)`` for each of `entities`, in time linear in
  /// the quote's length (a quote may run over a whole document).
  public func quoteTones(of entities: [Int], mentions: [Place], cues: [Cue], reporting: [Cue], in doc: Document) -> [Tone] {
    let isPlace = places(mentions, in: doc)
    let stance = reporting.filter { !$0.namePart && !lexicon.propositional.contains(doc.tokens[$0.token].lower) }
    let cues = cues.filter { !$0.namePart || standsAlone($0, among: mentions, in: doc) }
    var cueAt: [Int: Int] = [:]
    for (i, c) in cues.enumerated() { cueAt[c.token] = i }
    let tokens = doc.tokens
    // A comma opening another clause ("…, and our troops will fight Moscow") ends a reach.
    func breaks(_ k: Int) -> Bool {
      ToneScorer.quoteBreaks.contains(tokens[k].text)
        || tokens[k].text == "," && k + 1 < tokens.count && ToneScorer.clauseOpeners.contains(tokens[k + 1].lower)
    }
    // Cues before a name take it as their object: the speaker's stance towards it ("we support
    // Iraq"). Cues after it are its own relations ("Iraq's fight against terror"): they count
    // when no stance before it does.
    var near: [Int: Set<Int>] = [:]
    var acts: [Int: Set<Int>] = [:]
    // A name is one word however many it has ("China, North Korea and Iran").
    var inName = Set<Int>()
    for m in mentions { inName.formUnion(doc.tokenIndex(atOrAfter: m.start)..<m.lastToken) }
    for (i, m) in mentions.enumerated() where !isPlace[i] {
      var found = near[m.entity, default: []]
      var own = acts[m.entity, default: []]
      let first = doc.tokenIndex(atOrAfter: m.start)
      // Before the name: cues at most quoteReach words back, none past a break.
      var k = first - 1, words = 0
      while k >= 0, words <= ToneScorer.quoteReach, !breaks(k) {
        if let c = cueAt[k] {
          let cue = cues[c]
          // "Green versus United States": a case named, not the speaker's act.
          if cue.namePart ? words == 0 : !cue.local || words <= 1 && (k == 0 || !tokens[k - 1].isCapitalized) { found.insert(c) }
        }
        if tokens[k].isWord, !inName.contains(k) { words += 1 }
        k -= 1
      }
      // After it: cues up to quoteReach words on.
      k = m.lastToken + 1
      words = 0
      while k < tokens.count, words <= ToneScorer.quoteReach, !breaks(k) {
        if let c = cueAt[k], !cues[c].local, !cues[c].namePart { own.insert(c) }
        if tokens[k].isWord, !inName.contains(k) { words += 1 }
        k += 1
      }
      // "welcome the agreement between X, led by Y, and Z": the relation reaches every party.
      if let p = ToneScorer.betweenPhrase(of: m, cues, doc), let c = cueAt[p.cue.token] { found.insert(c) }
      near[m.entity] = found
      acts[m.entity] = own
    }
    return entities.map { e in
      guard var found = near[e] else { return .neutral }
      if ToneScorer.value(found.map { cues[$0] }) == 0 { found.formUnion(acts[e] ?? []) }
      let counted = stance + found.sorted().map { cues[$0] }
      return ToneScorer.tone(counted.sorted { $0.start < $1.start })
    }
  }

  static let quoteBreaks: Set<String> = [".", "!", "?", ";", ":", "\u{2014}", "\u{2013}", "--"]
  /// How many words from the name a cue of a quote may stand (another name counting as one).
  static let quoteReach = 8

  /// Whether `a` … `b` are coordinated: "and", "&" or a comma between them, and besides
  /// names (capitalized words: "Moscow, Beijing and Tehran"; "Bush and James Baker,
  /// secretary of state,") at most one other word.
  static func coordinated(_ a: Place, _ b: Place, _ doc: Document) -> Bool {
    let range = doc.tokenIndex(atOrAfter: a.end)..<doc.tokenIndex(atOrAfter: b.start)
    guard !range.isEmpty else { return false }
    var others = 0, words = 0, joined = false
    for k in range {
      let t = doc.tokens[k]
      if t.isWord {
        words += 1
        switch t.lower {
        case "and": joined = true
        case "both", "the", "or": break
        default: if !t.isCapitalized { others += 1 }
        }
      } else if t.text == "&" || t.text == "," {
        joined = true
      }
    }
    return others <= 1 && words <= 6 && joined
  }

  /// "cooperation between X and Y", "tensions between X and Y": a cue at most three words
  /// before "between" (or "among") and two coordinated names after it, or one name on each
  /// side of the "and" that joins the two parties, each perhaps with a description naming who
  /// leads or represents it ("the agreement between the Federal Government of Iraq, led by
  /// Prime Minister Haider Al Abadi, and the Kurdistan Regional Government, represented by
  /// Prime Minister Nechirvan Barzani": cooperative across the "and", not within a side).
  static func relationBetween(_ a: Place, _ b: Place, _ cues: [Cue], _ doc: Document) -> (Int, [Cue])? {
    guard let first = betweenPhrase(of: a, cues, doc) else { return nil }
    if first.side == 1, let second = betweenPhrase(of: b, cues, doc), second.side == 2, second.between == first.between {
      return (first.cue.polarity, [first.cue])
    }
    guard first.side == 1, doc.tokenIndex(atOrAfter: a.start) - first.between <= 4, coordinated(a, b, doc) else { return nil }
    return (first.cue.polarity, [first.cue])
  }

  /// Where mention `m` stands in a relation "CUE between X and Y" (a cue at most three words
  /// before "between" or "among"): the cue, the token of "between", and the side of the "and"
  /// that joins the parties (1 before it, 2 after it). Each side is a party, perhaps with a
  /// description set off by commas ("…, led by Prime Minister Haider Al Abadi,"); a comma
  /// followed by another kind of word ("…, on detailed arrangements") ends the relation.
  static func betweenPhrase(of m: Place, _ cues: [Cue], _ doc: Document) -> (cue: Cue, between: Int, side: Int)? {
    // The cue comes before "between", which comes before the name.
    guard cues.contains(where: { $0.end <= m.start }) else { return nil }
    let tokens = doc.tokens
    var j = doc.tokenIndex(atOrAfter: m.start) - 1, words = 0
    var and: Int? = nil
    while j >= 0, words <= betweenReach {
      let t = tokens[j]
      if t.lower == "between" || t.lower == "among" { break }
      if !t.isWord, strongBreaks.contains(t.text) || sentenceEnds.contains(t.text) { return nil }
      if t.text == ",", j + 1 < tokens.count, !describes(tokens[j + 1]) { return nil }
      if t.lower == "and" || t.text == "&" { and = j }
      if t.isWord { words += 1 }
      j -= 1
    }
    guard j >= 0, tokens[j].lower == "between" || tokens[j].lower == "among" else { return nil }
    let word = tokens[j].start
    guard let c = cues.last(where: { $0.end <= word }), j - doc.tokenIndex(atOrAfter: c.end) <= 3 else { return nil }
    // A name after the "and" is on its second side only when a name comes before it.
    let side = and.map { k in k > j + 1 ? 2 : 1 } ?? 1
    return (c, j, side)
  }

  /// A word that goes on with a party's description after a comma: a name, or a participle
  /// ("led by", "represented by"), or "and" joining the next party.
  static func describes(_ t: Token) -> Bool {
    t.isCapitalized || t.lower == "and" || t.lower.hasSuffix("ed") || !t.isWord
  }

  /// How many words before a name "between" may stand for the name to be one of its parties.
  static let betweenReach = 24

  /// "X and Y agreed": with no cue between them, two coordinated names take the first cue
  /// just after the later one. When that cue names a third entity ("X and Y criticised Z"),
  /// the two act together: cooperative with each other.
  /// The names may stand in a longer list, the cue after its last ("The UK, the Coalition
  /// and the Government of Iraq are committed to …").
  static func jointly(_ a: Place, _ b: Place, _ x: Int, _ y: Int, _ mentions: [Place], _ cues: [Cue], _ doc: Document) -> (Int, [Cue])? {
    guard let ai = mentions.firstIndex(of: a), let bi = mentions.firstIndex(of: b), ai < bi,
      coordinated(a, b, doc) || (ai..<bi).allSatisfy({ coordinated(mentions[$0], mentions[$0 + 1], doc) })
    else { return nil }
    var last = bi
    while last + 1 < mentions.count, coordinated(mentions[last], mentions[last + 1], doc) { last += 1 }
    let end = mentions[last]
    guard let c = cues.first(where: { $0.start >= end.end }), c.token - end.lastToken <= 3 else { return nil }
    let third = mentions.contains { $0.entity != x && $0.entity != y && $0.start >= c.end && $0.start < c.reach }
    return (third && c.polarity != 0 ? 1 : c.polarity, [c])
  }
}
