import Foundation

/// One article's entities and quotes as a JSON object on one line — the contract the
/// evaluation scorer reads (offsets in Unicode scalars, end-exclusive).
public enum ExtractJSON {
  struct SpanOut: Codable { var start: Int; var end: Int; var text: String }
  struct MentionOut: Codable { var start: Int; var end: Int; var text: String; var kind: String; var rule: String }
  struct EntityOut: Codable { var name: String; var type: String; var mentions: [MentionOut] }
  struct QuoteOut: Codable {
    var speaker: SpanOut?
    var speakerEntity: String?
    var content: SpanOut
    var direct: Bool
    var cue: SpanOut?
    var rule: String
    enum CodingKeys: String, CodingKey {
      case speaker, content, direct, cue, rule
      case speakerEntity = "speaker_entity"
    }
    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(speaker, forKey: .speaker)  // null when unattributed, as the contract says
      try c.encode(speakerEntity, forKey: .speakerEntity)
      try c.encode(content, forKey: .content)
      try c.encode(direct, forKey: .direct)
      try c.encodeIfPresent(cue, forKey: .cue)
      try c.encode(rule, forKey: .rule)
    }
  }
  struct ArticleOut: Codable {
    var id: String
    var title: String?
    var date: String?
    var entities: [EntityOut]
    var quotes: [QuoteOut]
  }

  public static func line(_ a: ArticleAnalysis) -> String {
    let doc = a.document
    func out(_ s: TextSpan) -> SpanOut { SpanOut(start: s.start, end: s.end, text: doc.string(s)) }
    var entities = a.recognition.entities.map { EntityOut(name: $0.name, type: $0.type.rawValue, mentions: []) }
    for m in a.recognition.mentions {
      entities[m.entity].mentions.append(MentionOut(start: m.span.start, end: m.span.end, text: doc.string(m.span), kind: m.kind.rawValue, rule: m.rule))
    }
    let quotes = a.quotes.map { q in
      QuoteOut(
        speaker: q.speaker.map(out), speakerEntity: q.speakerEntity.map { a.recognition.entities[$0].name },
        content: out(q.content), direct: q.direct, cue: q.cue.map(out), rule: q.rule)
    }
    let obj = ArticleOut(id: a.article.id, title: a.article.title, date: a.article.date, entities: entities, quotes: quotes)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Strings and integers only: encoding cannot fail.
    return String(decoding: (try? encoder.encode(obj)) ?? Data("{}".utf8), as: UTF8.self)
  }
}
