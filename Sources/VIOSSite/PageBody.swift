import Mustache
import VIOSCore

/// A document's body in its page's context, for `{{{body}}}`: the HTML as
/// the page shows it (made so when parsed, `BodyHTML`), fingerprinted by
/// the digest it got then (`ContextFingerprint`). As a String, every body
/// (200 MB nationally) was copied into its page's fingerprint and hashed
/// again, and a rebuild decoded bodies of pages it then did not render.
struct PageBody: MustacheCustomRenderable, MustacheParent {
    let html: DigestedText?

    var renderText: String { html?.text ?? "" }
    /// Required: swift-mustache's default for it is not public.
    var isNull: Bool { false }
    /// No children, as a String has none: names inside `{{#body}}…{{/body}}`
    /// resolve in the enclosing contexts.
    func child(named name: String) -> Any? { nil }
}
