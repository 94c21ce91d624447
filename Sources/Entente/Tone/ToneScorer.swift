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
/// inflected forms, and the negators that turn a cue around.
public struct ToneLexicon: Sendable {
  /// Lower-case form → polarity (−1 or +1).
  public let polarity: [String: Int]
  public let negators: Set<String>
  /// How many words before a cue a negator may stand.
  public let window: Int

  struct File: Decodable {
    var conflict: [String: [String]]
    var cooperation: [String: [String]]
    var negators: [String]
    var window: Int
  }

  public init(conflict: [String], cooperation: [String], negators: [String], window: Int = 3) {
    var p: [String: Int] = [:]
    for w in conflict { p[w.lowercased()] = -1 }
    for w in cooperation { p[w.lowercased()] = 1 }
    polarity = p
    self.negators = Set(negators.map { $0.lowercased() })
    self.window = max(0, window)
  }

  public init(data: Data, file: String) throws {
    let f: File
    do { f = try JSONDecoder().decode(File.self, from: data) } catch {
      throw EntenteError.badData(file: file, reason: GraphJSON.describe(error))
    }
    self.init(
      conflict: f.conflict.values.flatMap { $0 }, cooperation: f.cooperation.values.flatMap { $0 }, negators: f.negators,
      window: f.window)
  }

  /// The bundled lexicon, loaded once.
  public static let bundled: ToneLexicon = {
    let url = Gazetteer.resourceDirectory.appendingPathComponent("tone.json")
    guard let data = FileManager.default.contents(atPath: url.path), let lexicon = try? ToneLexicon(data: data, file: url.path) else {
      fatalError("Entente's bundled data is unreadable: \(url.path)")
    }
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
  }

  /// The cues among `tokens[range]`, in order.
  public func cues(in doc: Document, tokens range: Range<Int>) -> [Cue] {
    var out: [Cue] = []
    let tokens = doc.tokens
    for i in range where tokens[i].isWord {
      guard let p = lexicon.polarity[tokens[i].lower] else { continue }
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
      var reach = tokens[i].end
      var after = 0
      var k = i + 1
      while k < range.upperBound, after < 5 {
        if tokens[k].isWord { after += 1 }
        reach = tokens[k].end
        k += 1
      }
      out.append(
        Cue(token: i, start: start, end: tokens[i].end, polarity: polarity, text: doc.text.string(start, tokens[i].end), reach: reach))
    }
    return out
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

  /// The tone of a list of cues: the sign of their sum.
  public static func tone(_ cues: [Cue]) -> Tone {
    guard !cues.isEmpty else { return .neutral }
    let sum = cues.reduce(0) { $0 + $1.polarity }
    return Tone(value: sum.signum(), cues: cues.map(\.text))
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
  /// `mentions` and whose cues are `cues`.
  public static func tone(between x: Int, and y: Int, mentions: [Place], cues: [Cue]) -> Tone {
    guard !cues.isEmpty else { return .neutral }
    var counted: [Bool] = Array(repeating: false, count: cues.count)
    var any = false
    for (ai, a) in mentions.enumerated() where a.entity == x || a.entity == y {
      for b in mentions[(ai + 1)...] where (b.entity == x || b.entity == y) && b.entity != a.entity {
        for (ci, c) in cues.enumerated() where c.start >= a.end && c.end <= b.start {
          // No other entity named between the first mention and the cue.
          let other = mentions.contains { $0.entity != x && $0.entity != y && $0.start >= a.end && $0.end <= c.start }
          if !other { counted[ci] = true; any = true }
        }
      }
    }
    if !any {
      // "X and Y agreed": the first cue just after the later mention.
      for (ai, a) in mentions.enumerated() where a.entity == x || a.entity == y {
        for b in mentions[(ai + 1)...] where (b.entity == x || b.entity == y) && b.entity != a.entity {
          guard let ci = cues.firstIndex(where: { $0.start >= b.end }) else { continue }
          let c = cues[ci]
          guard c.token - b.lastToken <= 3 else { continue }
          let other = mentions.contains { $0.entity != x && $0.entity != y && $0.start >= c.end && $0.start < c.reach }
          if !other { counted[ci] = true; any = true }
        }
      }
    }
    return tone(cues.indices.filter { counted[$0] }.map { cues[$0] })
  }
}
