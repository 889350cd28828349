import VIOSCore
import VIOSSource

/// The rules that need one document only; they run in the parse worker
/// while the body text is still in memory.
public enum DocumentChecks {
    public static func run(_ parsed: DocumentParser.Parsed, context: CheckContext) -> [Diagnostic] {
        let document = parsed.document
        guard let frontmatter = document.frontmatter else {
            // Without frontmatter the body can still leak personal data.
            return PrivacyCheck.run(document, bodyText: parsed.bodyText, textRuns: parsed.textRuns)
        }
        var out = SchemaCheck.run(document, frontmatter: frontmatter, context: context)
        if document.kind != nil {
            // A refused body (VIOS101, too large to parse) has no sections to check.
            if !parsed.bodyRefused { out += StructureCheck.run(document, context: context) }
            out += CurrencyCheck.run(document, today: context.today)
        }
        out += ReferenceCheck.run(document, context: context)
        out += SafetyCheck.run(document)
        out += PrivacyCheck.run(document, bodyText: parsed.bodyText, frontmatterText: parsed.frontmatterText,
                                textRuns: parsed.textRuns)
        return out
    }
}
