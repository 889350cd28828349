// CYaml is the libyaml that Yams builds and links; importing it directly
// reads the event stream without building a tree.
import CYaml

/// libyaml's event stream over a UTF-8 string, for the passes that read
/// events themselves (`YAMLPreflight`, `YAMLComposer`).
enum LibYAMLEvents {
    /// Hands each event to `visit` until it gives an answer or the stream
    /// ends (the stream's end is handed over too); nil when libyaml fails
    /// or no event gave an answer.
    static func first<T>(_ yaml: String, _ visit: (borrowing yaml_event_t) -> T?) -> T? {
        var yaml = yaml
        return yaml.withUTF8 { bytes -> T? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            // libyaml asserts on a null input pointer, which an empty string may give.
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) { placeholder -> T? in
                yaml_parser_set_input_string(&parser, bytes.baseAddress ?? placeholder, bytes.count)
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                    defer { yaml_event_delete(&event) }
                    if let answer = visit(event) { return answer }
                    if event.type == YAML_STREAM_END_EVENT { return nil }
                }
            }
        }
    }
}
