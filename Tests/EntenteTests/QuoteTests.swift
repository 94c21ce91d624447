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
    #expect(quotes(text) == ["Jens Stoltenberg => Jens Stoltenberg: \"The first part of a long statement runs on.\n\n\"And the second paragraph goes on about Russia.\""])
  }

  @Test func interruptedQuoteIsOneQuoteWithOneSpeaker() {
    let text = "Karin Jean-Pierre spoke on Monday. \"We are watching closely,\" she said. \"Russia will be held to account.\""
    let a = Pipeline().analyze(Article(id: "t", text: text))
    #expect(a.quotes.count == 1)
    let q = a.quotes[0]
    #expect(q.speakerEntity.map { a.recognition.entities[$0].name } == "Karin Jean-Pierre")
    #expect(q.pieces.map { a.document.string($0) } == ["\"We are watching closely,\"", "\"Russia will be held to account.\""])
    // The cue between the pieces is not what was said.
    #expect(q.says(q.pieces[1]) && !q.says(q.speaker!))
  }

  @Test func interruptedQuoteWithAnUnresolvedSpeakerKeepsThePhrase() {
    let text = "\"The evidence is clear,\" the judge said, \"and the law is clearer.\""
    #expect(quotes(text) == ["the judge => -: \"The evidence is clear,\" the judge said, \"and the law is clearer.\""])
  }

  @Test func cueClosingThePreviousParagraph() {
    let text = "John Kirby said in a statement:\n\n\"North Korea must stop sending weapons to Russia.\""
    #expect(quotes(text) == ["John Kirby => John Kirby: \"North Korea must stop sending weapons to Russia.\""])
  }

  @Test func cueClosingTheParagraphIntroducesTheNextOneWithoutMarks() {
    let text = "In the decree, Joshua Norton observed:\n\nFraud and corruption prevent a fair and proper expression of the public voice.\n\nHe was ignored."
    #expect(quotes(text) == ["Joshua Norton => Joshua Norton: Fraud and corruption prevent a fair and proper expression of the public voice"])
  }

  @Test func cueClosingTheTextIntroducesNothing() {
    #expect(quotes("John Kirby said:").isEmpty)
  }

  @Test func reportedClauseWithoutThat() {
    #expect(quotes("Hillary Clinton is running again. Her advisers say she will announce the plan soon.") == [
      "Her advisers => -: she will announce the plan soon"
    ])
  }

  @Test func pollsFindButPeopleDoNot() {
    #expect(quotes("A new poll found that most voters want the war to end.") == [
      "A new poll => -: that most voters want the war to end"
    ])
    #expect(quotes("The police found that the door was locked.").isEmpty)
  }

  @Test func clauseOpenerIsNotTheSpeaker() {
    #expect(quotes("When Joe Biden said that the war would end soon, nobody believed it.").first?.hasPrefix("Joe Biden => Joe Biden: ") == true)
  }

  @Test func relativeThatAfterAnObjectIsNotAClause() {
    #expect(quotes("Jane Smith estimated the number of particles that should have been caught.").isEmpty)
  }

  @Test func adverbialBetweenCueAndClause() {
    #expect(quotes("Joe Biden said after meeting aides on Thursday that the sanctions would stay.") == [
      "Joe Biden => Joe Biden: that the sanctions would stay"
    ])
  }

  @Test func questionClauseAfterAsk() {
    #expect(quotes("Senator Elizabeth Warren asked whether the bank had broken the law.") == [
      "Senator Elizabeth Warren => Elizabeth Warren: whether the bank had broken the law"
    ])
  }

  @Test func nounPhraseObjectOfAnnounce() {
    #expect(quotes("Boris Johnson announced his resignation on Thursday.") == [
      "Boris Johnson => Boris Johnson: his resignation on Thursday"
    ])
    #expect(quotes("Antonio Guterres called for an immediate ceasefire.") == [
      "Antonio Guterres => Antonio Guterres: for an immediate ceasefire"
    ])
    // What something is called is not what was said.
    #expect(quotes("Antonio Guterres called the plan a disgrace.").isEmpty)
    #expect(quotes("Senator Maria Cantwell denied the allegations against her aide.") == [
      "Senator Maria Cantwell => Maria Cantwell: the allegations against her aide"
    ])
  }

  @Test(arguments: [
    // The object names a thing, not a speech act, a decision or a position.
    "Otto Jespersen defended his dissertation in 1891.",
    "Mikhail Gorbachev proposed a nuclear weapons free zone in the region.",
    "Rick Santorum criticized the response of the press in a radio interview.",
    "Darnell Hurt asked for the new mitigator to apply to all offenses.",
  ])
  func nounPhraseObjectThatNamesNoSpeechAct(_ text: String) {
    #expect(quotes(text).isEmpty)
  }

  @Test func accordingToInKeepingWith() {
    // "according to" in mid-sentence without a comma means "in keeping with".
    #expect(quotes("All analyses were weighted according to the survey weight provided by the staff.").isEmpty)
    #expect(quotes("The general organized the army according to the new system; and he raised the pay.").isEmpty)
    #expect(quotes("The economy grew by three percent last year according to the Federal Reserve.").first?.hasSuffix(": The economy grew by three percent last year") == true)
  }

  @Test func topicAfterAnAddresseeOrForIsNotWhatWasSaid() {
    #expect(quotes("Biologist Nick Bos tells Wikinews about self-medicating ants on Tuesday.").isEmpty)
    #expect(quotes("Two years later he pointed out for the first time the desirability of the method.").isEmpty)
    #expect(quotes("Angela Merkel told Der Spiegel about the plan that it would cost billions.") == [
      "Angela Merkel => Angela Merkel: that it would cost billions"
    ])
  }

  @Test func subjectAndAuxiliaryOpenAClauseAfterAWeakCue() {
    #expect(quotes("CNN reported the president would sign the order on Monday.") == [
      "CNN => CNN: the president would sign the order on Monday"
    ])
    // An object with no verb of its own reports nothing.
    #expect(quotes("The minister noted the importance of the harbour for the region.").isEmpty)
  }

  @Test func secondSpeakerEndsTheFirstOnesContent() {
    #expect(quotes("Lindsey Graham insisted that the deal was dead, while Ted Cruz argued it could be revived.") == [
      "Lindsey Graham => Lindsey Graham: that the deal was dead",
      "Ted Cruz => Ted Cruz: it could be revived",
    ])
  }

  @Test func objectPronounAfterTheCueIsNoSpeaker() {
    #expect(quotes("Her former professor, Rem Koolhaas, described her at graduation as a planet in her own orbit.").isEmpty)
    #expect(quotes("The talks will resume in May, said her spokesman.") == [
      "her spokesman => -: The talks will resume in May"
    ])
  }

  @Test(arguments: [
    // "add" takes a clause, not an object, nor a quoted phrase inside its clause.
    "Emperor Norton later added \"Protector of Mexico\" to this title.",
    "The city added the Rock and Roll Hall of Fame and four new stadiums.",
    // A pronoun and a quoted phrase characterize.
    "Simeon Poisson reviewed the paper and declared it \"incomprehensible\".",
    // An infinitive after a cue that neither promises nor asks.
    "Theodorus claimed to be acting on behalf of the abbot.",
    // A lower-case list after "added:" is what was added.
    "During its comeback years, the city has added: the science center, a new museum and four stadiums.",
  ])
  func cueWithAnObjectOrAComplementReportsNothing(_ text: String) {
    #expect(quotes(text).isEmpty)
  }

  @Test func addTakesAClauseWithoutThat() {
    #expect(quotes("Wang Yi added the talks would resume in May.") == [
      "Wang Yi => Wang Yi: the talks would resume in May"
    ])
    #expect(quotes("Wang Yi added: \"The talks will resume in May.\"") == [
      "Wang Yi => Wang Yi: \"The talks will resume in May.\""
    ])
  }

  @Test func possessiveInTheAddressee() {
    #expect(quotes("Paul Ryan told CNN's Jake Tapper that he supported the tax plan.") == [
      "Paul Ryan => Paul Ryan: that he supported the tax plan"
    ])
  }

  @Test func participleAfterAQuoteSpeaksForItsSpeaker() {
    #expect(quotes("\"We will get this done,\" Paul Ryan said, adding that the vote could come next week.") == [
      "Paul Ryan => Paul Ryan: \"We will get this done,\"",
      "Paul Ryan => Paul Ryan: that the vote could come next week",
    ])
  }

  @Test func accordingToACommonNounPhrase() {
    #expect(quotes("The measure passed by two votes, according to a tally by the Associated Press.") == [
      "a tally by the Associated Press => Associated Press: The measure passed by two votes"
    ])
    #expect(quotes("Unemployment fell to four percent in May according to the latest figures.") == [
      "the latest figures => -: Unemployment fell to four percent in May"
    ])
  }

  @Test func numberOpensTheSpeakerPhrase() {
    #expect(quotes("Some senators have privately expressed doubts about the bill, two aides said.") == [
      "two aides => -: Some senators have privately expressed doubts about the bill"
    ])
  }

  @Test func clauseWithoutThatAfterAnAdverbial() {
    #expect(quotes("Senator Tammy Baldwin said in a statement she would vote against the bill.") == [
      "Senator Tammy Baldwin => Tammy Baldwin: she would vote against the bill"
    ])
    #expect(quotes("Senator Tammy Baldwin said at the time the agency would review the case.") == [
      "Senator Tammy Baldwin => Tammy Baldwin: the agency would review the case"
    ])
  }

  @Test func quotationAfterATopicAndAColon() {
    #expect(quotes("Mike Pompeo said of the talks: \"We made real progress.\"") == [
      "Mike Pompeo => Mike Pompeo: \"We made real progress.\""
    ])
  }

  @Test func quotationInTheObjectStaysInIt() {
    #expect(quotes("Dmitry Peskov dismissed the report as \"absolute nonsense.\"") == [
      "Dmitry Peskov => Dmitry Peskov: the report as \"absolute nonsense.\""
    ])
  }

  @Test func quotedAsSayingSpeaksForTheSubject() {
    #expect(quotes("Vladimir Putin was quoted as saying that the talks had been useful.") == [
      "Vladimir Putin => Vladimir Putin: that the talks had been useful"
    ])
  }

  @Test func anonymousSourceKeepsItsQualifier() {
    #expect(quotes("Sources familiar with the matter said the summit could be postponed.") == [
      "Sources familiar with the matter => -: the summit could be postponed"
    ])
    #expect(quotes("The summit could be postponed, two people close to the talks said.") == [
      "two people close to the talks => -: The summit could be postponed"
    ])
  }

  @Test func cueNounInTheAdverbialBeforeThat() {
    #expect(quotes("Donald Trump said in a tweet that the meeting was a success.") == [
      "Donald Trump => Donald Trump: that the meeting was a success"
    ])
  }

  @Test func roleWithAnotherQualifierIsNotTheHolder() {
    let text = "President Donald Trump arrived in Helsinki. \"We are not naive,\" the French president told reporters."
    #expect(quotes(text) == ["the French president => -: \"We are not naive,\""])
  }

  @Test func theSpeakersNextActIsNotWhatWasSaid() {
    #expect(quotes("Angela Merkel said Germany would increase its defense spending, but gave no figure.") == [
      "Angela Merkel => Angela Merkel: Germany would increase its defense spending"
    ])
  }

  @Test func comparisonClauseReportsNothing() {
    #expect(quotes("We just want to bring, like she said, more light into the media industry.").isEmpty)
  }

  @Test func unpairedMarksNeverAbort() {
    let text = "Kirby said \"this quote never closes and Russia is named. Another sentence.\n\nA \u{201D} stray mark, and Kim said that all is well."
    let q = quotes(text)
    #expect(q.count >= 2)
  }

  @Test func nestedQuotesStayInsideTheirQuote() {
    let text = "John Kirby said: \"They told us \u{2018}no deal\u{2019} and Russia agreed to 'wait and see'.\" Nothing else happened."
    #expect(quotes(text) == ["John Kirby => John Kirby: \"They told us \u{2018}no deal\u{2019} and Russia agreed to 'wait and see'.\""])
  }

  @Test func scareQuotesAreNotQuotes() {
    #expect(quotes("The meeting demonstrated the \"durability\" of friendship.").isEmpty)
  }

  @Test func coordinatedSpeakersBothSpeak() {
    let a = Pipeline().analyze(Article(id: "t", text: "Moscow and Pyongyang deny that there is a transfer of equipment."))
    #expect(a.quotes.count == 1)
    let q = a.quotes.first
    let names = ([q?.speakerEntity].compactMap { $0 } + (q?.otherSpeakers ?? [])).map { a.recognition.entities[$0].name }
    #expect(names == ["Russia", "North Korea"])
    #expect(q?.speaker.map { a.document.string($0) } == "Moscow and Pyongyang")
  }
}

@Suite("Quotations: forms of news writing")
struct NewsQuoteFormTests {
  static let text = """
    Ukrainian President Volodymyr Zelensky met Joe Biden in Washington on Monday.

    "We will win this war," said Zelensky.

    Biden wrote on Twitter that the United States would stand with Ukraine.

    A spokesman for the Kremlin, Dmitry Peskov, said Russia would respond.

    "Nothing has changed," the official said, speaking on condition of anonymity.

    Biden told reporters: "Russia will pay a price."

    In a statement, the Russian Foreign Ministry said the sanctions were illegal.

    Chinese officials warned that Beijing would not accept the decision.

    The European Commission, the EU's executive arm, said it would propose new measures.

    Zelensky's office said the attack killed three people.
    """

  static let found: [String] = quotes(text)

  @Test(arguments: [
    "Zelensky => Volodymyr Zelensky: \"We will win this war,\"",
    "Biden => Joe Biden: that the United States would stand with Ukraine",
    "Dmitry Peskov => Dmitry Peskov: Russia would respond",
    "the official => -: \"Nothing has changed,\"",
    "Biden => Joe Biden: \"Russia will pay a price.\"",
    "Chinese officials => China: that Beijing would not accept the decision",
    "The European Commission => European Commission: it would propose new measures",
    "Zelensky's office => Volodymyr Zelensky: the attack killed three people",
  ])
  func attributes(_ expected: String) {
    #expect(Self.found.contains(expected), "\(Self.found)")
  }
}

@Suite("Quotations: forms of political reporting")
struct PoliticalQuoteFormTests {
  static let found: [String] = quotes("""
    Donald Trump and Hillary Clinton traded attacks on Tuesday.

    "She has no stamina," Trump said Monday in an interview with Fox News.

    Trump has said that the election is rigged.

    "We need to unite," said Sen. John McCain (R-Ariz.).

    The plan would cost $1 trillion, according to a statement from the Clinton campaign.

    Asked about the emails, Clinton said: "I made a mistake."

    Trump, speaking in Ohio, said the economy was a disaster.
    """)

  @Test(arguments: [
    "Trump => Donald Trump: \"She has no stamina,\"",
    "Trump => Donald Trump: that the election is rigged",
    "Sen. John McCain => John McCain: \"We need to unite,\"",
    "a statement from the Clinton campaign => Hillary Clinton: The plan would cost $1 trillion",
    "Clinton => Hillary Clinton: \"I made a mistake.\"",
    "Trump => Donald Trump: the economy was a disaster",
  ])
  func attributes(_ expected: String) {
    #expect(Self.found.contains(expected), "\(Self.found)")
  }
}

@Suite("Quotations: pronouns and sex")
struct PronounSexTests {
  @Test func sheSkipsTheManWhoSpokeLast() {
    let text = "Andrii Sybiha said that Kyiv would accept inspections. Foreign Ministry spokeswoman Maria Zakharova rejected it. \"Our conditions have not changed,\" she said."
    #expect(quotes(text).last == "she => Maria Zakharova: \"Our conditions have not changed,\"")
  }

  @Test func pronounFindsThePersonNamedParagraphsBefore() {
    let text = """
      Senator Elizabeth Warren opened the hearing on Monday.

      The bank lost four billion dollars last year. Its shares fell by a third. The regulators were slow.

      Investors are worried. Several funds sold their stakes.

      "We will not let this go," she said.
      """
    #expect(quotes(text).last == "she => Elizabeth Warren: \"We will not let this go,\"")
    // A man named as far back does not fit "she".
    let other = text.replacingOccurrences(of: "Senator Elizabeth Warren", with: "Senator John Thune")
    #expect(quotes(other).last == "she => -: \"We will not let this go,\"")
  }

  @Test func heStaysWithTheLastSpeakerOfThatSex() {
    let text = "John Kirby said the talks had failed badly. Karin Jean-Pierre met Kirby later. He added that North Korea was isolated."
    #expect(quotes(text).last == "He => John Kirby: that North Korea was isolated")
  }
}

@Suite("Quotations: speakers and where the content lies")
struct SpeakerConstructionTests {
  @Test func descriptivePhraseSpeaks() {
    #expect(quotes("The airline said that most flights would resume on Friday.") == [
      "The airline => -: that most flights would resume on Friday"
    ])
    #expect(quotes("Last week the union announced that its members would strike.") == [
      "the union => -: that its members would strike"
    ])
  }

  @Test func descriptivePhraseBeforeANounIsNoSpeaker() {
    // "reports" and "question" are nouns here, "calling" a participle.
    #expect(quotes("From the press reports available, the harvest failed badly.").isEmpty)
    #expect(quotes("It remains an open question whether the dam will hold.").isEmpty)
  }

  @Test func definiteDescriptionResolvesToTheOrganization() {
    let text = "The European Medicines Agency reviewed the vaccine. The agency said the benefits outweighed the risks."
    #expect(quotes(text) == ["The agency => European Medicines Agency: the benefits outweighed the risks"])
  }

  @Test func complementOfTheSpeakerStaysWithIt() {
    #expect(quotes("Advisers to the governor say she will veto the budget.") == [
      "Advisers to the governor => -: she will veto the budget"
    ])
  }

  @Test func parenthesisBetweenSpeakerAndCue() {
    #expect(quotes("Senator Tammy Baldwin (D-Wis.) said the vote would be close.") == [
      "Senator Tammy Baldwin => Tammy Baldwin: the vote would be close"
    ])
  }

  @Test func relativeClauseBetweenSpeakerAndCue() {
    #expect(quotes("Olsen, who advises the mayor, said the tunnel would open in spring.") == [
      "Olsen => -: the tunnel would open in spring"
    ])
  }

  @Test func unknownNameAfterTheContent() {
    #expect(quotes("The appeal will be filed within days, Lindqvist noted.") == [
      "Lindqvist => -: The appeal will be filed within days"
    ])
  }

  @Test func cueInterruptsTheSentence() {
    let a = Pipeline().analyze(Article(id: "t", text: "The new bridge, she said on Tuesday, will carry trains by 2030."))
    #expect(a.quotes.count == 1)
    let q = a.quotes.first
    #expect(q?.pieces.map { a.document.string($0) } == ["The new bridge", "will carry trains by 2030"])
    #expect(q?.speaker.map { a.document.string($0) } == "she")
    // An opening adverbial is not what was said.
    #expect(quotes("In Oslo, Jonas Gahr Store said, the talks had gone well.") == [
      "Jonas Gahr Store => Jonas Gahr Store: the talks had gone well"
    ])
  }

  @Test func subjectOfACoordinatedVerbSpeaks() {
    #expect(quotes("Angela Merkel visited the plant on Monday and said that Germany would invest in it.") == [
      "Angela Merkel => Angela Merkel: that Germany would invest in it"
    ])
    #expect(quotes("On Friday, Pedro Sanchez met the farmers and told them the subsidies would stay.") == [
      "Pedro Sanchez => Pedro Sanchez: the subsidies would stay"
    ])
  }

  @Test func mannerAdverbBetweenSpeakerAndCue() {
    #expect(quotes("Jacinda Ardern met the families. She rightly said the country had to change its laws.") == [
      "She => Jacinda Ardern: the country had to change its laws"
    ])
  }

  @Test func participleAfterTheClauseSpeaksForTheSubject() {
    #expect(quotes("Ursula von der Leyen condemned the attack on Sunday, saying that Europe would respond.").last ==
      "Ursula von der Leyen => Ursula von der Leyen: that Europe would respond")
    // "speaking in Ohio" reports no words.
    #expect(quotes("Viktor Orban, speaking in Budapest, said the plan was a mistake.") == [
      "Viktor Orban => Viktor Orban: the plan was a mistake"
    ])
  }

  @Test func cueOpeningTheTextHasNoSubjectBeforeIt() {
    #expect(quotes("Saying that the storm was near, the mayor closed the port.").isEmpty)
  }

  @Test func findingWithoutThat() {
    #expect(quotes("A new Marist poll shows the mayor trailing by nine points.") == [
      "A new Marist poll => -: the mayor trailing by nine points"
    ])
  }

  @Test func quotedWordBeforeTheSpeakerIsNotWhatWasSaid() {
    #expect(quotes("About the \"reform\" she wrote, \"Nothing in this bill will help the poor.\"") == [
      "she => -: \"Nothing in this bill will help the poor.\""
    ])
  }

  @Test func reflexiveAndAdverbBetweenSpeakerAndCue() {
    #expect(quotes("Giorgia Meloni herself famously declared: \"Italy comes first.\"") == [
      "Giorgia Meloni => Giorgia Meloni: \"Italy comes first.\""
    ])
  }

  @Test func participleWithByIsNoSpeechAct() {
    #expect(quotes("The measures announced by Rishi Sunak on Monday will cost billions.").isEmpty)
  }

  @Test func firstPersonSpeakerKeepsThePhrase() {
    #expect(quotes("As the author of the report, I say the figures are wrong.") == [
      "I => -: the figures are wrong"
    ])
  }

  @Test(arguments: [
    // A quoted phrase inside a sentence mentions words; it does not report them.
    "Critics described the new budget as \"a violent, though pure act of fiscal passion\".",
    // A lower-case fragment opening a paragraph is no sentence.
    "The mayor spoke.\n\n\"after many difficult years in the city, returned to the farm.\"",
    // A title: most of its words capitalized.
    "The Committee Report.\n\n\"The History Of Peter The Great, Emperor Of Russia And Poland\"",
  ])
  func quotationsWithoutCueThatAreNoQuotes(_ text: String) {
    #expect(quotes(text).isEmpty)
  }

  @Test func quotationWithoutCueSpeaksForThePersonNamedBefore() {
    let text = "Maria Lopez spoke to supporters at the rally in Phoenix on Sunday.\n\n\"We will not stop until every voter in this state has been heard.\""
    #expect(quotes(text) == [
      "Maria Lopez => Maria Lopez: \"We will not stop until every voter in this state has been heard.\""
    ])
  }

  @Test func quotationWithoutCueKeepsTheSpeakerOfTheQuoteBefore() {
    let text = "John Kirby said that the talks had failed. Anthony Blinken arrived later.\n\n\"Nobody in this building expected a deal before the summer.\""
    #expect(quotes(text).last == "John Kirby => John Kirby: \"Nobody in this building expected a deal before the summer.\"")
  }

  @Test(arguments: [
    // Naming, not speech.
    "The port is also called \"the Oil Capital of the World\" by the people who live there.",
    "She hosts a weekly podcast called \"The Long Hour With Friends\" with her brother.",
    // A passive with an adverb: the subject did not speak.
    "It is widely said that the town was founded by sailors from the north.",
    // The cue closed its clause; what follows the comma is the writer's.
    "Gorbachev agreed, but there was a price that the alliance had to pay.",
    // The cue is in a subject clause.
    "What the minister added was a sense of urgency to the talks.",
    // A topic, with nothing quoted.
    "The senator complained of the corruption of the officials in the province.",
    // A verb of speech that means "have" before its object.
    "The harbour boasts a sheltered anchorage with views of the hills.",
  ])
  func speechVerbsThatReportNothing(_ text: String) {
    #expect(quotes(text).isEmpty)
  }

  @Test func topicBeforeWhatWasSaid() {
    #expect(quotes("Stephen Colbert said of his time at Second City that they avoided political humor.") == [
      "Stephen Colbert => Stephen Colbert: that they avoided political humor"
    ])
  }

  @Test func subjectPronounOpensAClauseAfterAWeakCue() {
    #expect(quotes("Robert Sarvis notes he favors school choice through student vouchers.") == [
      "Robert Sarvis => Robert Sarvis: he favors school choice through student vouchers"
    ])
  }
  @Test func untypedNameIsTheSubjectOfACoordinatedCue() {
    let text = "Jespersen was a proponent of phonosemanticism and wrote:\n\n\"Is there really much more logic in the opposite extreme?\""
    #expect(quotes(text) == ["Jespersen => -: \"Is there really much more logic in the opposite extreme?\""])
  }

  @Test func descriptionResolvesToThePersonIntroducedWithIt() {
    let text = "HBO host Bill Maher interviewed the senator on Friday. The host said the election would be close."
    #expect(quotes(text) == ["The host => Bill Maher: the election would be close"])
  }

  @Test func clauseWithoutThatAfterAnAddresseeAndADay() {
    #expect(quotes("Donald Trump told reporters at the White House on Friday the wall would be built.") == [
      "Donald Trump => Donald Trump: the wall would be built"
    ])
    #expect(quotes("Donald Trump told reporters at the White House on Friday night that the wall would be built.") == [
      "Donald Trump => Donald Trump: that the wall would be built"
    ])
  }

  @Test func infinitiveAfterACueThatPromisesOrThreatens() {
    #expect(quotes("Senator Mary Collins vowed to fight on.") == ["Senator Mary Collins => Mary Collins: to fight on"])
    #expect(quotes("Governor Tom Baker threatened to veto the budget bill.") == [
      "Governor Tom Baker => Tom Baker: to veto the budget bill"
    ])
    // A cue that directs someone ("urged him to"), a promise as a noun, and a passive report nothing.
    #expect(quotes("Her father urged him to study medicine in Basel.").isEmpty)
    #expect(quotes("Her promise to fight on was kept.").isEmpty)
    #expect(quotes("Senator Mary Collins was urged to fight on.").isEmpty)
  }

  @Test func wireBylineIsNoSpeakerAndNoPartOfTheQuote() {
    // The lead statement is the story's own: no quote without a cue.
    #expect(quotes("WASHINGTON (Reuters) - The Senate passed the budget bill on Friday.").isEmpty)
    // A quote in the lead starts after the dash.
    #expect(quotes("WASHINGTON (Reuters) - The Senate will vote on the budget bill on Friday, officials said.") == [
      "officials => -: The Senate will vote on the budget bill on Friday"
    ])
    #expect(quotes("LONDON, Oct 3 (AP) \u{2014} \"We will win this vote,\" Boris Johnson told supporters.") == [
      "Boris Johnson => Boris Johnson: \"We will win this vote,\""
    ])
    // A pronoun does not stand for the agency.
    let text = "NEW YORK (Reuters) - Acme Holdings reported higher profits on Monday. It said demand was strong."
    #expect(quotes(text) == ["It => Acme Holdings: demand was strong"])
  }

  @Test func pronounAndCueAfterACommaIsASecondSpeaker() {
    let text = "Anna Berg met the landlord on Monday. She said the rent was too high, he said the rent was fair."
    #expect(quotes(text) == [
      "She => Anna Berg: the rent was too high",
      "he => -: the rent was fair",
    ])
  }

  @Test func cueSetOffByCommasBeforeAnotherCueIsNoSpeaker() {
    let text = "As Judge Tom Gass, I think, said the jury had to find the landlord negligent."
    #expect(quotes(text) == ["Judge Tom Gass => Tom Gass: the jury had to find the landlord negligent"])
  }

  @Test func appositiveSpeakerWithAClauseWithoutThat() {
    #expect(quotes("The campaign's chairman, John Podesta, said Monday the emails were stolen.") == [
      "John Podesta => John Podesta: the emails were stolen"
    ])
    #expect(quotes("The group's leader, Ahmed Ali, told journalists they would fight on.") == [
      "Ahmed Ali => Ahmed Ali: they would fight on"
    ])
    // A description set off after the name: the named person speaks.
    #expect(quotes("Kellyanne Conway, Donald Trump's campaign manager, said Monday the polls were wrong.") == [
      "Kellyanne Conway => Kellyanne Conway: the polls were wrong"
    ])
  }

  @Test func theOneSpokenToIsNoPartOfWhatWasSaid() {
    #expect(quotes("Ivanka Trump spoke in Ohio on Monday. She told the crowd her father would win the state.") == [
      "She => Ivanka Trump: her father would win the state"
    ])
    #expect(quotes("Bob Stone told his supporters the election was rigged.") == ["Bob Stone => Bob Stone: the election was rigged"])
    #expect(quotes("Ann Lee told a rally in Ohio that she would run again.") == ["Ann Lee => Ann Lee: that she would run again"])
    #expect(quotes("Governor Ann Lee warned the crowd that taxes would rise.") == ["Governor Ann Lee => Ann Lee: that taxes would rise"])
    #expect(quotes("Ann Lee told the crowd Bob Stone would lose.") == ["Ann Lee => Ann Lee: Bob Stone would lose"])
  }

  @Test func speechReportedWithinReportedSpeech() {
    #expect(quotes("Senator John Smith said Mary Jones told him the bill was dead.") == [
      "Senator John Smith => John Smith: Mary Jones told him the bill was dead",
      "Mary Jones => Mary Jones: the bill was dead",
    ])
    // A pronoun after the nested quote still stands for the one who reported it.
    let q = quotes("John Smith said Mary Jones told him the bill was dead. He added that the vote would fail.")
    #expect(q.last == "He => John Smith: that the vote would fail")
  }

  @Test func aSourceSetOffAfterTheClauseReportsTheWholeSentence() {
    #expect(quotes("Donald Trump said the wall would be built, according to Reuters.") == [
      "Reuters => Reuters: Donald Trump said the wall would be built",
      "Donald Trump => Donald Trump: the wall would be built",
    ])
    #expect(quotes("According to Reuters, Donald Trump said the wall would be built.") == [
      "Reuters => Reuters: Donald Trump said the wall would be built",
      "Donald Trump => Donald Trump: the wall would be built",
    ])
  }

  @Test func aSecondCueAfterButSpeaksForTheFirstOnesSpeaker() {
    #expect(quotes("Barack Obama said Tuesday that Congress would act, but warned that time was short.") == [
      "Barack Obama => Barack Obama: that Congress would act",
      "Barack Obama => Barack Obama: that time was short",
    ])
  }

  @Test func auxiliariesAndAdverbsBetweenSpeakerAndCue() {
    #expect(quotes("John Kerry has long argued that the deal is good for America.") == [
      "John Kerry => John Kerry: that the deal is good for America"
    ])
  }

  @Test func aParticipleSetOffAfterTheSubjectHoldsNoSpeaker() {
    let q = quotes("Bush, speaking to reporters in Texas, said that the economy was recovering.")
    #expect(q.count == 1)
    #expect(q.first?.hasPrefix("Bush => ") == true)
  }

  @Test func anAdverbialBetweenTheSpeakerAndTheCue() {
    #expect(quotes("Donald Trump on Monday said that the wall would be built.") == [
      "Donald Trump => Donald Trump: that the wall would be built"
    ])
    #expect(quotes("Hillary Clinton in a statement said that the ruling was a victory.") == [
      "Hillary Clinton => Hillary Clinton: that the ruling was a victory"
    ])
    #expect(quotes("Mitch McConnell earlier this week said the Senate would not vote.") == [
      "Mitch McConnell => Mitch McConnell: the Senate would not vote"
    ])
    // A complement of the speaker names no time: it stays with the speaker.
    #expect(quotes("Officials at the State Department said the talks had failed.").first?.hasPrefix("Officials at the State Department => ") == true)
  }

  @Test func itAndAQuotedPredicateAreAClause() {
    #expect(quotes("The Lithuanian foreign ministry said it \"firmly rejects\" the accusations.") == [
      "The Lithuanian foreign ministry => Lithuania: it \"firmly rejects\" the accusations"
    ])
    #expect(quotes("Andrei Volkov warned it \"would answer any provocation.\"").map { $0.hasPrefix("Andrei Volkov => Andrei Volkov: it ") } == [true])
    // A quoted word that characterizes "it" is still no clause.
    #expect(quotes("Andrei Volkov declared it \"absurd.\"").isEmpty)
  }

  @Test func aQuotationAfterTheNameAfterTheCueIsWhatItSays() {
    #expect(quotes("Andrei Volkov, speaking to reporters in Riga, said Estonia \"will never accept the plan.\"") == [
      "Andrei Volkov => Andrei Volkov: Estonia \"will never accept the plan.\""
    ])
  }

  @Test func aSpeakerOpeningTheNextParagraphSaysNoQuotationOfTheOneBefore() {
    let q = quotes("Andrei Volkov arrived in Riga. \"The border must stay open,\" said Volkov. \"We cannot wait.\"\n\nMarta Kalnina agreed.")
    #expect(!q.contains { $0.hasPrefix("Marta Kalnina") })
  }

  @Test func aCueSetOffBeforeTheSpeakersNextActClosesTheContent() {
    #expect(quotes("Andrei Volkov arrived. The talks in Riga were useful, Volkov said, adding that a new round would follow.") == [
      "Volkov => Andrei Volkov: The talks in Riga were useful",
      "Volkov => Andrei Volkov: that a new round would follow",
    ])
    #expect(quotes("Andrei Volkov arrived. The talks in Riga were useful, Volkov said on Monday, but no date was set.") == [
      "Volkov => Andrei Volkov: The talks in Riga were useful"
    ])
  }

  @Test func aParticipleCueEndsReportedSpeech() {
    #expect(quotes("Andrei Volkov said the border would stay open, adding that trade would resume.") == [
      "Andrei Volkov => Andrei Volkov: the border would stay open",
      "Andrei Volkov => Andrei Volkov: that trade would resume",
    ])
  }

  @Test func oneOpensASpeakerPhrase() {
    #expect(quotes("Andrei Volkov arrived. \"The deal is fragile,\" one diplomat said.").map { $0.hasPrefix("one diplomat => ") } == [true])
    #expect(quotes("Andrei Volkov arrived. \"The deal is fragile,\" said one diplomat.").map { $0.hasPrefix("one diplomat => ") } == [true])
  }

  @Test func lowerCaseModifiersAfterTheCommaBelongToTheSpeaker() {
    #expect(quotes("Andrei Volkov arrived. The border crossing was closed, local officials said.") == [
      "local officials => -: The border crossing was closed"
    ])
    #expect(quotes("Andrei Volkov arrived. Two villages were shelled overnight, state media reported.") == [
      "state media => -: Two villages were shelled overnight"
    ])
  }

  @Test func aPronounTellsTheSexOfThePersonItResolvesTo() {
    let q = quotes("Commissioner Ingrid Halvorsen said the plan was ready. Finance Minister Bereczky disagreed. He said the plan would fail. \"This is a mistake,\" she said in reply.")
    #expect(q.last == "she => Ingrid Halvorsen: \"This is a mistake,\"")
  }

  @Test func aDescriptionBetweenTheQuotationAndTheNameIsTheSpeakers() {
    #expect(quotes("\"We came in good faith,\" the head of the Latvian delegation, Andris Ozols, told journalists.") == [
      "the head of the Latvian delegation, Andris Ozols => Andris Ozols: \"We came in good faith,\""
    ])
  }

  @Test func aRoleSetOffBeforeOrAfterTheNameIsTheirs() {
    #expect(quotes("Latvia's foreign minister, Andris Ozols, arrived on Monday. The minister said the talks would resume.").last
      == "The minister => Andris Ozols: the talks would resume")
    #expect(quotes("Andris Ozols, a spokesman for the Latvian government, arrived on Monday. The spokesman said the talks would resume.").last
      == "The spokesman => Andris Ozols: the talks would resume")
  }

  @Test func aTitleInQuotationMarksBeforeTheCueIsNoUtterance() {
    #expect(quotes("In her memoir \"Winter On The Baltic,\" Marta Kalnina wrote about the years of occupation.").isEmpty)
  }

  @Test func aNewSubjectBeforeAQuotationTakesItsPronoun() {
    let q = quotes("Estonian Prime Minister Jaan Tamm said Europe had to spend more. \"We cannot wait,\" Tamm told reporters.\n\nLatvian Prime Minister Andris Ozols was more cautious. \"We will do our part,\" he said.")
    #expect(q.last == "he => Andris Ozols: \"We will do our part,\"")
  }

  @Test func anIndefiniteRoleSpeaks() {
    #expect(quotes("\"We are concerned,\" a Latvian foreign ministry spokesperson told the BBC.").map { $0.hasPrefix("a Latvian foreign ministry spokesperson => ") } == [true])
  }

  @Test func quotedBySourceAsSaying() {
    #expect(quotes("Andris Ozols was quoted by the LETA news agency as saying the talks had failed.") == [
      "Andris Ozols => Andris Ozols: the talks had failed"
    ])
  }

  @Test func aPronounSubjectBeforeAParticipleCueIsTheWholeSpeaker() {
    #expect(quotes("Andris Ozols spoke on Monday. He blamed his predecessors for the crisis, saying they had ruined the economy.").last
      == "He => Andris Ozols: they had ruined the economy")
  }
}
