import Entente
import Testing

private func analyze(_ text: String) -> ArticleAnalysis { Pipeline().analyze(Article(id: "t", text: text)) }

/// The rule stamped on the first mention spelled `text`, if any.
private func rule(of text: String, in a: ArticleAnalysis) -> String? {
  a.recognition.mentions.first { a.document.string($0.span) == text }?.rule
}

@Suite("Recognition: organizations without a keyword, by what they do")
struct OrganizationContextTests {
  @Test func anOutletThatIsToldOrReportsIsAnOrganization() {
    expectNames("The minister told the [Toronto Star]ORG that talks would resume.")
    expectNames("The figures were wrong, according to the [Daily Courier]ORG.")
    expectNames("In an interview with the [Evening Gazette]ORG, he denied it.")
    expectNames("Last week the [Harbour Herald]ORG reported that the plant would close.")
    expectNames("Yesterday [Valley Weekly]ORG reported a second leak.")
  }

  @Test func aBodyThatSpeaksWithTheIsNoPerson() {
    expectNames("The plan is unworkable, the [Storting]ORG said.")
    expectNames("The plan is unworkable, [Quorvale]PER said.")
  }

  @Test func anOutletNamedAgainIsTheSameOrganization() {
    let a = analyze("Valley Weekly reported a leak on Monday. Valley Weekly said the plant was closed.")
    let ms = a.recognition.mentions.filter { a.document.string($0.span) == "Valley Weekly" }
    #expect(ms.count == 2)
    #expect(Set(ms.map(\.entity)).count == 1)
    #expect(ms.allSatisfy { a.recognition.entities[$0.entity].type == .organization })
  }

  @Test func aNameThatActsAsACompanyIsAnOrganizationWhereverItSpeaks() {
    expectNames("[Kelvane]ORG said on Monday that demand was weak. [Kelvane]ORG's shares fell 4% by noon.")
    expectNames("[Dravik]ORG warned of job cuts after [Dravik]ORG reported a first-quarter loss.")
    expectNames("Investors who hold shares in [Morlen]ORG were told to wait. [Morlen]ORG said nothing.")
    expectNames("The chief executive of [Telvani]ORG resigned, and [Telvani]ORG declined to comment.")
  }

  @Test func aPersonsNameThatActsAsACompanyStaysAPerson() {
    // The article gives it as a person's surname: the shares are that person's.
    expectNames("[Anna Kelvane]PER sold the stake last year. [Kelvane]PER's shares went to a trust, [Kelvane]PER said.")
    // No word of business: one who speaks is a person.
    expectNames("The plan is unworkable, [Quorvale]PER said.")
  }

  @Test func aNameDoneAgainIsTheSameEntity() {
    let a = analyze("Quorvale said the talks had failed. Later Quorvale walked out of the room.")
    let ms = a.recognition.mentions.filter { a.document.string($0.span) == "Quorvale" }
    #expect(ms.count == 2)
    #expect(Set(ms.map(\.entity)).count == 1)
    #expect(ms.allSatisfy { a.recognition.entities[$0.entity].type == .person })
  }

  @Test func peopleAreNotOutlets() {
    expectNames("The minister told [John Smith]PER that talks would resume.")
  }
}

@Suite("Recognition: boundaries and descriptions")
struct NameBoundaryTests {
  @Test func aCapitalizedTheInsideASentenceIsPartOfTheName() {
    expectNames("Writers at [The Central Committee]ORG met on Monday.")
    expectNames("The [Central Committee]ORG met on Monday.")
    #expect(rule(of: "The Central Committee", in: analyze("Writers at The Central Committee met.")) == RecognitionRule.articleInName.name)
  }

  @Test func anAcronymDefinedByLowerCaseWordsIsATerm() {
    let a = analyze("We measured sea surface salinity (SSS) from space. SSS rose in the north. NATO said so.")
    #expect(rule(of: "SSS", in: a) == nil)
    #expect(rule(of: "NATO", in: a) != nil)
    let b = analyze("They trained a long short-term memory (LSTM) network. The LSTM learned fast.")
    #expect(rule(of: "LSTM", in: b) == nil)
  }

  @Test func anAcronymDefinedByMixedCaseWordsIsATerm() {
    let a = analyze("It replaced the hidden Markov model (HMM) of the decoder. The HMM was slow. The Zarvic Trade Union (ZTU) objected.")
    #expect(rule(of: "HMM", in: a) == nil)
    #expect(rule(of: "ZTU", in: a) != nil)
  }

  @Test func anAcronymCountedWithAOrAnIsAThing() {
    let a = analyze("The QVX said an XKR was found. Troops destroyed a XKR. Another XKR burned.")
    #expect(rule(of: "XKR", in: a) == nil)
    #expect(rule(of: "QVX", in: a) != nil)
    // Before a noun, the acronym describes: "an QVX official" names the QVX.
    let b = analyze("An official of the QVX spoke. Later a QVX spokesman denied it.")
    #expect(a.recognition.mentions.contains { a.document.string($0.span) == "QVX" })
    #expect(b.recognition.mentions.filter { b.document.string($0.span) == "QVX" }.count == 2)
  }

  @Test func anAcronymInAFormulaIsATerm() {
    let a = analyze("Accuracy is (TQ + TZ) divided by all cases. TQ counts the hits. The QVX said so.")
    #expect(rule(of: "TQ", in: a) == nil)
    #expect(rule(of: "TZ", in: a) == nil)
    #expect(rule(of: "QVX", in: a) != nil)
  }

  @Test func anAcronymBesideANumberNamesNoOrganizationThere() {
    let a = analyze("The paper was shown at ZKPR 2012 in Lyon. The ship (QDG 72) sailed. ZKPR said it was full.")
    #expect(!a.recognition.mentions.contains { a.document.string($0.span) == "QDG" })
    #expect(a.recognition.mentions.filter { a.document.string($0.span) == "ZKPR" }.count == 1)
  }

  @Test func anAcronymBeforeATitleOrInADescriptionNamesNoOrganization() {
    expectNames("He became an [NDP]ORG Member of Parliament.")
    expectNames("It is a [UNESCO]ORG World Heritage Site.")
    expectNames("Shares in [RSA Security]ORG rose.")
  }

  @Test func aStateAtTheEndOfALongerNameIsNoOrganizationOfItsOwn() {
    expectNames("A warning from [Environment Canada]ORG came late.")
    expectNames("They sailed across Lake Chad at dawn.")
  }
}

@Suite("Recognition: the North and the South of a divided country")
struct DividedCountryTests {
  @Test func theNorthIsNorthKoreaInAnArticleOnKorea() {
    let a = analyze("South Korea offered talks on Monday. The North rejected the offer, and the South said it would wait.")
    let north = a.recognition.mentions.first { a.document.string($0.span) == "North" }
    let south = a.recognition.mentions.filter { a.document.string($0.span) == "South" }
    #expect(north.map { a.recognition.entities[$0.entity].name } == "North Korea")
    #expect(south.map { a.recognition.entities[$0.entity].name } == ["South Korea"])
    #expect(rule(of: "North", in: a) == RecognitionRule.dividedCountry.name)
  }

  @Test func theNorthIsNothingWhereNoDividedCountryIsNamed() {
    let a = analyze("France offered talks on Monday. The North rejected the offer.")
    #expect(rule(of: "North", in: a) == nil)
    let b = analyze("North Korea fired a missile. In the North Korean capital, the North of the city was quiet.")
    #expect(!b.recognition.mentions.contains { b.document.string($0.span) == "North" })
  }
}
