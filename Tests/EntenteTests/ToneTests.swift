import Entente
import EntenteTestSupport
import Foundation
import Testing

@Suite("Tone")
struct ToneTests {
  let pipeline = Pipeline()

  /// The edge between the entities named `a` and `b` in a one-sentence article.
  func edge(_ text: String, _ a: String, _ b: String, kind: EdgeKind = .cooccurrence) -> Edge? {
    let g = pipeline.graph(for: [Article(id: "t", text: text)])
    let left = Set(g.nodes(matching: a).map(\.id)), right = Set(g.nodes(matching: b).map(\.id))
    return g.edges.values.first { $0.kind == kind && (left.contains($0.source) && right.contains($0.target) || right.contains($0.source) && left.contains($0.target)) }
  }

  /// Every sentence's cues are the same whether its tokens carry the gazetteer's marks of the
  /// words that start a cue (as analysed) or not (a document read without a gazetteer).
  @Test func cuesAreTheSameWithTheGazetteersMarksOrWithout() {
    let scorer = ToneScorer()
    var found = 0
    for article in ArticleLoader.load([Repository.path("Fixtures")]).articles {
      let marked = pipeline.analyze(article).document
      let plain = Document(article)
      #expect(marked.tokens.map(\.span) == plain.tokens.map(\.span))
      for s in marked.sentences {
        let cues = scorer.cues(in: marked, tokens: s.tokens)
        #expect(cues == scorer.cues(in: plain, tokens: s.tokens))
        found += cues.count
      }
    }
    #expect(found >= 20)
  }

  /// One sentence per cue family, each between the United States and Russia (Washington and
  /// Moscow where they act).
  static let families: [(String, Int)] = [
    ("Washington accused Moscow of lying.", -1),
    ("Washington warned Moscow about the tests.", -1),
    ("Washington condemned Moscow for the strike.", -1),
    ("Washington threatened Moscow with tariffs.", -1),
    ("Washington denies Moscow any role.", -1),
    ("Washington sanctioned Moscow again.", -1),
    ("Washington agreed with Moscow on the plan.", 1),
    ("Washington praised Moscow for the release.", 1),
    ("Washington thanked Moscow for the help.", 1),
    ("Washington supports Moscow in the talks.", 1),
    ("Washington signed a treaty with Moscow.", 1),
    ("Washington will cooperate with Moscow.", 1),
    ("Washington met Moscow's envoy in Geneva.", 0),
    // Acts of conflict, threats and wariness.
    ("Washington attacked Moscow's position.", -1),
    ("Washington launched strikes against Moscow.", -1),
    ("Washington opposes Moscow on the plan.", -1),
    ("Washington criticized Moscow for the delay.", -1),
    ("Washington said consequences await Moscow.", -1),
    ("The United States sees a threat in Russia.", -1),
    ("Washington is worried about Moscow.", -1),
    ("Washington will fight Moscow in court.", -1),
    // Help and alignment, phrases of several words among them.
    ("Washington will help Moscow with the grain.", 1),
    ("The United States offered assistance to Russia.", 1),
    ("Washington stands with Moscow on the plan.", 1),
    ("Washington is working with Moscow on the plan.", 1),
    ("Washington hosted Moscow's envoy in Geneva.", 1),
    ("Washington joined Moscow in the talks.", 1),
    // Judgements of the other.
    ("Washington is disgruntled with Moscow.", -1),
    ("Washington called it a tragedy for Moscow.", -1),
    ("Washington decried the inhumane treatment of Moscow's envoy.", -1),
  ]

  @Test(arguments: families) func cueFamily(_ text: String, _ tone: Int) throws {
    let e = try #require(edge(text, "united states", "russia"))
    #expect(e.toneClass == tone, "\(text)")
    #expect(e.evidence.first?.tone == tone)
    #expect(e.evidence.first?.toneCues.isEmpty == (tone == 0))
  }

  static let negations: [(String, Int, String)] = [
    ("Washington did not agree with Moscow.", -1, "not agree"),
    ("Washington didn't agree with Moscow.", -1, "didn't agree"),
    ("Washington refused to cooperate with Moscow.", -1, "refused to cooperate"),
    ("Washington never praised Moscow.", -1, "never praised"),
    ("Washington did not condemn Moscow.", 0, "not condemn"),
    ("Washington does not support Moscow.", -1, "not support"),
    ("Washington failed to help Moscow.", -1, "failed to help"),
    ("Washington did not attack Moscow.", 0, "not attack"),
    ("Washington is not working with Moscow.", -1, "not working with"),
  ]

  @Test(arguments: negations) func negation(_ text: String, _ tone: Int, _ cue: String) throws {
    let e = try #require(edge(text, "united states", "russia"))
    #expect(e.evidence.first?.tone == tone, "\(text)")
    #expect(e.evidence.first?.toneCues == [cue])
  }

  @Test func aNegatorAfterPunctuationDoesNotCount() throws {
    let e = try #require(edge("Not now, Washington said, but Washington agreed with Moscow.", "united states", "russia"))
    #expect(e.evidence.first?.tone == 1)
  }

  @Test func coordinatedNamesTakeTheCueAfterThem() throws {
    // "Russia and China criticised the US": the two act together against a third, cooperative
    // with each other (the guideline's rule 3).
    let rc = try #require(edge("Russia and China criticised the United States.", "russia", "china"))
    #expect(rc.toneClass == 1)
    let ru = try #require(edge("Russia and China criticised the United States.", "china", "united states"))
    #expect(ru.toneClass == -1)
    // Nothing but the cue between them: "Putin and Kim agreed".
    let pk = try #require(edge("Vladimir Putin and Kim Jong-un agreed to meet again in Pyongyang.", "putin", "kim jong-un"))
    #expect(pk.toneClass == 1)
  }

  @Test func aConflictOverridesCooperationItGoverns() throws {
    // "supported the war against": the support is for a war on the other.
    let e = try #require(edge("Washington supported the war against Moscow.", "united states", "russia"))
    #expect(e.evidence.first?.tone == -1)
    #expect(e.evidence.first?.toneCues == ["supported", "war", "against"])
    // An alliance against a third: allied with each other, at odds with the third.
    let text = "Washington and London formed an alliance against Moscow."
    #expect(try #require(edge(text, "united states", "united kingdom")).toneClass == 1)
    #expect(try #require(edge(text, "united kingdom", "russia")).toneClass == -1)
  }

  @Test func aRelationBetweenTwoPartiesReachesTheirDescriptions() throws {
    // "the agreement between X, led by Y, and Z, represented by W": cooperative across the
    // "and", neutral within a side (a person and the state they lead).
    let text = "The agreement between Russia, led by Vladimir Putin, and North Korea, represented by Kim Jong-un, covers arms and oil."
    for (a, b) in [("russia", "north korea"), ("putin", "kim jong-un"), ("putin", "north korea"), ("russia", "kim jong-un")] {
      let e = try #require(edge(text, a, b), "\(a) / \(b)")
      #expect(e.evidence.first?.tone == 1, "\(a) / \(b)")
      #expect(e.evidence.first?.toneCues == ["agreement"])
    }
    #expect(try #require(edge(text, "putin", "russia")).evidence.first?.tone == 0)
    #expect(try #require(edge(text, "kim jong-un", "north korea")).evidence.first?.tone == 0)
    // A comma that opens something else ends the relation: China is no party to it.
    let aside = "The agreement between Russia and North Korea, in the view of China, is weak."
    #expect(try #require(edge(aside, "russia", "north korea")).evidence.first?.tone == 1)
    #expect(try #require(edge(aside, "china", "russia")).evidence.first?.tone == 0)
    // In a quote, the speaker's word for the relation reaches each party.
    let quote = "\"We welcome the agreement between Russia, led by Vladimir Putin, and North Korea, represented by Kim Jong-un,\" Joe Biden said."
    #expect(try #require(edge(quote, "biden", "kim jong-un", kind: .quotation)).evidence.first?.tone == 1)
  }

  @Test func aCapitalizedCueCountsOnlyOutsideNames() throws {
    // "to Counter Russia": the capitals beside the cue are names recognized apart from it, so
    // it is a cue, for the name right after it only.
    let text = "The Global Coalition to Counter Russia met Germany in Berlin."
    let russia = try #require(edge(text, "global coalition", "russia"))
    #expect(russia.evidence.first?.tone == -1)
    #expect(russia.evidence.first?.toneCues == ["Counter"])
    #expect(try #require(edge(text, "global coalition", "germany")).evidence.first?.tone == 0)
    // "Joint" inside "Euro-NATO Joint Jet Pilot Training" is part of that name, no cue.
    let joint = try #require(edge("Officers from Germany joined the Euro-NATO Joint Jet Pilot Training with France.", "germany", "france"))
    #expect(joint.evidence.first?.toneCues == ["joined"])
  }

  @Test func aPhraseIsOneCueAndAWordOfItAloneIsNone() throws {
    // "committed to" is a cue; "committed" alone ("committed atrocities") is none.
    let e = try #require(edge("The United States is committed to Russia's security.", "united states", "russia"))
    #expect(e.evidence.first?.toneCues == ["committed to"])
    let f = try #require(edge("Washington said Moscow committed errors.", "united states", "russia"))
    #expect(f.evidence.first?.tone == 0)
  }

  @Test func aQuoteTakesItsCuesAndTheReportingVerb() throws {
    let e = try #require(edge("\"Moscow will pay for this,\" Joe Biden warned.", "biden", "russia", kind: .quotation))
    #expect(e.evidence.first?.tone == -1)
    #expect(e.evidence.first?.toneCues == ["warned"])
  }

  /// The tone is read around the pair, not from the sentence's mood: each rule below keeps a
  /// cue from being said of a pair it does not link.
  static let scope: [(String, String, String, Int)] = [
    // A place is not a party; a name acted upon is.
    ("The United States condemned the attacks in Iraq.", "united states", "iraq", 0),
    ("The United States condemned the attacks in Iraq and Syria.", "united states", "syria", 0),
    ("The United States will work with its partners in Iraq.", "united states", "iraq", 1),
    ("The United States condemned the attacks against Iraq.", "united states", "iraq", -1),
    // Reported speech: the cue of a clause opened by "that" is its subject's, unless the
    // subject is the speaker again ("said it would").
    ("Washington said that Moscow had violated the treaty.", "united states", "russia", 0),
    ("Washington said it would sanction Moscow.", "united states", "russia", -1),
    ("Washington warned that Moscow would pay.", "united states", "russia", -1),
    // An agreement on a proposition is not with the names in it.
    ("George Bush and James Baker agreed that NATO would not expand.", "james baker", "nato", 0),
    // A comma opening another clause ends the cue's object; a comma in a list of names does not.
    ("Moscow hosted the summit, where Washington praised Beijing.", "russia", "united states", 0),
    ("Moscow hosted the summit, where Washington praised Beijing.", "united states", "china", 1),
    ("Washington endorsed the plan, and Moscow stayed silent.", "united states", "russia", 0),
    ("Washington accused Moscow, Beijing and Tehran of lying.", "united states", "iran", -1),
    // The clause that reports the sentence: its speaker is not what the cues are said of.
    ("Washington and Brussels announced sanctions on Moscow, the White House said.", "united states", "white house", 0),
    ("Washington and Brussels announced sanctions on Moscow, the White House said.", "european union", "russia", -1),
    ("Vladimir Putin and Kim Jong-un agreed to meet again, reported Reuters.", "putin", "reuters", 0),
    // A preposition relates the names beside it, or what a cue leads to it: not a case cited.
    ("Washington cited Brown against Moscow in the talks.", "united states", "russia", 0),
    ("Washington launched strikes against Moscow.", "united states", "russia", -1),
    // A name holding a title of the first acts with it: the title holder is no party between.
    ("The United Kingdom's Foreign Secretary Boris Johnson condemned Moscow.", "united kingdom", "russia", -1),
    ("US Secretary of State John Kerry praised Moscow.", "united states", "russia", 1),
    ("US Secretary of State John Kerry praised Moscow.", "united states", "john kerry", 0),
    // Nouns of conflict only as nouns: "an offensive", "an end to".
    ("Moscow launched an offensive on Washington.", "russia", "united states", -1),
    ("The United States vowed to put an end to Russia's influence.", "united states", "russia", -1),
  ]

  @Test(arguments: scope) func toneAroundThePair(_ text: String, _ a: String, _ b: String, _ tone: Int) throws {
    let e = try #require(edge(text, a, b), "\(text)")
    #expect(e.evidence.first?.tone == tone, "\(text): \(a) / \(b) \(e.evidence.first?.toneCues ?? [])")
  }

  @Test func aQuoteIsReadAroundEachNameItSays() throws {
    // One quote, two stances: each name takes the cues of its own clause.
    let text = "\"We agreed with Beijing on trade, and our troops will fight Moscow,\" Joe Biden said."
    #expect(try #require(edge(text, "biden", "china", kind: .quotation)).evidence.first?.tone == 1)
    let russia = try #require(edge(text, "biden", "russia", kind: .quotation))
    #expect(russia.evidence.first?.tone == -1)
    #expect(russia.evidence.first?.toneCues == ["fight"])
    // A place named in the quote is no party, even to a reporting verb with a stance.
    #expect(try #require(edge("\"The attacks in Iraq were barbaric,\" Joe Biden warned.", "biden", "iraq", kind: .quotation)).evidence.first?.tone == 0)
  }

  @Test func namesCoordinatedWithTheActorActWithIt() throws {
    // "Washington and London sanctioned Moscow": each is conflictual with Moscow, the two
    // cooperative (the guideline's rule 3).
    let text = "Washington and London sanctioned Moscow."
    #expect(try #require(edge(text, "united states", "russia")).toneClass == -1)
    #expect(try #require(edge(text, "united kingdom", "russia")).toneClass == -1)
    #expect(try #require(edge(text, "united states", "united kingdom")).toneClass == 1)
    // A longer list takes the cue after its last name.
    let list = "The United States, China and Britain agreed to meet again in Geneva."
    #expect(try #require(edge(list, "united states", "china")).toneClass == 1)
    #expect(try #require(edge(list, "united states", "united kingdom")).toneClass == 1)
    // Not coordinated: the name between is the one acted upon.
    #expect(try #require(edge("Washington told London it sanctioned Moscow.", "united states", "united kingdom")).toneClass == 0)
  }

  @Test func aSpeakerGoesOnAfterAColonAsTheSubject() throws {
    // "said: I welcome …": the speaker welcomes; "said: Moscow …": another subject.
    #expect(try #require(edge("Joe Biden said: I welcome the agreement with Moscow.", "biden", "russia")).toneClass == 1)
    #expect(try #require(edge("Joe Biden said: Moscow welcomed the agreement.", "biden", "russia")).toneClass == 0)
  }

  @Test func aQuoteTakesTheSpeakersStanceBeforeTheNameOverItsOwnActs() throws {
    // Cues before a name are the speaker's stance towards it; those after it, what it does.
    let text = "\"We will support Kyiv in its fight against Moscow,\" Joe Biden said."
    #expect(try #require(edge(text, "biden", "ukraine", kind: .quotation)).evidence.first?.tone == 1)
    #expect(try #require(edge(text, "biden", "russia", kind: .quotation)).evidence.first?.tone == -1)
    // With no stance before it, its own acts set it.
    let acts = "\"Moscow attacked our allies again,\" Joe Biden said."
    #expect(try #require(edge(acts, "biden", "russia", kind: .quotation)).evidence.first?.tone == -1)
  }

  static let support: [(String, Int)] = [
    ("London stands by Moscow in the dispute.", 1),
    ("London is encouraged by Moscow's decision.", 1),
    ("London will strengthen its ties with Moscow.", 1),
    ("London serves as part of a coalition with Moscow.", 1),
  ]

  @Test(arguments: support) func cuesOfSupport(_ text: String, _ tone: Int) throws {
    #expect(try #require(edge(text, "united kingdom", "russia")).toneClass == tone, "\(text)")
  }

  /// The edges the issue names, on the fixtures.
  @Test func fixtureEdges() throws {
    let g = pipeline.graph(for: ArticleLoader.load([Repository.path("Fixtures")]).articles)
    func tone(_ a: String, _ b: String) -> Int? {
      let x = Set(g.nodes(matching: a).map(\.id)), y = Set(g.nodes(matching: b).map(\.id))
      return g.edges(between: x, and: y).first { $0.kind == .cooccurrence }?.toneClass
    }
    #expect(tone("united states", "north korea") == -1)
    #expect(tone("united states", "russia") == -1)
    #expect(tone("putin", "kim jong-un") == 1)
    let us = try #require(g.edges.values.first { $0.kind == .cooccurrence && $0.source == "state:PRK" && $0.target == "state:USA" })
    #expect(us.evidence.contains { $0.toneCues.contains("accuses") })
  }

  /// The mean tone is exact whatever the evidence cap and however the graph is merged.
  @Test func toneIsExactUnderTheCapAndMerging() {
    let texts = [
      "Washington accused Moscow of lying.", "Washington agreed with Moscow.", "Washington met Moscow's envoy.",
      "Washington warned Moscow.", "Washington condemned Moscow.",
    ]
    let articles = texts.enumerated().map { Article(id: "a\($0.offset)", text: $0.element) }
    var p = pipeline
    p.maxEvidence = 0
    let all = p.graph(for: articles)
    p.maxEvidence = 1
    let capped = p.graph(for: articles)
    var merged = RelationshipGraph(maxEvidence: 1, order: .canonical)
    for a in articles.reversed() { merged.merge(p.graph(from: [a], resolve: false)) }
    for g in [all, capped, merged.resolved()] {
      let e = g.edges.values.first { $0.kind == .cooccurrence }
      #expect(e?.toneSum == -2)
      #expect(e?.weight == 5)
      #expect(e?.roundedTone == -0.4)
    }
    #expect(capped.edges.values.first?.evidence.count == 1)
  }

  @Test func graphJSONKeepsToneAndReadsOldFiles() throws {
    let g = pipeline.graph(for: [Article(id: "t", text: "Washington accused Moscow of lying.")])
    let data = GraphJSONWriter.data(g)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"tone_cues\" : [\n"))
    #expect(text.contains("\"tone_sum\" : -1"))
    #expect(try GraphJSON.read(data, file: "x") == g)
    // A file written before tone: every edge neutral.
    let old = text.replacingOccurrences(of: #"\s*"tone(_sum)?" : -?[0-9.]+,"#, with: "", options: .regularExpression)
      .replacingOccurrences(of: #",\s*"tone_cues" : \[[^\]]*\]"#, with: "", options: .regularExpression)
    #expect(!old.contains("tone"))
    let back = try GraphJSON.read(Data(old.utf8), file: "x")
    #expect(back.edges.values.first?.toneSum == 0)
    #expect(back.edges.values.first?.weight == 1)
  }

  @Test func exportersCarryTheTone() throws {
    let g = pipeline.graph(for: [Article(id: "t", text: "Washington accused Moscow of lying.")])
    #expect(GraphMLExporter().string(g).contains("<data key=\"e_tone\">-1</data>"))
    #expect(GEXFExporter().string(g).contains("<attvalue for=\"tone\" value=\"-1\"/>"))
    #expect(CSVExporter().edges(g).contains(",cooccurrence,1,-1,1,"))
    #expect(NodeLinkExporter().string(g).contains("\"tone\" : -1"))
    #expect(CypherExporter().string(g).contains("tone: -1.0"))
    let dot = DOTExporter().string(g)
    #expect(dot.contains("color=\"#c0392b\", dir=\"none\""))
    #expect(dot.contains("label=\"conflictual\""))
    #expect(dot.contains("label=\"cooperative\""))
  }
}
