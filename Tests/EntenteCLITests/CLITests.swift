import EntenteTestSupport
import Foundation
import Testing

/// Runs the built `entente` executable.
struct Run {
  var status: Int32
  var stdout: String
  var stderr: String

  static var executable: URL {
    // Test bundles and the executable are built into the same folder.
    var dir = Bundle.main.bundleURL
    if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
    return dir.appendingPathComponent("entente")
  }

  /// `unset`: environment variables the run goes without; `command`: the first argument is
  /// the program to run (`entente` itself otherwise).
  init(_ args: [String], stdin: Data? = nil, cwd: String? = nil, unset: [String] = [], command: Bool = false) throws {
    let p = Process()
    p.executableURL = command ? URL(fileURLWithPath: args[0]) : Run.executable
    p.arguments = command ? Array(args.dropFirst()) : args
    p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? Repository.root.path)
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = "100"
    for name in unset { env[name] = nil }
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(stdin) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    status = p.terminationStatus
    stdout = String(decoding: o, as: UTF8.self)
    stderr = String(decoding: e, as: UTF8.self)
  }
}

func tempDir() throws -> URL {
    try Scratch.directory("test")
}

@Suite("CLI", .serialized)
struct CLITests {
  @Test func versionAndHelp() throws {
    let v = try Run(["--version"])
    #expect(v.status == 0)
    #expect(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    let h = try Run(["--help"])
    #expect(h.status == 0)
    for sub in ["build", "extract", "edges", "render"] { #expect(h.stdout.contains(sub)) }
  }

  @Test func usageErrorsExit64() throws {
    #expect(try Run(["build"]).status == 64)
    #expect(try Run(["edges", "Fixtures", "--kind", "nonsense"]).status == 64)
    #expect(try Run(["nosuchcommand"]).status == 64)
  }

  @Test func missingInputIsOneLineAndExit1() throws {
    let r = try Run(["extract", "no/such/file.txt"])
    #expect(r.status == 1)
    #expect(r.stderr.split(separator: "\n").first == "entente: no/such/file.txt: no such file or directory")
    #expect(!r.stderr.contains("Backtrace"))
  }

  @Test func invalidUTF8IsReportedAndTheOthersStillProcessed() throws {
    let dir = try tempDir()
    try Data([0x66, 0x6F, 0xFF, 0xFE, 0x6F]).write(to: dir.appendingPathComponent("bad.txt"))
    try Data("Vladimir Putin met Kim Jong-un.".utf8).write(to: dir.appendingPathComponent("good.txt"))
    let r = try Run(["extract", dir.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.txt: not valid UTF-8 text"))
    #expect(r.stdout.contains("\"id\":\"good\""))
  }

  @Test func emptyFolderIsAnError() throws {
    let dir = try tempDir()
    let r = try Run(["build", dir.path, "--out", dir.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains("no articles"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("entente.dot").path))
  }

  @Test func buildWritesDotSvgAndJson() throws {
    let dir = try tempDir()
    let r = try Run(["build", "Fixtures", "--out", dir.path, "--name", "g"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("\(try fixtureCount()) articles: "))
    for ext in ["dot", "svg", "json"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("g.\(ext)").path))
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }

  func fixtureCount() throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: Repository.path("Fixtures")).filter { $0.hasSuffix(".txt") }.count
  }

  @Test func edgesNodePutinListsKimFirst() throws {
    let r = try Run(["edges", "Fixtures", "--node", "putin"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("WEIGHT") == true)
    let first = try #require(lines.dropFirst().first)
    #expect(first.contains("Vladimir Putin") && first.contains("Kim Jong-un"))
  }

  @Test func edgesReadsAGraphJSONAndFormats() throws {
    let dir = try tempDir()
    _ = try Run(["build", "Fixtures", "--out", dir.path, "--no-render"])
    let json = dir.appendingPathComponent("entente.json").path
    let csv = try Run(["edges", json, "--kind", "quotation", "--format", "csv"])
    #expect(csv.status == 0)
    #expect(csv.stdout.hasPrefix("kind,source,target,weight,tone,evidence,first_sentence\r\n"))
    #expect(csv.stdout.contains("quotation,Jens Stoltenberg,Russia,"))
    let js = try Run(["edges", json, "--limit", "2", "--format", "json"])
    let obj = try JSONSerialization.jsonObject(with: Data(js.stdout.utf8)) as? [String: Any]
    #expect((obj?["edges"] as? [Any])?.count == 2)
    let none = try Run(["edges", json, "--node", "nobody-at-all"])
    #expect(none.status == 1)
  }

  @Test func renderAnyDOTAndRejectMalformedDOT() throws {
    let dir = try tempDir()
    let good = dir.appendingPathComponent("g.dot")
    try Data("digraph { a -> b }".utf8).write(to: good)
    let r = try Run(["render", good.path, "--layout", "neato"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("g.svg").path))
    let bad = dir.appendingPathComponent("bad.dot")
    try Data("digraph { a -> ; }".utf8).write(to: bad)
    let b = try Run(["render", bad.path, "-o", dir.appendingPathComponent("bad.svg").path])
    #expect(b.status == 1)
    #expect(b.stderr.hasPrefix("entente: \(bad.path): Graphviz cannot read the graph:"))
    #expect(b.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.svg").path))
  }

  @Test func extractReadsStdin() throws {
    let r = try Run(["extract", "-"], stdin: Data("NATO Secretary General Jens Stoltenberg said that Russia supports North Korea.".utf8))
    #expect(r.status == 0)
    let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(obj?["id"] as? String == "stdin")
    #expect((obj?["quotes"] as? [Any])?.count == 1)
  }
}

@Suite("CLI: quotes", .serialized)
struct QuotesCommandTests {
  @Test func filtersBySpeakerAndSubject() throws {
    let r = try Run(["quotes", "Fixtures", "--speaker", "stoltenberg", "--about", "china", "--format", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = r.stdout.split(separator: "\r\n").dropFirst()
    #expect(rows.count >= 2)
    #expect(rows.allSatisfy { $0.contains(",Jens Stoltenberg,") && $0.contains("China") })
  }

  @Test func jsonListsSpeakerAndNames() throws {
    let r = try Run(["quotes", "Fixtures/putin-visits-pyongyang.txt", "--format", "json"])
    let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(list.count == 15)
    let kirby = try #require(list.first { $0["speaker"] as? String == "John Kirby" })
    #expect(kirby["names"] as? [String] == ["United States", "North Korea", "Russia"])
  }

  /// A coordinated speaker lists every speaker: in the table, in CSV and JSON, and under --speaker.
  @Test func coordinatedSpeakersAreListed() throws {
    let text = Data("Moscow and Pyongyang deny that Iran sent drones to the front.".utf8)
    let table = try Run(["quotes", "-", "--speaker", "north korea"], stdin: text)
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("Russia & North Korea"))
    let csv = try Run(["quotes", "-", "--format", "csv"], stdin: text)
    #expect(csv.stdout.hasPrefix("article,sentence,speaker,speaker_text,cue,direct,quote,names,other_speakers"))
    #expect(csv.stdout.contains(",Russia,Moscow and Pyongyang,deny,"))
    let json = try Run(["quotes", "-", "--format", "json"], stdin: text)
    let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(list.first?["otherSpeakers"] as? [String] == ["North Korea"])
  }
}

@Suite("CLI: threads", .serialized)
struct ThreadsTests {
  @Test func outputIsTheSameForAnyNumberOfThreads() throws {
    let one = try Run(["extract", "Fixtures", "--jobs", "1"])
    let four = try Run(["extract", "Fixtures", "--jobs", "4"])
    #expect(one.status == 0 && four.status == 0)
    #expect(one.stdout == four.stdout)
    #expect(one.stdout.split(separator: "\n").count == 4)
    let a = try tempDir(), b = try tempDir()
    _ = try Run(["build", "Fixtures", "--out", a.path, "--jobs", "1"])
    _ = try Run(["build", "Fixtures", "--out", b.path, "--jobs", "3"])
    for ext in ["dot", "json", "svg"] {
      let x = try Data(contentsOf: a.appendingPathComponent("entente.\(ext)"))
      let y = try Data(contentsOf: b.appendingPathComponent("entente.\(ext)"))
      #expect(x == y, "entente.\(ext) differs between 1 and 3 threads")
    }
  }

  @Test func zeroThreadsIsAUsageError() throws {
    #expect(try Run(["extract", "Fixtures", "--jobs", "0"]).status == 64)
  }
}

@Suite("CLI: the learned tagger")
struct TaggerOptionTests {
  @Test func theBundledTaggerIsTheDefaultAndNoneIsTheRulesAlone() throws {
    let dir = try tempDir()
    let file = dir.appendingPathComponent("a.txt")
    // No rule knows "Rafael" as a given name; the bundled weights call the pair a person.
    try Data("Its director general, Rafael Grossi, said on Sunday that the plant remained fragile.".utf8).write(to: file)
    let byDefault = try Run(["extract", file.path, "--format", "jsonl"])
    let bundled = try Run(["extract", file.path, "--format", "jsonl", "--tagger", "bundled"])
    let none = try Run(["extract", file.path, "--format", "jsonl", "--tagger", "none"])
    #expect(byDefault.status == 0 && bundled.status == 0 && none.status == 0)
    #expect(byDefault.stdout == bundled.stdout)
    #expect(byDefault.stdout.contains("\"rule\":\"tagger\""))
    #expect(byDefault.stdout.contains("\"name\":\"Rafael Grossi\""))
    #expect(!none.stdout.contains("\"rule\":\"tagger\""))
    #expect(none.stdout.contains("\"entities\":[]"))
  }
}

@Suite("CLI: build filters and diagrams", .serialized)
struct BuildDiagramTests {
  @Test func largeGraphsAreDrawnByTheirStrongestPart() throws {
    let dir = try tempDir()
    let r = try Run(["build", "Fixtures", "--out", dir.path, "--diagram-nodes", "10", "--title", "Ten <of> them"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("the diagram shows 10 of 44 entities and "), "\(r.stderr)")
    #expect(r.stderr.contains(", the strongest of each community\n"))
    #expect(r.stderr.contains("not drawn: 4 entities without edges"))
    let svg = try String(contentsOf: dir.appendingPathComponent("entente.svg"), encoding: .utf8)
    let nodes = svg.components(separatedBy: "class=\"node\"").count - 1
    #expect(nodes == 10)
    // The caption: title, corpus, dates, counts.
    #expect(svg.contains(">Ten &lt;of&gt; them<"))
    #expect(svg.contains(">Source: Fixtures · 4 articles · 2024&#45;06&#45;19 to 2025&#45;10&#45;10<") || svg.contains(">Source: Fixtures · 4 articles · 2024-06-19 to 2025-10-10<"))
    #expect(svg.contains("44 entities, 147 edges; drawn: 10 entities and "))
    // The DOT and JSON files keep the whole graph, without the diagram's caption.
    let dot = try String(contentsOf: dir.appendingPathComponent("entente.dot"), encoding: .utf8)
    #expect(dot.contains("Karin Jean-Pierre"))
    #expect(!dot.contains("Source: "))
  }

  @Test func aLayoutPastItsBudgetIsDrawnWithoutGraphvizAndSaysSo() throws {
    let dir = try tempDir()
    let r = try Run(["build", "Fixtures", "--out", dir.path, "--layout-budget", "0"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("the diagram: drawn with straight edges by Entente's own layout: Graphviz (neato with splines=true) took more than 0 s (--layout-budget)"), "\(r.stderr)")
    let svg = try String(contentsOf: dir.appendingPathComponent("entente.svg"), encoding: .utf8)
    #expect(svg.contains("Drawn with straight edges by Entente&#39;s own layout"))
    #expect(svg.contains(">Jens Stoltenberg<"))
    // The same bytes from another process (another hash seed).
    let again = try tempDir()
    #expect(try Run(["build", "Fixtures", "--out", again.path, "--layout-budget", "0"]).status == 0)
    #expect(try Data(contentsOf: again.appendingPathComponent("entente.svg")) == Data(svg.utf8))
  }

  @Test func theDiagramIsTheSameBytesInEveryProcess() throws {
    let a = try tempDir(), b = try tempDir()
    #expect(try Run(["build", "Fixtures", "--out", a.path]).status == 0)
    #expect(try Run(["build", "Fixtures", "--out", b.path]).status == 0)
    let svg = try Data(contentsOf: a.appendingPathComponent("entente.svg"))
    #expect(try Data(contentsOf: b.appendingPathComponent("entente.svg")) == svg)
    #expect(String(decoding: svg, as: UTF8.self).contains("Russia, North Korea, United States and 7 more"))
  }

  @Test func buildTakesTheGraphFilters() throws {
    let dir = try tempDir()
    let r = try Run(["build", "Fixtures", "--out", dir.path, "--ego", "zakharova", "--no-render"])
    #expect(r.status == 0)
    let json = try Data(contentsOf: dir.appendingPathComponent("entente.json"))
    let obj = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    let names = (obj["nodes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    #expect(names.contains("Maria Zakharova"))
    #expect(!names.contains("Vladimir Putin"))
  }
}
