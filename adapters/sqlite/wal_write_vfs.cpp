#include "adapters/sqlite/wal_write_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <unordered_map>

namespace tongban::sqlite {
namespace {

constexpr int kFrameHeaderBytes = 24;  // WAL_FRAME_HDRSIZE
// The most bytes held: the unix VFS writes at most 0x1ffff bytes per call (os_unix.c
// seekAndWriteFd masks the length), so a flush never passes that. 31 frames of 4 KiB pages.
constexpr std::size_t kMaxBuffer = 0x1ffff;
constexpr int kWalWriteLockSlot = 0;  // WAL_WRITE_LOCK among the wal-index locks
constexpr const char* kVfsName = "tongban-wal-coalescing";

std::atomic<std::uint64_t> g_calls{0};
std::atomic<std::uint64_t> g_writes{0};
std::atomic<std::uint64_t> g_bytes{0};
std::atomic<std::uint64_t> g_failures{0};

sqlite3_vfs* g_base = nullptr;  // the wrapped default VFS; set once before registration
sqlite3_vfs g_vfs{};

// One open file of the shim: a WAL file (buffers its writes) or a main database file (watches
// the WAL write lock). Other files (journals, temp files) are opened by the base VFS directly.
// The base VFS's file lives in the same allocation, right after this struct.
struct ShimFile {
  sqlite3_file base;   // first: SQLite hands this address back to the methods
  sqlite3_file* real;  // the base VFS's file
  bool wal;
  // WAL files.
  ShimFile* db;  // the same connection's main database file, while both are open
  char* buf;     // pending bytes for offsets [start, start + len)
  std::size_t len;
  std::size_t cap;
  sqlite3_int64 start;
  bool in_commit_frame;  // the last frame header seen marks a commit: flush after each write
  // Main database files.
  const char* name;  // the pointer SQLite passed to xOpen: the key of g_databases
  ShimFile* wal_file;
};

constexpr int kHeadBytes = static_cast<int>((sizeof(ShimFile) + 7) & ~std::size_t{7});

ShimFile* shim(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f); }
sqlite3_file* real_of(sqlite3_file* f) { return shim(f)->real; }

// A connection's main database file, by the name pointer its WAL file's name leads back to
// (sqlite3_filename_database): links a WAL file to the file whose lock calls it watches.
std::mutex g_databases_mu;
std::unordered_map<const char*, ShimFile*> g_databases;  // guarded by g_databases_mu

// Writes the pending bytes as one write. The buffer is empty afterwards, written or not.
int flush(ShimFile* f) {
  if (f->len == 0) return SQLITE_OK;
  const int rc = f->real->pMethods->xWrite(f->real, f->buf, static_cast<int>(f->len), f->start);
  g_writes.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(f->len, std::memory_order_relaxed);
  if (rc != SQLITE_OK) g_failures.fetch_add(1, std::memory_order_relaxed);
  f->len = 0;
  return rc;
}

// A write that does not fit the buffer (larger than the cap, or no memory), as it is.
int write_through(ShimFile* f, const void* data, int amount, sqlite3_int64 offset) {
  const int rc = f->real->pMethods->xWrite(f->real, data, amount, offset);
  g_writes.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(static_cast<std::uint64_t>(amount), std::memory_order_relaxed);
  if (rc != SQLITE_OK) g_failures.fetch_add(1, std::memory_order_relaxed);
  return rc;
}

bool reserve(ShimFile* f, std::size_t size) {
  if (size <= f->cap) return true;
  const std::size_t cap = std::min(kMaxBuffer, std::max(size, f->cap * 2));
  auto* p = static_cast<char*>(std::realloc(f->buf, cap));
  if (p == nullptr) return false;
  f->buf = p;
  f->cap = cap;
  return true;
}

int write_wal(ShimFile* f, const void* data, int amount, sqlite3_int64 offset) {
  g_calls.fetch_add(1, std::memory_order_relaxed);
  const auto* bytes = static_cast<const unsigned char*>(data);
  const auto n = static_cast<std::size_t>(amount);
  const bool header = amount == kFrameHeaderBytes;
  if (header) f->in_commit_frame = (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
  // Inside or right at the end of the pending range, and within the cap: into the buffer.
  const bool joins = f->len > 0 && offset >= f->start &&
                     offset <= f->start + static_cast<sqlite3_int64>(f->len) &&
                     static_cast<std::size_t>(offset - f->start) + n <= kMaxBuffer;
  if (!joins || !reserve(f, static_cast<std::size_t>(offset - f->start) + n)) {
    if (const int rc = flush(f); rc != SQLITE_OK) return rc;
    f->start = offset;
    if (n > kMaxBuffer || !reserve(f, n)) return write_through(f, data, amount, offset);
  }
  const auto at = static_cast<std::size_t>(offset - f->start);
  std::memcpy(f->buf + at, data, n);
  f->len = std::max(f->len, at + n);
  // The commit frame's page (and, with synchronous=FULL on a device without powersafe
  // overwrite, the padding frames after it) ends the commit: write it out before SQLite
  // publishes the frames in the wal-index.
  if (f->in_commit_frame && !header) return flush(f);
  return SQLITE_OK;
}

// ---- io methods --------------------------------------------------------------------------

int x_close(sqlite3_file* file) {
  ShimFile* f = shim(file);
  const int rc = flush(f);
  {
    std::lock_guard lock(g_databases_mu);
    if (f->wal) {
      if (f->db != nullptr) f->db->wal_file = nullptr;
    } else {
      g_databases.erase(f->name);
      if (f->wal_file != nullptr) f->wal_file->db = nullptr;
    }
  }
  const int rc2 = f->real->pMethods->xClose(f->real);
  std::free(f->buf);
  f->buf = nullptr;
  return rc != SQLITE_OK ? rc : rc2;
}

int x_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  ShimFile* f = shim(file);
  if (f->wal) return write_wal(f, data, amount, offset);
  return f->real->pMethods->xWrite(f->real, data, amount, offset);
}

// On the main database file. Releasing the WAL write lock ends the connection's write
// transaction; frames still buffered then belong to one that did not commit (a commit flushes
// at its commit frame), yet they must reach the file before another connection may write the
// WAL, exactly as writing through would have done. Their write error has no caller to go to
// (SQLite ignores the unlock's result): the frames are garbage to every reader either way.
int x_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  ShimFile* f = shim(file);
  if ((flags & SQLITE_SHM_UNLOCK) != 0 && offset <= kWalWriteLockSlot &&
      kWalWriteLockSlot < offset + n && f->wal_file != nullptr) {
    (void)flush(f->wal_file);
  }
  return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

// The base VFS file's method Member, as it is.
template <auto Member, class R, class... Args>
R forward(sqlite3_file* file, Args... args) {
  return (real_of(file)->pMethods->*Member)(real_of(file), args...);
}

// The same after writing the pending bytes (nothing to write for a main database file): for
// everything that must see the file as written. A failed write is this call's error.
template <auto Member, class... Args>
int flush_then_forward(sqlite3_file* file, Args... args) {
  if (const int rc = flush(shim(file)); rc != SQLITE_OK) return rc;
  return forward<Member, int, Args...>(file, args...);
}

using M = sqlite3_io_methods;
using i64 = sqlite3_int64;

const sqlite3_io_methods kMethods = {
    .iVersion = 3,
    .xClose = x_close,
    .xRead = flush_then_forward<&M::xRead, void*, int, i64>,
    .xWrite = x_write,
    .xTruncate = flush_then_forward<&M::xTruncate, i64>,
    .xSync = flush_then_forward<&M::xSync, int>,
    .xFileSize = flush_then_forward<&M::xFileSize, i64*>,
    .xLock = flush_then_forward<&M::xLock, int>,
    .xUnlock = flush_then_forward<&M::xUnlock, int>,
    .xCheckReservedLock = forward<&M::xCheckReservedLock, int, int*>,
    .xFileControl = flush_then_forward<&M::xFileControl, int, void*>,
    .xSectorSize = forward<&M::xSectorSize, int>,
    .xDeviceCharacteristics = forward<&M::xDeviceCharacteristics, int>,
    .xShmMap = forward<&M::xShmMap, int, int, int, int, void volatile**>,
    .xShmLock = x_shm_lock,
    .xShmBarrier = forward<&M::xShmBarrier, void>,
    .xShmUnmap = forward<&M::xShmUnmap, int, int>,
    .xFetch = flush_then_forward<&M::xFetch, i64, int, void**>,
    .xUnfetch = forward<&M::xUnfetch, int, i64, void*>,
};

// ---- the VFS -----------------------------------------------------------------------------

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  const bool wal = (flags & SQLITE_OPEN_WAL) != 0;
  const bool main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0 && name != nullptr;
  if (!wal && !main_db) return g_base->xOpen(g_base, name, file, flags, out_flags);
  auto* f = new (file) ShimFile{};
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kHeadBytes);
  f->wal = wal;
  const int rc = g_base->xOpen(g_base, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    f->base.pMethods = nullptr;  // SQLite calls no method of a file that failed to open
    return rc;
  }
  if (f->real->pMethods->iVersion < kMethods.iVersion) {  // a base without shm or fetch
    f->real->pMethods->xClose(f->real);
    f->base.pMethods = nullptr;
    return SQLITE_CANTOPEN;
  }
  f->base.pMethods = &kMethods;
  std::lock_guard lock(g_databases_mu);
  if (wal) {
    if (auto it = g_databases.find(sqlite3_filename_database(name)); it != g_databases.end()) {
      f->db = it->second;
      it->second->wal_file = f;
    }
  } else {
    f->name = name;
    g_databases[name] = f;
  }
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_base->xDelete(g_base, name, sync_dir);
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_base->xAccess(g_base, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_base->xFullPathname(g_base, name, n, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return g_base->xDlOpen(g_base, name); }
void x_dl_error(sqlite3_vfs*, int n, char* out) { g_base->xDlError(g_base, n, out); }
void (*x_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))() {
  return g_base->xDlSym(g_base, handle, symbol);
}
void x_dl_close(sqlite3_vfs*, void* handle) { g_base->xDlClose(g_base, handle); }
int x_randomness(sqlite3_vfs*, int n, char* out) { return g_base->xRandomness(g_base, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return g_base->xSleep(g_base, us); }
int x_current_time(sqlite3_vfs*, double* out) { return g_base->xCurrentTime(g_base, out); }
int x_get_last_error(sqlite3_vfs*, int n, char* out) {
  return g_base->xGetLastError(g_base, n, out);
}
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_base->xCurrentTimeInt64(g_base, out);
}
int x_set_system_call(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr p) {
  return g_base->xSetSystemCall(g_base, name, p);
}
sqlite3_syscall_ptr x_get_system_call(sqlite3_vfs*, const char* name) {
  return g_base->xGetSystemCall(g_base, name);
}
const char* x_next_system_call(sqlite3_vfs*, const char* name) {
  return g_base->xNextSystemCall(g_base, name);
}

const char* register_vfs() {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  if (base == nullptr || base->iVersion < 3) return nullptr;
  g_base = base;
  g_vfs.iVersion = 3;
  g_vfs.szOsFile = kHeadBytes + base->szOsFile;
  g_vfs.mxPathname = base->mxPathname;
  g_vfs.zName = kVfsName;
  g_vfs.xOpen = x_open;
  g_vfs.xDelete = x_delete;
  g_vfs.xAccess = x_access;
  g_vfs.xFullPathname = x_full_pathname;
  g_vfs.xDlOpen = x_dl_open;
  g_vfs.xDlError = x_dl_error;
  g_vfs.xDlSym = x_dl_sym;
  g_vfs.xDlClose = x_dl_close;
  g_vfs.xRandomness = x_randomness;
  g_vfs.xSleep = x_sleep;
  g_vfs.xCurrentTime = x_current_time;
  g_vfs.xGetLastError = x_get_last_error;
  g_vfs.xCurrentTimeInt64 = x_current_time_int64;
  g_vfs.xSetSystemCall = x_set_system_call;
  g_vfs.xGetSystemCall = x_get_system_call;
  g_vfs.xNextSystemCall = x_next_system_call;
  if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) return nullptr;
  return kVfsName;
}

}  // namespace

const char* coalescing_vfs_name() {
  static const char* const name = register_vfs();
  return name;
}

WalWriteStats wal_write_stats() {
  return {g_calls.load(std::memory_order_relaxed), g_writes.load(std::memory_order_relaxed),
          g_bytes.load(std::memory_order_relaxed), g_failures.load(std::memory_order_relaxed)};
}

}  // namespace tongban::sqlite
