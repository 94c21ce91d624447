import Entente
import EntenteTestSupport
import Foundation
import Testing

/// The fixtures' graph, built once by the library and written as a graph.json the commands
/// read (faster than building it in every run, and independent of Graphs/).
enum InspectFixture {
  static let graph: RelationshipGraph = Pipeline().graph(for: ArticleLoader.load([Repository.path("Fixtures")]).articles)

  static let path: String = {
    let dir = try! Scratch.directory("inspect")
    let p = dir.appendingPathComponent("fixtures.json").path
    try! AtomicFile.write(GraphJSON.data(graph), to: p)
    return p
  }()
}

@Suite("CLI: export", .serialized)
struct ExportCommandTests {
  let json = InspectFixture.path
  let g = InspectFixture.graph

  @Test func everyFormatToStdout() throws {
    for format in ExportFormat.allCases {
      let r = try Run(["export", json, "--format", format.rawValue])
      #expect(r.status == 0, "\(format): \(r.stderr)")
      #expect(r.stderr.isEmpty, "\(format)")
      // The same text the library writes.
      #expect(r.stdout == (try format.string(g)), "\(format)")
    }
  }

  @Test func writesFilesAtomicallyAndSaysSo() throws {
    let dir = try tempDir()
    let out = dir.appendingPathComponent("g.graphml").path
    let r = try Run(["export", json, "--format", "graphml", "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasSuffix("-> \(out)\n"))
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.components(separatedBy: "<node id=").count - 1 == g.nodes.count)
    // Each co-occurrence edge once each way, each quotation edge once.
    #expect(text.components(separatedBy: "<edge id=").count - 1 == EdgeDirections.reciprocal.arcs(g.sortedEdges).count)
    #expect(text.contains("<graph id=\"g\" edgedefault=\"directed\">"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }

  @Test func csvWritesTwoFilesOrBothTablesToStdout() throws {
    let dir = try tempDir()
    let base = dir.appendingPathComponent("fx").path
    let r = try Run(["export", json, "--format", "csv", "-o", base + ".csv"])
    #expect(r.status == 0, "\(r.stderr)")
    let nodes = try String(contentsOfFile: base + "-nodes.csv", encoding: .utf8)
    let edges = try String(contentsOfFile: base + "-edges.csv", encoding: .utf8)
    #expect(nodes.hasPrefix("id,name,type,mentions,articles,aliases\r\n"))
    #expect(edges.hasPrefix("source,target,kind,weight,tone,evidence,first_sentence\r\n"))
    #expect(nodes.components(separatedBy: "\r\n").count - 2 == g.nodes.count)
    let stdout = try Run(["export", json, "--format", "csv"]).stdout
    #expect(stdout == nodes + "\r\n" + edges)
  }

  @Test func filtersNarrowTheExport() throws {
    let r = try Run(["export", json, "--format", "nodelink", "--ego", "putin", "--depth", "1", "--kind", "cooccurrence"])
    #expect(r.status == 0, "\(r.stderr)")
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let links = try #require(obj["edges"] as? [[String: Any]])
    let nodes = try #require(obj["nodes"] as? [[String: Any]])
    #expect(!links.isEmpty)
    #expect(links.allSatisfy { $0["kind"] as? String == "cooccurrence" })
    #expect(nodes.contains { $0["name"] as? String == "Kim Jong-un" })
    #expect(nodes.count < g.nodes.count)
    let top = try Run(["export", json, "--format", "csv", "--top", "3"])
    let edgeRows = top.stdout.components(separatedBy: "\r\n\r\n")[1].components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(edgeRows.count == 4)  // header and three edges
    let types = try Run(["export", json, "--format", "cypher", "--type", "state"])
    let data = types.stdout.split(separator: "\n").filter { !$0.hasPrefix("CREATE CONSTRAINT") && !$0.hasPrefix("CREATE INDEX") }
    #expect(data.allSatisfy { !$0.contains(":Person") && !$0.contains(":Organization") })
    #expect(types.stdout.contains("MERGE (n:State {id: row.id})"))
  }

  @Test func dateFiltersRecountWeights() throws {
    let r = try Run(["export", json, "--format", "json", "--since", "2025-01-01"])
    #expect(r.status == 0, "\(r.stderr)")
    let back = try GraphJSON.read(Data(r.stdout.utf8), file: "stdout")
    #expect(!back.edges.isEmpty)
    #expect(back.edges.values.allSatisfy { $0.weight == $0.evidence.count })
    #expect(back.edges.values.flatMap(\.evidence).allSatisfy { (g.articleDates[$0.article] ?? "") >= "2025-01-01" })
    #expect(!back.articles.contains("putin-visits-pyongyang"))
  }

  @Test func mixedAndLinksChooseTheOtherForms() throws {
    let reciprocal = try Run(["export", json, "--format", "gexf"])
    #expect(reciprocal.status == 0)
    #expect(reciprocal.stdout.contains("defaultedgetype=\"directed\""))
    #expect(!reciprocal.stdout.contains("type=\"undirected\""))
    let mixed = try Run(["export", json, "--format", "gexf", "--mixed"])
    #expect(mixed.status == 0)
    #expect(mixed.stdout == GEXFExporter(directions: .mixed).string(g))
    #expect(mixed.stdout.contains("type=\"undirected\""))
    let links = try Run(["export", json, "--format", "nodelink", "--links", "--mixed"])
    #expect(links.status == 0)
    #expect(links.stdout == NodeLinkExporter(directions: .mixed, edgesKey: .links).string(g))
  }

  @Test func csvCellsFromArticlesCannotRunAsFormulas() throws {
    // Sentences that begin with = or - (a bullet, a pasted cell), in every CSV the commands write.
    let dir = try tempDir()
    let article = dir.appendingPathComponent("formula.txt")
    try "-Vladimir Putin met Kim Jong-un in Pyongyang.\n\n=Jens Stoltenberg said that Russia supports North Korea.\n".write(to: article, atomically: true, encoding: .utf8)
    for args in [["edges", article.path, "--format", "csv"], ["export", article.path, "--format", "csv"]] {
      let r = try Run(args)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      #expect(r.stdout.contains(",'-Vladimir Putin met Kim Jong-un in Pyongyang.\r\n"), "\(args)")
      #expect(r.stdout.contains(",'=Jens Stoltenberg said that Russia supports North Korea.\r\n"), "\(args)")
      #expect(!r.stdout.contains(",-Vladimir") && !r.stdout.contains(",=Jens"), "\(args)")
    }
  }

  @Test func dotExportsHaveNoLegend() throws {
    let r = try Run(["export", json, "--format", "dot"])
    #expect(r.status == 0)
    #expect(!r.stdout.contains("legend"))
    #expect(r.stdout.components(separatedBy: " -> ").count - 1 == g.edges.count)
  }

  @Test func usageErrorsExit64() throws {
    for args in [
      ["export", json, "--format", "xlsx"],
      ["export", json],
      ["export", json, "--format", "dot", "--since", "June 2024"],
      ["export", json, "--format", "dot", "--depth", "2"],
      ["export", json, "--format", "dot", "--min-weight", "0"],
      ["export", json, "--format", "dot", "--type", "planet"],
      ["export", json, "--format", "csv", "--mixed"],
      ["export", json, "--format", "graphml", "--links"],
      ["export", json, "--format", "graphml", "--all-directed"],
      ["export", json, "--format", "dot", "--since", "2025-01-01", "--until", "2024-01-01"],
    ] {
      let r = try Run(args)
      #expect(r.status == 64, "\(args): \(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
  }

  @Test func unknownEntityOrArticleIsOneLineAndExit1() throws {
    let r = try Run(["export", json, "--format", "dot", "--ego", "nobody-at-all"])
    #expect(r.status == 1)
    #expect(r.stderr == "entente: no entity matches \"nobody-at-all\"\n")
    let a = try Run(["export", json, "--format", "dot", "--article", "no-such-article"])
    #expect(a.status == 1)
    #expect(a.stderr.hasPrefix("entente: no article \"no-such-article\" in the graph"))
    let m = try Run(["export", "no/such/graph.json", "--format", "dot"])
    #expect(m.status == 1)
    #expect(m.stderr == "entente: no/such/graph.json: no such file or directory\n")
  }

  @Test func readsArticlesToo() throws {
    // Articles are read with the learned tagger, the command's default.
    let r = try Run(["export", "Fixtures", "--format", "cypher"])
    #expect(r.status == 0, "\(r.stderr)")
    let tagged = Pipeline(tagger: TaggerModel.bundled).graph(for: ArticleLoader.load([Repository.path("Fixtures")]).articles)
    #expect(r.stdout == CypherExporter().string(tagged))
  }
}

@Suite("CLI: nodes", .serialized)
struct NodesCommandTests {
  let json = InspectFixture.path
  let g = InspectFixture.graph

  func table(_ args: [String]) throws -> [[String]] {
    let r = try Run(["nodes", json] + args)
    #expect(r.status == 0, "\(r.stderr)")
    return r.stdout.split(separator: "\n").map { $0.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) } }
  }

  @Test func tableHasTheColumnsAndEveryEntity() throws {
    let rows = try table([])
    #expect(rows.first == ["NAME", "TYPE", "MENTIONS", "ARTICLES", "DEGREE", "WEIGHTED", "PAGERANK", "ALIASES"])
    #expect(rows.count - 1 == g.nodes.count)
    // Sorted by mentions, largest first.
    let mentions = rows.dropFirst().map { Int($0[2])! }
    #expect(mentions == mentions.sorted(by: >))
    let putin = try #require(rows.first { $0.first == "Vladimir Putin" })
    #expect(putin[1] == "person")
    #expect(putin[4] == String(g.degrees()["person:Vladimir Putin"]!))
    #expect(putin[6].range(of: #"^0\.\d{4}$"#, options: .regularExpression) != nil)
    #expect(putin[7] == "Putin")
  }

  @Test func sortByPageRankPutsTheTopRankedFirst() throws {
    let rows = try table(["--sort", "pagerank", "--limit", "3"])
    #expect(rows.count == 4)
    let pr = g.pageRank()
    let best = try #require(g.sortedNodes.max { (pr[$0.id]!, $1.name) < (pr[$1.id]!, $0.name) })
    #expect(rows[1][0] == best.name)
    let ranks = rows.dropFirst().map { Double($0[6])! }
    #expect(ranks == ranks.sorted(by: >))
  }

  @Test func typeAndMinMentionsAndFormats() throws {
    let r = try Run(["nodes", json, "--type", "person", "--min-mentions", "3", "--format", "csv"])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\r\n")
    #expect(lines.first == "id,name,type,mentions,articles,degree,weighted_degree,pagerank,aliases")
    let expected = g.nodes.values.filter { $0.type == .person && $0.mentions >= 3 }
    #expect(lines.count - 1 == expected.count)
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("person:") && $0.contains(",person,") })
    // --type picks rows; degrees are those of the whole graph.
    let putin = try #require(lines.first { $0.hasPrefix("person:Vladimir Putin,") }).split(separator: ",")
    #expect(putin[5] == String(g.degrees()["person:Vladimir Putin"]!))

    let js = try Run(["nodes", json, "--sort", "name", "--format", "json"])
    let list = try #require(try JSONSerialization.jsonObject(with: Data(js.stdout.utf8)) as? [[String: Any]])
    #expect(list.count == g.nodes.count)
    let names = list.map { $0["name"] as! String }
    #expect(names == names.sorted { $0.lowercased() < $1.lowercased() })
    let total = list.reduce(0.0) { $0 + ($1["pagerank"] as! Double) }
    #expect(abs(total - 1) < 1e-4)
  }

  @Test func badSortExits64() throws {
    #expect(try Run(["nodes", json, "--sort", "fame"]).status == 64)
    #expect(try Run(["nodes", json, "--limit", "-1"]).status == 64)
  }
}

@Suite("CLI: stats", .serialized)
struct StatsCommandTests {
  let json = InspectFixture.path
  let g = InspectFixture.graph

  @Test func countsComponentsAndTops() throws {
    let r = try Run(["stats", json])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.components(separatedBy: "\n")
    let people = g.nodes.values.filter { $0.type == .person }.count
    #expect(lines[0].hasPrefix("\(g.articles.count) articles"))
    #expect(lines[1].hasPrefix("\(g.nodes.count) entities: \(people) people, "))
    let co = g.edges.values.filter { $0.kind == .cooccurrence }.count
    #expect(lines[2].hasPrefix("\(g.edges.count) edges: \(co) co-occurrence"))
    let comps = g.connectedComponents()
    #expect(lines[3] == "\(comps.count) connected components, the largest with \(comps[0].count) entities")
    let top = try #require(lines.firstIndex(of: "Top entities by PageRank:"))
    #expect(lines[top + 1].hasPrefix("RANK"))
    let first = lines[top + 2]
    let pr = g.pageRank()
    let best = try #require(g.sortedNodes.max { (pr[$0.id]!, $1.name) < (pr[$1.id]!, $0.name) })
    #expect(first.hasSuffix(best.name))
    let strongest = try #require(lines.firstIndex(of: "Strongest edges:"))
    #expect(strongest - top - 2 == 6)  // a blank line after five rows
    let heaviest = g.edgesByWeight[0]
    #expect(lines[strongest + 2].hasPrefix("\(heaviest.weight) "))
  }

  @Test func statsOfAFilteredGraph() throws {
    let r = try Run(["stats", json, "--kind", "quotation"])
    let quotes = g.edges.values.filter { $0.kind == .quotation }.count
    #expect(r.stdout.contains("\(quotes) edges: 0 co-occurrence (weight 0), \(quotes) quotation"))
  }
}

@Suite("CLI: explain", .serialized)
struct ExplainCommandTests {
  let json = InspectFixture.path
  let g = InspectFixture.graph

  @Test func listsTheEdgeAndEveryEvidenceRecordPlainWhenPiped() throws {
    let r = try Run(["explain", "putin", "kim jong-un", json])
    #expect(r.status == 0, "\(r.stderr)")
    let edges = g.edges(between: ["person:Vladimir Putin"], and: ["person:Kim Jong-un"])
    let evidence = edges.reduce(0) { $0 + $1.evidence.count }
    #expect(r.stdout.hasPrefix("\(edges.count) edge"))
    #expect(r.stdout.contains("Vladimir Putin -- Kim Jong-un  co-occurrence, weight \(edges[0].weight)"))
    // One numbered line per evidence record, with article and date.
    let records = r.stdout.split(separator: "\n").filter { $0.range(of: #"^  \d+\. putin-visits-pyongyang, 2024-06-19, sentence \d+$"#, options: .regularExpression) != nil }
    #expect(records.count == evidence)
    #expect(!r.stdout.contains("\u{1B}"))
  }

  @Test func colourAlwaysMarksBothNames() throws {
    let r = try Run(["explain", "putin", "kim jong-un", json, "--color", "always"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("\u{1B}[1;36mVladimir Putin\u{1B}[0m"))
    #expect(r.stdout.contains("\u{1B}[1;33mKim Jong-un\u{1B}[0m"))
  }

  @Test func quotationsShowQuoteAndCueEitherOrder() throws {
    let r = try Run(["explain", "russia", "stoltenberg", json])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Jens Stoltenberg -> Russia  quotation"))
    #expect(r.stdout.contains("     quote: \u{201C}"))
    #expect(r.stdout.contains("     cue: "))
  }

  @Test func missingEntityOrEdgeExits1() throws {
    let a = try Run(["explain", "nobody-at-all", "putin", json])
    #expect(a.status == 1)
    #expect(a.stderr == "entente: no entity matches \"nobody-at-all\"\n")
    let b = try Run(["explain", "putin", "nobody-at-all", json])
    #expect(b.status == 1)
    #expect(b.stderr == "entente: no entity matches \"nobody-at-all\"\n")
    // Named in different articles: no edge.
    let c = try Run(["explain", "Andrii Sybiha", "Kim Yo-jong", json])
    #expect(c.status == 1)
    #expect(c.stderr == "entente: no edge joins Andrii Sybiha and Kim Yo-jong\n")
    #expect(c.stdout.isEmpty)
  }

  @Test func usageErrorsExit64() throws {
    #expect(try Run(["explain", "putin"]).status == 64)
    #expect(try Run(["explain", "putin", "kim", json, "--color", "sometimes"]).status == 64)
  }

  @Test func helpListsTheNewCommands() throws {
    let h = try Run(["--help"])
    for sub in ["export", "nodes", "stats", "explain"] { #expect(h.stdout.contains("  \(sub) ")) }
  }
}
