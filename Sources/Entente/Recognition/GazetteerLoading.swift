import Foundation
import OrderedCollections

/// The steps that build a gazetteer from its data files, each a unit of its own.
extension Gazetteer {
  /// A word list of the resources: one entry a line; `#` starts a comment line. Split on
  /// bytes: these lists are large.
  static func lines(_ name: String, in dir: URL) throws -> [String] {
    let url = dir.appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw EntenteError.badData(file: url.path, reason: "missing word list (a broken installation?)")
    }
    var out: [String] = []
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let bytes = raw.bindMemory(to: UInt8.self)
      var start = 0
      for i in 0...bytes.count {
        guard i == bytes.count || bytes[i] == 0x0A else { continue }
        var lo = start, hi = i
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0D { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0D { hi -= 1 }
        if hi > lo, bytes[lo] != 0x23 { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)) }
        start = i + 1
      }
    }
    return out
  }

  /// Given names by the sex that alone bears them, from lines NAME TAB GENDER (split on
  /// bytes: the list is long).
  static func nameGenders(_ lines: [String]) -> [String: String] {
    var genders: [String: String] = [:]
    for line in lines {
      let parts = line.utf8.split(separator: UInt8(ascii: "\t"))
      if parts.count == 2, let name = String(parts[0]), let gender = String(parts[1]) { genders[name] = gender }
    }
    return genders
  }

  /// Speech verbs: each inflected form (lower-cased) → its lemma. By lemma: a form two lemmas
  /// share goes to the first, whatever the hash order.
  static func speechVerbIndex(_ formsByLemma: [String: [String]]) -> [String: String] {
    var verbs: [String: String] = [:]
    for (lemma, forms) in formsByLemma.sorted(by: { $0.key < $1.key }) {
      for f in forms + [lemma] where verbs[f.lowercased()] == nil { verbs[f.lowercased()] = lemma }
    }
    return verbs
  }

  /// The titles' trie, and the single-word titles lower-cased. Titles are matched capitalized
  /// ("President") in names and lower-cased ("spokesman") before them.
  static func titleTrie(_ personTitles: [String]) -> (TokenTrie, Set<String>) {
    var titles = TokenTrie()
    var singles = Set<String>()
    for t in personTitles {
      let base = t.hasSuffix(".") ? String(t.dropLast()) : t
      let w = Gazetteer.words(base)
      guard !w.isEmpty else { continue }
      titles.insert(w, GazetteerHit(entity: -1, role: .name, ambiguous: false))
      let cap = w.map { $0.prefix(1).uppercased() + $0.dropFirst() }
      titles.insert(cap, GazetteerHit(entity: -1, role: .name, ambiguous: false))
      if w.count == 1 { singles.insert(base.lowercased()) }
    }
    return (titles, singles)
  }

  /// The known entities and the phrases that name them (or that name nothing), added in
  /// order: states, organizations, blocked words, metonym overrides, places, a user's file.
  struct KnownPhrases {
    var list: [KnownEntity] = []
    var trie = TokenTrie()
    var index: [String: Int] = [:]

    mutating func add(_ e: KnownEntity) -> Int {
      if let i = index[e.key] { return i }
      list.append(e)
      index[e.key] = list.count - 1
      return list.count - 1
    }

    /// States by name, abbreviation, demonym, capital and seat of government.
    mutating func addStates(_ file: StatesFile) {
      let ambiguousDemonyms = Set(file.ambiguousDemonyms ?? [])
      for s in file.states {
        let i = add(KnownEntity(key: "state:\(s.id)", name: s.name, type: .state))
        let ambiguous = Set(s.ambiguous ?? [])
        // In the data's order (a phrase listed twice counts once): the order of a phrase's hits
        // decides which meaning a lookup reads first.
        for n in OrderedSet([s.name] + (s.names ?? []) + (s.abbreviations ?? [])) {
          trie.insert(Gazetteer.words(n), GazetteerHit(entity: i, role: .name, ambiguous: ambiguous.contains(n)))
        }
        for d in s.demonyms ?? [] where !ambiguousDemonyms.contains(d) {
          trie.insert(Gazetteer.words(d), GazetteerHit(entity: i, role: .demonym, ambiguous: ambiguous.contains(d)))
        }
        for c in s.capitals ?? [] {
          trie.insert(Gazetteer.words(c), GazetteerHit(entity: i, role: .capital, ambiguous: ambiguous.contains(c)))
        }
        for m in s.metonyms ?? [] {
          trie.insert(Gazetteer.words(m), GazetteerHit(entity: i, role: .metonym, ambiguous: ambiguous.contains(m)))
        }
      }
    }

    /// Organizations by name, alias and acronym (a leading "The" dropped).
    mutating func addOrganizations(_ file: OrganizationsFile) {
      let ambiguousAliases = Set(file.ambiguousAliases ?? [])
      for o in file.organizations {
        let i = add(KnownEntity(key: "organization:\(o.name)", name: o.name, type: .organization))
        let ambiguous = Set(o.ambiguous ?? [])
        for n in OrderedSet([o.name] + (o.aliases ?? []) + (o.acronyms ?? [])) where !ambiguousAliases.contains(n) {
          var w = Gazetteer.words(n)
          if w.first == "The" || w.first == "the" { w.removeFirst() }
          trie.insert(w, GazetteerHit(entity: i, role: .name, ambiguous: ambiguous.contains(n)))
        }
      }
    }

    /// Capitalized words that are never entities (months, weekdays, …), but for the words the
    /// rules read.
    mutating func block(_ phrases: [String], except ruleWords: Set<String>) {
      for phrase in phrases where !ruleWords.contains(phrase) {
        trie.insert(Gazetteer.words(phrase), GazetteerHit(entity: -1, role: .blocked, ambiguous: false))
      }
    }

    /// "Brussels decided" is the EU, not Belgium: places standing for an organization.
    mutating func addMetonymOverrides(_ overrides: [String: String]) {
      for (place, key) in overrides.sorted(by: { $0.key < $1.key }) {
        if let i = index[key] { trie.insert(Gazetteer.words(place), GazetteerHit(entity: i, role: .capital, ambiguous: false), replacing: true) }
      }
    }

    /// Places that are not states (cities, regions, provinces): never a person or an
    /// organization. A phrase that already names an entity (a capital) keeps that meaning.
    mutating func addPlaces(_ places: [String]) {
      for place in places {
        let w = Gazetteer.words(place)
        if trie.hits(for: w).isEmpty { trie.insert(w, GazetteerHit(entity: -1, role: .blocked, ambiguous: false)) }
      }
    }

    /// A user's entities and blocked phrases: they mean only that from now on.
    mutating func addUserEntities(_ user: EntityFile) {
      for e in user.entities {
        let i = add(KnownEntity(key: "\(e.type.rawValue):\(e.name)", name: e.name, type: e.type))
        for n in [e.name] + (e.aliases ?? []) {
          trie.insert(Gazetteer.words(n), GazetteerHit(entity: i, role: .name, ambiguous: false), replacing: true)
        }
      }
      for b in user.block ?? [] {
        trie.insert(Gazetteer.words(b), GazetteerHit(entity: -1, role: .blocked, ambiguous: false), replacing: true)
      }
    }
  }
}
