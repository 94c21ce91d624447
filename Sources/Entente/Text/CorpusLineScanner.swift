/// A fast reader for the usual corpus line: one flat JSON object whose values are strings,
/// numbers, booleans or null. It returns the fields Entente reads, or nil for anything else
/// (nested values, a duplicate field, a value of the wrong type, bad JSON or bad UTF-8), and
/// the caller then decodes the line with `JSONDecoder`, which also words the error. So a
/// line means the same whichever path reads it.
struct CorpusLineScanner {
  typealias Fields = CorpusRecord.Fields

  private let b: UnsafeBufferPointer<UInt8>
  private var i: Int

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    b = bytes
    i = 0
  }

  static func fields(_ line: ArraySlice<UInt8>) -> Fields? {
    line.withUnsafeBufferPointer { buffer in
      var scanner = CorpusLineScanner(buffer)
      return scanner.object()
    }
  }

  private enum Value {
    case string(String)
    case integer(String)
    case other  // another number, a boolean
    case null
  }

  private mutating func skipSpace() {
    while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
  }

  private mutating func object() -> Fields? {
    skipSpace()
    guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
    i += 1
    var id: String? = nil, text: String? = nil
    var title: String?? = nil, date: String?? = nil, source: String?? = nil, url: String?? = nil
    var first = true
    while true {
      skipSpace()
      guard i < b.count else { return nil }
      if b[i] == UInt8(ascii: "}") {
        i += 1
        break
      }
      if !first {
        guard b[i] == UInt8(ascii: ",") else { return nil }
        i += 1
        skipSpace()
      }
      first = false
      guard let key = string() else { return nil }
      skipSpace()
      guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
      i += 1
      skipSpace()
      guard let value = value() else { return nil }
      func optional(_ slot: inout String??) -> Bool {
        guard slot == nil else { return false }  // a duplicate field
        switch value {
        case .string(let s): slot = .some(s)
        case .null: slot = .some(nil)
        default: return false
        }
        return true
      }
      switch key {
      case "id":
        guard id == nil else { return nil }
        switch value {
        case .string(let s), .integer(let s): id = s
        default: return nil
        }
      case "text":
        guard text == nil, case .string(let s) = value else { return nil }
        text = s
      case "title": guard optional(&title) else { return nil }
      case "date": guard optional(&date) else { return nil }
      case "source": guard optional(&source) else { return nil }
      case "url": guard optional(&url) else { return nil }
      default: break
      }
    }
    skipSpace()
    guard i == b.count, let id, !id.isEmpty, let text else { return nil }
    return Fields(id: id, text: text, title: title ?? nil, date: date ?? nil, source: source ?? nil, url: url ?? nil)
  }

  private mutating func value() -> Value? {
    guard i < b.count else { return nil }
    switch b[i] {
    case UInt8(ascii: "\""):
      return string().map(Value.string)
    case UInt8(ascii: "n"):
      return literal("null") ? .null : nil
    case UInt8(ascii: "t"):
      return literal("true") ? .other : nil
    case UInt8(ascii: "f"):
      return literal("false") ? .other : nil
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let start = i
      if b[i] == UInt8(ascii: "-") { i += 1 }
      let digits = i
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
      guard i > digits else { return nil }
      if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
        return nil  // a fraction or an exponent: left to JSONDecoder
      }
      // A plain integer in Int's range, without leading zeros.
      guard i - digits <= 18, !(b[digits] == 0x30 && i - digits > 1) else { return nil }
      guard let n = Int(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) else { return nil }
      return .integer(String(n))
    default:
      return nil  // an object, an array or bad JSON
    }
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= b.count else { return false }
    for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
    i += n
    return true
  }

  /// A JSON string at `i` (its opening quote), unescaped; nil when malformed or not UTF-8.
  private mutating func string() -> String? {
    guard i < b.count, b[i] == UInt8(ascii: "\""), let base = b.baseAddress else { return nil }
    i += 1
    let n = b.count
    /// The end of the run of plain bytes from `j`: a quote, a backslash, a control byte or the end.
    func runEnd(_ j: Int) -> Int {
      var j = j
      // Eight bytes at a time while none is a quote, a backslash or a control byte (the
      // tests flag any such byte, and sometimes a later one: the byte loop then finds it).
      let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
      while j &+ 8 <= n {
        let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
        let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- 0x2020_2020_2020_2020) & ~w)
        if found & highs != 0 { break }
        j &+= 8
      }
      while j < n {
        let c = base[j]
        if c == 0x22 || c == 0x5C || c < 0x20 { break }
        j &+= 1
      }
      return j
    }
    var start = i
    var end = runEnd(start)
    guard end < n, base[end] >= 0x20 else { return nil }
    if base[end] == 0x22 {  // the common case: no escapes
      i = end + 1
      return CorpusLineScanner.validString(UnsafeBufferPointer(start: base + start, count: end - start))
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(end - start + 64)
    while true {
      bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
      guard end < n else { return nil }
      let c = base[end]
      if c == 0x22 {
        i = end + 1
        return bytes.withUnsafeBufferPointer { CorpusLineScanner.validString($0) }
      }
      if c < 0x20 { return nil }
      // A backslash escape.
      guard end + 1 < n else { return nil }
      let e = base[end + 1]
      i = end + 2
      switch e {
      case UInt8(ascii: "\""): bytes.append(0x22)
      case UInt8(ascii: "\\"): bytes.append(0x5C)
      case UInt8(ascii: "/"): bytes.append(0x2F)
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "u"):
        guard var v = hex4() else { return nil }
        if v >= 0xD800, v < 0xDC00 {
          // A surrogate pair: \uD83D\uDE00.
          guard i + 1 < n, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") else { return nil }
          i += 2
          guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
          v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
        } else if v >= 0xDC00, v < 0xE000 {
          return nil  // a lone low surrogate
        }
        guard let scalar = Unicode.Scalar(v) else { return nil }
        UTF8.encode(scalar) { bytes.append($0) }
      default:
        return nil
      }
      start = i
      end = runEnd(start)
    }
  }

  /// The bytes as a string if they are valid UTF-8 (ASCII, the usual case, checked a word at
  /// a time).
  static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard let base = bytes.baseAddress else { return "" }
    let raw = UnsafeRawPointer(base)
    var i = 0
    var high: UInt64 = 0
    while i + 8 <= bytes.count {
      high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i += 8
    }
    while i < bytes.count {
      high |= UInt64(bytes[i])
      i += 1
    }
    if high & 0x8080_8080_8080_8080 == 0 { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  private mutating func hex4() -> UInt32? {
    guard i + 4 <= b.count else { return nil }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = b[i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: return nil
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }
}
