/// Paragraphs and the leading metadata block of an article.
enum Layout {
  /// Paragraphs are runs of non-blank lines.
  static func paragraphs(in text: ScalarText) -> [Paragraph] {
    var result: [Paragraph] = []
    text.scalars.withUnsafeBufferPointer { s in
      var lineStart = 0
      var paraStart = -1
      var paraEnd = 0
      let n = s.count
      while lineStart <= n {
        // The line: up to the next newline (or the end).
        var i = lineStart
        while i < n, s[i].value != 0x0A { i &+= 1 }
        var blank = true
        for k in lineStart..<i where !s[k].isSpace {
          blank = false
          break
        }
        if blank {
          if paraStart >= 0 { result.append(Paragraph(span: text.trimmed(TextSpan(paraStart, paraEnd)), role: .body)) }
          paraStart = -1
        } else {
          if paraStart < 0 { paraStart = lineStart }
          paraEnd = i
        }
        lineStart = i + 1
      }
      if paraStart >= 0 { result.append(Paragraph(span: text.trimmed(TextSpan(paraStart, paraEnd)), role: .body)) }
    }
    return result
  }

  static let months: [String: Int] = [
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
  ]
  static let dateWords: Set<String> = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "at", "on", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "est",
    "edt", "cet", "updated", "published", "posted", "last", "th", "st", "nd", "rd",
  ]

  /// A line made of dates, times and numbers only, with at least a month or a year-like number.
  static func isDateLine(_ tokens: ArraySlice<Token>) -> Bool {
    var hasAnchor = false, words = 0
    for t in tokens {
      switch t.kind {
      case .number:
        if t.text.count == 4 || t.text.contains(":") || t.text.contains(".") { hasAnchor = true }
      case .word:
        let l = t.lower
        if months[l] != nil { hasAnchor = true } else if !dateWords.contains(l) { return false }
        words += 1
      case .punctuation:
        if !",-/|·•:()".unicodeScalars.contains(t.text.unicodeScalars.first!) { return false }
      }
    }
    return hasAnchor && tokens.count >= 2
  }

  /// "Jun 19, 2024" or "Saturday, September 12, 2015" or "19 June 2024" → "2024-06-19".
  static func isoDate(_ tokens: ArraySlice<Token>) -> String? {
    var month: Int?, day: Int?, year: Int?
    for t in tokens {
      if t.kind == .word, let m = months[t.lower], month == nil { month = m; continue }
      if t.kind == .number, let v = Int(t.text) {
        if t.text.count == 4, year == nil { year = v } else if v >= 1, v <= 31, day == nil, year == nil { day = v }
      }
    }
    guard let y = year, let m = month, let d = day else { return nil }
    func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(pad(m))-\(pad(d))"
  }

  /// Marks the leading block of short single-line paragraphs (site banner, title, subtitle,
  /// date line) and copies title, subtitle and date onto the article.
  static func assignHeaderRoles(
    _ paragraphs: inout [Paragraph], text: ScalarText, tokens: [Token], article: inout Article
  ) {
    guard paragraphs.count >= 2 else { return }
    func tokenRange(_ span: TextSpan) -> ArraySlice<Token> {
      var lo = 0, hi = tokens.count
      while lo < hi { let mid = (lo + hi) / 2; if tokens[mid].start < span.start { lo = mid + 1 } else { hi = mid } }
      var end = lo
      while end < tokens.count, tokens[end].end <= span.end { end += 1 }
      return tokens[lo..<end]
    }
    var candidates: [Int] = []
    var dateIndex: Int?
    for (k, p) in paragraphs.enumerated().prefix(6) {
      let hasNewline = (p.span.start..<p.span.end).contains { text[$0] == "\n" }
      let toks = tokenRange(p.span)
      if hasNewline || p.span.length > 200 || toks.count > 30 { break }
      if isDateLine(toks) { dateIndex = k; candidates.append(k); break }
      // A line that ends a sentence (maybe inside a quotation: `… Korea."`) is body text.
      if let last = toks.last(where: { !SentenceSegmenter.isClosing($0) }), last.text == "." || last.text == ":" || last.text == "," {
        break
      }
      candidates.append(k)
    }
    // Without a date line, only a short block before longer body paragraphs is a header.
    if dateIndex == nil {
      if candidates.count > 3 || candidates.count == paragraphs.count { return }
      guard let last = candidates.last, last + 1 < paragraphs.count else { return }
      candidates = Array(candidates.prefix(3))
    }
    guard !candidates.isEmpty, candidates.count < paragraphs.count else { return }
    let lines = candidates.filter { $0 != dateIndex }
    var roles: [ParagraphRole] = []
    switch lines.count {
    case 0: break
    case 1: roles = [.title]
    case 2: roles = [.title, .subtitle]
    default: roles = [.banner, .title] + Array(repeating: .subtitle, count: lines.count - 2)
    }
    for (k, role) in zip(lines, roles) {
      paragraphs[k].role = role
      let value = text.string(paragraphs[k].span)
      switch role {
      case .banner: article.banner = article.banner ?? value
      case .title: article.title = article.title ?? value
      case .subtitle: article.subtitle = article.subtitle ?? value
      default: break
      }
    }
    if let d = dateIndex {
      paragraphs[d].role = .dateline
      article.dateLine = article.dateLine ?? text.string(paragraphs[d].span)
      article.date = article.date ?? isoDate(tokenRange(paragraphs[d].span))
    }
  }
}
