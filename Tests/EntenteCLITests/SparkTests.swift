import EntenteTestSupport
import Foundation
import Testing

/// A python3 that imports pyspark (scripts/test installs it, with a Java runtime).
enum PySpark {
  static let python: String? = {
    for python in ["python3", "/usr/bin/python3", "/usr/local/bin/python3"] {
      if let r = try? run(python, ["-c", "import pyspark"]), r.status == 0 { return python }
    }
    return nil
  }()

  /// scripts/test sets ENTENTE_REQUIRE_SPARK: there, a missing PySpark fails the test
  /// instead of skipping it.
  static let required = ProcessInfo.processInfo.environment["ENTENTE_REQUIRE_SPARK"] == "1"

  static func run(_ python: String, _ args: [String], cwd: URL = Repository.root, path: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [python] + args
    p.currentDirectoryURL = cwd
    if let path {
      var env = ProcessInfo.processInfo.environment
      env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
      p.environment = env
    }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes while it runs: Spark writes much to stderr.
    nonisolated(unsafe) var e = Data()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      e = err.fileHandleForReading.readDataToEndOfFile()
      done.signal()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }
}

@Suite("Spark: scripts/spark-build", .serialized, .enabled(if: PySpark.python != nil || PySpark.required, "needs python3 with pyspark and Java"))
struct SparkTests {
  /// The fixtures (text files) and a generated corpus of several JSON Lines parts — ids out
  /// of input order, a surname only the whole corpus shows ambiguous, a bad line, a .gz and a
  /// .bz2 part — mapped by Spark in local mode and reduced by merge: the same bytes as
  /// `entente build` of the same articles.
  @Test func sparkBuildEqualsBuild() throws {
    let python = try #require(PySpark.python, "python3 cannot import pyspark")
    let dir = try tempDir()
    let corpus = dir.appendingPathComponent("corpus")
    let plain = dir.appendingPathComponent("plain")
    for d in [corpus, plain] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
    var lines = MergeCLITests.shuffledCorpus()
    lines.insert(Data("{\"id\": \"broken\", \"text\": \n".utf8), at: 12)
    for (i, r) in [0..<9, 9..<20, 20..<31].enumerated() {
      let part = lines[r].reduce(Data(), +)
      try part.write(to: plain.appendingPathComponent("part-\(i).jsonl"))
      try part.write(to: corpus.appendingPathComponent("part-\(i).jsonl"))
    }
    let p1 = corpus.appendingPathComponent("part-1.jsonl").path, p2 = corpus.appendingPathComponent("part-2.jsonl").path
    try gzip(p1)
    try FileManager.default.removeItem(atPath: p1)
    let bz = try PySpark.run(python, ["-c", "import bz2, sys; open(sys.argv[1] + '.bz2', 'wb').write(bz2.compress(open(sys.argv[1], 'rb').read()))", p2])
    #expect(bz.status == 0, "\(bz.stderr)")
    try FileManager.default.removeItem(atPath: p2)

    let out = dir.appendingPathComponent("spark.json").path
    let parts = dir.appendingPathComponent("parts").path
    let r = try PySpark.run(
      python,
      [
        "scripts/spark-build", Repository.path("Fixtures"), corpus.path, "-o", out, "--master", "local[2]", "--partitions", "4",
        "--entente", Run.executable.path, "--parts", parts,
      ])
    #expect(r.status == 0, "\(r.stderr.suffix(3000))")
    // Several map tasks wrote parts; the bad line was reported (in the task's log) and skipped.
    let written = try FileManager.default.contentsOfDirectory(atPath: parts).filter { $0.hasPrefix("part-") }
    #expect(written.count == 4)
    #expect(r.stderr.contains("<stdin>:"))

    let built = try Run(["build", Repository.path("Fixtures"), plain.path, "--out", dir.path, "--name", "built", "--no-render"])
    #expect(built.status == 1)
    #expect(built.stderr.contains("1 line skipped"))
    #expect(built.stdout.hasPrefix("34 articles: "))
    let expected = contents(dir.appendingPathComponent("built.json"))
    #expect(!expected.isEmpty)
    #expect(contents(URL(fileURLWithPath: out)) == expected)
  }

  /// README's Python snippet for a job of one's own, run as written (after a SparkContext
  /// `sc` in local mode, with `entente` on the PATH), then README's reduce: `entente merge
  /// parts -o graph.json` gives the bytes `entente build` writes for the same articles.
  @Test func readmeSnippetRunsAsWritten() throws {
    let python = try #require(PySpark.python, "python3 cannot import pyspark")
    let readme = String(decoding: contents(Repository.root.appendingPathComponent("README.md")), as: UTF8.self)
    let intro = try #require(readme.range(of: "In a job of your own"), "README has no snippet for a job of one's own")
    let open = try #require(readme.range(of: "```python\n", range: intro.upperBound..<readme.endIndex))
    let close = try #require(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
    let snippet = String(readme[open.upperBound..<close.lowerBound])
    #expect(snippet.contains(".pipe("))

    let dir = try tempDir()
    let news = dir.appendingPathComponent("news")
    try FileManager.default.createDirectory(at: news, withIntermediateDirectories: true)
    var lines = MergeCLITests.shuffledCorpus()
    lines.insert(Data("{\"id\": \"broken\", \"text\": \n".utf8), at: 7)
    try lines[0..<16].reduce(Data(), +).write(to: news.appendingPathComponent("a.jsonl"))
    try lines[16...].reduce(Data(), +).write(to: news.appendingPathComponent("b.jsonl"))
    let job = """
      from pyspark.sql import SparkSession
      spark = SparkSession.builder.master("local[2]").config("spark.ui.showConsoleProgress", "false").getOrCreate()
      sc = spark.sparkContext
      sc.setLogLevel("ERROR")

      """ + snippet + "spark.stop()\n"
    try Data(job.utf8).write(to: dir.appendingPathComponent("job.py"))
    let r = try PySpark.run(python, ["job.py"], cwd: dir, path: Run.executable.deletingLastPathComponent().path)
    #expect(r.status == 0, "\(r.stderr.suffix(3000))")
    #expect(r.stderr.contains("<stdin>:"))  // the bad line, reported and skipped

    let merged = try Run(["merge", "parts", "-o", "graph.json"], cwd: dir.path)
    #expect(merged.status == 0, "\(merged.stderr)")
    let built = try Run(["build", news.path, "--out", dir.path, "--name", "built", "--no-render"])
    #expect(built.status == 1)  // the bad line
    let expected = contents(dir.appendingPathComponent("built.json"))
    #expect(!expected.isEmpty)
    #expect(contents(dir.appendingPathComponent("graph.json")) == expected)
  }
}
