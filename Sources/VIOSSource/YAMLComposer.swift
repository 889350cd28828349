import CYaml
import VIOSCore

/// Frontmatter as `YAMLNode`s straight from libyaml's events, in one pass.
///
/// Through Yams a frontmatter was parsed twice (`YAMLPreflight`, then
/// Yams' composer) and built twice (Yams' `Node`s, each with a `Tag`
/// object, then `YAMLNode`s): three quarters of a national check's YAML
/// time, a sixth of all its CPU. Here the events of libyaml (Yams' own)
/// become the tree `YAMLReader.convert` would make from Yams' nodes.
///
/// Only YAML that Yams composes without a question takes this path: one
/// document (or none), no anchors, aliases or keys that are not scalars,
/// no key twice in a mapping, within the node and depth limits, every
/// scalar valid UTF-8 and not starting with a byte order mark. Anything
/// else, errors included, is declined and goes the way it always went
/// (preflight, Yams, `convert`), so Yams still decides every error, alias
/// and duplicate, and what it reports. Tags are ignored: `convert` never
/// reads them. `YAMLComposerTests` and the fuzzer hold both ways equal.
enum YAMLComposer {
    enum Outcome: Equatable {
        /// The document's root; nil for a stream without a document.
        case composed(YAMLNode?)
        /// Not plain enough for this path.
        case declined
    }

    /// Lines of `yaml` start at file line `offset + 1`.
    static func compose(_ yaml: String, offset: Int, nodeLimit: Int, depthLimit: Int,
                        positions: inout YAMLPositions) -> Outcome {
        // Yams answers nil for an empty stream; so would this, but it is Yams' case.
        if yaml.isEmpty { return .declined }
        var builder = Builder(depthLimit: depthLimit)
        var documents = 0
        var nodes = 0
        let outcome = LibYAMLEvents.first(yaml) { event -> Outcome? in
            func position() -> (line: Int, column: Int) {
                let (line, column) = positions.position(line: Int(event.start_mark.line) + 1,
                                                        column: Int(event.start_mark.column) + 1)
                return (line + offset, column)
            }
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                return nil
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                return documents > 1 ? .declined : nil
            case YAML_STREAM_END_EVENT:
                return builder.isOpen ? .declined : .composed(builder.root)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                // Yams reads a value through Foundation, which drops a
                // leading byte order mark: such a value is Yams' to read.
                guard scalar.anchor == nil, !bytes.starts(with: [0xEF, 0xBB, 0xBF]),
                      let text = String(validating: bytes, as: UTF8.self) else { return .declined }
                let (line, column) = position()
                guard builder.add(YAMLNode(.scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                                           line: line, column: column)) else { return .declined }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                guard anchor == nil else { return .declined }
                let (line, column) = position()
                guard builder.open(isSequence: isSequence, line: line, column: column) else { return .declined }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                return builder.close() ? nil : .declined
            default:
                // Aliases.
                return .declined
            }
            nodes += 1
            return nodes > nodeLimit ? .declined : nil
        }
        // No answer: libyaml failed.
        return outcome ?? .declined
    }

    /// The open collections, innermost last.
    private struct Builder {
        let depthLimit: Int
        var root: YAMLNode?
        private var open: [Frame] = []

        init(depthLimit: Int) { self.depthLimit = depthLimit }

        private struct Frame {
            var isSequence: Bool
            var line: Int
            var column: Int
            var items: [YAMLNode] = []
            var pairs: [YAMLNode.Pair] = []
            var key: YAMLNode?
            /// Keys so far; a repeat is Yams' to report.
            var keys: Set<String> = []
        }

        var isOpen: Bool { !open.isEmpty }

        mutating func open(isSequence: Bool, line: Int, column: Int) -> Bool {
            // A key must be a scalar.
            if let frame = open.last, !frame.isSequence, frame.key == nil { return false }
            open.append(Frame(isSequence: isSequence, line: line, column: column))
            return open.count <= depthLimit
        }

        mutating func close() -> Bool {
            guard let frame = open.popLast(), frame.key == nil else { return false }
            let value: YAMLNode.Value = frame.isSequence ? .sequence(frame.items) : .mapping(frame.pairs)
            return add(YAMLNode(value, line: frame.line, column: frame.column))
        }

        mutating func add(_ node: YAMLNode) -> Bool {
            guard !open.isEmpty else {
                guard root == nil else { return false }
                root = node
                return true
            }
            let last = open.count - 1
            if open[last].isSequence {
                open[last].items.append(node)
            } else if let key = open[last].key {
                open[last].pairs.append(YAMLNode.Pair(key: key, value: node))
                open[last].key = nil
            } else {
                guard case .scalar(let text, _) = node.value, open[last].keys.insert(text).inserted else { return false }
                open[last].key = node
            }
            return true
        }
    }
}
