// A SQLite VFS over the default "unix" one that writes a commit's WAL frames with one system
// write instead of two per frame.
//
// SQLite writes each WAL frame as two xWrite calls (the 24-byte frame header, then the page),
// so a commit of N pages costs 2N pwrite() calls. The shim buffers contiguous writes to a WAL
// file (SQLITE_OPEN_WAL) and hands them to the unix VFS as one write:
//  * right after the page that follows a commit frame's header (header bytes 4..7, "database
//    size after commit", non-zero), i.e. still inside sqlite3WalFrames, before the COMMIT
//    returns: an acknowledged commit is in the kernel as before (a crash of the process loses
//    nothing; durability against power loss is synchronous's business, as before);
//  * before anything that must see the file as written: a write elsewhere than the buffer's
//    range, xRead, xSync, xTruncate, xFileSize, xLock/xUnlock, xFileControl, xFetch, xClose;
//    when the buffer would pass 128 KiB - 1 (the largest write the unix VFS makes in one call:
//    31 frames of 4 KiB pages; a bigger commit takes a write per 31 frames, a big transaction
//    spilling its cache early writes its frames in such parts); and before the
//    connection releases the WAL write lock (an unlock of wal-index lock slot 0 on the main
//    database file), so no other connection can write the WAL while this one holds frames.
// Why buffering until the commit frame is safe for readers: another connection reads only the
// frames the wal-index header lists, and SQLite updates that header after sqlite3WalFrames has
// written every frame of the commit -- by then the buffer was flushed. Frames of a transaction
// that has not committed are invisible to readers and to crash recovery (no commit frame after
// them), whether in the buffer or in the file. The buffer's content always equals what writing
// through would have put in the file; only the moment differs.
//
// A failed flush is reported by the call that triggered it (the unix VFS's code:
// SQLITE_IOERR_WRITE, SQLITE_FULL on ENOSPC), so a commit whose frames could not be written
// fails; the buffer is dropped. The only flush that cannot report is the one at the write
// lock's release: it can only hold frames of a transaction that did not commit.
//
// Thread-safety: the VFS is registered once (coalescing_vfs_name() is safe to call from any
// thread); a file belongs to one connection, used by one thread at a time, as SQLite requires.
#pragma once

#include <cstdint>

namespace tongban::sqlite {

// The name to pass to sqlite3_open_v2 as zVfs; registers the VFS on the first call (not as the
// default VFS). nullptr when the default VFS cannot be wrapped (then open with the default).
[[nodiscard]] const char* coalescing_vfs_name();

// Process-wide counts of the VFS's WAL writes, for tests and /metrics.
struct WalWriteStats {
  std::uint64_t calls = 0;     // xWrite calls SQLite made on WAL files
  std::uint64_t writes = 0;    // writes issued to the file system (one pwrite each)
  std::uint64_t bytes = 0;     // bytes in them
  std::uint64_t failures = 0;  // of those writes, the ones that failed
};
[[nodiscard]] WalWriteStats wal_write_stats();

}  // namespace tongban::sqlite
