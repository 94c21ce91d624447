// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Entente",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Entente", targets: ["Entente"]),
    .library(name: "EntenteRender", targets: ["EntenteRender"]),
    .library(name: "EntenteStore", targets: ["EntenteStore"]),
    .library(name: "EntenteServe", targets: ["EntenteServe"]),
    .executable(name: "entente", targets: ["entente"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    // The pipeline: text → sentences → mentions → entities → edges → graph → exporters.
    // Builds and tests without Graphviz.
    .target(
      name: "Entente",
      dependencies: [
        .product(name: "OrderedCollections", package: "swift-collections"),
        // gzip-compressed corpora (.jsonl.gz), read a chunk at a time.
        .product(name: "CompressNIO", package: "compress-nio"),
      ],
      resources: [.copy("Resources")]
    ),
    // The incremental store (SQLite through GRDB): a graph that grows run by run. Kept out of
    // the core so that `Entente` builds without it.
    .target(
      name: "EntenteStore",
      dependencies: ["Entente", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    // `entente serve`: the view's page and its JSON API over HTTP (Hummingbird), from a graph
    // in memory or a store read on demand. Kept out of the core and the store.
    .target(
      name: "EntenteServe",
      dependencies: [
        "Entente", "EntenteStore", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Graphviz's C API (libgvc), found through pkg-config.
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
    ),
    // The thin in-process rendering boundary: DOT in, SVG (or another format) out.
    .target(name: "EntenteRender", dependencies: ["CGraphviz"]),
    .executableTarget(
      name: "entente",
      dependencies: [
        "Entente", "EntenteRender", "EntenteStore", "EntenteServe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Helpers the test targets share (marked-up text, repository paths).
    .target(name: "EntenteTestSupport", path: "Sources/EntenteTestSupport"),
    .testTarget(name: "EntenteTests", dependencies: ["Entente", "EntenteTestSupport"]),
    .testTarget(name: "EntenteRenderTests", dependencies: ["EntenteRender", "Entente", "EntenteTestSupport"]),
    .testTarget(name: "EntenteCLITests", dependencies: ["entente", "Entente", "EntenteStore", "EntenteServe", "EntenteTestSupport"]),
    .testTarget(name: "EntenteStoreTests", dependencies: ["EntenteStore", "Entente", "EntenteTestSupport"]),
  ]
)
