import Entente
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// JSON Lines corpora made from the fixtures, with ids a0000, a0001, … in input order.
enum CorpusFiles {
  static let base: [Article] = ArticleLoader.load([Repository.path("Fixtures")]).articles

  static func articles(_ range: Range<Int>) -> [Article] {
    range.map { i in
      var a = base[i % base.count]
      a.id = String(format: "a%05d", i)
      a.date = String(format: "2024-%02d-%02d", 1 + i % 12, 1 + i % 28)
      return a
    }
  }

  static func jsonl(_ range: Range<Int>) -> Data {
    var out = ""
    for a in articles(range) {
      let o: [String: Any] = ["id": a.id, "text": a.text, "date": a.date!, "source": "test"]
      out += String(decoding: try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self) + "\n"
    }
    return Data(out.utf8)
  }

  static func write(_ range: Range<Int>, to url: URL) throws {
    try jsonl(range).write(to: url)
  }
}

func gzip(_ path: String) throws {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
  p.arguments = ["-kf", path]
  try p.run()
  p.waitUntilExit()
  #expect(p.terminationStatus == 0)
}

func contents(_ url: URL) -> Data { (try? Data(contentsOf: url)) ?? Data() }

@Suite("CLI: corpora", .serialized)
struct CorpusCLITests {
  static let mixed = """
    {"id": "one", "text": "Vladimir Putin met Kim Jong-un in Pyongyang.", "date": "2024-06-19"}
    {"id": "two", "text": null}
    {"id": "three", "text": "Jens Stoltenberg said that China supports Russia.", "title": null}
    [1, 2, 3]

    {"id": "four", "text": "Olaf Scholz met Emmanuel Macron in Berlin.", "date": "yesterday"}
    {"id": "five", "text": "Antony Blinken visited Kyiv."}
    """

  @Test func badLinesAreReportedWithLineNumbersSkippedAndCounted() throws {
    let dir = try tempDir()
    let corpus = dir.appendingPathComponent("corpus.jsonl")
    try Data(CorpusCLITests.mixed.utf8).write(to: corpus)
    let r = try Run(["build", corpus.path, "--out", dir.path, "--no-render"])
    #expect(r.status == 1)
    #expect(r.stdout.hasPrefix("3 articles: "))
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "entente: \(corpus.path):2: missing \"text\"",
        "entente: \(corpus.path):4: not a JSON object",
        "entente: \(corpus.path):6: \"date\" is not an ISO 8601 date (yyyy-MM-dd…): \"yesterday\"",
        "entente: 3 lines skipped; the other 3 articles were processed",
      ])
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("entente.json").path))
  }

  @Test func strictStopsAtTheFirstBadLineAndWritesNothing() throws {
    let dir = try tempDir()
    let corpus = dir.appendingPathComponent("corpus.ndjson")
    try Data(CorpusCLITests.mixed.utf8).write(to: corpus)
    let r = try Run(["build", corpus.path, "--out", dir.path, "--no-render", "--strict"])
    #expect(r.status == 1)
    #expect(r.stderr == "entente: \(corpus.path):2: missing \"text\"\n")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("entente.json").path))
    let store = dir.appendingPathComponent("s.sqlite").path
    let s = try Run(["build", corpus.path, "--out", dir.path, "--no-render", "--strict", "--store", store])
    #expect(s.status == 1)
    #expect(try GraphStore(path: store).articleIDs().isEmpty)
  }

  @Test func gzipCorporaFoldersAndStdinGiveTheSameGraph() throws {
    let dir = try tempDir()
    let corpus = dir.appendingPathComponent("corpus.jsonl")
    try CorpusFiles.write(0..<12, to: corpus)
    try gzip(corpus.path)
    var outputs: [Data] = []
    for (i, input) in [corpus.path, corpus.path + ".gz"].enumerated() {
      let out = dir.appendingPathComponent("out\(i)")
      let r = try Run(["build", input, "--out", out.path, "--no-render"])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.hasPrefix("12 articles: "))
      outputs.append(contents(out.appendingPathComponent("entente.json")))
    }
    let sub = dir.appendingPathComponent("folder")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: corpus.path + ".gz", toPath: sub.appendingPathComponent("c.jsonl.gz").path)
    let f = try Run(["build", sub.path, "--out", dir.appendingPathComponent("out2").path, "--no-render"])
    #expect(f.status == 0, "\(f.stderr)")
    outputs.append(contents(dir.appendingPathComponent("out2/entente.json")))
    let s = try Run(["build", "-", "--out", dir.appendingPathComponent("out3").path, "--no-render"], stdin: contents(corpus))
    #expect(s.status == 0, "\(s.stderr)")
    outputs.append(contents(dir.appendingPathComponent("out3/entente.json")))
    #expect(outputs.allSatisfy { $0 == outputs[0] && !$0.isEmpty })
  }

  @Test func jsonlOutputIsTheSameForAnyNumberOfThreads() throws {
    let dir = try tempDir()
    let corpus = dir.appendingPathComponent("corpus.jsonl")
    try CorpusFiles.write(0..<300, to: corpus)
    let one = try Run(["extract", corpus.path, "--jobs", "1"])
    let three = try Run(["extract", corpus.path, "--jobs", "3"])
    #expect(one.status == 0 && three.status == 0)
    #expect(one.stdout == three.stdout)
    #expect(one.stdout.split(separator: "\n").count == 300)
    let e1 = try Run(["extract", corpus.path, "--jobs", "1", "--format", "edges"])
    let e2 = try Run(["extract", corpus.path, "--jobs", "2", "--format", "edges"])
    #expect(e1.stdout == e2.stdout)
    for jobs in ["1", "2", "3"] {
      let r = try Run(["build", corpus.path, "--out", dir.appendingPathComponent("j\(jobs)").path, "--jobs", jobs, "--max-evidence", "3"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    for ext in ["dot", "json", "svg"] {
      let x = contents(dir.appendingPathComponent("j1/entente.\(ext)"))
      #expect(!x.isEmpty)
      for jobs in ["2", "3"] {
        #expect(x == contents(dir.appendingPathComponent("j\(jobs)/entente.\(ext)")), "entente.\(ext) differs with --jobs \(jobs)")
      }
    }
    // The evidence limit holds; weights do not depend on it.
    let g = try GraphJSON.read(path: dir.appendingPathComponent("j1/entente.json").path)
    #expect(g.edges.values.allSatisfy { $0.evidence.count == min(3, $0.weight) })
    #expect(g.edges.values.contains { $0.weight > 3 })
    let all = try Run(["edges", corpus.path, "--max-evidence", "0", "--format", "json", "--limit", "1"])
    #expect(all.stdout.contains("\"weight\""))
  }

  @Test func extractEdgesMapsStdinToStdout() throws {
    let r = try Run(["extract", "-", "--format", "edges"], stdin: CorpusFiles.jsonl(0..<4))
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    let g = try EdgesJSON.read(Data(lines[0].utf8), file: "line 1")
    #expect(Array(g.articles) == ["a00000"])
    #expect(!g.edges.isEmpty)
    // An empty partition maps to nothing, successfully.
    let empty = try Run(["extract", "-", "--format", "edges"], stdin: Data("\n".utf8))
    #expect(empty.status == 0)
    #expect(empty.stdout.isEmpty && empty.stderr.isEmpty)
  }
}

@Suite("CLI: piped input")
struct PipedInputTests {
  /// The map stage reads stdin as JSON Lines: a bad first line is one bad line, not the text
  /// of one big article.
  @Test func aBadFirstLineIsReportedAndSkipped() throws {
    let good = CorpusFiles.jsonl(0..<3)
    let input = Data("not json at all\n".utf8) + good
    let r = try Run(["extract", "-", "--format", "edges"], stdin: input)
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("entente: <stdin>:1: not valid JSON\n"))
    #expect(r.stderr.contains("1 line skipped; the other 3 articles were processed"))
    let expected = try Run(["extract", "-", "--format", "edges"], stdin: good)
    #expect(expected.status == 0)
    #expect(r.stdout == expected.stdout)
    #expect(!r.stdout.contains("\"id\":\"stdin\""))
    // Told to, the same run exits 0 and still says what it skipped.
    let tolerated = try Run(["extract", "-", "--format", "edges", "--tolerate-bad-lines"], stdin: input)
    #expect(tolerated.status == 0)
    #expect(tolerated.stderr == r.stderr)
    #expect(tolerated.stdout == expected.stdout)
    #expect(try Run(["extract", "-", "--strict", "--tolerate-bad-lines"], stdin: good).status == 64)
    // Plain text only when asked.
    let text = try Run(["extract", "-", "--format", "edges", "--stdin-format", "text"], stdin: Data("Vladimir Putin met Kim Jong-un.".utf8))
    #expect(text.status == 0)
    #expect(text.stdout.contains("\"id\":\"stdin\""))
    // Other commands still take either on stdin.
    let auto = try Run(["extract", "-"], stdin: Data("Vladimir Putin met Kim Jong-un.".utf8))
    #expect(auto.status == 0 && auto.stdout.contains("\"id\":\"stdin\""))
  }

  /// Hadoop Streaming's key<TAB>value lines are read as their value, in corpora and in
  /// merge's edges lines.
  @Test func keyPrefixedLinesAreReadAsTheirValue() throws {
    let good = CorpusFiles.jsonl(0..<4)
    var offset = 0
    var keyed = Data()
    for line in String(decoding: good, as: UTF8.self).split(separator: "\n") {
      keyed += Data("\(offset)\t\(line)\n".utf8)
      offset += line.utf8.count + 1
    }
    let plain = try Run(["extract", "-", "--format", "edges"], stdin: good)
    let r = try Run(["extract", "-", "--format", "edges"], stdin: keyed)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == plain.stdout)
    let dir = try tempDir()
    let corpus = dir.appendingPathComponent("keyed.jsonl")
    try keyed.write(to: corpus)
    let built = try Run(["build", corpus.path, "--out", dir.path, "--name", "keyed", "--no-render"])
    #expect(built.status == 0, "\(built.stderr)")
    // Edges lines as a streaming job writes them (key, tab, value; or the line and a tab).
    let lines = plain.stdout.split(separator: "\n")
    let edges = lines.enumerated().map { i, l in i % 2 == 0 ? "k\(i)\t\(l)" : "\(l)\t" }.joined(separator: "\n") + "\n"
    try Data(edges.utf8).write(to: dir.appendingPathComponent("edges"))
    let m = try Run(["merge", dir.appendingPathComponent("edges").path, "-o", dir.appendingPathComponent("m.json").path])
    #expect(m.status == 0, "\(m.stderr)")
    #expect(contents(dir.appendingPathComponent("m.json")) == contents(dir.appendingPathComponent("keyed.json")))
  }
}

@Suite("CLI: store", .serialized)
struct StoreCLITests {
  @Test func addingArticlesToAStoreEqualsBuildingThemAll() throws {
    let dir = try tempDir()
    let a = dir.appendingPathComponent("a.jsonl"), b = dir.appendingPathComponent("b.jsonl"), ab = dir.appendingPathComponent("ab.jsonl")
    try CorpusFiles.write(0..<10, to: a)
    try CorpusFiles.write(10..<25, to: b)
    try CorpusFiles.write(0..<25, to: ab)
    let store = dir.appendingPathComponent("graph.sqlite").path
    let r1 = try Run(["build", a.path, "--store", store, "--out", dir.appendingPathComponent("s1").path, "--no-render"])
    #expect(r1.status == 0, "\(r1.stderr)")
    #expect(r1.stderr == "entente: \(store): 10 new articles added\n")
    let r2 = try Run(["build", b.path, "--store", store, "--out", dir.appendingPathComponent("s2").path, "--no-render"])
    #expect(r2.status == 0, "\(r2.stderr)")
    #expect(r2.stdout.hasPrefix("25 articles: "))
    let whole = try Run(["build", ab.path, "--out", dir.appendingPathComponent("w").path, "--no-render"])
    #expect(whole.status == 0)
    let built = contents(dir.appendingPathComponent("w/entente.json"))
    #expect(contents(dir.appendingPathComponent("s2/entente.json")) == built)
    #expect(contents(dir.appendingPathComponent("s2/entente.dot")) == contents(dir.appendingPathComponent("w/entente.dot")))
    // Adding A again changes nothing.
    let before = contents(URL(fileURLWithPath: store))
    let r3 = try Run(["build", a.path, "--store", store, "--out", dir.appendingPathComponent("s3").path, "--no-render"])
    #expect(r3.status == 0)
    #expect(r3.stderr == "entente: \(store): 0 new articles added, 10 already in the store\n")
    #expect(contents(dir.appendingPathComponent("s3/entente.json")) == built)
    let stored = try GraphStore(path: store).graph(), read = try GraphJSON.read(path: dir.appendingPathComponent("w/entente.json").path)
    #expect(stored.sortedNodes == read.sortedNodes)
    #expect(stored.sortedEdges == read.sortedEdges)
    #expect(stored.articles == read.articles)
    #expect(before.count == contents(URL(fileURLWithPath: store)).count)
    // Every command that reads a graph.json reads a store.
    let edges = try Run(["edges", store, "--limit", "2"])
    let edgesOfJSON = try Run(["edges", dir.appendingPathComponent("w/entente.json").path, "--limit", "2"])
    #expect(edges.status == 0)
    #expect(edges.stdout == edgesOfJSON.stdout)
    // A store keeps its evidence limit.
    let k = try Run(["build", a.path, "--store", store, "--max-evidence", "2", "--no-render", "--out", dir.path])
    #expect(k.status == 1)
    #expect(k.stderr.hasPrefix("entente: \(store): the store keeps at most 5 evidence records per edge"))
  }

  @Test func aKilledRunLeavesTheStoreAsItWas() throws {
    let dir = try tempDir()
    let store = dir.appendingPathComponent("graph.sqlite").path
    let small = dir.appendingPathComponent("small.jsonl"), big = dir.appendingPathComponent("big.jsonl")
    try CorpusFiles.write(0..<8, to: small)
    try CorpusFiles.write(8..<4008, to: big)
    let first = try Run(["build", small.path, "--store", store, "--out", dir.path, "--no-render"])
    #expect(first.status == 0, "\(first.stderr)")
    let before = try GraphStore(path: store).graph()

    let p = Process()
    p.executableURL = Run.executable
    // Write to the store every few articles, so the kill lands in the middle of its transaction.
    p.arguments = ["build", big.path, "--store", store, "--store-batch", "4", "--out", dir.path, "--no-render", "--jobs", "2"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let journal = store + "-journal"
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: journal), p.isRunning, Date() < deadline { usleep(20_000) }
    usleep(300_000)
    let wasRunning = p.isRunning
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(wasRunning, "the build finished before it could be killed")
    #expect(p.terminationReason == .uncaughtSignal)

    // Opening the store rolls the unfinished transaction back.
    let after = try GraphStore(path: store)
    #expect(try after.graph() == before)
    #expect(try after.articleIDs() == Set(CorpusFiles.articles(0..<8).map(\.id)))
    // And it still takes new articles.
    let again = try Run(["build", dir.appendingPathComponent("small.jsonl").path, "--store", store, "--out", dir.path, "--no-render"])
    #expect(again.status == 0)
    #expect(again.stderr.contains("0 new articles added, 8 already in the store"))
  }
}

@Suite("CLI: merge", .serialized)
struct MergeCLITests {
  /// Thirty articles whose ids are out of input order, with a surname ("Mackay") that one
  /// shard alone would resolve to a full name but the whole corpus shows to be two people's.
  static func shuffledCorpus() -> [Data] {
    var articles = CorpusFiles.articles(0..<30)
    for i in articles.indices { articles[i].id = String(format: "n%05d", (i * 11) % 30) }
    articles[2].text = "David Mackay met Olaf Scholz in Berlin on Monday."
    articles[4].text = "Mackay said that Russia supports North Korea, according to Reuters."
    articles[27].text = "Andy Mackay met Emmanuel Macron in Paris on Tuesday."
    return articles.map { a in
      let o: [String: Any] = ["id": a.id, "text": a.text, "date": a.date!]
      return try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) + Data("\n".utf8)
    }
  }

  @Test func mergeInAnyGroupingEqualsTheWholeBuild() throws {
    let dir = try tempDir()
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    let lines = MergeCLITests.shuffledCorpus()
    func write(_ range: Range<Int>, _ name: String) throws { try lines[range].reduce(Data(), +).write(to: dir.appendingPathComponent(name)) }
    try write(0..<30, "whole.jsonl")
    for (i, r) in [0..<8, 8..<15, 15..<23, 23..<30].enumerated() { try write(r, "s\(i).jsonl") }
    // Four kinds of partial graph: a graph.json, a store, the map stage's edges lines (gzip).
    #expect(try Run(["build", path("s0.jsonl"), "--out", dir.path, "--name", "A", "--no-render"]).status == 0)
    #expect(try Run(["build", path("s1.jsonl"), "--store", path("B.sqlite"), "--out", dir.path, "--name", "Bstore", "--no-render"]).status == 0)
    for (i, name) in [(2, "C"), (3, "D")] {
      let map = try Run(["extract", "-", "--format", "edges"], stdin: contents(dir.appendingPathComponent("s\(i).jsonl")))
      #expect(map.status == 0, "\(map.stderr)")
      try Data(map.stdout.utf8).write(to: dir.appendingPathComponent("\(name).edges.jsonl"))
    }
    try gzip(path("C.edges.jsonl"))
    let A = path("A.json"), B = path("B.sqlite"), C = path("C.edges.jsonl.gz"), D = path("D.edges.jsonl")

    func merge(_ inputs: [String], _ out: String) throws -> Data {
      let r = try Run(["merge"] + inputs + ["-o", path(out)])
      #expect(r.status == 0, "\(r.stderr)")
      return contents(dir.appendingPathComponent(out))
    }
    // A and B alone fold "Mackay" into David Mackay; the whole corpus cannot.
    #expect(String(decoding: try merge([A, B], "ab.json"), as: UTF8.self).contains("\"person:Mackay\" : \"person:David Mackay\""))
    _ = try merge([C, D], "cd.json")
    _ = try merge([A, C], "ac.json")
    _ = try merge([D, B], "db.json")
    _ = try merge([B, C, D], "bcd.json")
    let pairs = try merge([path("ab.json"), path("cd.json")], "pairs.json")
    let evensOdds = try merge([path("db.json"), path("ac.json")], "evens-odds.json")
    let atOnce = try merge([D, C, B, A], "at-once.json")
    let nested = try merge([A, path("bcd.json")], "nested.json")
    #expect(!pairs.isEmpty)
    #expect(evensOdds == pairs)
    #expect(atOnce == pairs)
    #expect(nested == pairs)
    // The shards merged are the whole corpus built at once, and the store grown shard by shard.
    let whole = try Run(["build", path("whole.jsonl"), "--out", dir.path, "--name", "whole", "--no-render"])
    #expect(whole.status == 0)
    #expect(pairs == contents(dir.appendingPathComponent("whole.json")))
    #expect(String(decoding: pairs, as: UTF8.self).contains("\"id\" : \"person:Mackay\""))
    for i in 0..<4 {
      #expect(try Run(["build", path("s\(3 - i).jsonl"), "--store", path("all.sqlite"), "--out", dir.path, "--name", "grown", "--no-render"]).status == 0)
    }
    #expect(contents(dir.appendingPathComponent("grown.json")) == pairs)
    // To stdout, too.
    let r = try Run(["merge", C, B, D, A])
    #expect(Data(r.stdout.utf8) == pairs)
  }

  @Test func mergeReadsASparkOutputFolder() throws {
    let dir = try tempDir()
    let out = dir.appendingPathComponent("edges")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    // As Spark's saveAsTextFile writes them: part files (one compressed), a _SUCCESS marker.
    let first = try Run(["extract", "-", "--format", "edges"], stdin: CorpusFiles.jsonl(0..<6))
    let second = try Run(["extract", "-", "--format", "edges"], stdin: CorpusFiles.jsonl(6..<12))
    try Data(first.stdout.utf8).write(to: out.appendingPathComponent("part-00000"))
    try Data(second.stdout.utf8).write(to: out.appendingPathComponent("part-00001"))
    try gzip(out.appendingPathComponent("part-00001").path)
    try FileManager.default.removeItem(at: out.appendingPathComponent("part-00001"))
    try Data().write(to: out.appendingPathComponent("_SUCCESS"))
    let r = try Run(["merge", out.path, "-o", dir.appendingPathComponent("m.json").path])
    #expect(r.status == 0, "\(r.stderr)")
    try CorpusFiles.write(0..<12, to: dir.appendingPathComponent("all.jsonl"))
    #expect(try Run(["build", dir.appendingPathComponent("all.jsonl").path, "--out", dir.path, "--name", "all", "--no-render"]).status == 0)
    #expect(contents(dir.appendingPathComponent("m.json")) == contents(dir.appendingPathComponent("all.json")))
  }

  @Test func mergeReportsBadLinesAndOverlaps() throws {
    let dir = try tempDir()
    let lines = dir.appendingPathComponent("e.jsonl")
    let map = try Run(["extract", "-", "--format", "edges"], stdin: CorpusFiles.jsonl(0..<2))
    try Data((map.stdout + "{\"format\": 1}\n").utf8).write(to: lines)
    let r = try Run(["merge", lines.path, lines.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("entente: \(lines.path):3: not an Entente graph:"))
    #expect(r.stderr.contains("entente: \(lines.path): 2 articles were already merged from another input; counted again"))
    #expect(try Run(["merge"]).status == 64)
    let missing = try Run(["merge", "no/such.json"])
    #expect(missing.status == 1)
    #expect(missing.stderr == "entente: no/such.json: no such file or directory\n")
  }
}
