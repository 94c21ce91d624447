/// An article's text as an array of Unicode scalars: O(1) offsets, cheap slicing.
///
/// Every later stage (segmenter, tokenizer, recognizer, quotes) works on integer offsets
/// into this array, so spans are exact scalar offsets without index conversions.
public struct ScalarText: Sendable {
  public let scalars: [Unicode.Scalar]

  public init(_ text: String) {
    var text = text
    scalars = text.withUTF8 { utf8 in
      // A String's UTF-8 is valid: decode it without checks (one scalar a lead byte).
      [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { out, count in
        guard let src = utf8.baseAddress, let dst = out.baseAddress else {
          count = 0
          return
        }
        dst.withMemoryRebound(to: UInt32.self, capacity: utf8.count) { dst in
          let n = utf8.count
          var i = 0, k = 0
          while i < n {
            let b = UInt32(src[i])
            if b < 0x80 {
              dst[k] = b
              i &+= 1
            } else if b < 0xE0 {
              dst[k] = (b & 0x1F) << 6 | UInt32(src[i &+ 1] & 0x3F)
              i &+= 2
            } else if b < 0xF0 {
              dst[k] = (b & 0x0F) << 12 | UInt32(src[i &+ 1] & 0x3F) << 6 | UInt32(src[i &+ 2] & 0x3F)
              i &+= 3
            } else {
              dst[k] = (b & 0x07) << 18 | UInt32(src[i &+ 1] & 0x3F) << 12 | UInt32(src[i &+ 2] & 0x3F) << 6 | UInt32(src[i &+ 3] & 0x3F)
              i &+= 4
            }
            k &+= 1
          }
          count = k
        }
      }
    }
  }

  public var count: Int { scalars.count }

  @inline(__always) public subscript(_ i: Int) -> Unicode.Scalar { scalars[i] }

  /// The text of a span.
  public func string(_ span: TextSpan) -> String {
    let lo = max(0, min(span.start, count)), hi = max(lo, min(span.end, count))
    return ScalarText.string(scalars[lo..<hi])
  }

  /// A string from scalars, encoded to UTF-8 directly (lower-cased when asked: ASCII byte by
  /// byte, other text by the standard library).
  static func string<C: Collection<Unicode.Scalar>>(_ slice: C, lowercased: Bool = false) -> String {
    var bytes = 0
    var ascii = true
    for c in slice {
      let v = c.value
      bytes += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
      if v >= 0x80 { ascii = false }
    }
    if ascii {
      // Narrowed to bytes, then made a string through the standard library's ASCII path
      // (no UTF-8 validation needed).
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes)) { buffer in
        var k = 0
        for c in slice {
          var b = UInt8(truncatingIfNeeded: c.value)
          if lowercased, b >= 0x41, b <= 0x5A { b += 0x20 }
          buffer[k] = b
          k += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<k]), as: UTF8.self)
      }
    }
    let s = String(unsafeUninitializedCapacity: bytes) { buffer in
      var k = 0
      for c in slice {
        UTF8.encode(c) { b in
          buffer[k] = b
          k += 1
        }
      }
      return k
    }
    return lowercased ? s.lowercased() : s
  }

  public func string(_ start: Int, _ end: Int) -> String { string(TextSpan(start, end)) }

  /// The span with surrounding white space removed.
  public func trimmed(_ span: TextSpan) -> TextSpan {
    var s = span.start, e = span.end
    while s < e, scalars[s].isSpace { s += 1 }
    while e > s, scalars[e - 1].isSpace { e -= 1 }
    return TextSpan(s, e)
  }
}

extension Unicode.Scalar {
  /// White space (Unicode's White_Space property), with a quick answer for ASCII.
  @inline(__always) var isSpace: Bool {
    switch value {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0: return true
    case 0..<0x80: return false
    default: return Unicode.Scalar.isWhitespace(self)
    }
  }

  @inline(__always) var isNewline: Bool { value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029 }

  @inline(__always) var isLetter: Bool {
    switch value {
    case 0x41...0x5A, 0x61...0x7A: return true
    case 0..<0x80: return false
    default: return Unicode.Scalar.isAlphabetic(self)
    }
  }

  @inline(__always) var isDigit: Bool { value >= 0x30 && value <= 0x39 }

  @inline(__always) var isUpper: Bool {
    switch value {
    case 0x41...0x5A: return true
    case 0..<0x80: return false
    default: return Unicode.Scalar.isUppercase(self)
    }
  }

  @inline(__always) var isLower: Bool {
    switch value {
    case 0x61...0x7A: return true
    case 0..<0x80: return false
    default: return Unicode.Scalar.isLowercase(self)
    }
  }

  // Unicode's properties, kept out of line: a function that reads them inline sets up their
  // types on every call, even when all it meets is ASCII.
  @inline(never) static func isWhitespace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
  @inline(never) static func isAlphabetic(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
  @inline(never) static func isUppercase(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase }
  @inline(never) static func isLowercase(_ c: Unicode.Scalar) -> Bool { c.properties.isLowercase }

  /// Apostrophes: straight and typographic.
  @inline(__always) var isApostrophe: Bool { value == 0x27 || value == 0x2019 || value == 0x2BC }

  /// Hyphens that join words (not dashes that separate clauses).
  @inline(__always) var isJoiningHyphen: Bool { value == 0x2D || value == 0x2010 || value == 0x2011 }

  /// Opening and closing quotation marks of every style Entente reads.
  var quoteRole: QuoteMarkRole? {
    switch value {
    case 0x22: return .ambiguousDouble  // "
    case 0x201C, 0x201E, 0x00AB: return .open  // “ „ «
    case 0x201D, 0x00BB: return .close  // ” »
    case 0x2018, 0x201A: return .openSingle  // ‘ ‚
    default: return nil
    }
  }
}

enum QuoteMarkRole {
  case ambiguousDouble, open, close, openSingle
}
