#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A memo of the words a thread has tokenized: for a short ASCII word, its text, its
/// lower-case form and (with a lexicon) its word classes, so that a word seen before costs
/// neither a new string nor a lexicon lookup.
///
/// Two-way set-associative and keyed by the word's bytes themselves (up to 16), so a hit is
/// exact; a miss evicts the less recently used word of the pair. Each thread has its own
/// (``current(for:)``): nothing is shared, and what the cache holds changes speed only,
/// never output.
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

  static let capacityBits = 14
  static let capacity = 1 << capacityBits
  private let slots: UnsafeMutablePointer<Slot>
  /// The gazetteer whose lexicon fills in classes (nil: none).
  let gazetteer: Gazetteer?

  init(gazetteer: Gazetteer?) {
    self.gazetteer = gazetteer
    slots = .allocate(capacity: TokenCache.capacity)
    slots.initialize(repeating: Slot(), count: TokenCache.capacity)
  }

  deinit {
    slots.deinitialize(count: TokenCache.capacity)
    slots.deallocate()
  }

  /// This thread's cache for a gazetteer (or for none).
  static func current(for gazetteer: Gazetteer?) -> TokenCache {
    if let raw = pthread_getspecific(threadKey) {
      let c = Unmanaged<TokenCache>.fromOpaque(raw).takeUnretainedValue()
      if c.gazetteer === gazetteer { return c }
      Unmanaged<TokenCache>.fromOpaque(raw).release()
    }
    let c = TokenCache(gazetteer: gazetteer)
    pthread_setspecific(threadKey, Unmanaged.passRetained(c).toOpaque())
    return c
  }

  /// The thread-local slot; a thread's cache is released when the thread ends.
  private static let threadKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in if let raw { Unmanaged<TokenCache>.fromOpaque(raw).release() } }
    return key
  }()

  /// Scalars `s[start..<end]` (at most eight) as the bytes of a word, or nil when one is not
  /// ASCII.
  @inline(__always)
  static func packed(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> UInt64? {
    var k: UInt64 = 0, shift: UInt64 = 0
    var i = start
    while i < end {
      let v = s[i].value
      if v >= 0x80 { return nil }
      k |= UInt64(truncatingIfNeeded: v) &<< shift
      shift &+= 8
      i &+= 1
    }
    return k
  }

  /// The token for scalars `s[start..<end]` when it is an ASCII word or mark of at most 16
  /// bytes (nil otherwise: the caller builds it then).
  @inline(__always)
  func token(
    _ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, kind: Token.Kind, isCapitalized: Bool, isAllCaps: Bool,
    hasUpper: Bool
  ) -> Token? {
    let n = end - start
    guard n <= 16 else { return nil }
    // The bytes, eight to a word (a scalar of 0x80 or more: not cached).
    let middle = min(end, start &+ 8)
    guard let k0 = TokenCache.packed(s, start, middle), let k1 = TokenCache.packed(s, middle, end) else { return nil }
    // Multiplicative hashing: the top bits of the products depend on every byte.
    let h = (k0 &* 0x9E37_79B9_7F4A_7C15) ^ ((k1 &+ UInt64(n)) &* 0xC2B2_AE3D_27D4_EB4F)
    // Two ways: a word goes to the first slot of its pair, the one it displaces to the second
    // (a hit there swaps them back), so two frequent words that share a pair both stay.
    let slot = slots + (Int(truncatingIfNeeded: h >> UInt64(64 - TokenCache.capacityBits)) & ~1)
    let other = slot + 1
    if !(slot.pointee.length == n && slot.pointee.k0 == k0 && slot.pointee.k1 == k1) {
      if other.pointee.length == n && other.pointee.k0 == k0 && other.pointee.k1 == k1 {
        swap(&slot.pointee, &other.pointee)
        return Token(
          start: start, end: end, text: slot.pointee.text, lower: slot.pointee.lower, kind: kind, isCapitalized: isCapitalized,
          isAllCaps: isAllCaps, classes: slot.pointee.classes, gazetteerNode: slot.pointee.gazetteerNode, titleNode: slot.pointee.titleNode)
      }
      swap(&slot.pointee, &other.pointee)
      var t = Token(
        start: start, end: end, scalars: UnsafeBufferPointer(rebasing: s[start..<end]), kind: kind, isCapitalized: isCapitalized,
        isAllCaps: isAllCaps, hasUpper: hasUpper)
      gazetteer?.lexicon.classify(&t)
      slot.pointee = Slot(
        k0: k0, k1: k1, length: n, text: t.text, lower: t.lower, classes: t.classes, gazetteerNode: t.gazetteerNode, titleNode: t.titleNode)
      return t
    }
    return Token(
      start: start, end: end, text: slot.pointee.text, lower: slot.pointee.lower, kind: kind, isCapitalized: isCapitalized,
      isAllCaps: isAllCaps, classes: slot.pointee.classes, gazetteerNode: slot.pointee.gazetteerNode, titleNode: slot.pointee.titleNode)
  }
}
