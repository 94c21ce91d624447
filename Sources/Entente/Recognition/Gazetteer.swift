import Dispatch
import Foundation
import OrderedCollections

/// A known entity from the bundled data or a user's entity file.
public struct KnownEntity: Sendable, Hashable {
  /// Stable key: "state:RUS", "organization:NATO", "person:Vladimir Putin".
  public var key: String
  public var name: String
  public var type: EntityType
}

/// What a gazetteer phrase is when found in text.
struct GazetteerHit: Sendable, Hashable {
  enum Role: UInt8, Sendable { case name, demonym, metonym, capital, blocked }
  var entity: Int  // index into Gazetteer.entities; -1 for blocked phrases
  var role: Role
  var ambiguous: Bool
}

/// A trie over token texts: finds the longest gazetteer phrase starting at a token, in time
/// proportional to the phrase length (never a scan of the gazetteer).
struct TokenTrie: Sendable {
  private var children: [[String: Int32]] = [[:]]
  private var values: [[GazetteerHit]] = [[]]

  /// Adds a phrase; with `replacing`, the phrase means only this from now on (a user's entity
  /// file overrides the bundled data).
  mutating func insert(_ words: [String], _ hit: GazetteerHit, replacing: Bool = false) {
    guard !words.isEmpty else { return }
    var node = 0
    for w in words {
      if let next = children[node][w] {
        node = Int(next)
      } else {
        children.append([:])
        values.append([])
        let id = Int32(children.count - 1)
        children[node][w] = id
        node = Int(id)
      }
    }
    if replacing {
      values[node] = [hit]
    } else if let k = values[node].firstIndex(where: { $0.entity == hit.entity && $0.role == hit.role }) {
      // The same meaning spelled twice ("Telegraph", and "The Telegraph" without its article):
      // one hit, ambiguous when either spelling is, whatever order the data lists them in.
      values[node][k].ambiguous = values[node][k].ambiguous || hit.ambiguous
    } else {
      values[node].append(hit)
    }
  }

  /// What an exact phrase means, if anything.
  func hits(for words: [String]) -> [GazetteerHit] {
    var node = 0
    for w in words {
      guard let next = children[node][w] else { return [] }
      node = Int(next)
    }
    return values[node]
  }

  /// The first words of phrases, with their nodes.
  var rootChildren: [String: Int32] { children[0] }

  /// The longest match starting at `start` (token index), as (end, hits); `first` is the
  /// node of the first token's text under the root (-1: no phrase starts with it).
  func longestMatch(_ tokens: [Token], from start: Int, limit: Int, first: Int32) -> (end: Int, hits: [GazetteerHit])? {
    guard first >= 0, start < limit else { return nil }
    var node = Int(first)
    var i = start + 1
    var best: (Int, [GazetteerHit])? = values[node].isEmpty ? nil : (i, values[node])
    while i < limit, !children[node].isEmpty, let next = children[node][tokens[i].text] {
      node = Int(next)
      i += 1
      if !values[node].isEmpty { best = (i, values[node]) }
    }
    return best
  }
}

/// All the data recognition uses: states, organizations, name lists and word lists.
///
/// Loaded once from the package's resources (``Gazetteer/bundled``) and extended with a
/// user's entity file. Lookups are hash and trie lookups; nothing scans the lists per mention.
public final class Gazetteer: Sendable {
  public let entities: [KnownEntity]
  /// Entities by key.
  public let entityByKey: [String: KnownEntity]
  let trie: TokenTrie
  /// Given names one sex only bears in census lists: "m" or "f".
  let nameGenders: [String: String]
  /// The sex the first word of a person's name tells ("m", "f"), if its given name tells one.
  func sexOfGivenName(_ name: String) -> String? {
    let first = name.utf8.firstIndex(of: UInt8(ascii: " ")).map { String(name[..<$0]) } ?? name
    return first.isEmpty ? nil : nameGenders[first]
  }
  let titlePhrases: TokenTrie  // entity = -1, role .name; matched case-sensitively
  /// inflected form → lemma
  let speechVerbs: [String: String]
  /// Where a one-word name acts as a company.
  let companyCues: CompanyCues
  /// US states as a party tag names them ("Ohio", "N.Y.", "NY").
  let usStateTags: Set<String>
  /// Places and capitals in capitals ("NEW DELHI"), as a dateline writes them.
  let placeNames: Set<String>
  /// The words next to the name in ``companyCues``, to rule a word out with a lookup or two.
  let companyCueWords: CompanyCueWords
  /// pronoun → "male", "female", "neuter" or "plural"
  let pronouns: [String: String]
  /// Family names written first ("Xi Jinping"), from `recognition.json`.
  let familyNamesFirst: Set<String>
  /// "Jr", "III": after a surname, no part of it.
  let nameSuffixes: Set<String>
  /// Honorific (lower-case, no period) → "m" or "f", as in ``nameGenders``.
  let honorificSexes: [String: String]
  let states: [StateRecord]
  let organizations: [OrganizationRecord]
  /// The word lists by word: what ``annotate(_:)`` looks up.
  let lexicon: Lexicon

  /// Sets the word classes of the document's tokens (once per gazetteer).
  func annotate(_ doc: inout Document) {
    let me = ObjectIdentifier(self)
    guard doc.annotatedBy != me else { return }
    lexicon.annotate(&doc.tokens)
    doc.annotatedBy = me
  }

  struct StateRecord: Codable, Sendable {
    var id: String
    var name: String
    var official: String?
    var alpha2: String?
    var alpha3: String?
    var numeric: String?
    var status: String?
    var names: [String]?
    var abbreviations: [String]?
    var demonyms: [String]?
    var capitals: [String]?
    var metonyms: [String]?
    var ambiguous: [String]?
  }
  struct StatesFile: Codable { var states: [StateRecord]; var ambiguousDemonyms: [String]?; var ambiguousNames: [String]? }
  struct OrganizationRecord: Codable, Sendable {
    var name: String
    var aliases: [String]?
    var acronyms: [String]?
    var category: String?
    var country: String?
    var ambiguous: [String]?
  }
  struct OrganizationsFile: Codable { var organizations: [OrganizationRecord]; var ambiguousAliases: [String]? }
  struct LexiconFile: Codable {
    var personTitles: [String]?
    var honorifics: [String]?
    var roleNouns: [String]?
    var orgKeywords: [String]?
    var orgSuffixes: [String]?
    var speechVerbs: [String: [String]]?
    var months: [String]?
    var weekdays: [String]?
    var pronouns: [String: String]?
    var nonEntityCapitalized: [String]?
  }
  struct RecognitionFile: Codable {
    var acronymStoplist: [String]
    var connectors: [String]
    var nameParticles: [String]
    var functionWords: [String]
    /// Nouns of the function-word list that, capitalized after a name's word, go on with the
    /// name ("Capitol Police", "MTV Video Music Awards").
    var nounsInNames: [String]?
    /// Family names that come first in a full name ("Xi" in "Xi Jinping"): the word a later
    /// mention uses alone, though it may also be a given name elsewhere.
    var familyNamesFirst: [String]?
    /// Words after a surname that are no surname ("Jr", "III").
    var nameSuffixes: [String]?
    /// The sex an honorific gives ("mrs" → "f"), lower-case without its period.
    var honorificSexes: [String: String]?
    var locationPrepositions: [String]
    var placeKeywords: [String]
    var eventWords: [String]
    /// Places that stand for an organization rather than a state ("Brussels" → the EU).
    var metonymOverrides: [String: String]?
    /// Where a one-word name acts as a company (rule `company-context`).
    var companyCues: CompanyCues?
    /// US states as a party tag names them, "R-Ohio", "D-N.Y.", "(D-NY)" (rule `party-tag`).
    var usStateTags: [String]?
  }
  /// "Kelvane's shares", "shares in Kelvane", "Kelvane reported a loss": lower-case phrases.
  struct CompanyCues: Codable, Sendable {
    /// After the name and its possessive: "'s shares", "'s chief executive".
    var afterPossessive: [[String]]
    /// Right after the name: "shares fell", "shareholders".
    var afterName: [[String]]
    /// Right before the name: "shares in", "chief executive of".
    var before: [[String]]
    /// A verb of results after the name, then within a few words one of `results`.
    var resultVerbs: [String]
    var results: [String]
  }

  /// The words of ``CompanyCues`` that stand next to the name: the first of the phrases after
  /// it, the last of those before it, and the verbs and results as sets.
  struct CompanyCueWords: Sendable {
    let firstAfterPossessive: Set<String>
    let firstAfterName: Set<String>
    let lastBefore: Set<String>
    let resultVerbs: Set<String>
    let results: Set<String>

    init(_ cues: CompanyCues) {
      firstAfterPossessive = Set(cues.afterPossessive.compactMap(\.first))
      firstAfterName = Set(cues.afterName.compactMap(\.first))
      lastBefore = Set(cues.before.compactMap(\.last))
      resultVerbs = Set(cues.resultVerbs)
      results = Set(cues.results)
    }
  }

  /// The bundled data, loaded once. A broken installation (data files missing) stops the
  /// program; call ``loadBundled()`` first to report that as an error instead.
  public static var bundled: Gazetteer {
    switch bundledResult {
    case .success(let g): return g
    case .failure(let e): fatalError("Entente's bundled data is unreadable: \(e)")
    }
  }

  /// The bundled data, or why it could not be loaded.
  public static let bundledResult: Result<Gazetteer, any Error> = Result { try Gazetteer(resources: resourceDirectory) }

  /// The folder of the bundled data files.
  static var resourceDirectory: URL {
    let base = Bundle.module.resourceURL ?? Bundle.module.bundleURL
    let nested = base.appendingPathComponent("Resources")
    return FileManager.default.fileExists(atPath: nested.appendingPathComponent("states.json").path) ? nested : base
  }

  /// Loads the bundled data, throwing when a data file is missing or malformed.
  public static func loadBundled() throws -> Gazetteer {
    try bundledResult.get()
  }

  static func words(_ phrase: String) -> [String] {
    // Most phrases are ASCII letters between single spaces: their words are the parts.
    var simple = !phrase.isEmpty
    var previousSpace = true
    for b in phrase.utf8 {
      let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
      if b == 0x20 ? previousSpace : !letter { simple = false; break }
      previousSpace = b == 0x20
    }
    if simple, !previousSpace {
      var p = phrase
      return p.withUTF8 { bytes in
        bytes.split(separator: 0x20).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
      }
    }
    return Tokenizer.tokenize(ScalarText(phrase)).map(\.text)
  }

  /// A JSON data file of the resources.
  private static func load<T: Decodable>(_ name: String, _ type: T.Type, in dir: URL) throws -> T {
    let url = dir.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw EntenteError.badData(file: url.path, reason: "missing data file (a broken installation?)")
    }
    do { return try JSONDecoder().decode(T.self, from: data) } catch {
      throw EntenteError.badData(file: url.path, reason: "malformed data file: \(error)")
    }
  }

  init(resources dir: URL, userEntities: EntityFile? = nil) throws {
    // The JSON data files are decoded on another thread while this one reads the word lists.
    let files = Background {
      (
        try Gazetteer.load("states.json", StatesFile.self, in: dir), try Gazetteer.load("organizations.json", OrganizationsFile.self, in: dir),
        try Gazetteer.load("lexicon.json", LexiconFile.self, in: dir), try Gazetteer.load("recognition.json", RecognitionFile.self, in: dir)
      )
    }
    // The lexicon takes the given names first (the largest list): months that are also names
    // are found there.
    var lex = Lexicon()
    let givenNames = try Gazetteer.lines("given-names.txt", in: dir)
    lex.reserveCapacity(givenNames.count + 30_000)
    lex.add(givenNames, exact: .givenName)
    nameGenders = Gazetteer.nameGenders(try Gazetteer.lines("name-genders.tsv", in: dir))
    let commonWords = Set(try Gazetteer.lines("common-words.txt", in: dir).map { $0.lowercased() })
    let places = try Gazetteer.lines("places.txt", in: dir)
    let (statesFile, orgFile, lexicon, rules) = try files.value()
    let roleNouns = Set((lexicon.roleNouns ?? []).map { $0.lowercased() })
    let orgKeywords = Set((lexicon.orgKeywords ?? []) + (lexicon.orgSuffixes ?? []).map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 })
    pronouns = lexicon.pronouns ?? [:]
    speechVerbs = Gazetteer.speechVerbIndex(lexicon.speechVerbs ?? [:])
    companyCues = rules.companyCues ?? CompanyCues(afterPossessive: [], afterName: [], before: [], resultVerbs: [], results: [])
    companyCueWords = CompanyCueWords(companyCues)
    familyNamesFirst = Set(rules.familyNamesFirst ?? [])
    nameSuffixes = Set(rules.nameSuffixes ?? [])
    usStateTags = Set(rules.usStateTags ?? [])
    placeNames = Set((places + statesFile.states.flatMap { $0.capitals ?? [] }).map { $0.uppercased() })
    honorificSexes = rules.honorificSexes ?? [:]
    let (titles, titleSingles) = Gazetteer.titleTrie(lexicon.personTitles ?? [])
    titlePhrases = titles

    var known = KnownPhrases()
    known.addStates(statesFile)
    known.addOrganizations(orgFile)
    // Months that are also names (April, May, June, August) are left to the name rules.
    let months = (lexicon.months ?? []).filter { !lex.has($0, exact: .givenName) }
    // Single generic words ("Committee", "Army") stay to the keyword rules, which read
    // "Central Committee" as a name and "the Committee" as nothing.
    let ruleWords = orgKeywords.union(rules.placeKeywords).union(rules.eventWords)
    known.block((lexicon.nonEntityCapitalized ?? []) + months + (lexicon.weekdays ?? []), except: ruleWords)
    known.addMetonymOverrides(rules.metonymOverrides ?? [:])
    known.addPlaces(places)
    if let user = userEntities { known.addUserEntities(user) }
    entities = known.list
    entityByKey = Dictionary(known.list.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    self.trie = known.trie
    states = statesFile.states
    organizations = orgFile.organizations

    let honorifics = Set((lexicon.honorifics ?? []).map { ($0.hasSuffix(".") ? String($0.dropLast()) : $0).lowercased() })
    let connectors = Set(rules.connectors)
    // Lower-case single-token titles and role nouns.
    lex.add(Set(rules.functionWords), lower: .functionWord)
    lex.add(Set(rules.nounsInNames ?? []), lower: .nounInName)
    lex.add(titleSingles.union(roleNouns), lower: .titleWord)
    lex.add(roleNouns, lower: .roleNoun)
    lex.add(honorifics, lower: .honorific)
    lex.add(commonWords, lower: .commonWord)
    lex.add(Set(rules.locationPrepositions), lower: .locationPreposition)
    lex.add(pronouns.keys, lower: .pronoun)
    lex.add(speechVerbs.keys, lower: .speechVerb)
    lex.add(connectors, lower: .connectorLower)
    lex.add(QuotePass.adverbs, lower: .speakerAdverb)
    lex.add(QuotePass.timeWords, lower: .cueTimeWord)
    lex.add(QuotePass.adverbialStarts, lower: .adverbialStart)
    lex.add(QuotePass.objects, lower: .cueObject)
    lex.add(QuotePass.pluralHeads, lower: .pluralHead)
    lex.add(QuotePass.nounLike, lower: .nounLikeCue)
    lex.add(QuotePass.twoWordCueStarts, lower: .twoWordCue)
    lex.add(SentenceSegmenter.openers, lower: .sentenceOpener)
    lex.add(SentenceSegmenter.neverFinal, lower: .neverFinal)
    lex.add(SentenceSegmenter.mayBeFinal, lower: .mayBeFinal)
    lex.add(ToneLexicon.bundled.starts.keys, lower: .toneCue)
    // The months' and weekdays' full names, not their abbreviations ("Sept", "Tues."), which
    // a full name begins with.
    let calendar = (lexicon.months ?? []) + (lexicon.weekdays ?? [])
    let fullNames = calendar.filter { w in !w.hasSuffix(".") && !calendar.contains { $0.count > w.count && $0.hasPrefix(w) } }
    lex.add(fullNames.map { $0.lowercased() }, lower: .calendarWord)
    lex.add(orgKeywords, exact: .orgKeyword)
    lex.add(Set(rules.placeKeywords), exact: .placeKeyword)
    lex.add(Set(rules.eventWords), exact: .eventWord)
    lex.add(connectors, exact: .connector)
    lex.add(Set(rules.nameParticles), exact: .nameParticle)
    lex.add(Set(rules.acronymStoplist), exact: .acronymStop)
    lex.setRoots(gazetteer: known.trie, titles: titles)
    self.lexicon = lex
  }
}

/// Work run on another thread; ``value()`` waits for its result.
private final class Background<T: Sendable>: @unchecked Sendable {
  private var result: Result<T, Error>? = nil
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () throws -> T) {
    DispatchQueue.global().async {
      self.result = Result { try work() }  // read only after `done` is signalled
      self.done.signal()
    }
  }

  func value() throws -> T {
    done.wait()
    return try result!.get()
  }
}
