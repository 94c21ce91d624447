import Foundation

/// CSV (RFC 4180) and plain-text tables.
public enum CSV {
  /// A cell as written: formula injection neutralised (``neutralised(_:)``), then quoted
  /// when it holds a comma, a quote, a line break or leading/trailing space. Decided byte by
  /// byte and escaped scalar by scalar: "\r\n" is one Character, and a quote may carry a
  /// combining mark, so comparing Characters would miss them.
  public static func field(_ s: String) -> String {
    let s = neutralised(s)
    let utf8 = s.utf8
    let needs = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } || utf8.first == 0x20 || utf8.last == 0x20
    guard needs else { return s }
    var out = "\""
    out.reserveCapacity(utf8.count + 2)
    for c in s.unicodeScalars {
      if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
    }
    return out + "\""
  }

  /// OWASP's rule against CSV formula injection: a cell that begins with `=`, `+`, `-`, `@`,
  /// tab or carriage return gets a leading `'`, so a spreadsheet shows it as text instead of
  /// running it as a formula. A plain number ("-3", "+1.5", "-2e-3") is left as it is: it
  /// holds no formula, and stays a number.
  public static func neutralised(_ s: String) -> String {
    guard let first = s.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D,
      !isNumber(s)
    else { return s }
    return "'" + s
  }

  /// An optional sign, digits with at most one decimal point, and an optional exponent.
  static func isNumber(_ s: String) -> Bool {
    var bytes = s.utf8[...]
    if let b = bytes.first, b == 0x2B || b == 0x2D { bytes = bytes.dropFirst() }
    var digits = 0, point = false
    while let b = bytes.first, (0x30...0x39).contains(b) || (b == 0x2E && !point) {
      if b == 0x2E { point = true } else { digits += 1 }
      bytes = bytes.dropFirst()
    }
    guard digits > 0 else { return false }
    if let b = bytes.first, b == 0x65 || b == 0x45 {
      bytes = bytes.dropFirst()
      if let b = bytes.first, b == 0x2B || b == 0x2D { bytes = bytes.dropFirst() }
      guard let b = bytes.first, (0x30...0x39).contains(b) else { return false }
      while let b = bytes.first, (0x30...0x39).contains(b) { bytes = bytes.dropFirst() }
    }
    return bytes.isEmpty
  }

  public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}

public enum TextTable {
  /// Columns padded to their widest cell; the last column is not padded.
  public static func render(header: [String], rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
      var s = ""
      for (i, c) in cells.enumerated() {
        if i == cells.count - 1 { s += c } else { s += c + String(repeating: " ", count: widths[i] - c.count + 2) }
      }
      return s + "\n"
    }
    return line(header) + rows.map(line).joined()
  }
}

extension RelationshipGraph {
  /// Nodes whose name or an alias equals `query`, case-insensitively; failing that, whose
  /// name contains it as a word ("putin" finds Vladimir Putin).
  public func nodes(matching query: String) -> [Node] {
    let q = query.lowercased()
    let exact = nodes.values.filter { $0.name.lowercased() == q || $0.aliases.contains { $0.lowercased() == q } || $0.id.lowercased() == q }
    if !exact.isEmpty { return exact.sorted { $0.id < $1.id } }
    return nodes.values.filter { n in
      n.name.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).contains { $0 == q }
        || n.name.lowercased().contains(q)
    }.sorted { $0.id < $1.id }
  }
}
