import OrderedCollections

/// One entity of an article: the node it becomes in the graph.
public struct ArticleEntity: Sendable, Hashable {
  /// Stable key across articles: "state:RUS", "organization:NATO", "person:Vladimir Putin".
  public var key: String
  public var name: String
  public var type: EntityType
  /// Distinct names it goes by in the article (names only, not demonyms or pronouns).
  public var aliases: OrderedSet<String>
  /// Titles and roles the article gives it ("secretary general", "spokesman").
  public var roles: OrderedSet<String>
  /// For people: "m" or "f" where a title ("spokeswoman", "Mr.") or the given name tells.
  public var gender: String? = nil
}

/// A stretch of text naming an entity.
public struct Mention: Sendable, Hashable {
  public var span: TextSpan
  /// Token range of the mention.
  public var tokens: Range<Int>
  public var sentence: Int
  public var kind: MentionKind
  /// Index into ``Recognition/entities``.
  public var entity: Int
  /// The rule that found it: a ``RecognitionRule`` name ("gazetteer", "title", "given-name",
  /// "coreference", …), or "quote-speaker" for a speaker the quotation finder resolved.
  public var rule: String
}

/// What recognition found in one article.
public struct Recognition: Sendable {
  public var entities: [ArticleEntity]
  /// Sorted by position.
  public var mentions: [Mention]

  /// Mentions that name something (names, demonyms, metonyms), as co-occurrence counts them.
  public var namingMentions: [Mention] { mentions.filter { $0.kind != .pronoun && $0.kind != .role } }

  /// Mentions inside a span, in order.
  public func mentions(in span: TextSpan) -> [Mention] {
    mentions.filter { span.contains($0.span) }
  }
}
