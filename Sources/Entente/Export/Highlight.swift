import Foundation

/// Finds names in a sentence, to show evidence with its entities marked.
public enum Highlight {
  /// Where a name of one of the groups stands in a text.
  public struct Match: Sendable, Equatable {
    public var range: Range<String.Index>
    /// The index of the group whose name it is.
    public var group: Int
  }

  /// The non-overlapping places in `text` where a name of one of `groups` stands as a whole
  /// word, case-insensitively, in text order. Longer names win ("Kim Jong-un" over "Kim"); a
  /// name in two groups counts for the first.
  public static func matches(_ groups: [[String]], in text: String) -> [Match] {
    var candidates: [(name: String, group: Int)] = []
    var seen = Set<String>()
    for (g, names) in groups.enumerated() {
      for n in names where !n.isEmpty && !seen.contains(n.lowercased()) {
        seen.insert(n.lowercased())
        candidates.append((n, g))
      }
    }
    candidates.sort { a, b in
      a.name.count != b.name.count ? a.name.count > b.name.count : (a.group, a.name) < (b.group, b.name)
    }
    func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
    var found: [Match] = []
    for (name, group) in candidates {
      var from = text.startIndex
      while from < text.endIndex, let r = text.range(of: name, options: [.caseInsensitive], range: from..<text.endIndex) {
        from = r.upperBound > r.lowerBound ? r.upperBound : text.index(after: r.lowerBound)
        if r.lowerBound > text.startIndex, isWordCharacter(text[text.index(before: r.lowerBound)]) { continue }
        if r.upperBound < text.endIndex, isWordCharacter(text[r.upperBound]) { continue }
        if found.contains(where: { $0.range.overlaps(r) }) { continue }
        found.append(Match(range: r, group: group))
      }
    }
    return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
  }

  /// `text` with each name of group `i` wrapped in `marks[i].open` … `marks[i].close`.
  public static func mark(_ text: String, groups: [[String]], marks: [(open: String, close: String)]) -> String {
    var out = ""
    var at = text.startIndex
    for m in matches(groups, in: text) where m.group < marks.count {
      out += text[at..<m.range.lowerBound]
      out += marks[m.group].open + text[m.range] + marks[m.group].close
      at = m.range.upperBound
    }
    out += text[at...]
    return out
  }
}
