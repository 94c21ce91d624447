/// A stretch of a sentence the tagger reads: a capitalized word and what follows it while
/// it may still be part of a name (more capitalized words, connectors such as "of the" and
/// "&" before another capitalized word). Words outside zones are never names to the tagger.
struct TaggerZone: Sendable {
  var tokens: Range<Int>
  /// Per token: its feature ids.
  var features: [[UInt32]]
  /// Per token: whether a name may begin there (a capitalized word, not a connector).
  var mayBegin: [Bool]
}

/// Feature hashing, stable across runs and machines (never Swift's seeded hash): FNV-1a over
/// the bytes of a word, computed once per token, and a 64-bit mix of a template number with
/// up to two such values, folded to a 32-bit feature id.
enum FeatureHash {
  static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

  @inline(__always) static func step(_ h: UInt64, _ b: UInt64) -> UInt64 { (h ^ b) &* 0x100_0000_01b3 }

  /// FNV-1a over a string's UTF-8 bytes (continuing `h`, then a separator).
  static func text(_ s: String, _ h: UInt64 = basis) -> UInt64 {
    if let v = s.utf8.withContiguousStorageIfAvailable({ bytes in
      var h = h
      for b in bytes { h = step(h, UInt64(b)) }
      return step(h, 0xFF)
    }) {
      return v
    }
    var h = h
    for b in s.utf8 { h = step(h, UInt64(b)) }
    return step(h, 0xFF)
  }

  /// The feature id of a template and its values (never 0: 0 marks an empty slot).
  @inline(__always) static func id(_ template: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt32 {
    var h = (a ^ (template &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    h = (h ^ (h >> 31) ^ b) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 29
    let id = UInt32(truncatingIfNeeded: h ^ (h >> 32))
    return id == 0 ? 1 : id
  }
}

/// The word classes that tell the tagger something (a feature reads the ones a word has, at
/// once).
let taggerClassMask: WordClass = [
  .functionWord, .titleWord, .roleNoun, .honorific, .commonWord, .locationPreposition, .pronoun, .speechVerb, .pluralHead,
  .givenName, .orgKeyword, .placeKeyword, .eventWord, .connector, .nameParticle, .acronymStop, .familyFirstGiven,
  .particlePrefix, .sentenceOpener,
]

/// The tagger's view of an article after the first pass of rules: its zones, and for each
/// token what the rules made of it. Words are hashed once per token (`word`, `shape`), so that
/// a feature costs a mix of a few integers and one probe of the model's table.
struct TaggerFeatures {
  let tokens: [Token]
  let doc: Document
  /// Per token: a hash of the first-pass rule that covers it (rule, type, kind, begin or
  /// inside), 0 when none.
  var ruleMark: [UInt64]
  /// Per token: a hash of the second-pass rule waiting on it, 0 when none.
  var pendingMark: [UInt64]
  /// Per token: a hash of its lower-case text, 0 until a zone or the history needs it.
  var word: [UInt64]
  /// Per token: a hash of its shape, 0 until `prepareShapes` reaches it.
  var shape: [UInt64]
  /// The article's history of words (by `word`): the type the first pass gave a word
  /// somewhere (its number, in the low byte), whether it is written capitalized somewhere
  /// other than at a sentence start (`WordFacts.mid`), and whether it is the last word of a
  /// name of two or more words that starts with a given name (`WordFacts.surname`).
  var history = WordFacts()

  static let sentenceStart = FeatureHash.text("<s>")
  static let sentenceEnd = FeatureHash.text("</s>")

  init(pass: RecognitionPass) {
    tokens = pass.tokens
    doc = pass.doc
    ruleMark = [UInt64](repeating: 0, count: tokens.count)
    pendingMark = [UInt64](repeating: 0, count: tokens.count)
    word = [UInt64](repeating: 0, count: tokens.count)
    shape = [UInt64](repeating: 0, count: tokens.count)
    for f in pass.found {
      let base = FeatureHash.text(f.kind.rawValue, FeatureHash.text(f.type.rawValue, FeatureHash.text(f.rule)))
      for k in f.tokens where ruleMark[k] == 0 {
        ruleMark[k] = FeatureHash.step(base, k == f.tokens.lowerBound ? 1 : 2)
      }
      let t: UInt8 = f.type == .person ? 1 : f.type == .organization ? 2 : 3
      if f.kind == .name {
        for k in f.tokens where tokens[k].kind == .word && tokens[k].isCapitalized {
          let h = wordHash(k)
          history.update(h) { $0 & 0xFF == 0 ? $0 | UInt16(t) : $0 }
        }
      }
    }
    for p in pass.pending {
      let base = FeatureHash.text(p.rule)
      for k in p.tokens where pendingMark[k] == 0 {
        pendingMark[k] = FeatureHash.step(base, k == p.tokens.lowerBound ? 1 : 2)
      }
    }
  }

  /// The hash of token `k`'s lower-case text, made once.
  @inline(__always) mutating func wordHash(_ k: Int) -> UInt64 {
    if word[k] == 0 { word[k] = FeatureHash.text(tokens[k].lower) }
    return word[k]
  }

  /// Whether token `k` may begin a name.
  @inline(__always) func isCandidate(_ k: Int) -> Bool {
    let c = tokens[k].classes, caps = tokens[k].isAllCaps
    return tokens[k].kind == .word && (tokens[k].isCapitalized || caps || c.contains(.particlePrefix)) && !(c.contains(.functionWord) && !caps)
  }

  /// Whether token `k` may join two capitalized words of one name.
  func isJoiner(_ k: Int) -> Bool {
    let t = tokens[k]
    if t.kind == .word { return t.has(.connector) || t.lower == "'s" || t.lower == "’s" }
    if t.kind == .punctuation { return t.text == "&" || t.text == "'" || t.text == "’" || t.text == "-" || t.text == "." }
    return false
  }

  /// The zones of a sentence.
  func zones(in s: Sentence) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var i = s.tokens.lowerBound
    let end = s.tokens.upperBound
    while i < end {
      guard isCandidate(i) else { i += 1; continue }
      var j = i + 1
      while j < end {
        if isCandidate(j) { j += 1; continue }
        // Up to two joiners, then a capitalized word.
        if isJoiner(j) {
          if j + 1 < end, isCandidate(j + 1) { j += 2; continue }
          if j + 2 < end, isJoiner(j + 1), isCandidate(j + 2) { j += 3; continue }
        }
        break
      }
      out.append(i..<j)
      i = j
    }
    return out
  }

  /// The article's zones with their sentences, once the article's history is collected.
  mutating func articleZones() -> [(Range<Int>, Sentence)] {
    var all: [(Range<Int>, Sentence)] = []
    for s in doc.sentences where doc.paragraphs[s.paragraph].role != .banner && doc.paragraphs[s.paragraph].role != .dateline {
      for z in zones(in: s) { all.append((z, s)) }
    }
    collectHistory(all)
    return all
  }

  /// Collects the article-wide facts features read (capitalized words mid-sentence,
  /// surnames of earlier full names).
  mutating func collectHistory(_ zones: [(Range<Int>, Sentence)]) {
    for (z, s) in zones {
      for k in z where tokens[k].kind == .word && tokens[k].isCapitalized {
        if k > s.tokens.lowerBound, tokens[k - 1].kind == .word || tokens[k - 1].text == "," { history.update(wordHash(k)) { $0 | WordFacts.mid } }
      }
      var first = -1, last = -1, words = 0
      for k in z where tokens[k].kind == .word {
        if first < 0 { first = k }
        last = k
        words += 1
      }
      if words >= 2, tokens[first].has(.givenName), tokens[last].isCapitalized { history.update(wordHash(last)) { $0 | WordFacts.surname } }
    }
  }

  /// Hashes the words and shapes the features of a zone read: its tokens' and their
  /// neighbours'.
  mutating func prepare(_ z: Range<Int>) {
    for k in max(0, z.lowerBound - 2)..<min(tokens.count, z.upperBound + 2) { _ = wordHash(k) }
    for k in max(0, z.lowerBound - 1)..<min(tokens.count, z.upperBound + 1) where shape[k] == 0 {
      shape[k] = TaggerFeatures.shape(tokens[k].text)
    }
  }

  /// Shape of a word: X for upper case, x lower case, d digits, other scalars as they are;
  /// repeats collapsed ("Xx", "X.X.", "dd" for two or more digits become "d"), at most seven
  /// symbols. Never 0.
  static func shape(_ text: String) -> UInt64 {
    // ASCII, byte by byte (the same symbols as below).
    if let v = text.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64? in
      var shape = ShapeHash()
      for v in bytes {
        guard v < 128 else { return nil }
        if !shape.add(asciiShapeSymbol(v)) { break }
      }
      return shape.value
    }), let v {
      return v
    }
    var shape = ShapeHash()
    for u in text.unicodeScalars {
      let c: UInt8
      let v = u.value
      if v < 128 {
        c = asciiShapeSymbol(UInt8(v))  // ASCII without property lookups
      } else if u.properties.isUppercase { c = 88 } else if u.properties.isLowercase { c = 120 } else { c = 111 }
      if !shape.add(c) { break }
    }
    return shape.value
  }

  /// A shape's symbol for an ASCII character: X for upper case, x for lower case, d for a
  /// digit, the character itself otherwise.
  @inline(__always)
  private static func asciiShapeSymbol(_ v: UInt8) -> UInt8 {
    v >= 65 && v <= 90 ? 88 : v >= 97 && v <= 122 ? 120 : v >= 48 && v <= 57 ? 100 : v
  }

  /// The hash of a word's shape: runs of one symbol count once, up to seven symbols.
  private struct ShapeHash {
    var value = FeatureHash.basis
    private var last: UInt8 = 0
    private var count = 0

    /// Adds a symbol; false once the shape is full (the caller stops).
    @inline(__always)
    mutating func add(_ c: UInt8) -> Bool {
      if c != last {
        value = FeatureHash.step(value, UInt64(c))
        last = c
        count += 1
        if count > 6 { return false }
      }
      return true
    }
  }

  /// The features of the token at `k` in a zone of sentence `s` (the zone prepared).
  func features(_ k: Int, zone z: Range<Int>, sentence s: Sentence, headline: Bool) -> [UInt32] {
    var list = FeatureList()
    list.ids.reserveCapacity(48)
    features(k, zone: z, sentence: s, headline: headline, into: &list)
    return list.ids
  }

  /// The same, handed to a sink one by one (the tagger scores them as they come). Without
  /// `zoneWide`, the features every token of the zone shares (`zoneFeatures`) are left out.
  @inline(__always)
  func features<Sink: FeatureSink>(
    _ k: Int, zone z: Range<Int>, sentence s: Sentence, headline: Bool, zoneWide: Bool = true, into out: inout Sink
  ) {
    let lo = s.tokens.lowerBound, hi = s.tokens.upperBound
    @inline(__always) func w(_ j: Int) -> UInt64 { j < lo ? TaggerFeatures.sentenceStart : j >= hi ? TaggerFeatures.sentenceEnd : word[j] }
    @inline(__always) func sh(_ j: Int) -> UInt64 { j < lo || j >= hi ? 0 : shape[j] }
    @inline(__always) func classes(_ tpl: UInt64, _ j: Int) {
      guard j >= lo, j < hi else { return }
      // One feature for each class the word has.
      var r = tokens[j].classes.intersection(taggerClassMask).rawValue
      while r != 0 {
        out.add(FeatureHash.id(tpl, UInt64(r.trailingZeroBitCount)))
        r &= r - 1
      }
    }
    if zoneWide { out.add(FeatureHash.id(1, 0)) }
    out.add(FeatureHash.id(2, w(k)))
    out.add(FeatureHash.id(3, w(k - 1)))
    out.add(FeatureHash.id(4, w(k + 1)))
    out.add(FeatureHash.id(5, w(k - 2)))
    out.add(FeatureHash.id(6, w(k + 2)))
    out.add(FeatureHash.id(7, sh(k)))
    out.add(FeatureHash.id(8, sh(k - 1)))
    out.add(FeatureHash.id(9, sh(k + 1)))
    classes(10, k)
    classes(11, k - 1)
    classes(12, k + 1)
    classes(13, k - 2)
    // Affixes: the first and the last one to four scalars of the lower-case word, where the
    // word is longer.
    let length = tokens[k].length
    if length > 1 {
      let lower = tokens[k].lower
      // ASCII words byte by byte; others scalar by scalar (the same features).
      let ascii = lower.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        guard bytes.count == length, bytes.allSatisfy({ $0 < 128 }) else { return false }
        let top = min(length - 1, 4)
        var p = FeatureHash.basis, q = FeatureHash.basis
        for n in 0..<top {
          p = FeatureHash.step(p, UInt64(bytes[n]))
          out.add(FeatureHash.id(14, p, UInt64(n + 1)))
        }
        for n in 0..<top {
          q = FeatureHash.step(q, UInt64(bytes[length - 1 - n]))
          out.add(FeatureHash.id(15, q, UInt64(n + 1)))
        }
        return true
      }
      if ascii != true {
        var p = FeatureHash.basis
        var n: UInt64 = 0
        for u in lower.unicodeScalars {
          n += 1
          if n >= UInt64(length) || n > 4 { break }
          p = FeatureHash.step(p, UInt64(u.value))
          out.add(FeatureHash.id(14, p, n))
        }
        var q = FeatureHash.basis
        n = 0
        for u in lower.unicodeScalars.reversed() {
          n += 1
          if n >= UInt64(length) || n > 4 { break }
          q = FeatureHash.step(q, UInt64(u.value))
          out.add(FeatureHash.id(15, q, n))
        }
      }
    }
    // Word and neighbour pairs.
    out.add(FeatureHash.id(16, w(k - 1), word[k]))
    out.add(FeatureHash.id(17, word[k], w(k + 1)))
    out.add(FeatureHash.id(18, sh(k - 1), shape[k]))
    // Place in the sentence and the zone.
    var first = lo
    while first < k, tokens[first].kind == .punctuation { first += 1 }
    out.add(FeatureHash.id(19, UInt64(first == k ? 1 : 0) | UInt64(headline ? 2 : 0)))
    out.add(FeatureHash.id(20, UInt64(min(z.count, 6)) | UInt64(min(k - z.lowerBound, 4)) << 8 | UInt64(min(z.upperBound - 1 - k, 4)) << 16))
    // What the rules made of it and of its neighbours.
    for d in -1...1 {
      let j = k + d
      guard j >= 0, j < tokens.count else { continue }
      out.add(FeatureHash.id(UInt64(22 + d), ruleMark[j]))
      out.add(FeatureHash.id(UInt64(32 + d), pendingMark[j]))
    }
    out.add(FeatureHash.id(24, ruleMark[k], word[k]))
    // The article's history of the word.
    if tokens[k].kind == .word, tokens[k].isCapitalized || tokens[k].isAllCaps {
      let wk = word[k]
      let v = UInt64(history[wk])
      out.add(FeatureHash.id(25, v))
    }
    if zoneWide { zoneEdges(z, lo: lo, hi: hi, into: &out) }
  }

  /// The features every token of a zone shares: the bias, and the words right before and
  /// after the zone.
  func zoneFeatures<Sink: FeatureSink>(zone z: Range<Int>, sentence s: Sentence, into out: inout Sink) {
    out.add(FeatureHash.id(1, 0))
    zoneEdges(z, lo: s.tokens.lowerBound, hi: s.tokens.upperBound, into: &out)
  }

  /// A title or role word right before the zone; a speech verb right after it.
  @inline(__always)
  private func zoneEdges<Sink: FeatureSink>(_ z: Range<Int>, lo: Int, hi: Int, into out: inout Sink) {
    if z.lowerBound > lo {
      let c = tokens[z.lowerBound - 1].classes
      out.add(FeatureHash.id(26, word[z.lowerBound - 1], UInt64(!c.isDisjoint(with: .roleLike) ? 1 : 0) | UInt64(c.contains(.honorific) ? 2 : 0)))
    }
    if z.upperBound < hi { out.add(FeatureHash.id(27, word[z.upperBound])) }
  }

  /// The emission scores of a prepared zone under a model (a row of `TagLabel.count` per
  /// token): the features every token shares scored once, each token's own as they are
  /// made, never kept. `ids` holds a token's features, `sums` a row per token.
  func emissions(
    zone z: Range<Int>, sentence s: Sentence, scorer: EmissionScorer, scale: Float, ids: UnsafeMutableBufferPointer<UInt32>,
    sums: UnsafeMutablePointer<Int32>
  ) -> [Float] {
    let l = TagLabel.count
    let headline = doc.paragraphs[s.paragraph].role != .body
    var shared = FeatureBatch(buffer: ids)
    zoneFeatures(zone: z, sentence: s, into: &shared)
    for y in 0..<l { sums[y] = 0 }
    scorer.add(UnsafeMutableBufferPointer(rebasing: ids[0..<shared.count]), to: sums)
    for i in 1..<max(1, z.count) { for y in 0..<l { sums[i * l + y] = sums[y] } }
    for (i, k) in z.enumerated() {
      var sink = FeatureBatch(buffer: ids)
      features(k, zone: z, sentence: s, headline: headline, zoneWide: false, into: &sink)
      scorer.add(UnsafeMutableBufferPointer(rebasing: ids[0..<sink.count]), to: sums + i * l)
    }
    return (0..<(z.count * l)).map { Float(sums[$0]) * scale }
  }
}

/// Facts about the words of an article, by word hash (never 0): an open-addressing table
/// grown as needed, without Swift's seeded hashing.
struct WordFacts {
  static let mid: UInt16 = 1 << 8
  static let surname: UInt16 = 1 << 9
  private var keys = [UInt64](repeating: 0, count: 64)
  private var values = [UInt16](repeating: 0, count: 64)
  private var count = 0
  private var shift: UInt64 = 58

  @inline(__always) private func find(_ key: UInt64) -> Int {
    let mask = keys.count - 1
    var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
    return i
  }

  /// The facts of a word (0: none).
  subscript(_ key: UInt64) -> UInt16 {
    let i = find(key)
    return keys[i] == key ? values[i] : 0
  }

  /// Changes the facts of a word.
  mutating func update(_ key: UInt64, _ change: (UInt16) -> UInt16) {
    guard key != 0 else { return }
    var i = find(key)
    if keys[i] != key {
      if (count + 1) * 2 > keys.count {
        grow()
        i = find(key)
      }
      keys[i] = key
      count += 1
    }
    values[i] = change(values[i])
  }

  private mutating func grow() {
    let oldKeys = keys, oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [UInt16](repeating: 0, count: oldKeys.count * 2)
    shift -= 1
    for (k, v) in zip(oldKeys, oldValues) where k != 0 {
      let i = find(k)
      keys[i] = k
      values[i] = v
    }
  }
}

/// Where feature ids go as they are made.
protocol FeatureSink {
  mutating func add(_ id: UInt32)
}

/// Feature ids kept in a list (for training).
struct FeatureList: FeatureSink {
  var ids: [UInt32] = []
  mutating func add(_ id: UInt32) { ids.append(id) }
}

/// Feature ids gathered in a fixed buffer for one token, then scored as a batch.
struct FeatureBatch: FeatureSink {
  let buffer: UnsafeMutableBufferPointer<UInt32>
  var count = 0
  @inline(__always) mutating func add(_ id: UInt32) {
    if count < buffer.count {
      buffer[count] = id
      count += 1
    }
  }
}

extension RecognitionPass {
  /// The tagger's zones of the article, with their features, after the first pass.
  func taggerZones() -> [TaggerZone] {
    var f = TaggerFeatures(pass: self)
    let all = f.articleZones()
    var out: [TaggerZone] = []
    out.reserveCapacity(all.count)
    for (z, s) in all {
      f.prepare(z)
      let headline = doc.paragraphs[s.paragraph].role != .body
      var features: [[UInt32]] = []
      features.reserveCapacity(z.count)
      var mayBegin: [Bool] = []
      for k in z {
        features.append(f.features(k, zone: z, sentence: s, headline: headline))
        mayBegin.append(f.isCandidate(k))
      }
      out.append(TaggerZone(tokens: z, features: features, mayBegin: mayBegin))
    }
    return out
  }

  /// The zones that `wanted` accepts, each with its tokens' emission scores under `model`
  /// (features scored as they are made, never kept). The zones' words are hashed first; the
  /// features are then read from one frozen copy of the article's view.
  func taggerEmissions(_ model: TaggerModel, where wanted: (Range<Int>) -> Bool) -> [(tokens: Range<Int>, emissions: [Float], mayBegin: [Bool])] {
    var prepared = TaggerFeatures(pass: self)
    let all = prepared.articleZones().filter { wanted($0.0) }
    for (z, _) in all { prepared.prepare(z) }
    let f = prepared
    let l = TagLabel.count
    var out: [(tokens: Range<Int>, emissions: [Float], mayBegin: [Bool])] = []
    out.reserveCapacity(all.count)
    let longest = all.reduce(1) { max($0, $1.0.count) }
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: longest * l) { sums in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { ids in
        model.withScorer { scorer in
          for (z, s) in all {
            let emissions = f.emissions(zone: z, sentence: s, scorer: scorer, scale: model.scale, ids: ids, sums: sums.baseAddress!)
            out.append((z, emissions, z.map { f.isCandidate($0) }))
          }
        }
      }
    }
    return out
  }
}
