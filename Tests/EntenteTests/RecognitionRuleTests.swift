import Entente
import EntenteTestSupport
import Foundation
import Testing

@Suite("Recognition: the rules as named units")
struct RecognitionRuleTests {
  @Test func everyMentionIsStampedWithANamedRule() {
    let articles = ArticleLoader.load([Repository.path("Fixtures")]).articles
    #expect(!articles.isEmpty)
    let names = Set(RecognitionRule.allCases.map(\.name))
    var stamped = Set<String>()
    for article in articles {
      for m in Pipeline().analyze(article).recognition.mentions where m.rule != "quote-speaker" {
        stamped.insert(m.rule)
      }
    }
    #expect(stamped.count >= 5)
    #expect(stamped.subtracting(names).isEmpty, "rules stamped that are not named units: \(stamped.subtracting(names).sorted())")
  }

  @Test func eachRuleStampsItsOwnName() {
    let text = "NATO said the Central Committee met. President Biden and John Kirby met Lam Cheuk-ting in Russia. The plan is sound, said Kirby."
    let a = Pipeline().analyze(Article(id: "t", text: text))
    let rules = a.recognition.mentions.map { "\(a.document.string($0.span)):\($0.rule)" }
    #expect(rules.contains("NATO:\(RecognitionRule.acronym.name)") || rules.contains("NATO:\(RecognitionRule.gazetteer.name)"))
    #expect(rules.contains("Central Committee:\(RecognitionRule.organizationKeyword.name)"))
    #expect(rules.contains("Biden:\(RecognitionRule.title.name)"))
    #expect(rules.contains("John Kirby:\(RecognitionRule.givenName.name)"))
    #expect(rules.contains("Lam Cheuk-ting:\(RecognitionRule.familyNameFirst.name)"))
    #expect(rules.contains("Russia:\(RecognitionRule.gazetteer.name)"))
  }

  @Test func theReadmeListsTheRulesInTheirOrder() throws {
    let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
    var at = try #require(readme.range(of: "**Recognition** (`Recognizer`)")).upperBound
    for rule in RecognitionRule.allCases {
      let found = try #require(readme.range(of: "`\(rule.name)`", range: at..<readme.endIndex), "README does not list `\(rule.name)` in order")
      at = found.upperBound
    }
  }
}
