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

/// Adds features' tag weights to a row of integer scores, reading the model's table in place.
///
/// The table is buckets of one 64-byte cache line each: four 16-byte slots, each a feature's
/// nine quantized weights (bytes 0–8, then three zero bytes) and its id (bytes 12–15). A
/// feature sits in the bucket its id's top bits name, or, when that bucket was full, in the
/// first one after it with room; a bucket's slots fill in order, so a bucket whose last slot
/// is empty ends the search. Most features are found by reading one line and comparing four
/// ids at once, without a chain of probes to predict. Before any bucket is read, a bit array
/// (`filter`, small enough to stay in cache) says of most unknown features that the model
/// does not have them.
struct EmissionScorer {
  /// `mask + 1` buckets of 64 bytes, 64-byte aligned.
  let table: UnsafeRawPointer
  let mask: Int
  let shift: UInt32
  /// One bit per value of an id's low `filterBits` bits: set when a feature of the model has it.
  let filter: UnsafePointer<UInt64>
  let filterMask: UInt32

  @inline(__always) func mayHave(_ id: UInt32) -> Bool {
    let b = id & filterMask
    return filter[Int(b >> 6)] & (1 << UInt64(b & 63)) != 0
  }

  /// The id in slot `s` of the bucket at byte offset `at`.
  @inline(__always) func slotID(_ at: Int, _ s: Int) -> UInt32 { table.load(fromByteOffset: at &+ s &* 16 &+ 12, as: UInt32.self) }

  /// Adds the weights of a batch of features to `scores`. Features the filter rules out are
  /// dropped first; the buckets of the rest are read in one pass before any is compared,
  /// so that their memory reads overlap instead of waiting on one another. Nine tags: a
  /// sum for each.
  func add(_ batch: UnsafeMutableBufferPointer<UInt32>, to scores: UnsafeMutablePointer<Int32>) {
    // Without a branch on each feature (whether the model has it is no pattern to predict).
    var n = 0
    for j in batch.indices {
      let id = batch[j]
      batch[n] = id
      n &+= mayHave(id) ? 1 : 0
    }
    guard n > 0 else { return }
    var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0, s4: Int32 = 0, s5: Int32 = 0, s6: Int32 = 0, s7: Int32 = 0
    var s8: Int32 = 0
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n) { last in
      // The ids in the last slots of the features' buckets, read back to back.
      for j in 0..<n { last[j] = slotID(Int(batch[j] >> shift) &* 64, 3) }
      for j in 0..<n {
        let id = batch[j]
        var b = Int(id >> shift)
        var u3 = last[j]
        var at = -1
        while true {
          let line = b &* 64
          let m = (slotID(line, 0) == id ? 1 : 0) | (slotID(line, 1) == id ? 2 : 0) | (slotID(line, 2) == id ? 4 : 0) | (u3 == id ? 8 : 0)
          if m != 0 {
            at = line &+ m.trailingZeroBitCount &* 16
            break
          }
          if u3 == 0 { break }
          b = (b &+ 1) & mask
          u3 = slotID(b &* 64, 3)
        }
        guard at >= 0 else { continue }
        @inline(__always) func w(_ k: Int) -> Int32 { Int32(table.load(fromByteOffset: at &+ k, as: Int8.self)) }
        s0 &+= w(0)
        s1 &+= w(1)
        s2 &+= w(2)
        s3 &+= w(3)
        s4 &+= w(4)
        s5 &+= w(5)
        s6 &+= w(6)
        s7 &+= w(7)
        s8 &+= w(8)
      }
    }
    scores[0] &+= s0
    scores[1] &+= s1
    scores[2] &+= s2
    scores[3] &+= s3
    scores[4] &+= s4
    scores[5] &+= s5
    scores[6] &+= s6
    scores[7] &+= s7
    scores[8] &+= s8
  }
}

/// Cache-line-aligned memory that lives as long as the weights that own it.
final class AlignedBytes: @unchecked Sendable {
  let base: UnsafeMutableRawPointer
  init(count: Int) {
    base = .allocate(byteCount: count, alignment: 64)
    base.initializeMemory(as: UInt8.self, repeating: 0, count: count)
  }
  deinit { base.deallocate() }
}

/// The weights of a linear-chain tagger: per feature, a weight for each tag, and a weight for
/// each pair of consecutive tags. Decoding is Viterbi over a zone of tokens.
///
/// Feature weights are quantized to one signed byte each (times `scale`), so that a feature's
/// weights are 9 bytes and scores add up as integers. In memory they sit in a table of
/// cache-line buckets keyed by feature id (ids are hashes already: a bucket is an id's top
/// bits), a feature's id and weights in one 16-byte slot, behind a bit array of ids that turns
/// most features the model does not know away before any bucket is read (see `EmissionScorer`).
///
/// Stored as a compact little-endian binary file: the magic `ENTG`, a version, the number of
/// tags and of features, the scale, the transition weights, the feature ids in ascending
/// order, then their tag weights in the same order. The same weights always give the same
/// bytes.
public struct TaggerModel: Sendable {
  static let magic: [UInt8] = Array("ENTG".utf8)
  static let version: UInt32 = 2

  /// Feature ids in ascending order (never 0).
  let ids: [UInt32]
  /// Row-major, in the order of `ids`: `TagLabel.count` quantized weights per feature.
  let rowWeights: [Int8]
  /// The weight one unit of a quantized weight stands for.
  let scale: Float
  /// [previous tag + 1][tag]: row 0 is the start of a zone.
  let transitions: [Float]
  /// The table of 64-byte buckets (see `EmissionScorer`) and its filter; never written
  /// once made.
  private let table: AlignedBytes
  private let buckets: Int
  private let shift: UInt32
  private let filter: [UInt64]
  static let filterBits: UInt32 = 19

  /// A model of quantized weights (`ids` ascending, none 0).
  init(ids: [UInt32], rowWeights: [Int8], scale: Float, transitions: [Float]) {
    self.ids = ids
    self.rowWeights = rowWeights
    self.scale = scale
    self.transitions = transitions
    let l = TagLabel.count
    // At most 85% of the slots taken: the filter keeps most unknown features from probing,
    // and the denser the table, the more of it stays in cache.
    var bits: UInt32 = 2
    while (4 << bits) * 17 < ids.count * 20 { bits += 1 }
    shift = 32 - bits
    buckets = 1 << Int(bits)
    table = AlignedBytes(count: buckets * 64)
    var bloom = [UInt64](repeating: 0, count: 1 << (TaggerModel.filterBits - 6))
    let mask = buckets - 1
    let t = table.base
    for (r, id) in ids.enumerated() {
      // The bucket's first empty slot, or the next bucket's.
      var b = Int(id >> shift)
      var at = -1
      while at < 0 {
        for s in 0..<4 where t.load(fromByteOffset: b * 64 + s * 16 + 12, as: UInt32.self) == 0 {
          at = b * 64 + s * 16
          break
        }
        b = (b + 1) & mask
      }
      for k in 0..<l { t.storeBytes(of: rowWeights[r * l + k], toByteOffset: at + k, as: Int8.self) }
      t.storeBytes(of: id, toByteOffset: at + 12, as: UInt32.self)
      let f = id & ((1 << TaggerModel.filterBits) - 1)
      bloom[Int(f >> 6)] |= 1 << UInt64(f & 63)
    }
    filter = bloom
  }

  /// A model of weights as training leaves them (row-major, in the order of `ids`),
  /// quantized: the largest weight in magnitude becomes ±127.
  init(ids: [UInt32], weights: [Float], transitions: [Float]) {
    let top = weights.reduce(Float(0)) { max($0, abs($1)) }
    let scale = top > 0 ? top / 127 : 1
    let q = weights.map { Int8(max(-127, min(127, ($0 / scale).rounded()))) }
    self.init(ids: ids, rowWeights: q, scale: scale, transitions: transitions)
  }

  /// Runs `body` with a reader that adds a feature's tag weights to a row of scores.
  func withScorer<R>(_ body: (EmissionScorer) -> R) -> R {
    withExtendedLifetime(table) {
      filter.withUnsafeBufferPointer { f in
        body(
          EmissionScorer(
            table: UnsafeRawPointer(table.base), mask: buckets - 1, shift: shift, filter: f.baseAddress!,
            filterMask: (1 << TaggerModel.filterBits) - 1))
      }
    }
  }

  /// The number of features with weights.
  public var featureCount: Int { ids.count }

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
    guard try u32() == TaggerModel.version else { throw fail("tagger weights of another version (train them again)") }
    guard try u32() == UInt32(TagLabel.count) else { throw fail("tagger weights for other tags") }
    let n = Int(try u32())
    let l = TagLabel.count
    guard bytes.count == at + 4 + 4 * (l + 1) * l + n * (4 + l) else { throw fail("tagger weights of the wrong size") }
    let scale = try f32()
    guard scale.isFinite, scale > 0 else { throw fail("tagger weights with a bad scale") }
    var transitions: [Float] = []
    transitions.reserveCapacity((l + 1) * l)
    for _ in 0..<((l + 1) * l) { transitions.append(try f32()) }
    var ids: [UInt32] = []
    ids.reserveCapacity(n)
    for _ in 0..<n {
      let id = try u32()
      guard id > (ids.last ?? 0) else { throw fail("tagger weights with features out of order") }
      ids.append(id)
    }
    let rowWeights = bytes[at...].map { Int8(bitPattern: $0) }
    self.init(ids: ids, rowWeights: rowWeights, scale: scale, transitions: transitions)
  }

  /// The weights as bytes: features in ascending order of id, so the same weights give the
  /// same bytes.
  public func serialized() -> Data {
    var out: [UInt8] = TaggerModel.magic
    func put(_ v: UInt32) { out.append(contentsOf: [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]) }
    let l = TagLabel.count
    out.reserveCapacity(20 + 4 * (l + 1) * l + ids.count * (4 + l))
    put(TaggerModel.version)
    put(UInt32(l))
    put(UInt32(ids.count))
    put(scale.bitPattern)
    for w in transitions { put(w.bitPattern) }
    for id in ids { put(id) }
    out.append(contentsOf: rowWeights.map { UInt8(bitPattern: $0) })
    return Data(out)
  }

  /// Adds each feature's tag weights to `scores` (one row of `TagLabel.count` per token).
  func emissions(_ features: [[UInt32]]) -> [Float] {
    let l = TagLabel.count
    var sums = [Int32](repeating: 0, count: features.count * l)
    var batch: [UInt32] = []
    withScorer { scorer in
      sums.withUnsafeMutableBufferPointer { out in
        for (t, fs) in features.enumerated() {
          batch = fs
          batch.withUnsafeMutableBufferPointer { scorer.add($0, to: out.baseAddress! + t * l) }
        }
      }
    }
    return sums.map { Float($0) * scale }
  }

  /// Whether tag `y` may follow tag `p` (`follows[p * count + y]`), and begin a zone.
  static let follows: [Bool] = TagLabel.allCases.flatMap { p in TagLabel.allCases.map { $0.mayFollow(p) } }
  static let starts: [Bool] = TagLabel.allCases.map { $0.mayFollow(nil) }
  static let begins: [Bool] = TagLabel.allCases.map(\.isBegin)

  /// The best tag sequence for a zone (Viterbi), given emission scores and which tokens may
  /// begin a name. Of equal scores, the lower previous tag wins.
  static func decode(emissions e: [Float], count n: Int, transitions tr: [Float], mayBegin: [Bool]) -> [TagLabel] {
    let l = TagLabel.count
    guard n > 0 else { return [] }
    // Scores and back pointers in scratch memory (no arrays made per zone but the result).
    return withUnsafeTemporaryAllocation(of: Float.self, capacity: n * l) { score in
      withUnsafeTemporaryAllocation(of: Int8.self, capacity: n * l) { back in
        score.initialize(repeating: -.infinity)
        back.initialize(repeating: -1)
        follows.withUnsafeBufferPointer { follows in
          begins.withUnsafeBufferPointer { begins in
            e.withUnsafeBufferPointer { e in
              tr.withUnsafeBufferPointer { tr in
                for y in 0..<l where starts[y] && (mayBegin[0] || !begins[y]) { score[y] = tr[y] + e[y] }
                var t = 1
                while t < n {
                  let prev = (t - 1) * l, here = t * l
                  for y in 0..<l {
                    if begins[y] && !mayBegin[t] { continue }
                    // Without branches on the scores (a previous tag at -infinity never
                    // wins: its sum stays -infinity).
                    var best: Float = -.infinity, arg = -1
                    for p in 0..<l where follows[p * l + y] {
                      let v = score[prev + p] + tr[(p + 1) * l + y]
                      let better = v > best
                      best = better ? v : best
                      arg = better ? p : arg
                    }
                    if arg >= 0 {
                      score[here + y] = best + e[here + y]
                      back[here + y] = Int8(arg)
                    }
                  }
                  t += 1
                }
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
    }
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
  /// The file of the bundled weights among the package's resources (`scripts/train` makes it).
  public static let bundledFile = "tagger.bin"

  /// The bundled weights, loaded once. A broken installation (the file missing) stops the
  /// program; call ``loadBundled()`` first to report that as an error instead.
  public static var bundled: TaggerModel {
    switch bundledResult {
    case .success(let m): return m
    case .failure(let e): fatalError("Entente's bundled tagger weights are unreadable: \(e)")
    }
  }

  /// The bundled weights, or why they could not be read.
  public static let bundledResult: Result<TaggerModel, any Error> = Result {
    let path = Gazetteer.resourceDirectory.appendingPathComponent(bundledFile).path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw EntenteError.badData(file: path, reason: "missing data file (a broken installation?)")
    }
    return try TaggerModel(data: data, file: path)
  }

  /// Loads the bundled weights, throwing when they are missing or malformed.
  public static func loadBundled() throws -> TaggerModel { try bundledResult.get() }

  /// The weights an option names: nil or `none` for none (the rules alone), `bundled` for
  /// the bundled ones, else a file.
  public static func load(option: String?) throws -> TaggerModel? {
    guard let path = option, path != "none" else { return nil }
    if path == "bundled" { return try loadBundled() }
    guard let data = FileManager.default.contents(atPath: path) else { throw EntenteError.badData(file: path, reason: "unreadable tagger weights") }
    return try TaggerModel(data: data, file: path)
  }
}
