import OrderedCollections

/// Finds people, states and organizations in a document and groups their mentions into
/// one entity per real-world entity.
///
/// Two passes. The first reads each sentence's runs of capitalized words and decides what
/// each part is, by these rules in order: gazetteer phrases (states, their demonyms, capitals
/// and seats of government; organizations), titles and roles before a name ("President",
/// "spokesman"), organization keywords ("… Committee", "Ministry of …"), place and event
/// keywords (dropped), given names, family-name-first names (Kim Jong-un), name particles
/// (al-, bin, von), acronyms. The second pass resolves what is left over — a surname, a
/// partial name, a title standing alone — against the people and organizations the whole
/// article names, and leaves ambiguous short names unresolved rather than guessing. Given
/// weights, a learned tagger (`TaggedNames`) then names what both passes left open.
public struct Recognizer: Sendable {
  public let gazetteer: Gazetteer
  /// A learned tagger that names what the rules leave open (nil, the default: the rules
  /// alone; ``TaggerModel/bundled``: the bundled weights). See `TaggedNames`.
  public let tagger: TaggerModel?
  /// The least margin by which the tagger must prefer a name for it to be added (see
  /// `TaggedNames.defaultMinMargin`).
  public var minMargin: Float = TaggedNames.defaultMinMargin
  /// The least margin by which the tagger must prefer another reading of a rule's name to
  /// drop it (nil: the rules' names stand; see `TaggedNames.defaultReviseMargin`).
  public var reviseMargin: Float? = TaggedNames.defaultReviseMargin

  public init(gazetteer: Gazetteer = .bundled, tagger: TaggerModel? = nil) {
    self.gazetteer = gazetteer
    self.tagger = tagger
  }

  public func recognize(_ doc: Document) -> Recognition {
    var doc = doc
    gazetteer.annotate(&doc)
    var pass = RecognitionPass(doc: doc, gaz: gazetteer)
    pass.run(tagger: tagger, minMargin: minMargin, reviseMargin: reviseMargin)
    return pass.result()
  }
}

/// The working state of one article's recognition.
struct RecognitionPass {
  let doc: Document
  let gaz: Gazetteer
  let tokens: [Token]

  struct Found {
    var tokens: Range<Int>
    var sentence: Int
    var kind: MentionKind
    var cluster: Int  // index into `clusters`
    var type: EntityType
    var rule: String
  }
  /// A word group left for the second pass; its words are its tokens' texts.
  struct Pending {
    var tokens: Range<Int>
    var sentence: Int
    var rule: String
    var title: String?
  }
  /// An entity of the article, by key, with the name and type of its first mention.
  struct Cluster {
    var key: String
    var name: String
    var type: EntityType
  }
  struct RoleRef {
    var tokens: Range<Int>  // the role phrase, without the article
    var sentence: Int
    var title: String
    var qualifier: String?  // entity key of a qualifying organization or state ("NATO")
  }

  var found: [Found] = []
  var pending: [Pending] = []
  var roleRefs: [RoleRef] = []
  var clusters: [Cluster] = []
  var clusterIndex: [String: Int] = [:]
  /// person cluster → titles seen before the name, with their qualifiers.
  var personRoles: [Int: OrderedSet<String>] = [:]
  var acronymLinks: [String: Int] = [:]  // acronym text → organization cluster
  /// Acronyms the article uses as products or technologies ("Nintendo DS", "RFID tags").
  var products = Set<String>()
  /// Where people's names end (offsets), for affiliations ("X of the Y Party").
  var personNameEnds = Set<Int>()

  init(doc: Document, gaz: Gazetteer) {
    self.doc = doc
    self.gaz = gaz
    self.tokens = doc.tokens
  }

  // MARK: - Pass 1

  mutating func run(tagger: TaggerModel? = nil, minMargin: Float = TaggedNames.defaultMinMargin, reviseMargin: Float? = nil) {
    firstPass()
    // The tagger reads the article as the first pass left it; its names go in where the
    // second pass left words open, and (given a margin) it revises the rules' names.
    guard let tagger else { return resolvePending() }
    guard let reviseMargin else {
      let tagged = taggedNames(tagger, minMargin: minMargin)
      resolvePending()
      if !tagged.isEmpty { addTagged(tagged) }
      return
    }
    // Zones with a word group left open or a name the tagger may revise.
    var wanted = openTokens()
    for f in found where f.kind == .name && TaggedNames.revisable.contains(f.rule) { for k in f.tokens { wanted[k] = true } }
    for p in pending { for k in p.tokens { wanted[k] = true } }
    guard wanted.contains(true) else { return resolvePending() }
    let reading = taggerReading(tagger, where: { r in r.contains { wanted[$0] } })
    let tagged = taggedNames(tagger, reading, open: openTokens(), minMargin: minMargin)
    resolvePending()
    if !tagged.isEmpty { addTagged(tagged) }
    reviseWithTagger(tagger, reading, margin: reviseMargin)
  }

  // MARK: - Mentions and clusters

  /// Adds a mention of the entity `key` (a new cluster, named `name`, when the article has
  /// not named it yet); returns its cluster.
  @discardableResult
  mutating func add(_ r: Range<Int>, sentence: Int, kind: MentionKind, key: String, type: EntityType, name: String, rule: String) -> Int {
    let c: Int
    if let known = clusterIndex[key] {
      c = known
    } else {
      c = clusters.count
      clusterIndex[key] = c
      clusters.append(Cluster(key: key, name: name, type: type))
    }
    add(r, sentence: sentence, kind: kind, cluster: c, type: type, rule: rule)
    return c
  }

  /// Adds a mention of a cluster the article has named.
  mutating func add(_ r: Range<Int>, sentence: Int, kind: MentionKind, cluster c: Int, type: EntityType, rule: String) {
    found.append(Found(tokens: r, sentence: sentence, kind: kind, cluster: c, type: type, rule: rule))
  }

  /// Adds an organization by its name; two spellings of a possessive are one organization.
  mutating func addOrganization(_ r: Range<Int>, name: String, sentence: Int, rule: String) {
    // "New People's Party" and "New People Party" are one organization.
    let normalized = name.unicodeScalars.contains(where: \.isApostrophe)
      ? name.replacingOccurrences(of: "'s ", with: " ").replacingOccurrences(of: "\u{2019}s ", with: " ")
        .replacingOccurrences(of: "' ", with: " ")
      : name
    let c = add(r, sentence: sentence, kind: .name, key: "organization:\(normalized)", type: .organization, name: name, rule: rule)
    noteAcronymDefinition(after: r, cluster: c)
  }

  /// Adds a person by its name (a possessive or particle at the end dropped), with the titles
  /// it was given.
  mutating func addPerson(_ r: Range<Int>, sentence: Int, rule: String, titles: [String], qualifier: String?) {
    var r = r
    // A possessive or a trailing particle is not part of the name.
    while r.count > 1, tokens[r.upperBound - 1].kind != .word || tokens[r.upperBound - 1].has(.connector) {
      r = r.lowerBound..<r.upperBound - 1
    }
    let name = tokens.cleanName(r)
    let c = add(r, sentence: sentence, kind: .name, key: "person:\(name)", type: .person, name: name, rule: rule)
    for t in titles {
      personRoles[c, default: []].append(t)
      if let q = qualifier { personRoles[c, default: []].append("\(q)|\(t)") }
    }
  }

  /// Titles and roles that tell a person's gender.
  static let femaleRoles: Set<String> = [
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "sportswoman",
    "mrs", "ms", "miss", "madam", "queen", "princess", "duchess", "lady", "dame", "actress", "baroness",
    "countess", "empress", "sister", "mother", "wife", "daughter", "widow", "woman", "girl",
  ]
  static let maleRoles: Set<String> = [
    "spokesman", "chairman", "congressman", "businessman", "councilman", "sportsman", "mr", "king",
    "prince", "duke", "lord", "sir", "baron", "count", "emperor", "father", "brother", "husband", "son",
    "man", "boy", "sheikh",
  ]

  // MARK: - Result

  func result() -> Recognition {
    // Each cluster's entity, by order of first mention; named as its first mention named it.
    var entityOf = [Int](repeating: -1, count: clusters.count)
    var entities: [ArticleEntity] = []
    // By position (a stable sort: equal ranges keep the order they were found in).
    let found = self.found
    let ordered = found.indices.sorted {
      (found[$0].tokens.lowerBound, found[$0].tokens.upperBound) < (found[$1].tokens.lowerBound, found[$1].tokens.upperBound)
    }
    var mentions: [Mention] = []
    mentions.reserveCapacity(found.count)
    var lastEnd = -1
    for fi in ordered {
      let r = found[fi].tokens
      // Overlaps: the first and longest wins.
      if r.lowerBound < lastEnd { continue }
      lastEnd = r.upperBound
      let c = found[fi].cluster
      var idx = entityOf[c]
      if idx < 0 {
        idx = entities.count
        entityOf[c] = idx
        entities.append(ArticleEntity(key: clusters[c].key, name: clusters[c].name, type: found[fi].type, aliases: [], roles: []))
      }
      let span = TextSpan(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end)
      if found[fi].kind == .name { entities[idx].aliases.append(tokens.cleanName(r)) }
      mentions.append(Mention(span: span, tokens: r, sentence: found[fi].sentence, kind: found[fi].kind, entity: idx, rule: found[fi].rule))
    }
    for (c, roles) in personRoles where entityOf[c] >= 0 {
      for r in roles where !r.utf8.contains(UInt8(ascii: "|")) { entities[entityOf[c]].roles.append(r) }
    }
    for i in entities.indices where entities[i].type == .person {
      // The words of its roles (split on bytes: roles are lower-case titles).
      var female = false, male = false
      for role in entities[i].roles {
        for w in role.utf8.split(separator: UInt8(ascii: " ")) {
          guard let word = String(w) else { continue }
          if RecognitionPass.femaleRoles.contains(word) { female = true }
          if RecognitionPass.maleRoles.contains(word) { male = true }
        }
      }
      if female {
        entities[i].gender = "f"
      } else if male {
        entities[i].gender = "m"
      } else {
        entities[i].gender = gaz.sexOfGivenName(entities[i].name)
      }
    }
    return Recognition(entities: entities, mentions: mentions)
  }
}

// Names spelled by token ranges, for the recognizer's passes (a method of a pass would copy
// the pass when called from a mutating one).
extension [Token] {
  /// The texts of a range's tokens (of its words only, when asked), one space apart.
  func joinedText(_ r: Range<Int>, wordsOnly: Bool = false) -> String {
    if r.count == 1, !wordsOnly || self[r.lowerBound].kind == .word { return self[r.lowerBound].text }
    return spell(r, wordsOnly: wordsOnly, spaceAlways: true)
  }

  /// The name a token range spells: its tokens' texts, one space where the text has space.
  func cleanName(_ r: Range<Int>) -> String {
    if r.count == 1 { return self[r.lowerBound].text }
    return spell(r, wordsOnly: false, spaceAlways: false)
  }

  /// Token texts written as bytes in one go (appending string to string costs more): words
  /// only or all tokens; one space between any two, or where the text has space.
  private func spell(_ r: Range<Int>, wordsOnly: Bool, spaceAlways: Bool) -> String {
    var bytes = 0
    for k in r { bytes += self[k].text.utf8.count + 1 }
    return String(unsafeUninitializedCapacity: bytes) { out in
      var n = 0
      var prevEnd = -1
      for k in r where !wordsOnly || self[k].kind == .word {
        if prevEnd >= 0, spaceAlways || self[k].start > prevEnd {
          out[n] = UInt8(ascii: " ")
          n += 1
        }
        var text = self[k].text
        text.withUTF8 { bytes in
          if let from = bytes.baseAddress, let to = out.baseAddress { (to + n).update(from: from, count: bytes.count) }
          n += bytes.count
        }
        prevEnd = self[k].end
      }
      return n
    }
  }
}
