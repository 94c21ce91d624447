import Foundation

/// A memo of the words a thread has tokenized: for a short ASCII word, its text, its
/// lower-case form and (with a lexicon) its word classes, so that a word seen before costs
/// neither a new string nor a lexicon lookup.
///
/// Direct-mapped and keyed by the word's bytes themselves (up to 16), so a hit is exact; a
/// miss overwrites the slot. Each thread has its own (``current(for:)``): nothing is shared,
/// and what the cache holds changes speed only, never output.
final class TokenCache {
  struct Slot {
    var k0: UInt64 = 0
    var k1: UInt64 = 0
    /// Length in bytes; 0: empty.
    var length: Int = 0
    var text: String = ""
    var lower: String = ""
    var classes: WordClass = []
    var gazetteerNode: Int32 = -1
    var titleNode: Int32 = -1
  }

  static let capacity = 1 << 14
  private var slots = [Slot](repeating: Slot(), count: TokenCache.capacity)
  /// The gazetteer whose lexicon fills in classes (nil: none).
  let gazetteer: Gazetteer?

  init(gazetteer: Gazetteer?) {
    self.gazetteer = gazetteer
  }

  private static let key = "entente.TokenCache"

  /// This thread's cache for a gazetteer (or for none).
  static func current(for gazetteer: Gazetteer?) -> TokenCache {
    let dict = Thread.current.threadDictionary
    if let c = dict[key] as? TokenCache, c.gazetteer === gazetteer { return c }
    let c = TokenCache(gazetteer: gazetteer)
    dict[key] = c
    return c
  }

  /// The token for scalars `s[start..<end]`, an ASCII word or mark of at most 16 bytes; nil
  /// when the text is longer or not ASCII (the caller builds it then).
  @inline(__always)
  func lookup(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, hasUpper: Bool) -> Slot? {
    let n = end - start
    guard n <= 16 else { return nil }
    var k0: UInt64 = 0, k1: UInt64 = 0
    var i = start
    while i < end {
      let v = s[i].value
      if v >= 0x80 { return nil }
      let shift = UInt64((i - start) & 7) * 8
      if i - start < 8 { k0 |= UInt64(v) << shift } else { k1 |= UInt64(v) << shift }
      i += 1
    }
    var h = (k0 &* 0x9E37_79B9_7F4A_7C15) ^ (k1 &+ UInt64(n)) &* 0xC2B2_AE3D_27D4_EB4F
    h ^= h >> 29
    let index = Int(truncatingIfNeeded: h) & (TokenCache.capacity - 1)
    return slots.withUnsafeMutableBufferPointer { slots in
      if slots[index].length == n, slots[index].k0 == k0, slots[index].k1 == k1 { return slots[index] }
      var slot = Slot(k0: k0, k1: k1, length: n)
      slot.text = ScalarText.string(UnsafeBufferPointer(rebasing: s[start..<end]))
      slot.lower = hasUpper ? ScalarText.string(UnsafeBufferPointer(rebasing: s[start..<end]), lowercased: true) : slot.text
      if let g = gazetteer {
        let info = g.lexicon.info(text: slot.text, lower: slot.lower)
        slot.classes = info.classes
        slot.gazetteerNode = info.gazetteerNode
        slot.titleNode = info.titleNode
      }
      slots[index] = slot
      return slot
    }
  }
}
