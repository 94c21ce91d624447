import Entente
import EntenteTestSupport
import Foundation
import Testing

/// Headless Chromium from the system (scripts/setup installs Debian's `chromium`).
enum Chromium {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Required in CI, where scripts/setup installs it; elsewhere the browser tests run when it is there.
  static var available: Bool { path != nil || ProcessInfo.processInfo.environment["CI"] != nil }

  /// The DOM of `file` or an http:// URL (with a `#fragment`) once the page has run: virtual time lets every
  /// timer and frame run before the dump, however slow the machine.
  static func dom(_ file: String, fragment: String = "") throws -> String {
    let exe = try #require(path, "chromium is not installed: run scripts/setup")
    let profile = try tempDir()
    defer { try? FileManager.default.removeItem(at: profile) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
      "--virtual-time-budget=10000", "--dump-dom", (file.hasPrefix("http://") ? file : URL(fileURLWithPath: file).absoluteString) + fragment,
    ]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }

  /// The part of the DOM in the side panel.
  static func panel(_ dom: String) -> String {
    guard let start = dom.range(of: "<aside id=\"panel\""), let end = dom.range(of: "</aside>", range: start.upperBound..<dom.endIndex) else { return "" }
    return String(dom[start.lowerBound..<end.upperBound])
  }
}

@Suite("CLI: view", .serialized)
struct ViewCommandTests {
  let json = InspectFixture.path
  let g = InspectFixture.graph

  @Test func writesThePageTheLibraryMakes() throws {
    let out = try tempDir().appendingPathComponent("v.html").path
    let r = try Run(["view", json, "-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasSuffix("-> \(out)\n"))
    let page = try String(contentsOfFile: out, encoding: .utf8)
    #expect(page == (try HTMLViewExporter(title: "fixtures").string(g)))
  }

  @Test func namesTheFileAfterTheInputAndAppliesFilters() throws {
    let dir = try tempDir()
    let r = try Run(["view", json, "--kind", "quotation", "--initial-edges", "5"], cwd: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let page = try String(contentsOfFile: dir.appendingPathComponent("fixtures.html").path, encoding: .utf8)
    let data = try #require(viewData(page))
    let edges = try #require(data["edges"] as? [[Any]])
    #expect(edges.count == g.edges.values.filter { $0.kind == .quotation }.count)
    #expect(edges.allSatisfy { $0[0] as? Int == 1 })
    #expect(data["initialEdges"] as? Int == 5)
  }

  @Test func badInputIsOneLine() throws {
    let r = try Run(["view", "no/such.json"])
    #expect(r.status == 1)
    #expect(r.stderr.split(separator: "\n").count == 1)
    #expect(try Run(["view", json, "--initial-edges", "0"]).status == 64)
  }
}

/// The page in a real browser: what it draws and what its panels say, read from the live DOM.
@Suite("View in a browser", .serialized, .enabled(if: Chromium.available))
struct ViewBrowserTests {
  static let page: String = {
    let p = try! Scratch.directory("view").appendingPathComponent("view.html").path
    try! AtomicFile.write(HTMLViewExporter(title: "fixtures").string(InspectFixture.graph), to: p)
    return p
  }()

  @Test func drawsTheGraphAndListsTheStrongestEntities() throws {
    let dom = try Chromium.dom(Self.page)
    #expect(dom.contains("data-painted="))
    #expect(dom.contains("data-drawn-edges=\"\(InspectFixture.graph.edges.count)\""))
    let panel = Chromium.panel(dom)
    #expect(panel.contains("data-showing=\"overview\""))
    for name in ["Russia", "North Korea", "Jens Stoltenberg", "Vladimir Putin"] { #expect(panel.contains(">\(name)</a>"), "\(name)") }
  }

  @Test func anEdgeShowsItsEvidenceWithTheNamesMarked() throws {
    let panel = Chromium.panel(try Chromium.dom(Self.page, fragment: "#edge=Jens%20Stoltenberg%7CChina%7Cquotation"))
    #expect(panel.contains("data-showing=\"edge\""))
    #expect(panel.contains("quotation, weight 3, <span class=\"tone conflictual\">conflictual (tone \u{2212}0.333)</span>, 3 evidence records"))
    #expect(panel.contains("putin-visits-pyongyang · 2024-06-19 · sentence 12"))
    #expect(panel.contains("<mark class=\"a\">Stoltenberg</mark> told reporters"))
    #expect(panel.contains("supported by <mark class=\"b\">China</mark>"))
    #expect(panel.contains("cue: told"))
  }

  @Test func edgesAreColouredAndFilteredByTone() throws {
    let edges = InspectFixture.graph.edges.values
    let (conflictual, neutral, cooperative) = (edges.filter { $0.toneSum < 0 }.count, edges.filter { $0.toneSum == 0 }.count, edges.filter { $0.toneSum > 0 }.count)
    #expect(conflictual > 0 && cooperative > 0)
    let dom = try Chromium.dom(Self.page)
    #expect(dom.contains("data-edge-colours=\"#d55e00:\(conflictual) #9aa0a6:\(neutral) #009e73:\(cooperative)\""))
    let toned = try Chromium.dom(Self.page, fragment: "#tones=conflictual,cooperative")
    #expect(toned.contains("data-drawn-edges=\"\(conflictual + cooperative)\""))
    #expect(toned.contains("data-edge-colours=\"#d55e00:\(conflictual) #9aa0a6:0 #009e73:\(cooperative)\""))
  }

  @Test func anEdgeShowsItsToneAndTheCueWords() throws {
    let panel = Chromium.panel(try Chromium.dom(Self.page, fragment: "#edge=Russia%7CUnited%20States%7Ccooccurrence"))
    #expect(panel.contains("co-occurrence, weight 4, <span class=\"tone conflictual\">conflictual (tone −0.5)</span>"))
    #expect(panel.contains("tone: <span class=\"tone conflictual\">conflictual (accuses)</span>"))
    #expect(panel.contains("tone: <span class=\"tone neutral\">neutral</span>"))
  }

  @Test func aNodeShowsItsNeighbourhood() throws {
    let dom = try Chromium.dom(Self.page, fragment: "#node=Russia")
    let panel = Chromium.panel(dom)
    #expect(panel.contains("data-showing=\"node\""))
    #expect(panel.contains("Also: Russian Federation"))
    #expect(panel.contains(">North Korea</a>"))
    #expect(panel.contains(">Dmitry Peskov</a>"))
    #expect(panel.contains("<td class=\"tone conflictual\">conflictual</td>"))
    #expect(panel.contains("<td class=\"tone cooperative\">cooperative</td>"))
  }

  @Test func searchFindsNamesAndAliases() throws {
    let dom = try Chromium.dom(Self.page, fragment: "#q=dprk")
    let results = try #require(dom.range(of: "<ul id=\"results\">")).upperBound
    #expect(dom[results...].prefix(400).contains("North Korea"))
  }

  @Test func filtersFromTheFragment() throws {
    let quotes = InspectFixture.graph.edges.values.filter { $0.kind == .quotation }.count
    let dom = try Chromium.dom(Self.page, fragment: "#kinds=quotation")
    #expect(dom.contains("data-drawn-edges=\"\(quotes)\""))
  }

  @Test func hostileNamesStayText() throws {
    var g = RelationshipGraph()
    let evil = "</script><script>alert(1)</script>"
    g.addArticle("a1", date: "2024-01-02")
    g.record(node: Node(id: "person:x", name: evil, type: .person, mentions: 1, articles: ["a1"]))
    g.record(node: Node(id: "state:RUS", name: "Russia", type: .state, mentions: 1, articles: ["a1"]))
    g.record(quote: "person:x", about: "state:RUS", evidence: Evidence(
      article: "a1", sentence: 0, start: 0, end: 10, text: "\(evil) said Russia <img src=x onerror=alert(2)>.", quote: "Russia", cue: "said"))
    let p = try tempDir().appendingPathComponent("evil.html").path
    try AtomicFile.write(HTMLViewExporter().string(g), to: p)
    let panel = Chromium.panel(try Chromium.dom(p, fragment: "#edge=" + evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "%7CRussia%7Cquotation"))
    #expect(panel.contains("<mark class=\"a\">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</mark> said <mark class=\"b\">Russia</mark> &lt;img"))
    #expect(!panel.contains("<img"))
  }
}
