import Entente
import EntenteTestSupport
import Foundation
import Testing

/// The bundled data files, read as the data they are.
@Suite("Gazetteer data")
struct GazetteerDataTests {
  struct State: Decodable {
    var id: String
    var name: String
    var status: String?
    var alpha2: String?
    var alpha3: String?
    var names: [String]?
    var abbreviations: [String]?
    var demonyms: [String]?
    var capitals: [String]?
    var metonyms: [String]?
  }
  struct States: Decodable { var states: [State]; var ambiguousDemonyms: [String]? }

  static let states: States = {
    let url = URL(fileURLWithPath: Repository.path("Sources/Entente/Resources/states.json"))
    return try! JSONDecoder().decode(States.self, from: Data(contentsOf: url))
  }()

  @Test func everyUNMemberAndObserver() {
    let s = Self.states.states
    #expect(s.filter { $0.status == "un-member" }.count == 193)
    #expect(s.filter { $0.status == "un-observer" }.count == 2)
    for name in ["Taiwan", "Kosovo", "Soviet Union", "Yugoslavia"] { #expect(s.contains { $0.name == name }, "\(name)") }
  }

  @Test func everyStateHasACodeAndADemonym() {
    let ambiguous = Set(Self.states.ambiguousDemonyms ?? [])
    for s in Self.states.states {
      #expect(!s.id.isEmpty)
      if s.status == "un-member" || s.status == "un-observer" {
        #expect(s.alpha3 != nil && s.alpha2 != nil, "\(s.name) has no ISO code")
      }
      // A demonym two states share ("Congolese") is listed as ambiguous instead.
      let own = s.demonyms ?? []
      #expect(!own.isEmpty || ["COD", "COG", "DMA", "DOM"].contains(s.id) && !ambiguous.isEmpty, "\(s.name) has no demonym")
    }
  }

  @Test func noAliasNamesTwoStates() {
    var owner: [String: String] = [:]
    for s in Self.states.states {
      let forms = Set([s.name] + (s.names ?? []) + (s.abbreviations ?? []) + (s.demonyms ?? []) + (s.capitals ?? []) + (s.metonyms ?? []))
      for f in forms {
        #expect(owner[f] == nil, "\(f) names both \(owner[f] ?? "") and \(s.id)")
        owner[f] = s.id
      }
    }
  }

  @Test func loadsAndFindsByAlias() throws {
    let g = try Gazetteer.loadBundled()
    #expect(g.entities.contains { $0.key == "state:PRK" && $0.name == "North Korea" })
    #expect(g.entities.contains { $0.key == "organization:NATO" })
  }
}

@Suite("Entity file")
struct EntityFileTests {
  @Test func addsEntitiesAliasesAndBlocks() throws {
    let file = EntityFile(
      entities: [.init(name: "Wagner Group", type: .organization, aliases: ["Wagner", "PMC Wagner"])],
      block: ["Grand Mosque", "Reuters"])
    let p = Pipeline(gazetteer: try Gazetteer.with(file))
    let a = p.analyze(Article(id: "t", text: "Wagner fighters left. PMC Wagner said nothing, Reuters reported."))
    let names = a.recognition.entities.map(\.name)
    #expect(names == ["Wagner Group"])
    #expect(a.recognition.mentions.count == 2)
  }

  @Test func readsJSONAndReportsBadFiles() throws {
    let dir = try Scratch.directory("entities")
    let good = dir.appendingPathComponent("e.json")
    try Data(#"{"entities": [{"name": "Acme Widgets", "type": "organization"}]}"#.utf8).write(to: good)
    #expect(try EntityFile.load(good.path).entities.first?.name == "Acme Widgets")
    let bad = dir.appendingPathComponent("bad.json")
    try Data(#"{"entities": [{"name": "X", "type": "planet"}]}"#.utf8).write(to: bad)
    #expect(throws: EntenteError.self) { try EntityFile.load(bad.path) }
  }
}
