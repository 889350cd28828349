import CMimalloc
#if canImport(Glibc)
import Glibc
#endif

// vios allocates and frees millions of small objects on several threads
// (Mustache contexts, strings, parsed trees). Linked into the executable,
// mimalloc takes the place of glibc's malloc for the whole process:
// libswiftCore, Foundation and libcmark-gfm call `malloc` through the
// dynamic linker, which looks in the executable's libraries, in link
// order, before libc. On a national site that takes 6–8 % off a cold
// build and 10 % off a rebuild after one edit (issue 5, README).
enum Allocator {
    /// mimalloc's version, e.g. 209 for 2.0.9.
    static var version: Int { Int(mi_version()) }

    /// Whether `malloc` in this process is mimalloc's: a block from it
    /// lies in mimalloc's heap.
    static var servesMalloc: Bool {
        guard let block = malloc(64) else { return false }
        defer { free(block) }
        return mi_is_in_heap_region(block)
    }
}
