import EntenteTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Nothing lost, nothing garbled, inputs read for what they are.
@Suite("CLI: faults", .serialized)
struct FaultTests {
  /// A folder inside an input folder that cannot be read is an error naming it, not a silent
  /// loss of its articles. (Run as an unprivileged user when the tests run as root, who can
  /// read anything.)
  @Test func anUnreadableFolderIsReported() throws {
    let dir = try tempDir()
    defer {
      chmod(dir.appendingPathComponent("corpus/locked").path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    let corpus = dir.appendingPathComponent("corpus")
    for sub in ["ok", "locked"] {
      try FileManager.default.createDirectory(at: corpus.appendingPathComponent(sub), withIntermediateDirectories: true)
      try "Jens Stoltenberg met Vladimir Putin in Moscow.".write(
        to: corpus.appendingPathComponent("\(sub)/a-\(sub).txt"), atomically: true, encoding: .utf8)
    }
    chmod(dir.path, 0o755)
    chmod(corpus.appendingPathComponent("locked").path, 0)
    var args = [Run.executable.path, "extract", corpus.path]
    if getuid() == 0 {
      let setpriv = "/usr/bin/setpriv"
      try #require(FileManager.default.isExecutableFile(atPath: setpriv), "root needs setpriv to run as another user")
      args = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + args
    }
    let r = try Run(args, command: true)
    #expect(r.status == 1)
    #expect(r.stderr.contains("corpus/locked: cannot read: permission denied"), "\(r.stderr)")
    #expect(r.stdout.contains("\"id\":\"a-ok\""))
  }

  @Test func filesThatAreNotArticlesAreRefusedByName() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("g")
    #expect(try Run(["build", "Fixtures", "--out", out.path, "--name", "g"]).status == 0)
    let graph = out.appendingPathComponent("g.json").path
    let svg = out.appendingPathComponent("g.svg").path
    let r = try Run(["build", graph, svg, "Fixtures/putin-visits-pyongyang.txt", "--out", dir.appendingPathComponent("h").path, "--no-render"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("g.json: JSON, not an article"), "\(r.stderr)")
    #expect(r.stderr.contains("g.svg: an SVG image, not an article"), "\(r.stderr)")
    #expect(r.stdout.contains("1 article:"), "the real article is still read: \(r.stdout)")
    let utf16 = dir.appendingPathComponent("utf16.txt")
    try "Jens Stoltenberg met Vladimir Putin.".data(using: .utf16LittleEndian)!.write(to: utf16)
    let u = try Run(["extract", utf16.path])
    #expect(u.status == 1)
    #expect(u.stderr.contains("utf16.txt: binary data or UTF-16 text"), "\(u.stderr)")
  }

  /// `quotes` given a graph lists the quotes behind its quotation edges, from a graph.json
  /// and from a store alike, instead of reading the file as prose.
  @Test func quotesReadsGraphsAndStores() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = dir.appendingPathComponent("s.sqlite").path
    #expect(try Run(["build", "Fixtures", "--out", dir.path, "--no-render", "--store", store, "--max-evidence", "0"]).status == 0)
    let fromArticles = try Run(["quotes", "Fixtures", "--speaker", "stoltenberg", "--format", "json"])
    let expected = try #require(try JSONSerialization.jsonObject(with: Data(fromArticles.stdout.utf8)) as? [[String: Any]])
    for input in [dir.appendingPathComponent("entente.json").path, store] {
      let r = try Run(["quotes", input, "--speaker", "stoltenberg", "--about", "china", "--format", "json"])
      #expect(r.status == 0, "\(r.stderr)")
      let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
      #expect(rows.count == 3)
      for row in rows {
        #expect(row["speaker"] as? String == "Jens Stoltenberg")
        #expect((row["names"] as? [String])?.contains("China") == true)
        // The same quote, words and offsets, as read from the articles.
        #expect(expected.contains { ($0["text"] as? String) == (row["text"] as? String) && ($0["start"] as? Int) == (row["start"] as? Int) })
      }
      let table = try Run(["quotes", input])
      #expect(table.status == 0)
      #expect(table.stdout.split(separator: "\n").count < 60, "a graph is not read as prose")
    }
  }

  /// Weights past what a count can be are refused by name; weights that only add up past
  /// Int.max give a clamped total, never a crash.
  @Test func hugeWeightsGiveAnErrorOrAClampedSum() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    func graph(_ weights: [Int]) -> String {
      let nodes = (0...weights.count).map { #"{"aliases":[],"articles":["a"],"id":"person:P\#($0)","mentions":1,"name":"P\#($0)","type":"person"}"# }
      let edges = weights.enumerated().map { #"{"evidence":[],"kind":"cooccurrence","source":"person:P0","target":"person:P\#($0.offset + 1)","weight":\#($0.element)}"# }
      return #"{"articles":[{"id":"a"}],"edges":[\#(edges.joined(separator: ","))],"format":"entente-graph","nodes":[\#(nodes.joined(separator: ","))],"version":1}"#
    }
    let bad = dir.appendingPathComponent("bad.json")
    try graph([Int.max, Int.max]).write(to: bad, atomically: true, encoding: .utf8)
    let r = try Run(["stats", bad.path])
    #expect(r.status == 1)
    #expect(r.stderr == "entente: \(bad.path): not an Entente graph: edge person:P0 -> person:P1 has weight \(Int.max), not 1 to \(1 << 53)\n")
    let many = dir.appendingPathComponent("many.json")
    try graph(Array(repeating: 1 << 53, count: 1100)).write(to: many, atomically: true, encoding: .utf8)
    for args in [["stats", many.path], ["nodes", many.path, "--sort", "degree"]] {
      let s = try Run(args)
      #expect(s.status == 0, "\(args): \(s.stderr)")
      #expect(!s.stderr.contains("Fatal error"))
    }
  }

  /// A build killed while it works leaves the previous run's files as they were, or the new
  /// run's together — never a temporary file, never a DOT of one run beside a JSON of another.
  @Test func aKilledBuildLeavesOneRunsFiles() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    #expect(try Run(["build", "Fixtures/putin-visits-pyongyang.txt", "--out", out.path, "--name", "g"]).status == 0)
    let corpus = dir.appendingPathComponent("aliases.jsonl")
    try DeterminismTests.aliasCorpus().write(to: corpus, atomically: true, encoding: .utf8)
    for delay in [0.3, 1.0, 2.0, 4.0] {
      let p = Process()
      p.executableURL = Run.executable
      p.arguments = ["build", corpus.path, "Fixtures", "--out", out.path, "--name", "g", "--quiet", "--jobs", "1"]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      Thread.sleep(forTimeInterval: delay)
      p.terminate()
      // SIGTERM ends it promptly, whatever it was doing (laying out the diagram, say).
      var waited = 0.0
      while p.isRunning, waited < 20 {
        Thread.sleep(forTimeInterval: 0.1)
        waited += 0.1
      }
      #expect(!p.isRunning, "SIGTERM did not end the build")
      if p.isRunning { kill(p.processIdentifier, SIGKILL) }
      p.waitUntilExit()
      let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
      #expect(!names.contains { $0.hasSuffix(".tmp") }, "temporary files left: \(names)")
      let json = try String(contentsOf: out.appendingPathComponent("g.json"), encoding: .utf8)
      let dot = try String(contentsOf: out.appendingPathComponent("g.dot"), encoding: .utf8)
      let bigRun = json.contains("\"a0\"")
      #expect(dot.contains("Malcolm Glazer") == bigRun, "the DOT and the JSON come from different runs")
      if bigRun { #expect(!names.contains("g.svg") || p.terminationStatus == 0) }
    }
  }

  /// `merge` never replaces its output with less than its inputs hold: not with an empty graph
  /// when every line is bad, not with part of the inputs unless asked (--partial).
  @Test func mergeLeavesItsOutputWhenInputIsBad() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("graph.json")
    #expect(try Run(["build", "Fixtures", "--out", dir.path, "--name", "graph", "--no-render"]).status == 0)
    let before = try Data(contentsOf: out)
    let good = try Run(["extract", "Fixtures/two-kims-one-statement.txt", "--format", "edges"])
    #expect(good.status == 0)
    let bad = dir.appendingPathComponent("bad.jsonl")
    try "{not json\n[1,2]\n".write(to: bad, atomically: true, encoding: .utf8)
    let r = try Run(["merge", bad.path, "-o", out.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("left as it was"), "\(r.stderr)")
    #expect(try Data(contentsOf: out) == before)
    let mixed = dir.appendingPathComponent("mixed.jsonl")
    try (good.stdout + "{not json\n").write(to: mixed, atomically: true, encoding: .utf8)
    let m = try Run(["merge", mixed.path, "-o", out.path])
    #expect(m.status == 1)
    #expect(try Data(contentsOf: out) == before)
    let p = try Run(["merge", mixed.path, "-o", out.path, "--partial"])
    #expect(p.status == 1, "a skipped line still makes the exit code 1")
    #expect(try Data(contentsOf: out) != before)
    #expect(try String(contentsOf: out, encoding: .utf8).contains("two-kims-one-statement"))
  }
}
