import Testing
import VIOSCore
@testable import VIOSChecks

/// The formulas behind VIOS205, VIOS207, VIOS501 and VIOS504 (docs/domain.md).
@Suite struct IdentifierTests {
    func digits(_ s: String) -> [UInt8] { s.utf8.map { $0 - 48 } }

    @Test func elfproef() {
        #expect(BSN.isValid(digits("111222333")))
        #expect(BSN.isValid(digits("123456782")))
        #expect(!BSN.isValid(digits("123456789")))
        #expect(!BSN.isValid(digits("000000000")))
        #expect(!BSN.isValid(digits("12345678")))
        // 8 digits padded with a leading 0: 0·9 + 1·8 + … − d9.
        #expect(BSN.isValid(digits("012345672")))
    }

    @Test func dutchIBANMod97() {
        #expect(IBAN.isValidDutch(Array("NL91ABNA0417164300".utf8)))
        #expect(IBAN.isValidDutch(Array("NL20INGB0001234567".utf8)))
        #expect(!IBAN.isValidDutch(Array("NL92ABNA0417164300".utf8)))
        #expect(!IBAN.isValidDutch(Array("NL91ABNA041716430".utf8)))
        #expect(!IBAN.isValidDutch(Array("DE89370400440532013000".utf8)))
        #expect(IBAN.hasDutchShape(Array("NL92ABNA0417164300".utf8)))
        #expect(!IBAN.hasDutchShape(Array("NL92AB1A0417164300".utf8)))
    }

    @Test func brinAndCBSCode() {
        #expect(Identifiers.isBRIN("12AB") && Identifiers.isBRIN("12AB00"))
        #expect(!Identifiers.isBRIN("12AB0") && !Identifiers.isBRIN("12ab") && !Identifiers.isBRIN("1ABC00"))
        #expect(Identifiers.isCBSCode("GM0202"))
        #expect(!Identifiers.isCBSCode("GM202") && !Identifiers.isCBSCode("gm0202") && !Identifiers.isCBSCode("GM02020"))
    }

    @Test func publicServiceNumbers() {
        for number in ["112", "09008844", "08002000", "08007000", "08000432"] {
            #expect(PhoneNumbers.isPublicService(number))
        }
        #expect(!PhoneNumbers.isPublicService("0612345678"))
    }
}
