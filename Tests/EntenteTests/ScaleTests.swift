import Entente
import EntenteTestSupport
import Foundation
import Testing

/// Fixtures and development articles, the corpus the scale tests cut up and repeat.
enum ScaleCorpus {
  static let articles: [Article] = {
    var out = ArticleLoader.load([Repository.path("Fixtures")]).articles
    if let shared = Repository.shared {
      let dev = shared.appendingPathComponent("eval/dev/gum").path
      let files = ((try? FileManager.default.contentsOfDirectory(atPath: dev)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
      for f in files {
        guard let data = FileManager.default.contents(atPath: dev + "/" + f),
          let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let text = obj["text"] as? String
        else { continue }
        out.append(Article(id: String(f.dropLast(5)), text: text))
      }
    }
    return out
  }()

  /// `n` articles with ids a0000, a0001, … (sorted = input order), cycling through the corpus.
  static func repeated(_ n: Int) -> [Article] {
    (0..<n).map { i in
      var a = articles[i % articles.count]
      a.id = String(format: "a%04d", i)
      a.date = String(format: "2024-%02d-%02d", 1 + i % 12, 1 + i % 28)
      return a
    }
  }

  static func jsonl(_ articles: [Article]) -> String {
    articles.map { a in
      var o: [String: Any] = ["id": a.id, "text": a.text]
      if let d = a.date { o["date"] = d }
      return String(decoding: try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
    }.joined(separator: "\n") + "\n"
  }
}

@Suite("Scale: bounded evidence")
struct BoundedEvidenceTests {
  func ev(_ article: String, _ sentence: Int) -> Evidence {
    Evidence(article: article, sentence: sentence, start: sentence * 10, end: sentence * 10 + 5, text: "s\(sentence)")
  }

  @Test func weightsStayExactAndTheEarliestEvidenceIsKept() {
    var g = RelationshipGraph(maxEvidence: 3)
    for a in ["x", "y"] {
      g.addArticle(a, date: nil)
      for s in 0..<4 { g.record(cooccurrence: "p", "q", evidence: ev(a, s)) }
    }
    let e = try! #require(g.edges.values.first)
    #expect(e.weight == 8)
    #expect(e.evidence.map { "\($0.article)\($0.sentence)" } == ["x0", "x1", "x2"])
    var all = RelationshipGraph(maxEvidence: 0)
    all.addArticle("x", date: nil)
    for s in 0..<9 { all.record(cooccurrence: "p", "q", evidence: ev("x", s)) }
    #expect(all.edges.values.first?.evidence.count == 9)
    #expect(RelationshipGraph().maxEvidence == RelationshipGraph.defaultMaxEvidence)
  }

  @Test func mergeRespectsTheLimitAndInputOrder() {
    func one(_ a: String, _ sentences: Range<Int>) -> RelationshipGraph {
      var g = RelationshipGraph(maxEvidence: 0)
      g.addArticle(a, date: nil)
      for s in sentences { g.record(cooccurrence: "p", "q", evidence: ev(a, s)) }
      return g
    }
    var g = RelationshipGraph(maxEvidence: 4)
    g.merge(one("late-id-first", 0..<3))
    g.merge(one("early-id-second", 0..<3))
    let e = try! #require(g.edges.values.first)
    #expect(e.weight == 6)
    // Input order: the first article's three records, then one of the second's.
    #expect(e.evidence.map(\.article) == ["late-id-first", "late-id-first", "late-id-first", "early-id-second"])
    // Canonical order keeps the smallest article ids instead, whatever the merge order.
    var c1 = RelationshipGraph(maxEvidence: 4, order: .canonical)
    c1.merge(one("late-id-first", 0..<3))
    c1.merge(one("early-id-second", 0..<3))
    var c2 = RelationshipGraph(maxEvidence: 4, order: .canonical)
    c2.merge(one("early-id-second", 0..<3))
    c2.merge(one("late-id-first", 0..<3))
    #expect(c1.canonical() == c2.canonical())
    #expect(c1.edges.values.first?.evidence.map(\.article) == ["early-id-second", "early-id-second", "early-id-second", "late-id-first"])
  }

  @Test func loweringTheLimitDropsTheLaterRecords() {
    var g = RelationshipGraph(maxEvidence: 0)
    g.addArticle("x", date: nil)
    for s in 0..<6 { g.record(quote: "p", about: "q", evidence: ev("x", s)) }
    g.maxEvidence = 2
    #expect(g.edges.values.first?.evidence.map(\.sentence) == [0, 1])
    #expect(g.edges.values.first?.weight == 6)
  }

  @Test func pipelineBoundsEvidenceOnARealCorpus() {
    var p = Pipeline()
    p.maxEvidence = 2
    let g = p.graph(for: ScaleCorpus.repeated(40), jobs: 2)
    #expect(g.edges.values.allSatisfy { $0.evidence.count == min($0.weight, 2) })
    #expect(g.edges.values.contains { $0.weight > 2 })
    p.maxEvidence = 0
    let all = p.graph(for: ScaleCorpus.repeated(40), jobs: 2)
    #expect(all.edges.values.allSatisfy { $0.evidence.count == $0.weight })
    #expect(all.edges.values.map(\.weight) == g.edges.values.map(\.weight))
  }

  @Test func dotTooltipSaysWhenEvidenceIsPartial() {
    var g = RelationshipGraph(maxEvidence: 1)
    g.addArticle("x", date: nil)
    g.record(node: Node(id: "p", name: "P", type: .person))
    g.record(node: Node(id: "q", name: "Q", type: .person))
    for s in 0..<3 { g.record(cooccurrence: "p", "q", evidence: ev("x", s)) }
    #expect(DOTExporter().string(g).contains("weight 3, neutral (tone 0), first 1 of 3 evidence"))
  }
}

@Suite("Scale: streaming and merging")
struct StreamingMergeTests {
  @Test func streamingEqualsTheArrayAPIForAnyThreads() throws {
    let articles = ScaleCorpus.repeated(300)
    let p = Pipeline()
    let serial = p.graph(for: articles, jobs: 1)
    #expect(p.graph(from: articles.lazy.map { $0 }, jobs: 3) == serial)
    #expect(try GraphJSON.string(p.graph(from: AnySequence(articles), jobs: 2)) == GraphJSON.string(serial))
  }

  /// A graph assembled article by article finds its edges by the positions of their nodes:
  /// the same graph as each article's own graph merged in by ids, on one thread (tone and
  /// records made where the graph is) and on several.
  @Test func assemblyByPositionsEqualsMergingByIDs() {
    let articles = ScaleCorpus.repeated(300)
    let p = Pipeline()
    var merged = RelationshipGraph(order: .canonical)
    for a in articles { merged.merge(p.graph(for: p.analyze(a))) }
    #expect(merged.edges.values.contains { $0.weight > 10 })
    for jobs in [1, 2] {
      #expect(p.graph(from: articles, jobs: jobs, resolve: false).canonical() == merged.canonical())
    }
  }

  /// Resolution reads a graph assembled by node positions by those positions (which edges
  /// a renaming touches, the order of the edges), and sorts the node ids while it finds the
  /// renaming: the same graph, in the same order, as resolving the same graph merged by ids —
  /// with partial names that merge edges, rename others and leave a loop, on one thread and two.
  @Test func resolutionByPositionsEqualsResolutionByIDs() {
    var articles = ScaleCorpus.repeated(120)
    let extra = [
      "David Mackay met Olaf Scholz in Berlin on Monday.",
      "Mackay said that Russia supports North Korea, according to Reuters.",
      "Mackay met Olaf Scholz and Emmanuel Macron in Paris on Tuesday.",
      "Mackay and David Mackay are the same man, NATO said.",
    ]
    for (i, text) in extra.enumerated() { articles[10 + 25 * i].text = text }
    let p = Pipeline()
    var merged = RelationshipGraph(order: .canonical)
    for a in articles { merged.merge(p.graph(for: p.analyze(a))) }
    let (byIDs, unresolvedByIDs) = merged.resolvedKeepingUnresolved()
    #expect(unresolvedByIDs.renamed["person:Mackay"] == "person:David Mackay")
    for jobs in [1, 2] {
      let built = p.graph(from: articles, jobs: jobs, resolve: false)
      let (resolved, unresolved) = built.resolvedKeepingUnresolved()
      #expect(resolved == byIDs)
      #expect(resolved.nodes.keys.elements == byIDs.nodes.keys.elements)
      #expect(resolved.edges.keys.elements == byIDs.edges.keys.elements)
      #expect(unresolved == unresolvedByIDs)
      #expect(built.resolved() == byIDs)
      #expect(p.graph(from: articles, jobs: jobs) == byIDs)
    }
  }

  /// The graph built leaves out evidence it will never keep (from larger article ids than an
  /// edge's full evidence); it must be the merge of the chunks with all their evidence —
  /// also when an id comes back in a later chunk, or later articles have smaller ids.
  @Test(arguments: [(false, false), (true, false), (false, true)]) func leftOutEvidenceChangesNothing(repeatedIDs: Bool, descendingIDs: Bool) throws {
    // Long enough that later batches are built while the graph holds full edges.
    var articles = ScaleCorpus.repeated(1200)
    if descendingIDs {
      // Later articles have smaller ids: their evidence displaces what the graph holds.
      for i in articles.indices { articles[i].id = String(format: "a%04d", 1199 - i) }
    }
    if repeatedIDs {
      for i in 1100..<1120 { articles[i].id = articles[i - 1100].id }
      articles[1150].id = articles[700].id
    }
    var p = Pipeline()
    p.maxEvidence = 2
    // The chunks' graphs with all their evidence, merged.
    var reference = RelationshipGraph(maxEvidence: 2, order: .canonical)
    p.forEachChunkGraph(of: articles, jobs: 2) { chunk, _ in reference.merge(chunk) }
    let built = p.graph(from: articles, jobs: 2, resolve: false)
    #expect(reference.edges.values.contains { $0.weight > 10 })
    #expect(built.canonical() == reference.canonical())
    #expect(try GraphJSON.string(built.canonical()) == GraphJSON.string(reference.canonical()))
    if !repeatedIDs {
      // With unique ids, also the graph built article by article.
      var one = RelationshipGraph(maxEvidence: 2, order: .canonical)
      for a in articles { GraphBuilder.add(p.analyze(a), to: &one) }
      #expect(one.canonical() == reference.canonical())
    }
  }

  @Test func progressCountsEveryArticle() {
    var seen: [Int] = []
    _ = Pipeline().graph(from: ScaleCorpus.repeated(600), jobs: 2) { seen.append($0) }
    #expect(seen.last == 600)
    #expect(seen == seen.sorted())
  }

  /// The partial graphs merged (unresolved, as partial graphs stay until written out).
  func merge(_ parts: [RelationshipGraph]) -> RelationshipGraph {
    var g = RelationshipGraph(order: .canonical)
    for p in parts { g.merge(p) }
    return g
  }

  /// A graph.json of a partial graph read back as the partial graph it was written from.
  func roundTrip(_ g: RelationshipGraph) throws -> RelationshipGraph {
    let (resolved, unresolved) = g.resolvedKeepingUnresolved()
    let data = GraphJSONWriter.data(resolved, unresolved: unresolved)
    #expect(data == (try GraphJSON.data(resolved, unresolved: unresolved)))
    #expect(try GraphJSON.read(data, file: "x").canonical() == resolved)
    return try GraphJSON.read(data, file: "x", partial: true)
  }

  @Test func mergeIsAssociativeAndCommutative() throws {
    let p = Pipeline()
    var all = ScaleCorpus.repeated(36)
    // Ids out of input order, and a surname that only the whole corpus shows to be ambiguous.
    for i in all.indices { all[i].id = String(format: "a%04d", (i * 7) % 36) }
    all[3].text = "David Mackay met Olaf Scholz in Berlin on Monday."
    all[5].text = "Mackay said that Russia supports North Korea, according to Reuters."
    all[30].text = "Andy Mackay met Emmanuel Macron in Paris on Tuesday."
    let a = p.graph(from: all[0..<12], resolve: false)
    let b = p.graph(from: all[12..<24], resolve: false)
    let c = p.graph(from: all[24..<36], resolve: false)
    #expect(merge([a]).resolved().nodes["person:Mackay"] == nil)
    let whole = p.graph(for: all)
    #expect(whole.nodes["person:Mackay"] != nil)
    #expect(merge([a, b]).resolved() == merge([b, a]).resolved())
    for grouping in [[merge([a, b]), c], [a, merge([b, c])], [merge([c, a]), b], [c, a, b]] {
      #expect(merge(grouping).resolved() == whole)
      // The same through graph.json files.
      #expect(try merge(grouping.map(roundTrip)).resolved() == whole)
    }
    #expect(try GraphJSON.string(merge([c, b, a]).resolved()) == GraphJSON.string(whole))
    #expect(try roundTrip(merge([a, b, c])).canonical() == merge([a, b, c]).canonical())
  }

  @Test func edgesLinesReadBack() throws {
    let p = Pipeline()
    let g = p.graph(for: p.analyze(ScaleCorpus.articles[0]))
    let line = EdgesJSON.line(g)
    #expect(!line.contains("\n"))
    let back = try EdgesJSON.read(Data(line.utf8), file: "x")
    #expect(back.sortedEdges == g.sortedEdges)
    #expect(back.sortedNodes == g.sortedNodes)
    #expect(back.articles == g.articles)
  }
}

@Suite("Scale: JSON Lines corpora")
struct CorpusReaderTests {
  func temp() throws -> URL {
        try Scratch.directory("scale")
  }

  static let mixed = """
    {"id": "one", "text": "Vladimir Putin met Kim Jong-un.", "date": "2024-06-19T05:11:00Z", "title": null, "extra": [1, 2]}

    {"id": "two", "text": 5}
    not json at all
    {"id": 3, "text": "Jens Stoltenberg spoke about China.", "source": "wire", "url": null}
    {"text": "no id"}
    {"id": "four", "text": "x", "date": "19 June 2024"}
    {"id": "five", "text": "Olaf Scholz visited Kyiv.", "url": "https://example.org/5"}\r
    """

  @Test func badLinesAreReportedWithTheirNumberAndSkipped() throws {
    let dir = try temp()
    let path = dir.appendingPathComponent("corpus.jsonl").path
    try Data(CorpusReaderTests.mixed.utf8).write(to: URL(fileURLWithPath: path))
    var problems: [String] = []
    let reader = ArticleReader([path], onProblem: { problems.append($0.description) })
    let articles = Array(reader)
    #expect(articles.map(\.id) == ["one", "3", "five"])
    #expect(articles[0].date == "2024-06-19")
    #expect(articles[1].source == "wire")
    #expect(articles[2].source == "https://example.org/5")
    #expect(articles[2].text == "Olaf Scholz visited Kyiv.")
    #expect(
      problems == [
        "\(path):3: \"text\" must be a string", "\(path):4: not valid JSON", "\(path):6: missing \"id\"",
        "\(path):7: \"date\" is not an ISO 8601 date (yyyy-MM-dd…): \"19 June 2024\"",
      ])
    #expect(reader.skippedLines == 4)
    #expect(reader.stopped == nil)
    #expect(reader.bytesRead == reader.totalBytes)
  }

  /// Lines the fast scanner reads and lines it leaves to JSONDecoder: each must give what a
  /// JSON parser reads in it (or be skipped as bad), whichever path takes it.
  static let tricky: [String] = [
    #"{"id":"a","text":"plain"}"#,
    #"  { "text" : "spaces around" , "id" : "b" }  "#,
    #"{"id":"c","text":"quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f"}"#,
    #"{"id":"d","text":"\u00e9t\u00E9 \u4e2d \ud83d\ude00 end"}"#,
    #"{"id":"e","text":"curly “quotes” and — dashes, émigré"}"#,
    #"{"id":42,"text":"integer id"}"#,
    #"{"id":-7,"text":"negative id"}"#,
    #"{"id":"f","text":"extra fields","n":1.5e3,"b":true,"c":false,"z":null,"o":{"k":[1,{"x":"y"}]}}"#,
    #"{"id":"g","text":"nulls","title":null,"date":null,"source":null,"url":null}"#,
    #"{"id":"h","text":"all","title":"T \"q\"","date":"2024-02-29","source":"S","url":"https://u/\u0041"}"#,
    #"{"te\u0078t":"escaped key","id":"i"}"#,
    #"{"id":"k","text":"trailing comma",}"#,
    #"{"id":"l","text":"lone surrogate \ud800"}"#,
    #"{"id":"m","text":"bad escape \x"}"#,
    #"{"id":"n","text":"unterminated}"#,
    #"{"id":"","text":"empty id"}"#,
    #"{"id":"o","text":"title number","title":3}"#,
    #"{"id":"p","text":"after"} x"#,
    #"["id","text"]"#,
    // Escapes and bytes at every place in eight-byte windows; raw control bytes (bad JSON).
    #"{"id":"q","text":"abcdefg\"hijklmno\\pqrstuv\nwxyz0123456789\tabcdefghijklm\"nopqrstuvwx"}"#,
    #"{"id":"r","text":"émigréémigré\"ééééééé\\ü\u00fcüüüüüüüüüüüüü“”“”“”“”\n"}"#,
    "{\"id\":\"s\",\"text\":\"twelve bytes\u{01} then a raw control byte\"}",
    "{\"id\":\"t\",\"text\":\"a raw tab\tafter nine bytes\"}",
  ]

  @Test func fastScannerAgreesWithAJSONParser() throws {
    let dir = try temp()
    let path = dir.appendingPathComponent("tricky.jsonl").path
    try Data((CorpusReaderTests.tricky.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    var problems: [String] = []
    let read = Array(ArticleReader([path], onProblem: { problems.append($0.description) }))
    // The oracle: Foundation's JSON parser, with the rules of a corpus line.
    var expected: [Article] = []
    var bad = 0
    for line in CorpusReaderTests.tricky {
      guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let text = o["text"] as? String else {
        bad += 1
        continue
      }
      let id: String
      if let s = o["id"] as? String, !s.isEmpty {
        id = s
      } else if let n = o["id"] as? Int {
        id = String(n)
      } else {
        bad += 1
        continue
      }
      func field(_ k: String) -> String?? {
        if o[k] == nil || o[k] is NSNull { return .some(nil) }
        return (o[k] as? String).map { .some($0) }
      }
      guard let title = field("title"), let date = field("date"), let source = field("source"), let url = field("url") else {
        bad += 1
        continue
      }
      expected.append(Article(id: id, text: text, title: title, date: date, source: url ?? source ?? path))
    }
    #expect(read.map(\.id) == expected.map(\.id))
    for (a, e) in zip(read, expected) {
      #expect(a.text == e.text, "\(a.id)")
      #expect(a.title == e.title, "\(a.id)")
      #expect(a.date == e.date, "\(a.id)")
      #expect(a.source == e.source, "\(a.id)")
    }
    #expect(problems.count == bad)
  }

  @Test func strictStopsAtTheFirstBadLine() throws {
    let dir = try temp()
    let path = dir.appendingPathComponent("corpus.ndjson").path
    try Data(CorpusReaderTests.mixed.utf8).write(to: URL(fileURLWithPath: path))
    var problems = 0
    let reader = ArticleReader([path], strict: true, onProblem: { _ in problems += 1 })
    #expect(Array(reader).map(\.id) == ["one"])
    #expect(reader.stopped?.description == "\(path):3: \"text\" must be a string")
    #expect(problems == 0)
  }

  @Test func gzipCorporaReadLikePlainOnes() throws {
    let dir = try temp()
    let text = ScaleCorpus.jsonl(ScaleCorpus.repeated(30))
    let plain = dir.appendingPathComponent("c.jsonl")
    try Data(text.utf8).write(to: plain)
    // One compressed here, one by gzip(1), and one of two concatenated members.
    try Gzip.compress(Data(text.utf8)).write(to: dir.appendingPathComponent("lib.jsonl.gz"))
    let gz = Process()
    gz.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    gz.arguments = ["-k", "-9", plain.path]
    try gz.run()
    gz.waitUntilExit()
    #expect(gz.terminationStatus == 0)
    let half = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first = half[0..<15].joined(separator: "\n") + "\n", second = half[15...].joined(separator: "\n")
    try (Gzip.compress(Data(first.utf8)) + Gzip.compress(Data(second.utf8))).write(to: dir.appendingPathComponent("two.ndjson.gz"))
    let expected = Array(ArticleReader([plain.path]))
    #expect(expected.count == 30)
    for name in ["lib.jsonl.gz", "c.jsonl.gz", "two.ndjson.gz"] {
      var problems: [String] = []
      let r = ArticleReader([dir.appendingPathComponent(name).path], onProblem: { problems.append($0.description) })
      let got = Array(r)
      #expect(got.map(\.id) == expected.map(\.id), "\(name)")
      #expect(got.map(\.text) == expected.map(\.text), "\(name)")
      #expect(got.map(\.date) == expected.map(\.date), "\(name)")
      #expect(problems.isEmpty, "\(name): \(problems)")
    }
    #expect(try Gzip.decompress(Gzip.compress(Data(text.utf8))) == Data(text.utf8))
  }

  @Test func truncatedOrCorruptGzipIsAProblem() throws {
    let dir = try temp()
    let full = try Gzip.compress(Data(ScaleCorpus.jsonl(ScaleCorpus.repeated(20)).utf8))
    try full.prefix(full.count - 30).write(to: dir.appendingPathComponent("cut.jsonl.gz"))
    try Data("this is not gzip".utf8).write(to: dir.appendingPathComponent("junk.jsonl.gz"))
    for name in ["cut.jsonl.gz", "junk.jsonl.gz"] {
      var problems: [String] = []
      let r = ArticleReader([dir.appendingPathComponent(name).path], onProblem: { problems.append($0.description) })
      _ = Array(r)
      #expect(problems.count == 1, "\(name)")
      #expect(problems.first?.hasPrefix(dir.appendingPathComponent(name).path + ": ") == true)
      #expect(r.skippedInputs == 1)
    }
  }

  @Test func foldersPickUpCorporaAndStdinIsSniffed() throws {
    let dir = try temp()
    try Data("Vladimir Putin met Kim Jong-un.".utf8).write(to: dir.appendingPathComponent("b.txt"))
    try Gzip.compress(Data(ScaleCorpus.jsonl(ScaleCorpus.repeated(3)).utf8)).write(to: dir.appendingPathComponent("a.jsonl.gz"))
    try Data(ScaleCorpus.jsonl(Array(ScaleCorpus.repeated(5)[3...])).utf8).write(to: dir.appendingPathComponent("c.ndjson"))
    try Data("ignored".utf8).write(to: dir.appendingPathComponent("d.md"))
    #expect(Array(ArticleReader([dir.path])).map(\.id) == ["a0000", "a0001", "a0002", "b", "a0003", "a0004"])
    // stdin: a corpus when it starts with "{" (after white space), else one article.
    let corpus = Data(("\n  " + ScaleCorpus.jsonl(ScaleCorpus.repeated(2))).utf8)
    #expect(Array(ArticleReader(["-"], stdin: { DataSource(corpus) })).map(\.id) == ["a0000", "a0001"])
    let text = Data("  Plain text about Russia.".utf8)
    let one = Array(ArticleReader(["-"], stdin: { DataSource(text) }))
    #expect(one.map(\.id) == ["stdin"])
    #expect(one.first?.text == "  Plain text about Russia.")
    #expect(ArticleLoader.load(["-"], stdin: { corpus }).articles.count == 2)
  }
}

@Suite("Scale: graph JSON writer")
struct GraphJSONWriterTests {
  @Test func writesTheSameBytesAsJSONEncoder() throws {
    var graphs = [
      RelationshipGraph(), Pipeline().graph(for: ScaleCorpus.repeated(20)),
      Pipeline().graph(for: ArticleLoader.load([Repository.path("Fixtures")]).articles),
    ]
    var odd = RelationshipGraph(maxEvidence: 0)
    odd.addArticle("no-date", date: nil)
    odd.addArticle("dated/with\\slash", date: "2024-01-02")
    odd.record(node: Node(id: "person:Ünïcødé \"quoted\"", name: "Ünïcødé \"quoted\"", type: .person, aliases: [], mentions: 0, articles: []))
    odd.record(node: Node(id: "organization:A/B", name: "A/B\t\u{1}\u{1f}\u{7f}\u{2028}", type: .organization, aliases: ["x"], mentions: 3, articles: ["no-date"]))
    odd.record(
      quote: "person:Ünïcødé \"quoted\"", about: "organization:A/B",
      evidence: Evidence(article: "no-date", sentence: 0, start: 0, end: 3, text: "line\nbreak\r\u{8}\u{c}\\", quote: "q", cue: nil))
    odd.record(cooccurrence: "organization:A/B", "person:Ünïcødé \"quoted\"", evidence: Evidence(article: "no-date", sentence: 1, start: 4, end: 9, text: "emoji 🇺🇦"))
    graphs.append(odd)
    for g in graphs {
      #expect(GraphJSONWriter.data(g) == (try GraphJSON.data(g)))
    }
  }
}
