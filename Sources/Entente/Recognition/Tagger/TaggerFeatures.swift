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

/// Feature ids: FNV-1a over a template number and the bytes of its values, folded to 32 bits.
/// Stable across runs and machines (never Swift's seeded hash).
struct FeatureHash {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325

  init(_ template: UInt8) { byte(template) }

  @inline(__always) mutating func byte(_ b: UInt8) {
    h ^= UInt64(b)
    h &*= 0x100_0000_01b3
  }

  mutating func text(_ s: String) {
    var s = s
    s.withUTF8 { for b in $0 { byte(b) } }
    byte(0xFF)
  }

  mutating func int(_ v: Int) {
    var v = UInt64(bitPattern: Int64(v))
    for _ in 0..<8 {
      byte(UInt8(v & 0xFF))
      v >>= 8
    }
  }

  var id: UInt32 { UInt32(truncatingIfNeeded: h ^ (h >> 32)) }
}

/// The word classes that tell the tagger something, with the numbers features use for them.
let taggerClasses: [(WordClass, UInt8)] = [
  (.functionWord, 1), (.titleWord, 2), (.roleNoun, 3), (.honorific, 4), (.commonWord, 5),
  (.locationPreposition, 6), (.pronoun, 7), (.speechVerb, 8), (.pluralHead, 9), (.givenName, 10),
  (.orgKeyword, 11), (.placeKeyword, 12), (.eventWord, 13), (.connector, 14), (.nameParticle, 15),
  (.acronymStop, 16), (.familyFirstGiven, 17), (.particlePrefix, 18), (.sentenceOpener, 19),
]

/// The tagger's view of an article after the first pass of rules: its zones, and for each
/// token what the rules made of it.
struct TaggerFeatures {
  let tokens: [Token]
  let doc: Document
  /// Per token: a hash of the first-pass rule that covers it (rule, type, kind, begin or
  /// inside), 0 when none.
  var ruleMark: [UInt64]
  /// Per token: a hash of the second-pass rule waiting on it, 0 when none.
  var pendingMark: [UInt64]
  /// Words the first pass typed somewhere in the article (their type's number).
  var docType: [String: UInt8] = [:]
  /// Words written capitalized somewhere other than at a sentence start.
  var capitalizedMid: Set<String> = []
  /// Last words of earlier names of two or more words that start with a given name.
  var surnames: Set<String> = []

  init(pass: RecognitionPass) {
    tokens = pass.tokens
    doc = pass.doc
    ruleMark = [UInt64](repeating: 0, count: tokens.count)
    pendingMark = [UInt64](repeating: 0, count: tokens.count)
    for f in pass.found {
      for k in f.tokens {
        var h = FeatureHash(200)
        h.text(f.rule)
        h.text(f.type.rawValue)
        h.text(f.kind.rawValue)
        h.byte(k == f.tokens.lowerBound ? 1 : 2)
        if ruleMark[k] == 0 { ruleMark[k] = h.h }
      }
      let t: UInt8 = f.type == .person ? 1 : f.type == .organization ? 2 : 3
      if f.kind == .name {
        for k in f.tokens where tokens[k].kind == .word && tokens[k].isCapitalized {
          if docType[tokens[k].text] == nil { docType[tokens[k].text] = t }
        }
      }
    }
    for p in pass.pending {
      for k in p.tokens {
        var h = FeatureHash(201)
        h.text(p.rule)
        h.byte(k == p.tokens.lowerBound ? 1 : 2)
        if pendingMark[k] == 0 { pendingMark[k] = h.h }
      }
    }
  }

  /// A token that may begin a name.
  @inline(__always) func isCandidate(_ t: Token) -> Bool {
    t.kind == .word && (t.isCapitalized || t.isAllCaps || t.has(.particlePrefix)) && !(t.has(.functionWord) && !t.isAllCaps)
  }

  /// A token that may join two capitalized words of one name.
  @inline(__always) func isJoiner(_ t: Token) -> Bool {
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
      guard isCandidate(tokens[i]) else { i += 1; continue }
      var j = i + 1
      while j < end {
        if isCandidate(tokens[j]) { j += 1; continue }
        // Up to two joiners, then a capitalized word.
        if isJoiner(tokens[j]) {
          if j + 1 < end, isCandidate(tokens[j + 1]) { j += 2; continue }
          if j + 2 < end, isJoiner(tokens[j + 1]), isCandidate(tokens[j + 2]) { j += 3; continue }
        }
        break
      }
      out.append(i..<j)
      i = j
    }
    return out
  }

  /// Collects the article-wide facts features read (capitalized words mid-sentence,
  /// surnames of earlier full names).
  mutating func collectHistory(_ zones: [(Range<Int>, Sentence)]) {
    for (z, s) in zones {
      for k in z where tokens[k].kind == .word && tokens[k].isCapitalized {
        if k > s.tokens.lowerBound, tokens[k - 1].kind == .word || tokens[k - 1].text == "," { capitalizedMid.insert(tokens[k].text) }
      }
      let words = z.filter { tokens[$0].kind == .word }
      if words.count >= 2, tokens[words[0]].has(.givenName), let last = words.last, tokens[last].isCapitalized {
        surnames.insert(tokens[last].text)
      }
    }
  }

  /// Shape of a word: X for upper case, x lower case, d digits, other scalars as they are;
  /// repeats collapsed ("Xx", "X.X.", "dd" for two or more digits become "d").
  static func shape(_ text: String, into h: inout FeatureHash) {
    var last: UInt8 = 0
    var n = 0
    for u in text.unicodeScalars {
      let c: UInt8
      let v = u.value
      if v < 128 {
        // ASCII without property lookups.
        c = v >= 65 && v <= 90 ? 88 : v >= 97 && v <= 122 ? 120 : v >= 48 && v <= 57 ? 100 : UInt8(v)
      } else if u.properties.isUppercase { c = 88 } else if u.properties.isLowercase { c = 120 } else { c = 111 }
      if c != last {
        h.byte(c)
        last = c
        n += 1
        if n > 6 { break }
      }
    }
  }

  /// The features of the token at `k` in a zone of sentence `s`.
  func features(_ k: Int, zone z: Range<Int>, sentence s: Sentence, headline: Bool) -> [UInt32] {
    var list = FeatureList()
    list.ids.reserveCapacity(48)
    features(k, zone: z, sentence: s, headline: headline, into: &list)
    return list.ids
  }

  /// The same, handed to a sink one by one (the tagger scores them as they come).
  func features<Sink: FeatureSink>(_ k: Int, zone z: Range<Int>, sentence s: Sentence, headline: Bool, into out: inout Sink) {
    let t = tokens[k]
    func add(_ h: FeatureHash) { out.add(h.id) }
    func word(_ tpl: UInt8, _ j: Int) {
      var h = FeatureHash(tpl)
      if j < s.tokens.lowerBound { h.text("<s>") } else if j >= s.tokens.upperBound { h.text("</s>") } else { h.text(tokens[j].lower) }
      add(h)
    }
    func shape(_ tpl: UInt8, _ j: Int) {
      var h = FeatureHash(tpl)
      if j < s.tokens.lowerBound || j >= s.tokens.upperBound { h.byte(0) } else { TaggerFeatures.shape(tokens[j].text, into: &h) }
      add(h)
    }
    func classes(_ tpl: UInt8, _ j: Int) {
      guard j >= s.tokens.lowerBound, j < s.tokens.upperBound else { return }
      let c = tokens[j].classes
      for (cls, n) in taggerClasses where c.contains(cls) {
        var h = FeatureHash(tpl)
        h.byte(n)
        add(h)
      }
    }
    add(FeatureHash(1))
    word(2, k)
    word(3, k - 1)
    word(4, k + 1)
    word(5, k - 2)
    word(6, k + 2)
    shape(7, k)
    shape(8, k - 1)
    shape(9, k + 1)
    classes(10, k)
    classes(11, k - 1)
    classes(12, k + 1)
    classes(13, k - 2)
    // Affixes.
    let lower = t.lower.unicodeScalars
    let length = t.length
    for n in 1...4 where length > n {
      var p = FeatureHash(14)
      p.int(n)
      for u in lower.prefix(n) { p.int(Int(u.value)) }
      add(p)
      var q = FeatureHash(15)
      q.int(n)
      for u in lower.suffix(n) { q.int(Int(u.value)) }
      add(q)
    }
    // Word and neighbour pairs.
    do {
      var h = FeatureHash(16)
      h.text(k > s.tokens.lowerBound ? tokens[k - 1].lower : "<s>")
      h.text(t.lower)
      add(h)
      var g = FeatureHash(17)
      g.text(t.lower)
      g.text(k + 1 < s.tokens.upperBound ? tokens[k + 1].lower : "</s>")
      add(g)
      var sh = FeatureHash(18)
      if k > s.tokens.lowerBound { TaggerFeatures.shape(tokens[k - 1].text, into: &sh) }
      sh.byte(0)
      TaggerFeatures.shape(t.text, into: &sh)
      add(sh)
    }
    // Place in the sentence and the zone.
    var pos = FeatureHash(19)
    pos.byte(k == s.tokens.lowerBound || tokens[s.tokens.lowerBound..<k].allSatisfy { $0.kind == .punctuation } ? 1 : 0)
    pos.byte(headline ? 1 : 0)
    add(pos)
    var zl = FeatureHash(20)
    zl.int(min(z.count, 6))
    zl.int(min(k - z.lowerBound, 4))
    zl.int(min(z.upperBound - 1 - k, 4))
    add(zl)
    // What the rules made of it and of its neighbours.
    for d in -1...1 {
      let j = k + d
      guard j >= 0, j < tokens.count else { continue }
      let tpl = UInt8(22 + d)
      var h = FeatureHash(tpl)
      h.int(Int(truncatingIfNeeded: ruleMark[j]))
      add(h)
      var p = FeatureHash(tpl &+ 10)
      p.int(Int(truncatingIfNeeded: pendingMark[j]))
      add(p)
    }
    do {
      var h = FeatureHash(24)
      h.int(Int(truncatingIfNeeded: ruleMark[k]))
      h.text(t.lower)
      add(h)
    }
    // The article's history of the word.
    if t.kind == .word, t.isCapitalized || t.isAllCaps {
      var h = FeatureHash(25)
      h.byte(docType[t.text] ?? 0)
      h.byte(capitalizedMid.contains(t.text) ? 1 : 0)
      h.byte(surnames.contains(t.text) ? 1 : 0)
      add(h)
    }
    // A title or role word right before the zone; a speech verb right after it.
    if z.lowerBound > s.tokens.lowerBound {
      var h = FeatureHash(26)
      let p = tokens[z.lowerBound - 1]
      h.byte(p.has(.roleLike) ? 1 : 0)
      h.byte(p.has(.honorific) ? 1 : 0)
      h.text(p.lower)
      add(h)
    }
    if z.upperBound < s.tokens.upperBound {
      var h = FeatureHash(27)
      h.text(tokens[z.upperBound].lower)
      add(h)
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

/// Feature ids scored as they come: their tag weights added to one token's row of scores.
struct EmissionSink: FeatureSink {
  let scorer: EmissionScorer
  var row: UnsafeMutablePointer<Float>
  @inline(__always) mutating func add(_ id: UInt32) { scorer.add(id, to: row) }
}

extension RecognitionPass {
  /// The tagger's view of the article after the first pass, and its zones with their sentences.
  func taggerContext() -> (TaggerFeatures, [(Range<Int>, Sentence)]) {
    var f = TaggerFeatures(pass: self)
    var all: [(Range<Int>, Sentence)] = []
    for s in doc.sentences where doc.paragraphs[s.paragraph].role != .banner && doc.paragraphs[s.paragraph].role != .dateline {
      for z in f.zones(in: s) { all.append((z, s)) }
    }
    f.collectHistory(all)
    return (f, all)
  }

  /// The tagger's zones of the article, with their features, after the first pass.
  func taggerZones() -> [TaggerZone] {
    let (f, all) = taggerContext()
    var out: [TaggerZone] = []
    out.reserveCapacity(all.count)
    for (z, s) in all {
      let headline = doc.paragraphs[s.paragraph].role != .body
      var features: [[UInt32]] = []
      features.reserveCapacity(z.count)
      var mayBegin: [Bool] = []
      for k in z {
        features.append(f.features(k, zone: z, sentence: s, headline: headline))
        mayBegin.append(f.isCandidate(tokens[k]))
      }
      out.append(TaggerZone(tokens: z, features: features, mayBegin: mayBegin))
    }
    return out
  }

  /// The zones that `wanted` accepts, each with its tokens' emission scores under `model`
  /// (features scored as they are made, never kept).
  func taggerEmissions(_ model: TaggerModel, where wanted: (Range<Int>) -> Bool) -> [(tokens: Range<Int>, emissions: [Float], mayBegin: [Bool])] {
    let (f, all) = taggerContext()
    let l = TagLabel.count
    var out: [(tokens: Range<Int>, emissions: [Float], mayBegin: [Bool])] = []
    model.withScorer { scorer in
      for (z, s) in all where wanted(z) {
        let headline = doc.paragraphs[s.paragraph].role != .body
        var e = [Float](repeating: 0, count: z.count * l)
        e.withUnsafeMutableBufferPointer { buf in
          for (i, k) in z.enumerated() {
            var sink = EmissionSink(scorer: scorer, row: buf.baseAddress! + i * l)
            f.features(k, zone: z, sentence: s, headline: headline, into: &sink)
          }
        }
        out.append((z, e, z.map { f.isCandidate(tokens[$0]) }))
      }
    }
    return out
  }
}
