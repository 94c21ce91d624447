import Foundation

/// An article annotated with its names, as the evaluation sets store it: the text and, per
/// entity, its type and mention spans (Unicode scalar offsets, end-exclusive).
public struct AnnotatedArticle: Sendable {
  public struct Span: Sendable, Hashable {
    public var start: Int
    public var end: Int
    /// "person", "organization", "state" or "place".
    public var type: String
    /// A name inside a longer name, or a metonym: not required.
    public var nested: Bool

    public init(start: Int, end: Int, type: String, nested: Bool = false) {
      self.start = start
      self.end = end
      self.type = type
      self.nested = nested
    }
  }
  public var id: String
  /// The set it comes from (its folder's name).
  public var set: String
  public var text: String
  public var spans: [Span]

  public init(id: String, set: String, text: String, spans: [Span]) {
    self.id = id
    self.set = set
    self.text = text
    self.spans = spans
  }

  private struct File: Decodable {
    struct Entity: Decodable {
      struct M: Decodable {
        var start: Int
        var end: Int
        var nested: Bool?
      }
      var type: String
      var mentions: [M]
    }
    var id: String
    var text: String
    var entities: [Entity]
  }

  /// The annotated articles of a folder (`*.json`, sorted by file name), tagged with the
  /// folder's name as their set.
  public static func load(folder: String) throws -> [AnnotatedArticle] {
    let url = URL(fileURLWithPath: folder)
    let set = url.lastPathComponent
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
    } catch {
      throw EntenteError.badData(file: folder, reason: "not a readable folder")
    }
    return try names.map { name in
      let path = url.appendingPathComponent(name).path
      guard let data = FileManager.default.contents(atPath: path) else { throw EntenteError.badData(file: path, reason: "unreadable") }
      let f: File
      do { f = try JSONDecoder().decode(File.self, from: data) } catch {
        throw EntenteError.badData(file: path, reason: "not an annotated article (\(error.localizedDescription))")
      }
      var spans: [Span] = []
      for e in f.entities {
        for m in e.mentions { spans.append(Span(start: m.start, end: m.end, type: e.type, nested: m.nested ?? false)) }
      }
      return AnnotatedArticle(id: f.id, set: set, text: f.text, spans: spans)
    }
  }

  /// The name class of a type (1 person, 2 organization, 3 state, 4 place; 0 none).
  static func nameClass(_ type: String) -> Int {
    switch type {
    case "person": return 1
    case "organization": return 2
    case "state": return 3
    case "place": return 4
    default: return 0
    }
  }
}

/// A zone of a training article with its gold tags, its features as rows of the feature table.
struct TrainingZone {
  var rows: [[Int32]]
  var gold: [TagLabel]
  var mayBegin: [Bool]
}

/// A small fixed-seed generator (SplitMix64), so that shuffles are the same on every run.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Fisher–Yates with this generator.
  mutating func shuffle<T>(_ a: inout [T]) {
    guard a.count > 1 else { return }
    for i in stride(from: a.count - 1, to: 0, by: -1) {
      let j = Int(next() % UInt64(i + 1))
      a.swapAt(i, j)
    }
  }
}

/// Trains the tagger's weights: an averaged structured perceptron over the zones of
/// annotated articles, with Viterbi decoding. Deterministic: the same articles and options
/// give the same bytes.
public struct TaggerTrainer: Sendable {
  public var epochs = 8
  public var seed: UInt64 = 20_240_619
  /// Features seen fewer times than this in the training zones are left out.
  public var minCount = 2
  /// Features whose averaged weights all stay below this in magnitude are left out of the
  /// model (`scripts/train` keeps those at 2 or more: 56% of them, with the same
  /// cross-validated F1 as at 0.05).
  public var minWeight: Float = 0.05
  /// Sets whose articles count more than once in training (set name → times), for the sets
  /// whose conventions match news best.
  public var setWeights: [String: Int] = [:]
  public let gazetteer: Gazetteer

  public init(gazetteer: Gazetteer = .bundled) { self.gazetteer = gazetteer }

  /// An article's zones with their features and gold tags.
  func zones(_ a: AnnotatedArticle) -> [(TaggerZone, [TagLabel])] {
    var doc = Document(Article(id: a.id, text: a.text), gazetteer: gazetteer)
    gazetteer.annotate(&doc)
    var pass = RecognitionPass(doc: doc, gaz: gazetteer)
    pass.firstPass()
    let zones = pass.taggerZones()
    // Gold class and begin per token (the outermost required mention wins).
    var cls = [Int](repeating: 0, count: doc.tokens.count)
    var begin = [Bool](repeating: false, count: doc.tokens.count)
    let spans = a.spans.filter { !$0.nested }.sorted { ($0.end - $0.start, $0.start) > ($1.end - $1.start, $1.start) }
    for sp in spans {
      let c = AnnotatedArticle.nameClass(sp.type)
      guard c > 0 else { continue }
      var first = doc.tokenIndex(atOrAfter: sp.start)
      var k = first
      while k < doc.tokens.count, doc.tokens[k].end <= sp.end {
        if cls[k] != 0 { break }
        k += 1
      }
      guard k > first, (first..<k).allSatisfy({ cls[$0] == 0 }) else { continue }
      for j in first..<k { cls[j] = c }
      begin[first] = true
      first = k
    }
    return zones.map { z in
      var tags: [TagLabel] = []
      var prev: TagLabel? = nil
      for (i, k) in z.tokens.enumerated() {
        var t: TagLabel = .o
        if cls[k] > 0 {
          let continues = !begin[k] && prev != nil && prev!.nameClass == cls[k]
          if continues { t = .inside(cls[k]) } else if z.mayBegin[i] { t = .begin(cls[k]) }
        }
        tags.append(t)
        prev = t
      }
      return (z, tags)
    }
  }

  /// An article's zones as the tagger reads them, each token with its gold tag ("Kim/B-PER",
  /// "of/I-ORG", "Said/O"), and the number of features of each token.
  public func zoneTags(_ a: AnnotatedArticle) -> [(tags: [String], features: [Int])] {
    let doc = Document(Article(id: a.id, text: a.text), gazetteer: gazetteer)
    let names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-STA", "I-STA", "B-PLA", "I-PLA"]
    return zones(a).map { z, gold in
      (zip(z.tokens, gold).map { "\(doc.tokens[$0.0].text)/\(names[$0.1.rawValue])" }, z.features.map(\.count))
    }
  }

  /// Trains on the articles; `progress` hears of each epoch.
  public func train(_ articles: [AnnotatedArticle], progress: ((String) -> Void)? = nil) -> TaggerModel {
    let raw = articles.flatMap { a in
      let z = zones(a)
      return (0..<max(1, setWeights[a.set] ?? 1)).flatMap { _ in z }
    }
    // The feature table: ids seen often enough, rows in id order.
    var counts: [UInt32: Int32] = [:]
    for (z, _) in raw { for fs in z.features { for f in fs { counts[f, default: 0] += 1 } } }
    let ids = counts.filter { $0.value >= Int32(minCount) }.keys.sorted()
    var rowOf: [UInt32: Int32] = [:]
    rowOf.reserveCapacity(ids.count)
    for (i, id) in ids.enumerated() { rowOf[id] = Int32(i) }
    var data: [TrainingZone] = raw.map { z, gold in
      TrainingZone(rows: z.features.map { $0.compactMap { rowOf[$0] } }, gold: gold, mayBegin: z.mayBegin)
    }
    let l = TagLabel.count
    let nw = ids.count * l
    let nt = (l + 1) * l
    // Weights and, for averaging, the sum of (step × update).
    var w = [Float](repeating: 0, count: nw + nt)
    var acc = [Double](repeating: 0, count: nw + nt)
    var step: Double = 1
    var rng = SplitMix64(state: seed)
    for epoch in 0..<epochs {
      rng.shuffle(&data)
      var errors = 0, total = 0
      for z in data {
        let n = z.rows.count
        var e = [Float](repeating: 0, count: n * l)
        for t in 0..<n { for r in z.rows[t] { for k in 0..<l { e[t * l + k] += w[Int(r) * l + k] } } }
        let pred = TaggerModel.decode(emissions: e, count: n, transitions: Array(w[nw...]), mayBegin: z.mayBegin)
        total += n
        if pred != z.gold {
          func update(_ i: Int, _ d: Float) {
            w[i] += d
            acc[i] += step * Double(d)
          }
          for t in 0..<n {
            let g = z.gold[t], p = pred[t]
            if g != p {
              errors += 1
              for r in z.rows[t] {
                update(Int(r) * l + g.rawValue, 1)
                update(Int(r) * l + p.rawValue, -1)
              }
            }
            let gp = t == 0 ? 0 : z.gold[t - 1].rawValue + 1
            let pp = t == 0 ? 0 : pred[t - 1].rawValue + 1
            if gp != pp || g != p {
              update(nw + gp * l + g.rawValue, 1)
              update(nw + pp * l + p.rawValue, -1)
            }
          }
        }
        step += 1
      }
      progress?("epoch \(epoch + 1): \(errors) of \(total) tokens wrong")
    }
    // Averaged weights; features whose weights all stay small are dropped.
    var avg = [Float](repeating: 0, count: nw + nt)
    for i in 0..<(nw + nt) { avg[i] = Float(Double(w[i]) - acc[i] / step) }
    var kept: [UInt32] = []
    var weights: [Float] = []
    for (i, id) in ids.enumerated() {
      let row = avg[(i * l)..<(i * l + l)]
      guard row.contains(where: { abs($0) >= minWeight }) else { continue }
      kept.append(id)
      weights.append(contentsOf: row)
    }
    return TaggerModel(ids: kept, weights: weights, transitions: Array(avg[nw...]))
  }
}

/// Cross-validation by document: each set's articles dealt into folds by a fixed-seed
/// shuffle; each fold scored by a model trained on the others.
public struct TaggerEvaluation: Sendable {
  /// True positives, false positives and false negatives.
  public struct Counts: Sendable {
    public var tp = 0, fp = 0, fn = 0
    public var f1: Double { tp == 0 ? 0 : 2 * Double(tp) / Double(2 * tp + fp + fn) }
    public var precision: Double { tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp) }
    public var recall: Double { tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn) }
    mutating func add(_ o: Counts) { tp += o.tp; fp += o.fp; fn += o.fn }
  }

  /// Mention counts by type ("person", "state", "organization", "all"), as the scorer
  /// counts them: a predicted name mention is right when its span and type equal a required
  /// gold mention's; one on a nested gold mention is not counted.
  public static func score(_ a: AnnotatedArticle, _ r: Recognition) -> [String: Counts] {
    let types = ["person", "state", "organization"]
    var required = Set<AnnotatedArticle.Span>(), optional = Set<AnnotatedArticle.Span>()
    for s in a.spans where types.contains(s.type) {
      let key = AnnotatedArticle.Span(start: s.start, end: s.end, type: s.type, nested: false)
      if s.nested { optional.insert(key) } else { required.insert(key) }
    }
    var predicted = Set<AnnotatedArticle.Span>()
    for m in r.mentions where m.kind == .name {
      let s = AnnotatedArticle.Span(start: m.span.start, end: m.span.end, type: r.entities[m.entity].type.rawValue, nested: false)
      if !optional.contains(s) { predicted.insert(s) }
    }
    var out: [String: Counts] = [:]
    // Precision by rule ("rule:NAME", true and false positives only).
    var ruleOf: [AnnotatedArticle.Span: String] = [:]
    for m in r.mentions where m.kind == .name {
      let s = AnnotatedArticle.Span(start: m.span.start, end: m.span.end, type: r.entities[m.entity].type.rawValue, nested: false)
      if ruleOf[s] == nil { ruleOf[s] = m.rule }
    }
    for s in predicted {
      let key = "rule:" + (ruleOf[s] ?? "?")
      if required.contains(s) { out[key, default: Counts()].tp += 1 } else { out[key, default: Counts()].fp += 1 }
    }
    for t in types + ["all"] {
      let g = required.filter { t == "all" || $0.type == t }
      let p = predicted.filter { t == "all" || $0.type == t }
      out[t] = Counts(tp: p.intersection(g).count, fp: p.subtracting(g).count, fn: g.subtracting(p).count)
    }
    return out
  }

  /// Fold numbers (0..<folds) of a set's articles, by a fixed-seed shuffle of their ids.
  public static func foldNumbers(_ articles: [AnnotatedArticle], count: Int, seed: UInt64) -> [Int] {
    var order = Array(articles.indices).sorted { articles[$0].id < articles[$1].id }
    var rng = SplitMix64(state: seed)
    rng.shuffle(&order)
    var fold = [Int](repeating: 0, count: articles.count)
    for (i, a) in order.enumerated() { fold[a] = i % count }
    return fold
  }
}

extension TaggerEvaluation {
  /// One held-out fold's result: counts by set and type.
  public struct Result: Sendable {
    /// set → type → counts.
    public var counts: [String: [String: Counts]] = [:]
    mutating func add(set: String, _ c: [String: Counts]) {
      for (t, v) in c { counts[set, default: [:]][t, default: Counts()].add(v) }
    }
  }

  /// Cross-validates: for each fold, trains on the other folds of `sets` (plus all of
  /// `extra`, never scored) and scores the held-out articles with the full recognizer.
  /// `model` hears of each fold's model (fold number, weights, held-out article ids).
  public static func crossValidate(
    sets: [[AnnotatedArticle]], extra: [AnnotatedArticle] = [], folds: Int = 5, trainer: TaggerTrainer,
    progress: ((String) -> Void)? = nil, model: ((Int, TaggerModel, [String]) -> Void)? = nil
  ) -> Result {
    crossValidate(
      sets: sets, extra: extra, folds: folds, trainer: trainer, minMargins: [TaggedNames.defaultMinMargin], progress: progress, model: model)[0]
  }

  /// The same, scoring each held-out fold once for each least margin (one result each, in order).
  public static func crossValidate(
    sets: [[AnnotatedArticle]], extra: [AnnotatedArticle] = [], folds: Int = 5, trainer: TaggerTrainer, minMargins: [Float],
    reviseMargins: [Float?] = [TaggedNames.defaultReviseMargin],
    progress: ((String) -> Void)? = nil, model: ((Int, TaggerModel, [String]) -> Void)? = nil
  ) -> [Result] {
    let foldOf = sets.map { foldNumbers($0, count: folds, seed: trainer.seed) }
    let settings = minMargins.flatMap { m in reviseMargins.map { (m, $0) } }
    var results = [Result](repeating: Result(), count: settings.count)
    for k in 0..<folds {
      var train = extra
      var held: [AnnotatedArticle] = []
      for (s, arts) in sets.enumerated() {
        for (i, a) in arts.enumerated() { if foldOf[s][i] == k { held.append(a) } else { train.append(a) } }
      }
      progress?("fold \(k + 1)/\(folds): training on \(train.count) articles")
      let m = trainer.train(train, progress: progress)
      model?(k, m, held.map(\.id))
      for (i, (margin, revise)) in settings.enumerated() {
        var recognizer = Recognizer(gazetteer: trainer.gazetteer, tagger: m)
        recognizer.minMargin = margin
        recognizer.reviseMargin = revise
        for a in held {
          let doc = Document(Article(id: a.id, text: a.text), gazetteer: trainer.gazetteer)
          results[i].add(set: a.set, score(a, recognizer.recognize(doc)))
        }
      }
    }
    return results
  }

  /// Scores articles with a recognizer (no training).
  public static func evaluate(_ articles: [AnnotatedArticle], recognizer: Recognizer) -> Result {
    var result = Result()
    for a in articles {
      let doc = Document(Article(id: a.id, text: a.text), gazetteer: recognizer.gazetteer)
      result.add(set: a.set, score(a, recognizer.recognize(doc)))
    }
    return result
  }

  /// A table of F1 by set and type, with an "all" row over every set.
  public static func table(_ r: Result) -> String {
    let types = ["all", "person", "organization", "state"]
    var lines = ["SET           MENTION-F1  P      R      PERSON  ORG    STATE"]
    var total: [String: Counts] = [:]
    func line(_ name: String, _ c: [String: Counts]) -> String {
      let a = c["all"] ?? Counts()
      func f(_ x: Double) -> String { String(format: "%.3f", x) }
      let cols = [f(a.f1).padding(toLength: 11, withPad: " ", startingAt: 0), f(a.precision).padding(toLength: 6, withPad: " ", startingAt: 0),
        f(a.recall).padding(toLength: 6, withPad: " ", startingAt: 0),
        f((c["person"] ?? Counts()).f1).padding(toLength: 7, withPad: " ", startingAt: 0),
        f((c["organization"] ?? Counts()).f1).padding(toLength: 6, withPad: " ", startingAt: 0), f((c["state"] ?? Counts()).f1)]
      return name.padding(toLength: 14, withPad: " ", startingAt: 0) + cols.joined(separator: " ")
    }
    for (set, c) in r.counts.sorted(by: { $0.key < $1.key }) {
      lines.append(line(set, c))
      for t in types { total[t, default: Counts()].add(c[t] ?? Counts()) }
    }
    if r.counts.count > 1 { lines.append(line("all", total)) }
    for (set, c) in r.counts.sorted(by: { $0.key < $1.key }) {
      for (k, v) in c.sorted(by: { $0.key < $1.key }) where k.hasPrefix("rule:") {
        lines.append("  \(set.padding(toLength: 10, withPad: " ", startingAt: 0)) \(k.dropFirst(5).padding(toLength: 28, withPad: " ", startingAt: 0)) tp \(v.tp)  fp \(v.fp)  precision \(String(format: "%.3f", v.precision))")
      }
    }
    return lines.joined(separator: "\n")
  }
}
