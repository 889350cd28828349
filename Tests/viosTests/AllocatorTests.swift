import CMimalloc
import Testing
@testable import vios

/// The executable's allocator (Sources/vios/Allocator.swift): linking
/// mimalloc is only worth its place if it really serves `malloc`.
struct AllocatorTests {
    @Test func mallocIsMimallocs() {
        #expect(Allocator.version >= 200)
        #expect(Allocator.servesMalloc, "malloc comes from glibc, not mimalloc: check the link order")
    }

    @Test func swiftObjectsLiveInMimallocsHeap() {
        // The Swift runtime allocates through malloc too.
        let array = [UInt8](repeating: 7, count: 1000)
        #expect(array.withUnsafeBytes { mi_is_in_heap_region($0.baseAddress) })
    }
}
