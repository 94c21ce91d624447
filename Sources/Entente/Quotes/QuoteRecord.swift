import OrderedCollections

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
  /// Whether the words are quoted directly; nil when not known (a quote read back from a graph).
  public var direct: Bool?
  public var text: String
  public var start: Int
  public var end: Int
  /// Canonical names of the entities the quote names, in order of appearance.
  public var names: [String]
  /// The pattern that found it; nil when not known (a quote read back from a graph).
  public var rule: String?
  /// Canonical names of the speakers after the first of a coordinated speaker ("Moscow and
  /// Pyongyang deny …": North Korea). A graph lists each speaker's quote on its own.
  public var otherSpeakers: [String] = []

  /// The speaker and the coordinated ones, as a table shows them ("Russia & North Korea").
  public var speakers: String? { speaker.map { ([$0] + otherSpeakers).joined(separator: " & ") } }
}

extension RelationshipGraph {
  /// The quotes behind the graph's quotation edges: one record per quote (article and
  /// offsets), its speaker the edges' source and its names their targets, in article order.
  /// A graph keeps at most ``maxEvidence`` records per edge, so a quote whose every edge was
  /// past that cap is not among them; the speaker's own words and the rule are not kept.
  public func quoteRecords() -> [QuoteRecord] {
    struct Key: Hashable { var article: String, start: Int, end: Int, speaker: String }
    var records: OrderedDictionary<Key, QuoteRecord> = [:]
    for e in sortedEdges where e.kind == .quotation {
      let speaker = nodes[e.source]
      let target = nodes[e.target]?.name ?? e.target
      for ev in e.evidence {
        let key = Key(article: ev.article, start: ev.start, end: ev.end, speaker: e.source)
        if records[key] == nil {
          records[key] = QuoteRecord(
            article: ev.article, sentence: ev.sentence, speaker: speaker?.name ?? e.source, speakerType: speaker?.type,
            speakerText: nil, cue: ev.cue, direct: nil, text: ev.quote ?? ev.text, start: ev.start, end: ev.end,
            names: [], rule: nil)
        }
        if records[key]?.names.contains(target) == false { records[key]?.names.append(target) }
      }
    }
    let position = Dictionary(articles.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return records.values.sorted {
      (position[$0.article] ?? Int.max, $0.article, $0.start, $0.end, $0.speaker ?? "") < (position[$1.article] ?? Int.max, $1.article, $1.start, $1.end, $1.speaker ?? "")
    }
  }
}

extension ArticleAnalysis {
  /// The article's quotes with their speakers and the entities they name.
  public var quoteRecords: [QuoteRecord] {
    let rec = recognition
    return quotes.map { q in
      var names: [String] = []
      for m in rec.mentions where m.kind != .pronoun && q.says(m.span) && m.entity != q.speakerEntity {
        let n = rec.entities[m.entity].name
        if !names.contains(n) { names.append(n) }
      }
      return QuoteRecord(
        article: article.id, sentence: q.sentence,
        speaker: q.speakerEntity.map { rec.entities[$0].name }, speakerType: q.speakerEntity.map { rec.entities[$0].type },
        speakerText: q.speaker.map { document.string($0) }, cue: q.cue.map { document.string($0) }, direct: q.direct,
        text: document.string(q.content), start: q.content.start, end: q.content.end, names: names, rule: q.rule,
        otherSpeakers: q.otherSpeakers.map { rec.entities[$0].name })
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
