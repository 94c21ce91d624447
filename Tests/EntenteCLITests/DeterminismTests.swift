import EntenteTestSupport
import Foundation
import Testing

/// Same input, same bytes: every run of the tool is its own process with its own hash seed
/// (`SWIFT_DETERMINISTIC_HASHING` unset), so iteration order of a `Set` or `Dictionary` that
/// reached an output would show up as runs that differ.
@Suite("Determinism", .serialized)
struct DeterminismTests {
  /// The bundled data's names, aliases, acronyms, demonyms and capitals that share a lookup
  /// entry with another (listed twice, marked ambiguous in one place and not in another, or
  /// shared by two entities), in sentences of a few shapes.
  static func aliasCorpus() throws -> String {
    let resources = Repository.root.appendingPathComponent("Sources/Entente/Resources")
    func json(_ name: String) throws -> [String: Any] {
      let data = try Data(contentsOf: resources.appendingPathComponent(name))
      return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
    var phrases: [String] = []
    for o in try json("organizations.json")["organizations"] as? [[String: Any]] ?? [] {
      phrases.append(o["name"] as? String ?? "")
      for k in ["aliases", "acronyms", "ambiguous"] { phrases += o[k] as? [String] ?? [] }
    }
    for s in try json("states.json")["states"] as? [[String: Any]] ?? [] {
      phrases.append(s["name"] as? String ?? "")
      for k in ["names", "abbreviations", "demonyms", "capitals", "metonyms", "ambiguous"] { phrases += s[k] as? [String] ?? [] }
    }
    // The phrases that meet another in one lookup entry: listed twice (in one entity or two,
    // "The Telegraph" and "Telegraph" alike), or marked ambiguous.
    func key(_ p: String) -> String {
      var words = p.split(separator: " ")
      if words.first == "The" || words.first == "the" { words.removeFirst() }
      return words.joined(separator: " ")
    }
    var count: [String: Int] = [:]
    for p in phrases { count[key(p), default: 0] += 1 }
    phrases = phrases.filter { !$0.isEmpty && count[key($0)]! > 1 }
    #expect(phrases.count > 800)
    var rng = SplitMix(state: 2024)
    let people = ["Anna Keller", "Malcolm Glazer", "Kim Jong-un", "Jens Stoltenberg", "Maria Lopez"]
    var lines: [String] = []
    var i = 0
    while i < phrases.count {
      var text = ""
      for _ in 0..<12 where i < phrases.count {
        let a = phrases[i], b = phrases[(i * 7 + 3) % phrases.count]
        let p = people[rng.below(people.count)]
        switch rng.below(4) {
        case 0: text += "\(a) and \(b) say they will oppose the bid from tycoon \(p). "
        case 1: text += "\"We will not back down,\" \(p) of \(a) told \(b) on Monday. "
        case 2: text += "According to \(a), \(b) supports \(p). "
        default: text += "The \(a) said the \(b) was wrong. "
        }
        i += 1
      }
      let line = try JSONSerialization.data(withJSONObject: ["id": "a\(lines.count)", "text": text], options: [.sortedKeys])
      lines.append(String(decoding: line, as: UTF8.self))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func runsWithDifferentHashSeedsGiveTheSameBytes() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let corpus = dir.appendingPathComponent("aliases.jsonl")
    try Self.aliasCorpus().write(to: corpus, atomically: true, encoding: .utf8)
    let seedless = ["SWIFT_DETERMINISTIC_HASHING"]

    var extracts: Set<String> = []
    var graphs: Set<String> = []
    for run in 0..<6 {
      let x = try Run(["extract", corpus.path, "--quiet"], unset: seedless)
      #expect(x.status == 0, "\(x.stderr)")
      #expect(x.stdout.count > 50_000)
      extracts.insert(x.stdout)
      guard run < 4 else { continue }  // extract is quick: two more of it
      let out = dir.appendingPathComponent("out\(run)")
      let b = try Run(
        ["build", corpus.path, "--out", out.path, "--no-render", "--quiet", "--jobs", run % 2 == 0 ? "1" : "2"], unset: seedless)
      #expect(b.status == 0, "\(b.stderr)")
      var bytes = ""
      for name in ["entente.dot", "entente.json"] {
        bytes += try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      }
      let graph = out.appendingPathComponent("entente.json").path
      for args in [["nodes", graph, "--sort", "pagerank"], ["stats", graph], ["export", graph, "--format", "graphml"], ["edges", graph, "--format", "csv"]] {
        let r = try Run(args, unset: seedless)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        bytes += r.stdout
      }
      graphs.insert(bytes)
    }
    #expect(extracts.count == 1, "extract gave \(extracts.count) different outputs in 6 runs")
    #expect(graphs.count == 1, "build and the inspecting commands gave \(graphs.count) different outputs in 4 runs")
  }
}
