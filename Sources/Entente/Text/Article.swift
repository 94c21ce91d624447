/// One news article: its text and the metadata read from its leading lines.
///
/// Offsets everywhere in Entente count Unicode scalars from the start of ``text``
/// (end-exclusive), which is what the evaluation contract and most NLP tools in other
/// languages (Python's `str`) use.
public struct Article: Sendable, Hashable {
  /// The file name without its extension, or the id given by a corpus.
  public var id: String
  /// The full text, exactly as read.
  public var text: String
  /// Headline, when the leading block has one.
  public var title: String?
  /// Subtitle (dek), when the leading block has one.
  public var subtitle: String?
  /// The date line as written ("Jun 19, 2024 05:11"), when the leading block has one.
  public var dateLine: String?
  /// The date in ISO 8601 form (yyyy-MM-dd), when the date line could be read.
  public var date: String?
  /// A site banner ("Last news in Fakti"): metadata, not body text.
  public var banner: String?
  /// Where the article came from (file path, URL or corpus source), if known.
  public var source: String?

  public init(
    id: String, text: String, title: String? = nil, subtitle: String? = nil,
    dateLine: String? = nil, date: String? = nil, banner: String? = nil, source: String? = nil
  ) {
    self.id = id
    self.text = text
    self.title = title
    self.subtitle = subtitle
    self.dateLine = dateLine
    self.date = date
    self.banner = banner
    self.source = source
  }
}

/// A half-open range of Unicode-scalar offsets into an article's text.
public struct TextSpan: Sendable, Hashable, Comparable, Codable {
  public var start: Int
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = end
  }

  public var length: Int { end - start }
  public var isEmpty: Bool { end <= start }

  public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
  public func overlaps(_ other: TextSpan) -> Bool { max(start, other.start) < min(end, other.end) }

  public static func < (a: TextSpan, b: TextSpan) -> Bool {
    a.start != b.start ? a.start < b.start : a.end < b.end
  }
}
