import Entente
import EntenteServe
import EntenteStore
import EntenteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A server started in this process on a free port of 127.0.0.1, stopped by cancelling it.
struct LiveServer {
  let url: String
  let task: Task<Void, any Error>

  /// Requests wait this long for an answer: on a machine busy with other work a first answer
  /// can take far longer than URLSession's default minute.
  static let patience: TimeInterval = 600
  static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = patience
    configuration.timeoutIntervalForResource = patience
    return URLSession(configuration: configuration)
  }()

  /// Starts the server and returns once it answers a request (not merely once it listens).
  static func start(_ source: any ViewSource, host: String = "127.0.0.1") async throws -> LiveServer {
    let (urls, continuation) = AsyncStream.makeStream(of: String.self)
    let app = try ViewServer(source: source, host: host, port: 0).application { url in continuation.yield(url) }
    let task = Task { try await app.runService() }
    var it = urls.makeAsyncIterator()
    let url = try #require(await it.next())
    let server = LiveServer(url: url, task: task)
    try await server.waitUntilReady()
    return server
  }

  /// Asks for the page until it comes (a refused or dropped connection is retried), within
  /// ``patience``.
  func waitUntilReady() async throws {
    let deadline = Date().addingTimeInterval(Self.patience)
    while true {
      do {
        if try await get("").status == 200 { return }
      } catch where Date() < deadline {
      }
      try #require(Date() < deadline, "\(url) did not answer within \(Int(Self.patience)) s")
      try await Task.sleep(nanoseconds: 200_000_000)
    }
  }

  func stop() async {
    task.cancel()
    _ = await task.result
  }

  /// GET `path`: status and body.
  func get(_ path: String, method: String = "GET") async throws -> (status: Int, body: String, headers: [AnyHashable: Any]) {
    var request = URLRequest(url: try #require(URL(string: url + path)))
    request.httpMethod = method
    request.timeoutInterval = Self.patience
    let (data, response) = try await Self.session.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    return (http.statusCode, String(decoding: data, as: UTF8.self), http.allHeaderFields)
  }

  func json(_ path: String) async throws -> [String: Any] {
    let r = try await get(path)
    #expect(r.status == 200, "\(path): \(r.body)")
    return try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
  }
}

/// The fixtures' articles in a store (partial names unresolved, as a build keeps them).
enum StoreFixture {
  static let path: String = {
    let dir = try! Scratch.directory("serve")
    let p = dir.appendingPathComponent("fixtures.sqlite").path
    let store = try! GraphStore(path: p)
    try! store.add(ArticleLoader.load([Repository.path("Fixtures")]).articles, pipeline: Pipeline(), jobs: 1)
    return p
  }()
}

func names(_ part: [String: Any]) -> [String] { ((part["nodes"] as? [[Any]]) ?? []).compactMap { $0[1] as? String } }

@Suite("Serve: the JSON API", .serialized)
struct ServeAPITests {
  let g = InspectFixture.graph

  @Test func searchFindsNamesAndAliasesStrongestFirst() async throws {
    let server = try await LiveServer.start(GraphViewSource(g))
    defer { Task { await server.stop() } }
    #expect(names(try await server.json("api/search?q=dprk")) == ["North Korea"])
    #expect(names(try await server.json("api/search?q=Russian%20Federation")) == ["Russia"])
    let kim = names(try await server.json("api/search?q=kim"))
    #expect(kim.count >= 2 && kim.allSatisfy { $0.lowercased().contains("kim") })
    #expect(names(try await server.json("api/search?q=zzzz")).isEmpty)
    #expect(names(try await server.json("api/search?q=a&limit=3")).count == 3)
    #expect(try await server.get("api/search?q=a&limit=x").status == 400)
  }

  @Test func neighbourhoodIsTheStrongestEdgesOfAnEntity() async throws {
    let server = try await LiveServer.start(GraphViewSource(g))
    defer { Task { await server.stop() } }
    let part = try await server.json("api/node?name=Russia&limit=3")
    let russia = g.nodes.values.first { $0.name == "Russia" }!
    let touching = g.edgesByWeight.filter { $0.source == russia.id || $0.target == russia.id }
    #expect(part["degree"] as? Int == touching.count)
    let edges = try #require(part["edges"] as? [[Any]])
    #expect(edges.map { $0[4] as? Int } == touching.prefix(3).map(\.weight))
    // Every edge's two ends come with it.
    let ids = Set(((part["nodes"] as? [[Any]]) ?? []).compactMap { $0[0] as? Int })
    for e in edges { #expect(ids.contains(e[2] as! Int) && ids.contains(e[3] as! Int)) }
    #expect(names(part).contains("Russia"))
    // By number, as the search numbers it.
    let id = try #require((try await server.json("api/search?q=Russia")["nodes"] as? [[Any]])?.first?[0] as? Int)
    #expect(try await server.json("api/node?id=\(id)&limit=3")["edges"] as? [[Int]] == edges as? [[Int]])
    #expect(try await server.get("api/node?id=99999").status == 404)
    #expect(try await server.get("api/node?name=Nobody%20Here").status == 404)
  }

  @Test func evidenceWithToneCuesAndMarks() async throws {
    let server = try await LiveServer.start(GraphViewSource(g))
    defer { Task { await server.stop() } }
    let part = try await server.json("api/edge?source=Russia&target=United%20States&kind=cooccurrence")
    let edge = g.edges.values.first { g.nodes[$0.source]?.name == "Russia" && g.nodes[$0.target]?.name == "United States" && $0.kind == .cooccurrence }!
    let evidence = try #require(part["evidence"] as? [[Any]])
    #expect(evidence.map { $0[3] as? String } == edge.evidence.map(\.text))
    #expect(evidence.map { $0[7] as? Int } == edge.evidence.map(\.tone))
    #expect(evidence.first?[8] as? [String] == ["accuses"])
    #expect(evidence.first?[1] as? String == "2024-06-19")
    // The names are marked where they stand (UTF-16 offsets): "US" and "Russia".
    let marks = try #require(evidence.first?[6] as? [Int])
    let text = Array(edge.evidence[0].text.utf16)
    #expect(String(decoding: text[marks[0]..<marks[1]], as: UTF16.self) == "US")
    #expect((part["edges"] as? [[Any]])?.first?[5] as? Int == edge.toneSum)
    // Pages of evidence.
    let index = GraphViewSource(g).index
    let id = try #require(index.edges.firstIndex { $0.key == edge.key })
    for page in 0..<3 {
      let json = try #require(try JSONSerialization.jsonObject(with: Data(index.evidenceJSON(id, evidence: edge.evidence, page: page, pageSize: 3).utf8)) as? [String: Any])
      #expect(json["pages"] as? Int == 2 && json["total"] as? Int == 4)
      #expect((json["evidence"] as? [[Any]])?.map { $0[3] as? String } == edge.evidence.dropFirst(min(page, 1) * 3).prefix(3).map(\.text))
    }
    #expect(try await server.get("api/edge?id=99999").status == 404)
    #expect(try await server.get("api/edge?source=Russia&target=United%20States&kind=friendship").status == 400)
  }

  @Test func namesAreEscapedInJSON() async throws {
    var h = RelationshipGraph()
    let evil = "</script><script>alert(1)</script>\"\\\u{2028}"
    h.addArticle("a1", date: "2024-01-02")
    h.record(node: Node(id: "person:x", name: evil, type: .person, aliases: ["<!--"], mentions: 1, articles: ["a1"]))
    h.record(node: Node(id: "state:RUS", name: "Russia", type: .state, mentions: 1, articles: ["a1"]))
    h.record(quote: "person:x", about: "state:RUS", evidence: Evidence(
      article: "a1", sentence: 0, start: 0, end: 10, text: "\(evil) said Russia <img src=x onerror=alert(2)>.", quote: "Russia", cue: "said"))
    let server = try await LiveServer.start(GraphViewSource(h))
    defer { Task { await server.stop() } }
    for path in ["api/search?q=script", "api/graph", "api/edge?id=0", "api/node?id=0"] {
      let r = try await server.get(path)
      #expect(r.status == 200)
      #expect(!r.body.contains("<") && !r.body.contains(">"), "\(path): \(r.body)")
      #expect((r.headers["Content-Type"] as? String)?.hasPrefix("application/json") == true)
    }
    #expect(names(try await server.json("api/search?q=script")) == [evil])
    let ev = try #require((try await server.json("api/edge?id=0")["evidence"] as? [[Any]])?.first)
    #expect((ev[3] as? String)?.hasSuffix("said Russia <img src=x onerror=alert(2)>.") == true)
  }

  @Test func thePageFetchesFromItsOwnOriginOnly() async throws {
    let server = try await LiveServer.start(GraphViewSource(g))
    defer { Task { await server.stop() } }
    let page = try await server.get("")
    #expect(page.status == 200)
    let csp = try #require(page.headers["Content-Security-Policy"] as? String)
    #expect(csp.hasPrefix("default-src 'none'; script-src 'self';"))
    #expect(csp.contains("connect-src 'self';"))
    #expect(page.body.contains("content=\"default-src 'none'; script-src 'self';"))
    #expect(!page.body.contains("http:") && !page.body.contains("https:") && !page.body.contains("graph-data"))
    for part in ["view.js", "serve.js", "view.css", "vis-network.min.js"] {
      #expect(page.body.contains("\"\(part)\""))
      #expect(try await server.get(part).status == 200)
    }
  }

  @Test func onlyReads() async throws {
    let before = try Data(contentsOf: URL(fileURLWithPath: StoreFixture.path))
    let server = try await LiveServer.start(try StoreViewSource(path: StoreFixture.path))
    defer { Task { await server.stop() } }
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
      let status = try await server.get("api/search?q=a", method: method).status
      #expect(status == 404 || status == 405, "\(method)")
    }
    _ = try await server.json("api/edge?id=0")
    #expect(try Data(contentsOf: URL(fileURLWithPath: StoreFixture.path)) == before)
    // The store is opened read-only: SQLite itself refuses a write.
    let readOnly = try GraphStore(path: StoreFixture.path, readOnly: true)
    #expect(throws: EntenteError.self) { try readOnly.add(graph: RelationshipGraph(nodes: [], edges: [], articles: ["new"], articleDates: [:])) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: StoreFixture.path)) == before)
    #expect(throws: EntenteError.self) { try GraphStore(path: StoreFixture.path + ".missing", readOnly: true) }
  }

  @Test func aStoreServesWhatItsGraphSays() async throws {
    let store = try StoreViewSource(path: StoreFixture.path)
    let read = try GraphStore.read(path: StoreFixture.path)
    let memory = GraphViewSource(read)
    // Same numbering, positions, weights and tones as the graph read whole.
    #expect(store.index.overviewJSON(count: 10_000) == memory.index.overviewJSON(count: 10_000))
    // The evidence, read on demand and merged where partial names were resolved, is the graph's.
    for i in store.index.edges.indices { #expect(try store.evidence(i) == memory.index.edges[i].evidence, "\(store.index.edges[i].key)") }
  }

  @Test func listensOnLoopbackOnly() async throws {
    let server = try await LiveServer.start(GraphViewSource(g))
    defer { Task { await server.stop() } }
    #expect(server.url.hasPrefix("http://127.0.0.1:"))
    let port = try #require(Int(server.url.split(separator: ":").last!.dropLast()))
    #if os(Linux)
      // The listening socket's local address, as the kernel lists it: 127.0.0.1 (0100007F).
      let table = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
      let suffix = String(format: ":%04X", port)
      var listening: [String] = []
      for line in table.split(separator: "\n") {
        let fields = line.split(separator: " ").map(String.init)
        if fields.count > 3, fields[3] == "0A", fields[1].hasSuffix(suffix) { listening.append(fields[1]) }
      }
      #expect(listening == [String(format: "0100007F:%04X", port)])
    #endif
    #expect(ViewServer(source: GraphViewSource(g)).host == "127.0.0.1")
  }
}

@Suite("CLI: serve", .serialized)
struct ServeCommandTests {
  @Test func printsTheURLServesAndStopsOnSIGTERMAndSIGINT() async throws {
    for signal in [SIGTERM, SIGINT] {
      let p = Process()
      p.executableURL = Run.executable
      p.arguments = ["serve", StoreFixture.path, "--port", "0"]
      let out = Pipe()
      p.standardOutput = out
      p.standardError = FileHandle.nullDevice
      try p.run()
      var line = Data()
      while !line.contains(UInt8(ascii: "\n")), let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty { line += byte }
      let url = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines)
      #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/"))
      let (data, _) = try await URLSession.shared.data(from: try #require(URL(string: url + "api/search?q=putin")))
      #expect(String(decoding: data, as: UTF8.self).contains("Vladimir Putin"))
      kill(p.processIdentifier, signal)
      p.waitUntilExit()
      #expect(p.terminationReason == .exit && p.terminationStatus == 0, "signal \(signal)")
    }
  }

  @Test func badInputIsOneLine() throws {
    for args in [["serve", "no/such.json"], ["serve", Repository.path("README.md")], ["serve", "no/such.sqlite"]] {
      let r = try Run(args)
      #expect(r.status == 1, "\(args)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
    #expect(try Run(["serve", InspectFixture.path, "--port", "70000"]).status == 64)
    #expect(try Run(["serve"]).status == 64)
  }
}

/// The served page in a real browser: it fetches the graph from the server, and the test reads
/// the live DOM after a search and after choosing an entity and an edge (the states the URL
/// fragment sets, as a click sets them).
@Suite("Serve in a browser", .serialized, .enabled(if: Chromium.available))
struct ServeBrowserTests {
  @Test func theServedPageSearchesAndShowsNeighbourhoodsAndEvidence() async throws {
    let server = try await LiveServer.start(try StoreViewSource(path: StoreFixture.path, title: "fixtures"))
    defer { Task { await server.stop() } }
    let first = try Chromium.dom(server.url)
    #expect(first.contains("data-served=\"true\""))
    #expect(first.contains("data-painted="))
    #expect(!first.contains("data-error"))
    #expect(Chromium.panel(first).contains(">Jens Stoltenberg</a>"))

    let search = try Chromium.dom(server.url, fragment: "#q=dprk")
    let results = try #require(search.range(of: "<ul id=\"results\">")).upperBound
    #expect(search[results...].prefix(400).contains("North Korea <small>(DPRK, North, North Korea)</small>"))

    let node = Chromium.panel(try Chromium.dom(server.url, fragment: "#node=Russia"))
    #expect(node.contains("data-showing=\"node\""))
    #expect(node.contains("Also: Russian Federation"))
    #expect(node.contains(">Dmitry Peskov</a>"))
    #expect(node.contains("<td class=\"tone conflictual\">conflictual</td>"))

    let edge = Chromium.panel(try Chromium.dom(server.url, fragment: "#edge=Russia%7CUnited%20States%7Ccooccurrence"))
    #expect(edge.contains("co-occurrence, weight 4, <span class=\"tone conflictual\">conflictual (tone −0.5)</span>"))
    #expect(edge.contains("<mark class=\"b\">US</mark> accuses North Korea"))
    #expect(edge.contains("tone: <span class=\"tone conflictual\">conflictual (accuses)</span>"))
  }
}
