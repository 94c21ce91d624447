/// A word, number or punctuation mark, with its scalar span.
public struct Token: Sendable, Hashable {
  public enum Kind: UInt8, Sendable { case word, number, punctuation }

  public var start: Int
  public var end: Int
  public var text: String
  /// `text` in lower case.
  public var lower: String
  public var kind: Kind
  /// The first scalar is an upper-case letter.
  public var isCapitalized: Bool
  /// Two or more letters, all upper case ("NATO", "U.S.").
  public var isAllCaps: Bool

  /// Word lists the token is in, and where the gazetteer's and the titles' tries start for
  /// it (set by ``Lexicon/annotate(_:)``; empty until then).
  var classes: WordClass = []
  var gazetteerNode: Int32 = -1
  var titleNode: Int32 = -1

  @inline(__always) func has(_ c: WordClass) -> Bool { !classes.isDisjoint(with: c) }

  public var span: TextSpan { TextSpan(start, end) }
  /// Length in scalars.
  public var length: Int { end - start }
  public var isWord: Bool { kind == .word }

  init(
    start: Int, end: Int, text: String, lower: String, kind: Kind, isCapitalized: Bool, isAllCaps: Bool, classes: WordClass,
    gazetteerNode: Int32, titleNode: Int32
  ) {
    self.start = start
    self.end = end
    self.text = text
    self.lower = lower
    self.kind = kind
    self.isCapitalized = isCapitalized
    self.isAllCaps = isAllCaps
    self.classes = classes
    self.gazetteerNode = gazetteerNode
    self.titleNode = titleNode
  }

  /// A token of these scalars (its text, and its lower-case form when it has capitals).
  init(
    start: Int, end: Int, scalars: UnsafeBufferPointer<Unicode.Scalar>, kind: Kind, isCapitalized: Bool, isAllCaps: Bool,
    hasUpper: Bool
  ) {
    let text = ScalarText.string(scalars)
    self.init(
      start: start, end: end, text: text, lower: hasUpper ? ScalarText.string(scalars, lowercased: true) : text, kind: kind,
      isCapitalized: isCapitalized, isAllCaps: isAllCaps)
  }

  init(start: Int, end: Int, text: String, lower: String? = nil, kind: Kind, isCapitalized: Bool, isAllCaps: Bool) {
    self.start = start
    self.end = end
    self.text = text
    self.lower = lower ?? text.lowercased()
    self.kind = kind
    self.isCapitalized = isCapitalized
    self.isAllCaps = isAllCaps
  }
}

/// Splits text into tokens. Total: every non-space scalar ends up in some token.
///
/// Words keep inner apostrophes (O'Brien), joining hyphens (Jean-Pierre, Jong-un) and dotted
/// initialisms (U.S., U.K.); the possessive `'s` is a token of its own so that "Russia's"
/// names Russia. Numbers keep inner separators (11,000; 05:11; 3.5).
public enum Tokenizer {
  public static func tokenize(_ text: ScalarText, in span: TextSpan? = nil) -> [Token] {
    tokenize(text, in: span, cache: nil)
  }

  /// With a cache, words seen before reuse their strings (and, with the cache's gazetteer,
  /// their word classes).
  static func tokenize(_ text: ScalarText, in span: TextSpan? = nil, cache: TokenCache?) -> [Token] {
    text.scalars.withUnsafeBufferPointer { s in
      let lo = max(0, span?.start ?? 0), hi = min(s.count, span?.end ?? s.count)
      var tokens: [Token] = []
      tokens.reserveCapacity(max(0, hi - lo) / 4)

      // The cache lives as long as this call (the caller holds it): a reference the compiler
      // knows is held, so that asking it costs no retain and release per token.
      let unmanagedCache = cache.map { Unmanaged.passUnretained($0) }
      func make(_ start: Int, _ end: Int, kind: Token.Kind, isCapitalized: Bool, isAllCaps: Bool, hasUpper: Bool) -> Token {
        if let c = unmanagedCache,
          let t = c._withUnsafeGuaranteedRef({
            $0.token(s, start, end, kind: kind, isCapitalized: isCapitalized, isAllCaps: isAllCaps, hasUpper: hasUpper)
          })
        {
          return t
        }
        return classified(Token(
          start: start, end: end, scalars: UnsafeBufferPointer(rebasing: s[start..<end]), kind: kind, isCapitalized: isCapitalized,
          isAllCaps: isAllCaps, hasUpper: hasUpper))
      }
      /// The token with the word classes of the cache's gazetteer, if any.
      func classified(_ token: Token) -> Token {
        guard let g = cache?.gazetteer else { return token }
        var t = token
        g.lexicon.classify(&t)
        return t
      }

      var i = lo
      while i < hi {
        let c = s[i]
        if c.isSpace { i += 1; continue }
        let start = i
        if c.isLetter || c.isDigit {
          var allDigits = c.isDigit
          var letters = 0, uppers = 0
          // Dotted initialism: U.S., U.K., D.C., U.S.A., a.m.
          if c.isLetter {
            var j = i, pairs = 0
            while j + 1 < hi, s[j].isLetter, s[j + 1] == "." {
              pairs += 1
              j += 2
              if !(j + 1 < hi && s[j].isLetter && s[j + 1] == ".") { break }
            }
            if pairs >= 2, j >= hi || !s[j].isLetter {
              var upper = true, anyUpper = false
              for k in i..<j where s[k].isLetter {
                if s[k].isUpper { anyUpper = true } else { upper = false }
              }
              tokens.append(make(i, j, kind: .word, isCapitalized: c.isUpper, isAllCaps: upper, hasUpper: anyUpper))
              i = j
              continue
            }
          }
          (i, letters, uppers, allDigits) = scanWord(s, from: i, to: hi, allDigits: allDigits)
          tokens.append(make(
            start, i, kind: allDigits ? .number : .word, isCapitalized: c.isUpper, isAllCaps: letters >= 2 && uppers == letters,
            hasUpper: uppers > 0))
          continue
        }
        if c.isApostrophe, i + 1 < hi, s[i + 1] == "s" || s[i + 1] == "S",
          i + 2 >= hi || !s[i + 2].isLetter, !tokens.isEmpty, tokens[tokens.count - 1].end == i
        {
          tokens.append(classified(Token(start: i, end: i + 2, text: "'s", lower: "'s", kind: .word, isCapitalized: false, isAllCaps: false)))
          i += 2
          continue
        }
        if c == ".", i + 2 < hi, s[i + 1] == ".", s[i + 2] == "." {
          var j = i
          while j < hi, s[j] == "." { j += 1 }
          tokens.append(classified(Token(start: i, end: j, text: "...", lower: "...", kind: .punctuation, isCapitalized: false, isAllCaps: false)))
          i = j
          continue
        }
        tokens.append(make(i, i + 1, kind: .punctuation, isCapitalized: false, isAllCaps: false, hasUpper: false))
        i += 1
      }
      return tokens
    }
  }

  /// The rest of a word or number from `start`: where it ends, its letters, its upper-case
  /// letters, and whether it is all digits. Letters, digits and combining marks go on; an
  /// apostrophe or hyphen joins what is around it, and a comma, period or colon joins digits.
  @inline(never)
  static func scanWord(
    _ s: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, to hi: Int, allDigits digits: Bool
  ) -> (end: Int, letters: Int, uppers: Int, allDigits: Bool) {
    var i = start, letters = 0, uppers = 0, allDigits = digits
    while i < hi {
      // A run of lower-case ASCII letters (most of a word) in a tight loop.
      var j = i
      while j < hi, s[j].value &- 0x61 < 26 { j &+= 1 }
      if j > i {
        letters &+= j &- i
        allDigits = false
        i = j
        continue
      }
      let d = s[i]
      let v = d.value
      if v < 0x80 {
        // ASCII (lower-case letters went by above), by ranges.
        if v &- 0x41 < 26 {
          letters &+= 1
          uppers &+= 1
          allDigits = false
          i &+= 1
          continue
        }
        if v &- 0x30 < 10 {
          i &+= 1
          continue
        }
      } else if let upper = wordScalar(d) {
        if let upper {
          letters &+= 1
          if upper { uppers &+= 1 }
          allDigits = false
        }
        i &+= 1
        continue
      }
      guard i + 1 < hi else { break }
      let n = s[i + 1]
      if d.isApostrophe, n.isLetter {
        // Possessive 's / ’s stands alone; O'Brien, don't stay whole.
        let afterS = i + 2 < hi ? s[i + 2] : " "
        if (n == "s" || n == "S") && !afterS.isLetter { break }
        i += 1
        continue
      }
      if d.isJoiningHyphen, (n.isLetter || n.isDigit), !allDigits || n.isDigit { i += 1; continue }
      if allDigits, (d == "," || d == "." || d == ":"), n.isDigit { i += 1; continue }
      break
    }
    return (i, letters, uppers, allDigits)
  }

  /// A scalar beyond ASCII inside a word: a letter (with whether it is upper case: the inner
  /// value) or a combining mark (nil inside); nil outside: not part of a word. Apart from the
  /// scan's loop, which then needs no Unicode property types of its own.
  @inline(never)
  static func wordScalar(_ d: Unicode.Scalar) -> Bool?? {
    if d.isLetter { return .some(d.isUpper) }
    if d.value >= 0x300 && d.properties.generalCategory == .nonspacingMark { return .some(nil) }
    return nil
  }
}
