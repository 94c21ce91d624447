import Foundation

/// A user's own entities: extra names and aliases, and phrases never to read as entities.
///
/// ```json
/// {"entities": [{"name": "Wagner Group", "type": "organization", "aliases": ["Wagner"]}],
///  "block": ["Grand Mosque"]}
/// ```
public struct EntityFile: Codable, Sendable, Equatable {
  public struct Entry: Codable, Sendable, Equatable {
    public var name: String
    public var type: EntityType
    public var aliases: [String]?

    public init(name: String, type: EntityType, aliases: [String]? = nil) {
      self.name = name
      self.type = type
      self.aliases = aliases
    }
  }

  public var entities: [Entry]
  /// Phrases that are never entities.
  public var block: [String]?

  public init(entities: [Entry] = [], block: [String]? = nil) {
    self.entities = entities
    self.block = block
  }

  public static func load(_ path: String) throws -> EntityFile {
    guard let data = FileManager.default.contents(atPath: path) else { throw EntenteError.notFound(path: path) }
    do { return try JSONDecoder().decode(EntityFile.self, from: data) } catch {
      throw EntenteError.badData(file: path, reason: "not an entity file: \(error)")
    }
  }
}

extension Gazetteer {
  /// The bundled data extended with a user's entity file.
  public static func with(_ file: EntityFile) throws -> Gazetteer {
    try Gazetteer(resources: resourceDirectory, userEntities: file)
  }
}
