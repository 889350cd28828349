import CYaml

/// A first, cheap pass over the YAML events, before Yams builds a tree:
/// Yams resolves aliases by sharing, but hashes mapping keys in full (an
/// alias bomb used as a key hangs it) and composes recursively (deep
/// nesting can overflow a worker thread's stack). This pass counts the
/// nodes the document expands to, aliases included, and its depth, and
/// stops at the first that is over its limit.
enum YAMLPreflight {
    enum Problem: Equatable {
        /// More nodes than the limit, aliases expanded; passed at this
        /// 1-based line within the YAML.
        case tooManyNodes(line: Int)
        /// Collections nested deeper than the limit; the collection that
        /// went over starts here (1-based, within the YAML).
        case tooDeep(line: Int, column: Int)
    }

    /// nil when the YAML is within the limits, or when libyaml itself
    /// fails (Yams then reports that error with its own position).
    static func check(_ yaml: String, nodeLimit: Int, depthLimit: Int) -> Problem? {
        let cap = nodeLimit + 1
        func add(_ a: Int, _ b: Int) -> Int { min(cap, a + b) }
        /// Expanded size of each anchored node, by anchor name.
        var sizes: [String: Int] = [:]
        /// Open collections: their anchor and the nodes inside so far.
        var stack: [(anchor: String?, size: Int)] = []
        var total = 0
        return LibYAMLEvents.first(yaml) { event -> Problem? in
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            var size = 0
            switch event.type {
            case YAML_SCALAR_EVENT:
                size = 1
                if let anchor = event.data.scalar.anchor { sizes[String(cString: anchor)] = 1 }
            case YAML_ALIAS_EVENT:
                size = event.data.alias.anchor.flatMap { sizes[String(cString: $0)] } ?? 1
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                stack.append((anchor.map { String(cString: $0) }, 1))
                total = add(total, 1)
                if stack.count > depthLimit { return .tooDeep(line: line, column: column) }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                if let anchor = frame.anchor { sizes[anchor] = frame.size }
                if !stack.isEmpty { stack[stack.count - 1].size = add(stack[stack.count - 1].size, frame.size) }
                return nil
            default:
                return nil
            }
            total = add(total, size)
            if !stack.isEmpty { stack[stack.count - 1].size = add(stack[stack.count - 1].size, size) }
            return total > nodeLimit ? .tooManyNodes(line: line) : nil
        }
    }
}
