#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Whole reads and writes on a descriptor, retried after a signal: the
// loops of every file vios reads or writes itself (sources, cache files,
// the site's pages). Free functions: inside `DocumentReader`, `CacheFile`
// and `OutputWriter` the names `read` and `write` mean their own methods.

/// Reads until `buffer` is full or the file ends: the number of bytes
/// read, or nil when reading failed.
public func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
    var count = 0
    while count < buffer.count {
        #if canImport(Glibc)
        let n = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
        #else
        let n = Darwin.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
        #endif
        if n == 0 { break }
        if n < 0 {
            if errno == EINTR { continue }
            return nil
        }
        count += n
    }
    return count
}

/// Writes all of `bytes`; false when writing failed.
public func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var count = 0
    while count < bytes.count {
        #if canImport(Glibc)
        let n = Glibc.write(descriptor, bytes.baseAddress! + count, bytes.count - count)
        #else
        let n = Darwin.write(descriptor, bytes.baseAddress! + count, bytes.count - count)
        #endif
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return false }
        count += n
    }
    return true
}
