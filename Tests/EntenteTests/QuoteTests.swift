import Entente
import EntenteTestSupport
import Testing

/// The quotes of a text as "speaker words => speaker entity: content".
func quotes(_ text: String) -> [String] {
  let a = Pipeline().analyze(Article(id: "t", text: text))
  return a.quotes.map { q in
    let sp = q.speaker.map { a.document.string($0) } ?? "-"
    let ent = q.speakerEntity.map { a.recognition.entities[$0].name } ?? "-"
    return "\(sp) => \(ent): \(a.document.string(q.content))"
  }
}

@Suite("Quotations")
struct QuoteTests {
  @Test func reportedSpeechWithThat() {
    #expect(quotes("NATO Secretary General Jens Stoltenberg visited. Stoltenberg told reporters that Russia is supported by China.") == [
      "Stoltenberg => Jens Stoltenberg: that Russia is supported by China"
    ])
  }

  @Test func cueAfterTheContent() {
    #expect(quotes("Putin arrived in North Korea with a promise to deepen ties, Reuters notes.") == [
      "Reuters => Reuters: Putin arrived in North Korea with a promise to deepen ties"
    ])
    #expect(quotes("Putin arrived in North Korea for the first time in years, reported Reuters.") == [
      "Reuters => Reuters: Putin arrived in North Korea for the first time in years"
    ])
  }

  @Test func directQuoteWithPronounSpeaker() {
    let text = "Jens Stoltenberg spoke in Brussels. \"They cannot continue to fuel the biggest war in Europe,\" he said."
    #expect(quotes(text) == ["he => Jens Stoltenberg: \"They cannot continue to fuel the biggest war in Europe,\""])
  }

  @Test func curlyQuotesAndColon() {
    let text = "White House spokeswoman Karin Jean-Pierre said: \u{201C}Russia and North Korea must stop this now.\u{201D}"
    #expect(quotes(text) == ["White House spokeswoman Karin Jean-Pierre => Karin Jean-Pierre: \u{201C}Russia and North Korea must stop this now.\u{201D}"])
  }

  @Test func titleSpeakerResolvesToTheHolder() {
    let text = "NATO Secretary General Jens Stoltenberg arrived. \"We are concerned about the support Russia provides,\" the NATO Secretary General said."
    let q = quotes(text)
    #expect(q.count == 1)
    #expect(q.first?.hasPrefix("the NATO Secretary General => Jens Stoltenberg") == true)
  }

  @Test func accordingTo() {
    let text = "Jens Stoltenberg spoke. According to him, the help China provides illustrates the fact."
    #expect(quotes(text) == ["him => Jens Stoltenberg: the help China provides illustrates the fact"])
  }

  @Test func heAfterTwoNamedPeopleIsTheLastSpeaker() {
    let text = "John Kirby said the talks failed. Anthony Blinken met Kirby later. He added that North Korea was isolated."
    let q = quotes(text)
    #expect(q.last == "He => John Kirby: that North Korea was isolated")
  }

  @Test func multiParagraphQuote() {
    let text = "Jens Stoltenberg said: \"The first part of a long statement runs on.\n\n\"And the second paragraph goes on about Russia.\""
    let q = quotes(text)
    #expect(q.count == 2)
    #expect(q.allSatisfy { $0.contains("=> Jens Stoltenberg") })
  }

  @Test func unpairedMarksNeverAbort() {
    let text = "Kirby said \"this quote never closes and Russia is named. Another sentence.\n\nA \u{201D} stray mark, and Kim said that all is well."
    let q = quotes(text)
    #expect(q.count >= 2)
  }

  @Test func scareQuotesAreNotQuotes() {
    #expect(quotes("The meeting demonstrated the \"durability\" of friendship.").isEmpty)
  }

  @Test func twoSpeakersInOneSentenceAreNotGuessed() {
    let a = Pipeline().analyze(Article(id: "t", text: "Moscow and Pyongyang deny that there is a transfer of equipment."))
    #expect(a.quotes.count == 1)
    #expect(a.quotes.first?.speakerEntity == nil)
    #expect(a.quotes.first?.speaker.map { a.document.string($0) } == "Moscow and Pyongyang")
  }
}
