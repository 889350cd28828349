import VIOSCore
import Yams

/// YAML with positions, through Yams (libyaml). Errors become a message and
/// a file position; Yams' own description embeds the whole input and is
/// never shown.
public enum YAMLReader {
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
        public var line: Int
        public var column: Int
    }

    /// Aliases can make a tiny file expand exponentially ("billion laughs");
    /// past this many nodes the frontmatter is rejected.
    public static let nodeLimit = 100_000

    /// Frontmatter needs four levels at most (`contacten` → item → field);
    /// past this depth it is rejected before Yams builds a tree, so no
    /// recursion (Yams' composer, `convert`, a tree's deinit) runs deep.
    public static let depthLimit = 32

    static let tooDeep = "te diep genest (meer dan \(depthLimit) niveaus van lijsten en velden in elkaar)"

    /// Parses `yaml` whose first line is file line `firstLine`. An empty
    /// document gives nil.
    public static func read(_ yaml: String, firstLine: Int) -> Result<YAMLNode?, Failure> {
        var positions = YAMLPositions(yaml)
        let composed = YAMLComposer.compose(yaml, offset: firstLine - 1, nodeLimit: nodeLimit, depthLimit: depthLimit,
                                            positions: &positions)
        if case .composed(let node) = composed { return .success(node) }
        return readThroughYams(yaml, firstLine: firstLine, positions: &positions)
    }

    /// Every frontmatter `YAMLComposer` declines: errors, aliases, repeated keys.
    static func readThroughYams(_ yaml: String, firstLine: Int, positions: inout YAMLPositions) -> Result<YAMLNode?, Failure> {
        switch YAMLPreflight.check(yaml, nodeLimit: nodeLimit, depthLimit: depthLimit) {
        case .tooManyNodes(let yamlLine):
            let line = positions.scalarPosition(line: yamlLine, column: 1).line
            // Reported at the start of the frontmatter (the block as a whole
            // is the problem), naming the line where it went over.
            return .failure(Failure(message: "te veel YAML-knopen (meer dan \(nodeLimit), overschreden op regel \(line + firstLine - 1)); gebruik geen aliassen (*naam) om velden te herhalen",
                                    line: firstLine, column: 1))
        case .tooDeep(let yamlLine, let yamlColumn):
            let (line, column) = positions.position(line: yamlLine, column: yamlColumn)
            return .failure(Failure(message: tooDeep, line: line + firstLine - 1, column: column))
        case nil:
            break
        }
        let node: Node?
        do {
            // No implicit tag resolution: it runs a regular expression per plain
            // scalar, and vios reads types itself (YAMLNode.bool, .int, .date).
            // An explicit encoding: `.default` reads the environment on every call.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(failure(error, firstLine: firstLine, yaml: yaml, positions: &positions))
        } catch {
            return .failure(Failure(message: "onleesbare YAML", line: firstLine, column: 1))
        }
        guard let node else { return .success(nil) }
        var budget = nodeLimit
        guard let converted = convert(node, offset: firstLine - 1, budget: &budget, positions: &positions) else {
            return .failure(Failure(message: "te veel YAML-knopen (meer dan \(nodeLimit)); gebruik geen aliassen (*naam) om velden te herhalen",
                                    line: firstLine, column: 1))
        }
        return .success(converted)
    }

    private static func convert(_ node: Node, offset: Int, budget: inout Int, positions: inout YAMLPositions) -> YAMLNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let position = positions.position(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        let line = position.line + offset
        let column = position.column
        switch node {
        case .scalar(let scalar):
            return YAMLNode(.scalar(scalar.string, plain: scalar.style == .plain), line: line, column: column)
        case .mapping(let mapping):
            var pairs: [YAMLNode.Pair] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let k = convert(key, offset: offset, budget: &budget, positions: &positions),
                      let v = convert(value, offset: offset, budget: &budget, positions: &positions) else { return nil }
                pairs.append(.init(key: k, value: v))
            }
            return YAMLNode(.mapping(pairs), line: line, column: column)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                guard let converted = convert(item, offset: offset, budget: &budget, positions: &positions) else { return nil }
                items.append(converted)
            }
            return YAMLNode(.sequence(items), line: line, column: column)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one is
            // treated as an empty value.
            return YAMLNode(.scalar("", plain: true), line: line, column: column)
        }
    }

    static func failure(_ error: YamlError, firstLine: Int, yaml: String = "") -> Failure {
        var positions = YAMLPositions(yaml)
        return failure(error, firstLine: firstLine, yaml: yaml, positions: &positions)
    }

    static func failure(_ error: YamlError, firstLine: Int, yaml: String, positions: inout YAMLPositions) -> Failure {
        let offset = firstLine - 1
        func line(_ mark: Mark) -> Int { positions.scalarPosition(line: mark.line, column: mark.column).line }
        func at(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> Failure {
            if problem.hasPrefix("Maximum nesting level") {
                // libyaml's own limit (1,000 levels), met while scanning ahead
                // before the preflight sees level 33.
                let (line, column) = positions.position(line: mark.line, column: mark.column)
                return Failure(message: tooDeep, line: line + offset, column: column)
            }
            // For an unclosed quote libyaml's mark is the end of input; the
            // context mark (where the scalar started) is where to look.
            var text = translate(problem)
            var position = mark
            if let context {
                if problem.contains("end of stream") || problem.contains("could not find expected") {
                    position = context.mark
                } else if problem.hasPrefix("did not find expected ','"), context.text.contains("flow"),
                          mark.line > context.mark.line {
                    // A `[` or `{` never closed: libyaml notices on a later
                    // line; the bracket that was left open is what to fix.
                    position = context.mark
                }
                text += " (\(translate(context.text)) op regel \(line(context.mark) + offset))"
            }
            let (positionLine, positionColumn) = positions.position(line: position.line, column: position.column)
            return Failure(message: text, line: positionLine + offset, column: positionColumn)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return at(problem, context, mark)
        case .parser(let context, let problem, let mark, _): return at(problem, context, mark)
        case .composer(let context, let problem, let mark, _): return at(problem, context, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first occurrence; the mistake is the repeat.
            // Lines and code-point columns in our numbering (LF only).
            let first = positions.scalarPosition(line: context.mark.line, column: context.mark.column)
            let repeated = duplicates.first.flatMap { repeatedKey($0, after: first, in: yaml) }
            let at = repeated ?? first
            return Failure(message: "dubbel veld: \(duplicates.joined(separator: ", "))"
                           + (repeated == nil ? "" : " (eerder op regel \(first.line + offset))"),
                           line: at.line + offset, column: positions.characterColumn(line: at.line, scalarColumn: at.column))
        case .reader(let problem, _, _, _):
            return Failure(message: translate(problem), line: firstLine, column: 1)
        default:
            return Failure(message: "onleesbare YAML", line: firstLine, column: 1)
        }
    }

    /// The line after `first` (1-based line and column in `yaml`) that
    /// repeats `key` at the same column, within the same block mapping.
    static func repeatedKey(_ key: String, after first: (line: Int, column: Int), in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let start = first.column - 1
        guard first.line >= 1, start >= 0 else { return nil }
        var index = first.line  // 0-based index of the line after the first key
        while index < lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            index += 1
            let indent = scalars.prefix(while: { $0 == " " }).count
            if indent == scalars.count || scalars[indent] == "#" { continue }  // blank or comment
            // Dedented, or a new list item: the mapping has ended.
            if indent < start { return nil }
            guard indent == start else { continue }
            var rest = String(String.UnicodeScalarView(scalars[start...]))
            for quote in ["\"", "'"] where rest.hasPrefix(quote + key + quote) {
                rest = key + rest.dropFirst(key.count + 2)
            }
            guard rest.hasPrefix(key) else { continue }
            if rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                return (index, first.column)
            }
        }
        return nil
    }

    /// libyaml's English problems in Dutch, for the common cases.
    static func translate(_ problem: String) -> String {
        let table: [(String, String)] = [
            ("found unexpected end of stream", "onverwacht einde: een aanhalingsteken of haakje is niet gesloten"),
            ("found undefined alias", "onbekende alias"),
            ("mapping values are not allowed in this context", "dubbele punt op een plek waar geen veld kan beginnen; zet de waarde tussen aanhalingstekens"),
            ("did not find expected key", "verwachtte hier een veldnaam; controleer de inspringing"),
            ("did not find expected '-' indicator", "verwachtte hier een lijstitem ('- '); controleer de inspringing"),
            ("could not find expected ':'", "dubbele punt na de veldnaam ontbreekt"),
            ("found character that cannot start any token", "teken dat hier niet mag staan (tab of speciaal teken?); zet de waarde tussen aanhalingstekens"),
            ("found a tab character that violate indentation", "tab in de inspringing; gebruik spaties"),
            ("did not find expected ',' or ']'", "komma of ']' ontbreekt in de lijst"),
            ("did not find expected ',' or '}'", "komma of '}' ontbreekt"),
            ("block sequence entries are not allowed in this context", "lijstitem ('- ') op een plek waar het niet mag; controleer de inspringing"),
            ("found unknown escape character", "onbekende escape-reeks met backslash"),
            ("while scanning a quoted scalar", "in een waarde tussen aanhalingstekens"),
            ("while scanning a simple key", "in een veldnaam"),
            ("while parsing a block mapping", "in een lijst van velden"),
            ("while parsing a block collection", "in een lijst"),
            ("while parsing a flow sequence", "in een lijst tussen [ ]"),
            ("while parsing a flow mapping", "in velden tussen { }"),
            ("while scanning an alias", "in een alias"),
            ("while scanning an anchor", "in een anker"),
            ("while scanning a block scalar", "in een tekstblok"),
            ("while parsing a flow node", "in een waarde"),
            ("while parsing a block node", "in een waarde"),
            ("while scanning a plain scalar", "in een waarde"),
            ("while scanning a tag", "in een tag"),
            ("while scanning a directive", "in een directief"),
        ]
        for (english, dutch) in table where problem.hasPrefix(english) { return dutch }
        return problem
    }
}
