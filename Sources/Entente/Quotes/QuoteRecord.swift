/// A quote as users list it: who, the cue, the words, and the entities it names.
public struct QuoteRecord: Sendable, Hashable, Codable {
  public var article: String
  public var sentence: Int
  /// Canonical name of the speaker; nil when unattributed.
  public var speaker: String?
  public var speakerType: EntityType?
  /// The words naming the speaker at the quote ("he", "the NATO Secretary General").
  public var speakerText: String?
  public var cue: String?
  public var direct: Bool
  public var text: String
  public var start: Int
  public var end: Int
  /// Canonical names of the entities the quote names, in order of appearance.
  public var names: [String]
  /// The pattern that found it.
  public var rule: String
}

extension ArticleAnalysis {
  /// The article's quotes with their speakers and the entities they name.
  public var quoteRecords: [QuoteRecord] {
    let rec = recognition
    return quotes.map { q in
      var names: [String] = []
      for m in rec.mentions where m.kind != .pronoun && q.content.contains(m.span) && m.entity != q.speakerEntity {
        let n = rec.entities[m.entity].name
        if !names.contains(n) { names.append(n) }
      }
      return QuoteRecord(
        article: article.id, sentence: q.sentence,
        speaker: q.speakerEntity.map { rec.entities[$0].name }, speakerType: q.speakerEntity.map { rec.entities[$0].type },
        speakerText: q.speaker.map { document.string($0) }, cue: q.cue.map { document.string($0) }, direct: q.direct,
        text: document.string(q.content), start: q.content.start, end: q.content.end, names: names, rule: q.rule)
    }
  }

  /// Whether an entity of this article matches a query: its name or an alias, case-insensitively,
  /// or a word of its name ("putin").
  public func entity(_ index: Int, matches query: String) -> Bool {
    let e = recognition.entities[index]
    let q = query.lowercased()
    if e.name.lowercased() == q || e.aliases.contains(where: { $0.lowercased() == q }) { return true }
    return e.name.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).contains { $0 == q }
  }
}
