import Entente
import EntenteTestSupport
import Testing

/// Checks that recognition finds exactly the marked names: PER, STA, ORG.
func expectNames(_ marked: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let m = MarkedText(marked)
  let a = Pipeline().analyze(Article(id: "t", text: m.text))
  let tag: [EntityType: String] = [.person: "PER", .state: "STA", .organization: "ORG"]
  let found = a.recognition.mentions.filter { $0.kind == .name }.map {
    "\(a.document.string($0.span))/\(tag[a.recognition.entities[$0.entity].type]!)@\($0.span.start)"
  }
  let want = m.spans.map { "\($0.text)/\($0.tag)@\($0.start)" }
  #expect(found == want, sourceLocation: sourceLocation)
}

/// The canonical entity name of the mention with this text (the first one).
func entityName(of text: String, in article: String) -> String? {
  let a = Pipeline().analyze(Article(id: "t", text: article))
  guard let m = a.recognition.mentions.first(where: { a.document.string($0.span) == text }) else { return nil }
  return a.recognition.entities[m.entity].name
}

@Suite("Recognition: gazetteer")
struct GazetteerRuleTests {
  @Test func statesByNameAndAbbreviation() {
    expectNames("[Russia]STA and [DPRK]STA agreed with [China]STA while the [US]STA and [U.S.]STA watched.")
    expectNames("Talks between [North Korea]STA, [South Korea]STA and [New Zealand]STA went on.")
  }

  @Test func officialNamesAreTheSameState() {
    #expect(entityName(of: "Russian Federation", in: "The President of the Russian Federation spoke.") == "Russia")
    #expect(entityName(of: "DPRK", in: "DPRK leaders met.") == "North Korea")
  }

  @Test func demonymsAndCapitalsAreNotNames() {
    let a = Pipeline().analyze(Article(id: "t", text: "The Russian delegation said Moscow would support Pyongyang."))
    let kinds = a.recognition.mentions.map { "\(a.document.string($0.span)):\($0.kind.rawValue)" }
    #expect(kinds == ["Russian:demonym", "Moscow:metonym", "Pyongyang:metonym"])
  }

  @Test func seatsOfGovernmentStandForTheirGovernment() {
    #expect(entityName(of: "Kremlin", in: "The Kremlin dismissed the move.") == "Russia")
    #expect(entityName(of: "Brussels", in: "Washington and Brussels agree new sanctions.") == "European Union")
    #expect(entityName(of: "White House", in: "The White House said so.") == "White House")
  }

  @Test func capitalsAsPlacesAreNotTheState() {
    let a = Pipeline().analyze(Article(id: "t", text: "The summit in Washington ended. Kim arrived at Pyongyang International Airport."))
    #expect(!a.recognition.mentions.contains { a.document.string($0.span) == "Washington" })
    #expect(!a.recognition.mentions.contains { a.document.string($0.span).hasPrefix("Pyongyang") })
  }

  @Test func organizations() {
    expectNames("[NATO]ORG and [Reuters]ORG reported that the [White House]ORG agreed.")
  }

  @Test func neverRegionsEventsOrTitleWords() {
    let a = Pipeline().analyze(Article(id: "t", text: "Security in Europe and Asia has not been this bad since World War II, the President said of the Korean Peninsula."))
    #expect(a.recognition.entities.isEmpty)
  }
}

@Suite("Recognition: people")
struct PersonRuleTests {
  @Test func afterTitles() {
    expectNames("[Russian]X President [Vladimir Putin]PER met Prime Minister [Fumio Kishida]PER.".replacingOccurrences(of: "[Russian]X", with: "Russian"))
    expectNames("[NATO]ORG Secretary General [Jens Stoltenberg]PER spoke to spokeswoman [Karin Jean-Pierre]PER.")
  }

  @Test func givenNamesFamilyFirstAndParticles() {
    expectNames("Yesterday [John Kirby]PER, [Kim Jong-un]PER and [Suleiman al-Amr]PER arrived.")
  }

  @Test func initialsParticlesAndFamilyNamesFirst() {
    expectNames("[John F. Kennedy]PER, [Ursula von der Leyen]PER, [Mohammed bin Salman]PER and [J. R. R. Tolkien]PER met [Xi Jinping]PER.")
    #expect(entityName(of: "Xi", in: "Xi Jinping arrived. Later Mr. Xi said nothing.") == "Xi Jinping")
  }

  @Test func surnamesBehindASuffixAParticleOrAFamilyNameFirst() {
    // The surname before "Jr." and "III", a surname without its "al-", a family name written first.
    #expect(entityName(of: "Hendricks", in: "Dale P. Hendricks Jr. opened his campaign in Toledo. Hendricks said the race was open.") == "Dale P. Hendricks Jr")
    #expect(entityName(of: "Marlowe", in: "Curtis Marlowe III won the primary. Voters backed Marlowe by a wide margin.") == "Curtis Marlowe III")
    #expect(entityName(of: "Nouri", in: "Karim al-Nouri left the capital on Friday. Nouri's allies kept silent.") == "Karim al-Nouri")
    #expect(entityName(of: "Sisi", in: "Talal el-Sisi arrived on Monday. Officials said Sisi would stay two days.") == "Talal el-Sisi")
    #expect(entityName(of: "Zhao", in: "Zhao Minghui chaired the meeting in Nanjing. Zhao said trade would grow.") == "Zhao Minghui")
    // The suffix still goes with the surname.
    #expect(entityName(of: "Hendricks Jr", in: "Dale Hendricks Jr. and Amy Hendricks spoke. Hendricks Jr. said the race was open.") == "Dale Hendricks Jr")
  }

  @Test func anHonorificPicksOneOfTwoPeopleWithASurname() {
    let text = "Marjorie Tallis and her husband, Gordon Tallis, opened the clinic. Mrs. Tallis thanked the donors, and Mr. Tallis spoke about funding."
    let a = Pipeline().analyze(Article(id: "t", text: text))
    let tallis = a.recognition.mentions.filter { a.document.string($0.span) == "Tallis" }.map { a.recognition.entities[$0.entity].name }
    #expect(tallis == ["Marjorie Tallis", "Gordon Tallis"])
    // Without a sex to go by ("Dr."), the surname stays unresolved.
    #expect(entityName(of: "Tallis", in: "Marjorie Tallis and Gordon Tallis spoke. Dr. Tallis left.") == "Tallis")
  }

  @Test func surnamesResolveToTheFullName() {
    let text = "Putin landed. Later President Vladimir Putin met Kim Jong-un. Putin and Kim talked."
    let a = Pipeline().analyze(Article(id: "t", text: text))
    let people = a.recognition.entities.filter { $0.type == .person }.map(\.name)
    #expect(people == ["Vladimir Putin", "Kim Jong-un"])
    let putin = a.recognition.mentions.filter { a.recognition.entities[$0.entity].name == "Vladimir Putin" }
    #expect(putin.count == 3)
  }

  @Test func twoPeopleWithOneSurnameStayApart() {
    let text = "Kim Jong-un met Kim Yo-jong. Kim said nothing."
    let a = Pipeline().analyze(Article(id: "t", text: text))
    let people = Set(a.recognition.entities.filter { $0.type == .person }.map(\.name))
    // The lone "Kim" is merged into neither of them: a person still, of its own, unresolved.
    #expect(people == ["Kim Jong-un", "Kim Yo-jong", "Kim"])
    let kim = a.recognition.mentions.filter { a.document.string($0.span) == "Kim" }
    #expect(kim.count == 1)
    #expect(kim.allSatisfy { a.recognition.entities[$0.entity].name == "Kim" })
  }

  @Test func monthsWeekdaysAndSentenceStartsAreNotPeople() {
    let a = Pipeline().analyze(Article(id: "t", text: "On Monday, May 5, officials met. However, Hours later nothing happened."))
    #expect(a.recognition.entities.isEmpty)
  }
}

@Suite("Recognition: organizations by form")
struct OrganizationRuleTests {
  @Test func keywordsAndOfPhrases() {
    expectNames("The [Central Committee of the Workers' Party]ORG met the [Ministry of Foreign Affairs]ORG.")
    expectNames("He spoke to the [Civil Defense Authority]ORG and the [Bank of England]ORG.")
  }

  @Test func acronyms() {
    expectNames("The agency [KCTA]ORG and [BTA]ORG reported it on TV.")
  }

  @Test func aCapitalizedNounOfTheFunctionWordsGoesOnWithAName() {
    // "police", "video", "experts" end a run at its start ("Police said"), not inside a name.
    expectNames("A spokesman for the [New York City Police Department]ORG said two men were held.")
    expectNames("Officers of the [Capitol Police]ORG guarded the doors on Tuesday.")
    expectNames("She won two prizes at the MTV Video Music Awards in the summer.")
    expectNames("[Human Rights Watch]ORG called the arrests unlawful.")
  }

  @Test func twoWordsAndAndBeforeAKnownPartysNameAreItsOwn() {
    expectNames("He joined the [Social Democratic and Labour Party]ORG as a student.")
    expectNames("Conservative and [Labour Party]ORG members voted against the plan.")
  }

  @Test func acronymDefinedInTextJoinsItsLongForm() {
    let text = "The Korean Central News Agency (KCNA) said so. Later KCNA added more."
    let a = Pipeline().analyze(Article(id: "t", text: text))
    let orgs = a.recognition.entities.filter { $0.type == .organization }
    #expect(orgs.count == 1)
    #expect(orgs.first?.aliases.contains("KCNA") == true)
  }
}

@Suite("Recognition: context")
struct ContextRuleTests {
  @Test func affiliationAfterAPersonIsAnOrganization() {
    expectNames("[Nathan Law]PER of [Demosisto]ORG won. Later [Demosisto]ORG celebrated.")
  }

  @Test func organizationsStopAtPeopleAndPlaces() {
    expectNames("[Claudia Mo]PER of the [Civic Party]ORG and [Wong Pik-wan]PER of the [Democratic Party]ORG were elected.")
    expectNames("Crowds gathered at the Kennedy Space Center and at Pyongyang International Airport.")
  }

  @Test func namesThatArePlacesOrWordsAfterAGivenName() {
    let a = Pipeline().analyze(Article(id: "t", text: "Valeska Paris left the ship. Paris claims that she was held there."))
    let people = a.recognition.entities.filter { $0.type == .person }
    #expect(people.map(\.name) == ["Valeska Paris"])
    #expect(a.recognition.mentions.filter { $0.kind == .name }.count == 2)
    #expect(!a.recognition.entities.contains { $0.type == .state })
  }

  @Test func theKeywordAloneIsTheOrganizationNamedBefore() {
    let a = Pipeline().analyze(Article(id: "t", text: "The Church of Scientology denied it. The spokesman said the Church never forced her."))
    let orgs = a.recognition.entities.filter { $0.type == .organization }
    #expect(orgs.count == 1)
    #expect(a.recognition.mentions.filter { a.recognition.entities[$0.entity].type == .organization }.count == 2)
  }

  @Test func knownBodiesGoOnWithOf() {
    expectNames("The [Supreme Court of Cassation]ORG ruled against [The Guardian]ORG.")
  }

  @Test func surnamesThatAreFunctionWords() {
    expectNames("Others elected were [James To]PER and [Wilson Or]PER, who went to the polls.")
  }

  @Test func possessivesInsideNames() {
    expectNames("The [People's Liberation Army]ORG and Texas A&M's engineering department met.")
  }

  @Test func descriptorsBeforeFamilyNameFirstNames() {
    expectNames("Pan-democrat [Lam Cheuk-ting]PER won a seat.")
  }
}

@Suite("Recognition: acronyms, governments, portfolios")
struct MoreContextRuleTests {
  @Test func acronymOfInitialsJoinsTheLongForm() {
    let a = Pipeline().analyze(Article(id: "t", text: "Michael Tien of the New People's Party won. Later NPP members and the New People Party celebrated."))
    let orgs = a.recognition.entities.filter { $0.type == .organization }
    #expect(orgs.count == 1)
    #expect(a.recognition.mentions.filter { a.recognition.entities[$0.entity].type == .organization }.count == 3)
  }

  @Test func theHeadOfAGovernment() {
    expectNames("The tax changed under the [Monti]PER government.")
  }

  @Test func portfoliosAreNotPeople() {
    expectNames("Undersecretary for Education Mr. [Toccafondi]PER spoke, and Professor [Burrows]PER agreed.")
  }

  @Test func currenciesAreNotStates() {
    expectNames("It will cost NZ $ 26 million, [New Zealand]STA said.")
  }
}

@Suite("Recognition: ambiguous names")
struct AmbiguityTests {
  @Test func jordanGeorgiaAndWashington() {
    let text = """
      Jordan and Georgia signed a trade deal on Monday.

      Michael Jordan visited the team in Atlanta, Georgia, where Jordan spoke to fans.

      The Jordan Times reported that Amman would respond. The summit in Washington ended, and Washington said it was pleased.
      """
    let a = Pipeline().analyze(Article(id: "t", text: text))
    func typeAt(_ word: String, _ nth: Int) -> String {
      let offsets = a.document.text.scalars.indices.filter { i in
        a.document.string(TextSpan(i, min(i + word.unicodeScalars.count, a.document.text.count))) == word
      }
      let at = offsets[nth]
      guard let m = a.recognition.mentions.first(where: { $0.span.start <= at && at < $0.span.end }) else { return "-" }
      return "\(a.recognition.entities[m.entity].name)/\(m.kind.rawValue)"
    }
    #expect(typeAt("Jordan", 0) == "Jordan/name")  // listed with another state
    #expect(typeAt("Georgia", 0) == "Georgia/name")
    #expect(typeAt("Jordan", 1) == "Michael Jordan/name")
    #expect(typeAt("Georgia", 1) == "-")  // "Atlanta, Georgia": the US state
    #expect(typeAt("Jordan", 2) == "Michael Jordan/name")  // the person named before
    #expect(typeAt("Jordan", 3) == "Jordan Times/name")  // a newspaper
    #expect(typeAt("Washington", 0) == "-")  // a place
    #expect(typeAt("Washington", 1) == "United States/metonym")  // acting
  }
}
