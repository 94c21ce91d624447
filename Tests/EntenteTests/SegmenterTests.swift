import Entente
import EntenteTestSupport
import Testing

@Suite("Sentences")
struct SegmenterTests {
  func sentences(_ text: String) -> [String] {
    let doc = Document(Article(id: "t", text: text))
    return doc.sentences.map { doc.string($0.span) }
  }

  @Test func splitsAtFullStops() {
    #expect(sentences("Putin arrived. Kim met him. They talked!") == ["Putin arrived.", "Kim met him.", "They talked!"])
  }

  @Test func keepsTitlesAndInitials() {
    #expect(sentences("Mr. Smith met Dr. Jones and Gen. Lee. J. R. R. Tolkien wrote it.") == [
      "Mr. Smith met Dr. Jones and Gen. Lee.", "J. R. R. Tolkien wrote it.",
    ])
  }

  @Test func abbreviationsEndSentencesOnlyBeforeAnOpener() {
    #expect(sentences("He lives in the U.S. The rest stayed.") == ["He lives in the U.S.", "The rest stayed."])
    #expect(sentences("The U.S. Navy sailed. Ships followed.") == ["The U.S. Navy sailed.", "Ships followed."])
    #expect(sentences("It was signed on Jan. 5 by Acme Inc. and others.").count == 1)
    #expect(sentences("See No. 5 St. Mary Street.").count == 1)
  }

  @Test func numbersAndTimes() {
    #expect(sentences("More than 11,000 containers arrived at 05:11 and 3.5 tonnes left. Then more.") == [
      "More than 11,000 containers arrived at 05:11 and 3.5 tonnes left.", "Then more.",
    ])
  }

  @Test func ellipsesAndClosingQuotes() {
    #expect(sentences("\"There could be some reciprocity ... that would affect us,\" he said. Others agreed.") == [
      "\"There could be some reciprocity ... that would affect us,\" he said.", "Others agreed.",
    ])
    #expect(sentences("\"We are ready.\" He left.") == ["\"We are ready.\"", "He left."])
    #expect(sentences("\u{201C}We are ready.\u{201D} he said.") == ["\u{201C}We are ready.\u{201D} he said."])
    #expect(sentences("Wait... Then it came.") == ["Wait...", "Then it came."])
  }

  @Test func paragraphsAlwaysSplit() {
    #expect(sentences("First paragraph without a stop\n\nSecond one.") == ["First paragraph without a stop", "Second one."])
  }

  @Test func totalOnOddInput() {
    for text in ["", "   ", "...", "\"", "?!?!", ". . .", "a.b.c.d", "\u{201D}\u{201C}", "\n\n\n.", "Mr.", "U.S."] {
      let doc = Document(Article(id: "t", text: text))
      for s in doc.sentences { #expect(s.span.start >= 0 && s.span.end <= doc.text.count) }
    }
  }

  @Test func spansAreScalarOffsets() {
    let text = "Café owner Zoë said: «Oui». Next sentence."
    let doc = Document(Article(id: "t", text: text))
    let scalars = Array(text.unicodeScalars)
    let second = doc.sentences[1].span
    #expect(String(String.UnicodeScalarView(scalars[second.start..<second.end])) == "Next sentence.")
  }
}

@Suite("Tokens")
struct TokenizerTests {
  func words(_ s: String) -> [String] { Tokenizer.tokenize(ScalarText(s)).map(\.text) }

  @Test func keepsNamesWhole() {
    #expect(words("Kim Jong-un met Karin Jean-Pierre and O'Brien") == ["Kim", "Jong-un", "met", "Karin", "Jean-Pierre", "and", "O'Brien"])
  }

  @Test func splitsPossessives() {
    #expect(words("Russia's war and NATO’s summit") == ["Russia", "'s", "war", "and", "NATO", "'s", "summit"])
  }

  @Test func initialismsAndNumbers() {
    #expect(words("The U.S. sent 11,000 shells at 05:11.") == ["The", "U.S.", "sent", "11,000", "shells", "at", "05:11", "."])
  }

  /// A document's tokens come through the thread's cache of words seen before; they must be
  /// the tokens the plain tokenizer makes, whatever the cache holds (here: warm, cold, and
  /// overwritten by thousands of other words).
  @Test func cachedTokensEqualFreshOnes() {
    var rng = SplitMix(state: 7)
    let vocabulary = [
      "Putin", "putin", "PUTIN", "NATO", "Nato", "the", "The", "U.S.", "a.m.", "Jong-un", "O'Brien", "Russia's", "’s",
      "émigré", "Émigré", "Zürich", "São", "Paulo", "Ｆｕｌｌ", "😀", "internationalization", "Internationalization",
      "abcdefghijklmnop", "abcdefghijklmnopq", "11,000", "05:11", "3.5", "...", "…", "\"", "“", "”", "—", ",", ".", "(", ")",
    ]
    var parts: [String] = []
    for i in 0..<6000 {
      // Made-up words too, so that cache slots get reused.
      let made = "w" + String(rng.next() % 50_000, radix: 36) + (i % 7 == 0 ? "X" : "")
      parts.append(i % 3 == 0 ? made : vocabulary[Int(rng.next() % UInt64(vocabulary.count))])
    }
    let text = parts.joined(separator: " ")
    let fresh = Tokenizer.tokenize(ScalarText(text))
    for _ in 0..<2 {
      let cached = Document(Article(id: "t", text: text)).tokens
      #expect(cached.count == fresh.count)
      #expect(cached == fresh)
    }
  }

  /// With a gazetteer, the splitter reads its word lists off the tokens' classes: the
  /// sentences must be those it finds by looking the words up.
  @Test func classifiedTokensSplitAlike() {
    let texts = ScaleCorpus.articles.map(\.text) + [
      "He met Mr. Smith at 5 p.m. The talks ended.", "Sales rose at Acme Inc. The shares fell.", "It rose in Jan. Prices fell.",
      "Gen. Lee spoke. Dr. No left.", "The U.S. In May it said so.", "See Fig. 3 and Vol. 2. Then stop.",
    ]
    #expect(texts.count > 6)
    let pipeline = Pipeline()
    for text in texts {
      let a = Article(id: "s", text: text)
      #expect(pipeline.analyze(a).document.sentences == Document(a).sentences)
    }
  }
}

@Suite("Layout")
struct LayoutTests {
  @Test func readsTheLeadingBlock() {
    let text = "Last news in Fakti\n\nRussia and DPRK agreed\n\nPutin visited North Korea\n\nJun 19, 2024 05:11 214\n\nBody text starts here. It goes on."
    let doc = Document(Article(id: "a", text: text))
    #expect(doc.article.banner == "Last news in Fakti")
    #expect(doc.article.title == "Russia and DPRK agreed")
    #expect(doc.article.subtitle == "Putin visited North Korea")
    #expect(doc.article.date == "2024-06-19")
    // The banner and the date line are not sentences; title and subtitle are.
    #expect(doc.sentences.map { doc.string($0.span) } == [
      "Russia and DPRK agreed", "Putin visited North Korea", "Body text starts here.", "It goes on.",
    ])
  }

  @Test func titleAndDateOnly() {
    let doc = Document(Article(id: "a", text: "Crane collapse kills 107\n\nSaturday, September 12, 2015\n\nA storm caused a crane to fall."))
    #expect(doc.article.title == "Crane collapse kills 107")
    #expect(doc.article.date == "2015-09-12")
    #expect(doc.article.banner == nil)
  }

  @Test func noHeaderInPlainProse() {
    let doc = Document(Article(id: "a", text: "Putin met Kim. They talked for hours.\n\nThen they left."))
    #expect(doc.article.title == nil)
    #expect(doc.sentences.count == 3)
  }
}
