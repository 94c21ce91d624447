import Foundation

/// The tags of the name tagger: outside, or the beginning or inside of a person, an
/// organization, a state or a place (places are tagged so that they are not read as the
/// other three; recognition leaves them out).
enum TagLabel: Int, CaseIterable, Sendable {
  case o, bPer, iPer, bOrg, iOrg, bSta, iSta, bPla, iPla

  static let count = TagLabel.allCases.count

  /// The name class: 0 none, 1 person, 2 organization, 3 state, 4 place.
  var nameClass: Int { (rawValue + 1) / 2 }
  var isBegin: Bool { rawValue % 2 == 1 }
  var isInside: Bool { rawValue != 0 && rawValue % 2 == 0 }

  static func begin(_ nameClass: Int) -> TagLabel { TagLabel(rawValue: nameClass * 2 - 1)! }
  static func inside(_ nameClass: Int) -> TagLabel { TagLabel(rawValue: nameClass * 2)! }

  /// Whether `self` may follow `previous` (an inside tag continues its own class only).
  func mayFollow(_ previous: TagLabel?) -> Bool {
    guard isInside else { return true }
    guard let p = previous else { return false }
    return p.nameClass == nameClass
  }
}

/// A span the tagger found: a token range and its name class (1 person, 2 organization,
/// 3 state, 4 place).
struct TaggedSpan: Hashable, Sendable {
  var tokens: Range<Int>
  var nameClass: Int
}

/// Adds features' tag weights to a row of scores, reading the model's tables in place.
struct EmissionScorer {
  let slots: UnsafeBufferPointer<UInt64>
  let weights: UnsafeBufferPointer<Float>
  let shift: UInt32

  @inline(__always) func add(_ id: UInt32, to scores: UnsafeMutablePointer<Float>) {
    let row = TaggerModel.row(id, in: slots, shift: shift)
    guard row >= 0 else { return }
    let l = TagLabel.count
    let w = weights.baseAddress! + Int(row) * l
    for k in 0..<l { scores[k] += w[k] }
  }
}

/// The weights of a linear-chain tagger: per feature, a weight for each tag, and a weight for
/// each pair of consecutive tags. Decoding is Viterbi over a zone of tokens.
///
/// Stored as a compact little-endian binary file: the magic `ENTG`, a version, the number of
/// tags and of features, the transition weights, then the features sorted by id, each with its
/// tag weights. The same weights always give the same bytes.
public struct TaggerModel: Sendable {
  static let magic: [UInt8] = Array("ENTG".utf8)
  static let version: UInt32 = 1

  /// Feature id → row in `weights`.
  var rows: [UInt32: Int32]
  /// The same as an open-addressing table, for lookups without hashing a dictionary key:
  /// each slot holds an id in its low 32 bits and its row in the high ones (all ones: empty),
  /// so that a probe reads one word.
  private var slots: [UInt64] = []
  private var shift: UInt32 = 32
  /// Row-major: `TagLabel.count` weights per feature.
  var weights: [Float]
  /// [previous tag + 1][tag]: row 0 is the start of a zone.
  var transitions: [Float]

  static let emptySlot = UInt64.max

  init(rows: [UInt32: Int32], weights: [Float], transitions: [Float]) {
    self.rows = rows
    self.weights = weights
    self.transitions = transitions
    var bits: UInt32 = 4
    while (1 << bits) < rows.count * 2 { bits += 1 }
    shift = 32 - bits
    slots = [UInt64](repeating: TaggerModel.emptySlot, count: 1 << bits)
    let mask = (1 << Int(bits)) - 1
    for (id, row) in rows.sorted(by: { $0.key < $1.key }) {
      var i = Int(TaggerModel.slot(id, shift))
      while slots[i] != TaggerModel.emptySlot { i = (i + 1) & mask }
      slots[i] = UInt64(id) | UInt64(UInt32(row)) << 32
    }
  }

  @inline(__always) static func slot(_ key: UInt32, _ shift: UInt32) -> UInt32 { (key &* 0x9E37_79B1) >> shift }

  /// The row of a feature id, or -1.
  @inline(__always) func row(_ id: UInt32) -> Int32 {
    slots.withUnsafeBufferPointer { TaggerModel.row(id, in: $0, shift: shift) }
  }

  @inline(__always) static func row(_ id: UInt32, in slots: UnsafeBufferPointer<UInt64>, shift: UInt32) -> Int32 {
    let mask = slots.count - 1
    var i = Int(slot(id, shift))
    while true {
      let v = slots[i]
      if v == emptySlot { return -1 }
      if UInt32(truncatingIfNeeded: v) == id { return Int32(truncatingIfNeeded: v >> 32) }
      i = (i + 1) & mask
    }
  }

  /// Runs `body` with a reader that adds a feature's tag weights to a row of scores.
  func withScorer<R>(_ body: (EmissionScorer) -> R) -> R {
    slots.withUnsafeBufferPointer { s in
      weights.withUnsafeBufferPointer { w in body(EmissionScorer(slots: s, weights: w, shift: shift)) }
    }
  }

  /// The number of features with weights.
  public var featureCount: Int { rows.count }

  /// Reads weights written by ``serialized()``.
  public init(data: Data, file: String) throws {
    let bytes = [UInt8](data)
    var at = 0
    func fail(_ why: String) -> EntenteError { EntenteError.badData(file: file, reason: why) }
    func u32() throws -> UInt32 {
      guard at + 4 <= bytes.count else { throw fail("tagger weights cut short") }
      let v = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
      at += 4
      return v
    }
    func f32() throws -> Float { Float(bitPattern: try u32()) }
    guard bytes.count >= 8, Array(bytes[0..<4]) == TaggerModel.magic else { throw fail("not tagger weights") }
    at = 4
    guard try u32() == TaggerModel.version else { throw fail("tagger weights of another version") }
    guard try u32() == UInt32(TagLabel.count) else { throw fail("tagger weights for other tags") }
    let n = Int(try u32())
    let l = TagLabel.count
    guard bytes.count == at + 4 * (l + 1) * l + n * 4 * (1 + l) else { throw fail("tagger weights of the wrong size") }
    var transitions: [Float] = []
    transitions.reserveCapacity((l + 1) * l)
    for _ in 0..<((l + 1) * l) { transitions.append(try f32()) }
    var rows: [UInt32: Int32] = [:]
    rows.reserveCapacity(n)
    var weights: [Float] = []
    weights.reserveCapacity(n * l)
    for i in 0..<n {
      rows[try u32()] = Int32(i)
      for _ in 0..<l { weights.append(try f32()) }
    }
    self.init(rows: rows, weights: weights, transitions: transitions)
  }

  /// The weights as bytes: features sorted by id, so the same weights give the same bytes.
  public func serialized() -> Data {
    var out: [UInt8] = TaggerModel.magic
    func put(_ v: UInt32) { out.append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]) }
    let l = TagLabel.count
    put(TaggerModel.version)
    put(UInt32(l))
    put(UInt32(rows.count))
    for w in transitions { put(w.bitPattern) }
    for (id, row) in rows.sorted(by: { $0.key < $1.key }) {
      put(id)
      for k in 0..<l { put(weights[Int(row) * l + k].bitPattern) }
    }
    return Data(out)
  }

  /// Adds each feature's tag weights to `scores` (one row of `TagLabel.count` per token).
  func emissions(_ features: [[UInt32]]) -> [Float] {
    let l = TagLabel.count
    var scores = [Float](repeating: 0, count: features.count * l)
    withScorer { scorer in
      scores.withUnsafeMutableBufferPointer { out in
        for (t, fs) in features.enumerated() {
          for f in fs { scorer.add(f, to: out.baseAddress! + t * l) }
        }
      }
    }
    return scores
  }

  /// The best tag sequence for a zone (Viterbi), given emission scores and which tokens may
  /// begin a name.
  static func decode(emissions e: [Float], count n: Int, transitions tr: [Float], mayBegin: [Bool]) -> [TagLabel] {
    let l = TagLabel.count
    guard n > 0 else { return [] }
    let labels = TagLabel.allCases
    var score = [Float](repeating: -.infinity, count: n * l)
    var back = [Int8](repeating: -1, count: n * l)
    for y in labels where y.mayFollow(nil) && (mayBegin[0] || !y.isBegin) {
      score[y.rawValue] = tr[y.rawValue] + e[y.rawValue]
    }
    if n > 1 {
      for t in 1..<n {
        for y in labels {
          if y.isBegin && !mayBegin[t] { continue }
          var best: Float = -.infinity, arg = -1
          for p in labels where y.mayFollow(p) {
            let s = score[(t - 1) * l + p.rawValue]
            if s == -.infinity { continue }
            let v = s + tr[(p.rawValue + 1) * l + y.rawValue]
            if v > best { best = v; arg = p.rawValue }
          }
          if arg >= 0 {
            score[t * l + y.rawValue] = best + e[t * l + y.rawValue]
            back[t * l + y.rawValue] = Int8(arg)
          }
        }
      }
    }
    var y = 0
    var best: Float = -.infinity
    for k in 0..<l where score[(n - 1) * l + k] > best {
      best = score[(n - 1) * l + k]
      y = k
    }
    var out = [TagLabel](repeating: .o, count: n)
    var t = n - 1
    while t >= 0 {
      out[t] = TagLabel(rawValue: y)!
      if t > 0 { y = Int(back[t * l + y]) }
      if y < 0 { y = 0 }
      t -= 1
    }
    return out
  }

  /// The score of a tagging: its transitions' and emissions' weights.
  static func score(_ tags: [TagLabel], emissions e: [Float], transitions tr: [Float]) -> Float {
    let l = TagLabel.count
    var total: Float = 0
    var prev = 0
    for (t, y) in tags.enumerated() {
      total += tr[prev * l + y.rawValue] + e[t * l + y.rawValue]
      prev = y.rawValue + 1
    }
    return total
  }

  /// Tags a zone.
  func tag(_ zone: TaggerZone) -> [TagLabel] {
    TaggerModel.decode(emissions: emissions(zone.features), count: zone.features.count, transitions: transitions, mayBegin: zone.mayBegin)
  }

  /// Spans of tags (token offsets added to `first`).
  static func spans(_ tags: [TagLabel], first: Int) -> [TaggedSpan] {
    var out: [TaggedSpan] = []
    var start = -1, cls = 0
    for (i, t) in tags.enumerated() {
      if t.isInside, start >= 0, t.nameClass == cls { continue }
      if start >= 0 { out.append(TaggedSpan(tokens: (first + start)..<(first + i), nameClass: cls)) }
      start = -1
      if t != .o {
        start = i
        cls = t.nameClass
      }
    }
    if start >= 0 { out.append(TaggedSpan(tokens: (first + start)..<(first + tags.count), nameClass: cls)) }
    return out
  }
}

extension TaggerModel {
  /// The weights an option names: nil or `none` for none (the rules alone), else a file.
  public static func load(option: String?) throws -> TaggerModel? {
    guard let path = option, path != "none" else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else { throw EntenteError.badData(file: path, reason: "unreadable tagger weights") }
    return try TaggerModel(data: data, file: path)
  }
}
