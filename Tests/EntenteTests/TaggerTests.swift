import Entente
import EntenteTestSupport
import Foundation
import Testing

/// An annotated article from marked-up text: `[Ada Lovelace]PER joined [Acme]ORG`.
func annotated(_ marked: String, id: String = "t") -> AnnotatedArticle {
  let m = MarkedText(marked)
  let types = ["PER": "person", "ORG": "organization", "STA": "state", "PLA": "place"]
  return AnnotatedArticle(
    id: id, set: "test", text: m.text, spans: m.spans.map { AnnotatedArticle.Span(start: $0.start, end: $0.end, type: types[$0.tag]!) })
}

/// Small training articles: people without a known given name, organizations without a keyword.
let taggerTrainingArticles: [AnnotatedArticle] = (0..<12).map { i in
  let people = ["Zorbin Quell", "Travik Moss", "Ulvana Pretch", "Kessa Drun"]
  let orgs = ["Brightwave", "Norvex", "Calloway Dynamics", "Pellmark"]
  let p = people[i % 4], q = people[(i + 1) % 4], o = orgs[i % 4]
  return annotated(
    "[\(p)]PER met [\(q)]PER at the offices of [\(o)]ORG in [France]STA on Monday. Later, [\(o)]ORG hired [\(p)]PER, and [\(q)]PER left for [Lyon]PLA.",
    id: "a\(i)")
}

@Suite struct TaggerTests {
  @Test func zonesAndTagsOfAMarkedUpSentence() {
    let a = annotated("Yesterday [Zorbin Quell]PER of [Bank of Norvex]ORG said that [France]STA and the Alps were fine.")
    let zones = TaggerTrainer().zoneTags(a).map(\.tags)
    // A zone runs over connectors between capitalized words; the tags split it into names.
    // "Yesterday", a function word, opens no zone; lower-case words end one.
    #expect(zones == [
      ["Zorbin/B-PER", "Quell/I-PER", "of/O", "Bank/B-ORG", "of/I-ORG", "Norvex/I-ORG"],
      ["France/B-STA", "and/O", "the/O", "Alps/O"],
    ])
    // Every token gets its word, shape, affix, neighbour, class, rule and history features.
    for z in TaggerTrainer().zoneTags(a) { for n in z.features { #expect(n >= 25) } }
  }

  @Test func aZoneEndsAtALowerCaseWordThatJoinsNothing() {
    let a = annotated("the [University of Quell]ORG met [Travik]PER of the team and [Norvex]ORG")
    #expect(TaggerTrainer().zoneTags(a).map(\.tags) == [["University/B-ORG", "of/I-ORG", "Quell/I-ORG"], ["Travik/B-PER"], ["Norvex/B-ORG"]])
  }

  @Test func trainingIsDeterministic() throws {
    var trainer = TaggerTrainer()
    trainer.epochs = 3
    let one = trainer.train(taggerTrainingArticles).serialized()
    let two = trainer.train(taggerTrainingArticles).serialized()
    #expect(one == two)
    #expect(one.count > 100)
    // Written weights read back to the same bytes.
    let read = try TaggerModel(data: one, file: "weights")
    #expect(read.serialized() == one)
    // Other data, other weights.
    let fewer = trainer.train(Array(taggerTrainingArticles.prefix(6))).serialized()
    #expect(fewer != one)
  }

  @Test func brokenWeightsAreAnError() {
    #expect(throws: EntenteError.self) { try TaggerModel(data: Data("ENTGxxxx".utf8), file: "w.bin") }
    #expect(throws: EntenteError.self) { try TaggerModel(data: Data("not weights".utf8), file: "w.bin") }
  }

  @Test func theTrainedTaggerFindsNamesTheRulesMiss() throws {
    var trainer = TaggerTrainer()
    trainer.epochs = 5
    trainer.minCount = 1
    let model = trainer.train(taggerTrainingArticles)
    let text = "Zorbin Quell met Kessa Drun at the offices of Norvex in France on Monday."
    func names(_ p: Pipeline) -> [String] {
      let a = p.analyze(Article(id: "t", text: text))
      return a.recognition.mentions.filter { $0.kind == .name }.map {
        "\(a.document.string($0.span))/\(a.recognition.entities[$0.entity].type.rawValue)"
      }
    }
    #expect(names(Pipeline(tagger: model)) == ["Zorbin Quell/person", "Kessa Drun/person", "Norvex/organization", "France/state"])
    // The rules alone do not know these names.
    #expect(names(Pipeline()) != names(Pipeline(tagger: model)))
  }

  @Test func crossValidationScoresEveryHeldOutArticle() {
    var trainer = TaggerTrainer()
    trainer.epochs = 2
    var held: [String] = []
    let r = TaggerEvaluation.crossValidate(sets: [taggerTrainingArticles], folds: 3, trainer: trainer, model: { _, _, ids in held += ids })
    #expect(held.sorted() == taggerTrainingArticles.map(\.id).sorted())
    let all = r.counts["test"]?["all"]
    // Every gold name is found or missed exactly once.
    #expect((all?.tp ?? 0) + (all?.fn ?? 0) == taggerTrainingArticles.reduce(0) { $0 + $1.spans.filter { $0.type != "place" }.count })
  }

  /// Names and types of a recognizer's name mentions in a text, and the entity of each.
  func recognized(_ r: Recognizer, _ text: String) -> [String] {
    let doc = Document(Article(id: "t", text: text))
    let rec = r.recognize(doc)
    var out: [String] = []
    for m in rec.mentions.filter({ $0.kind == .name }).sorted(by: { $0.span < $1.span }) {
      let e = rec.entities[m.entity]
      out.append(doc.string(m.span) + "/" + e.type.rawValue + "/" + e.name)
    }
    return out
  }

  func smallModel() -> TaggerModel {
    var trainer = TaggerTrainer()
    trainer.epochs = 5
    trainer.minCount = 1
    return trainer.train(taggerTrainingArticles)
  }

  @Test func theRulesNamesStayAndTheTaggerNamesOnlyWhatTheyLeaveOpen() {
    let model = smallModel()
    // "Alice Walker" (a given name) and France (the gazetteer) are the rules'; "Zorbin Quell",
    // which no rule names, is the tagger's.
    let text = "Alice Walker met Zorbin Quell in France on Monday."
    var r = Recognizer(tagger: model)
    r.minMargin = 0
    r.reviseMargin = nil
    let names = recognized(r, text)
    #expect(names == ["Alice Walker/person/Alice Walker", "Zorbin Quell/person/Zorbin Quell", "France/state/France"])
    let doc = Document(Article(id: "t", text: text))
    let rules = r.recognize(doc).mentions.filter { $0.kind == .name }.map(\.rule).sorted()
    #expect(rules == ["gazetteer", "given-name", "tagger"])
  }

  @Test func aNameTheTaggerIsNotSureOfIsLeftOut() {
    let model = smallModel()
    let text = "Alice Walker met Zorbin Quell in France on Monday."
    var sure = Recognizer(tagger: model)
    sure.minMargin = .greatestFiniteMagnitude
    sure.reviseMargin = nil
    // No margin is that large: the rules alone.
    #expect(recognized(sure, text) == recognized(Recognizer(tagger: nil), text))
    #expect(!recognized(sure, text).contains { $0.hasPrefix("Zorbin Quell") })
  }

  @Test func theTaggerDropsARulesNameItIsSureIsNoName() {
    // Training articles where a state's name before "general election" is no name (the
    // election is an event).
    let states = ["United Kingdom", "France", "Canada", "Japan"]
    let articles = (0..<12).map { i in
      let p = ["Zorbin Quell", "Travik Moss", "Ulvana Pretch", "Kessa Drun"][i % 4]
      return annotated("[\(p)]PER won the \(states[i % 4]) general election after a visit to [\(states[(i + 1) % 4])]STA.", id: "e\(i)")
    }
    var trainer = TaggerTrainer()
    trainer.epochs = 5
    trainer.minCount = 1
    let model = trainer.train(articles)
    let text = "Travik Moss won the United Kingdom general election after a visit to Japan."
    var revising = Recognizer(tagger: model)
    revising.reviseMargin = 0
    var keeping = Recognizer(tagger: model)
    keeping.reviseMargin = nil
    // The gazetteer names both states; the tagger drops the one that names an election.
    #expect(recognized(keeping, text).contains("United Kingdom/state/United Kingdom"))
    #expect(!recognized(revising, text).contains { $0.hasPrefix("United Kingdom/") })
    #expect(recognized(revising, text).contains("Japan/state/Japan"))
    // No margin is that large: the rules' names stand.
    var sure = Recognizer(tagger: model)
    sure.reviseMargin = .greatestFiniteMagnitude
    #expect(recognized(sure, text) == recognized(keeping, text))
  }

  @Test func theReviewDropsANameParticlesNameAtAShareOfItsMargin() {
    #expect(TaggedNames.reviseMargin(100, rule: "name-particle") == 20)
    #expect(TaggedNames.reviseMargin(100, rule: "title") == 100)
    #expect(TaggedNames.reviseMargin(100, rule: "gazetteer") == 100)
    #expect(TaggedNames.reviseMargin(100, rule: "organization-keyword") == 100)
  }

  @Test func aSurnameTheTaggerNamesJoinsTheOneFullNameItEnds() {
    // Articles where people are named in full, then by surname.
    let people = ["Zorbin Quell", "Travik Moss", "Ulvana Pretch", "Kessa Drun"]
    let articles = (0..<12).map { i in
      let p = people[i % 4], q = people[(i + 1) % 4]
      let ps = p.split(separator: " ")[1], qs = q.split(separator: " ")[1]
      return annotated("[\(p)]PER visited [\(q)]PER on Monday. [\(ps)]PER spoke to [\(qs)]PER there.", id: "s\(i)")
    }
    var trainer = TaggerTrainer()
    trainer.epochs = 5
    trainer.minCount = 1
    var r = Recognizer(tagger: trainer.train(articles))
    r.minMargin = 0
    let names = recognized(r, "Zorbin Quell visited Kessa Drun on Monday. Quell spoke to Drun there.")
    #expect(names.contains("Zorbin Quell/person/Zorbin Quell"))
    // Whichever pass names the surnames, they are the people named in full before.
    for n in names where n.hasPrefix("Quell/") { #expect(n == "Quell/person/Zorbin Quell") }
    for n in names where n.hasPrefix("Drun/") { #expect(n == "Drun/person/Kessa Drun") }
    #expect(names.contains { $0.hasPrefix("Quell/") })
  }

  @Test func crossValidationScoresOnceForEachLeastMargin() {
    var trainer = TaggerTrainer()
    trainer.epochs = 2
    trainer.minCount = 1
    let results = TaggerEvaluation.crossValidate(
      sets: [taggerTrainingArticles], folds: 3, trainer: trainer, minMargins: [0, .greatestFiniteMagnitude], reviseMargins: [nil])
    #expect(results.count == 2)
    let rules = TaggerEvaluation.evaluate(taggerTrainingArticles, recognizer: Recognizer(tagger: nil))
    // With no margin large enough, every fold scores as the rules alone do.
    #expect(results[1].counts["test"]?["all"]?.tp == rules.counts["test"]?["all"]?.tp)
    #expect(results[1].counts["test"]?["all"]?.fp == rules.counts["test"]?["all"]?.fp)
    #expect((results[0].counts["test"]?["all"]?.tp ?? 0) > (rules.counts["test"]?["all"]?.tp ?? 0))
  }

  @Test func setWeightsRepeatASetInTraining() {
    var trainer = TaggerTrainer()
    trainer.epochs = 2
    let once = trainer.train(taggerTrainingArticles).serialized()
    trainer.setWeights = ["test": 2]
    let twice = trainer.train(taggerTrainingArticles).serialized()
    #expect(once != twice)
    trainer.setWeights = ["other": 3]
    #expect(trainer.train(taggerTrainingArticles).serialized() == once)
  }
}

@Suite struct BundledTaggerTests {
  @Test func theBundledWeightsLoadAndWriteBackToTheSameBytes() throws {
    let model = try TaggerModel.loadBundled()
    #expect(model.featureCount > 10_000)
    let file = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Sources/Entente/Resources/\(TaggerModel.bundledFile)")))
    #expect(model.serialized() == file)
    #expect(try TaggerModel.load(option: "bundled")?.serialized() == file)
    #expect(try TaggerModel.load(option: "none") == nil)
    #expect(try TaggerModel.load(option: nil) == nil)
  }

  /// Names and types of a pipeline's name mentions in a text.
  func names(_ p: Pipeline, _ text: String) -> [String] {
    let a = p.analyze(Article(id: "t", text: text))
    return a.recognition.mentions.filter { $0.kind == .name }.map {
      "\(a.document.string($0.span))/\(a.recognition.entities[$0.entity].type.rawValue)"
    }
  }

  @Test func theBundledTaggerNamesWhatTheRulesLeaveOpenAndTheDefaultIsTheRulesAlone() {
    let text = "Its director general, Rafael Grossi, said on Sunday that the plant remained fragile."
    // No rule knows "Rafael" as a given name; the bundled weights call the pair a person.
    #expect(names(Pipeline(tagger: TaggerModel.bundled), text) == ["Rafael Grossi/person"])
    #expect(names(Pipeline(), text) == [])
    #expect(names(Pipeline(tagger: nil), text) == [])
  }

  /// The review keeps what the rules are sure of in news: a minister named by title, a state
  /// after "in", a state a region's name ends with.
  @Test func theBundledTaggersReviewKeepsTitledPeopleAndStatesInNews() {
    let text = """
      Ministers discussed the crisis in Syria and the conflict in Ukraine on Tuesday. The \
      Foreign Secretary met Russian Foreign Minister Sergei Lavrov earlier today in New York. \
      Aid convoys reached towns in Northern Iraq last week, officials said.
      """
    let found = names(Pipeline(tagger: TaggerModel.bundled), text)
    for name in ["Syria/state", "Ukraine/state", "Sergei Lavrov/person", "Iraq/state"] {
      #expect(found.contains(name), "\(name) not in \(found)")
    }
  }
}
