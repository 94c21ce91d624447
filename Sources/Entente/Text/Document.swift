/// What a paragraph is in the article's layout.
public enum ParagraphRole: String, Sendable, Codable {
  /// A site banner ("Last news in Fakti"): metadata, left out of recognition and co-occurrence.
  case banner
  case title
  case subtitle
  /// A date line ("Jun 19, 2024 05:11 214"): metadata only.
  case dateline
  case body
}

public struct Paragraph: Sendable, Hashable {
  public var span: TextSpan
  public var role: ParagraphRole
}

/// A sentence: a span of the text and the range of its tokens.
public struct Sentence: Sendable, Hashable {
  /// Index among the article's sentences (0-based).
  public var index: Int
  public var span: TextSpan
  public var tokens: Range<Int>
  public var paragraph: Int
}

/// An article split into paragraphs, sentences and tokens.
public struct Document: Sendable {
  public var article: Article
  public let text: ScalarText
  public var tokens: [Token]
  public var paragraphs: [Paragraph]
  public var sentences: [Sentence]
  /// The gazetteer whose word classes the tokens carry, if any.
  var annotatedBy: ObjectIdentifier? = nil

  public init(_ article: Article) {
    self.init(article, gazetteer: nil)
  }

  /// With a gazetteer, the tokens carry its word classes.
  init(_ article: Article, gazetteer: Gazetteer?) {
    var article = article
    let text = ScalarText(article.text)
    let tokens = Tokenizer.tokenize(text, cache: TokenCache.current(for: gazetteer))
    var paragraphs = Layout.paragraphs(in: text)
    Layout.assignHeaderRoles(&paragraphs, text: text, tokens: tokens, article: &article)
    self.article = article
    self.text = text
    self.tokens = tokens
    self.paragraphs = paragraphs
    self.sentences = SentenceSegmenter.sentences(text: text, tokens: tokens, paragraphs: paragraphs, classified: gazetteer != nil)
    self.annotatedBy = gazetteer.map(ObjectIdentifier.init)
  }

  public func string(_ span: TextSpan) -> String { text.string(span) }

  /// The index of the sentence that contains a scalar offset (binary search).
  public func sentenceIndex(containing offset: Int) -> Int? {
    var lo = 0, hi = sentences.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sentences[mid].span.end <= offset { lo = mid + 1 } else { hi = mid }
    }
    return lo < sentences.count && sentences[lo].span.start <= offset ? lo : nil
  }

  /// The index of the first token that starts at or after an offset.
  public func tokenIndex(atOrAfter offset: Int) -> Int {
    var lo = 0, hi = tokens.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if tokens[mid].start < offset { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
