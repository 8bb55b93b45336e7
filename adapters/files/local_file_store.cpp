#include "adapters/files/local_file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace tongban::files {
namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& p) {
  throw std::filesystem::filesystem_error(what, p, std::error_code(errno, std::generic_category()));
}

void fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_errno("open directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw_errno("fsync directory", dir);
}

// Writes bytes to a new temporary file in `dir`, fsync'ed; returns its path.
std::filesystem::path write_temp(const std::filesystem::path& dir, std::string_view bytes) {
  std::string templ = (dir / ".upload-XXXXXX").string();
  std::vector<char> name(templ.begin(), templ.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw_errno("create temporary file", dir);
  std::filesystem::path tmp(name.data());
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      throw_errno("write", tmp);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    throw_errno("fsync", tmp);
  }
  return tmp;
}

// Writes `bytes` to `target` atomically: a temporary file in its directory, fsync'ed, renamed
// over it, the directory fsync'ed.
void replace_file(const std::filesystem::path& target, std::string_view bytes) {
  const auto dir = target.parent_path();
  std::filesystem::create_directories(dir);
  const auto tmp = write_temp(dir, bytes);
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    throw_errno("rename", target);
  }
  fsync_dir(dir);
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

bool is_sealed(std::string_view stored) { return stored.starts_with(kSealedMagic); }

}  // namespace

bool is_file_id(std::string_view id) {
  if (id.size() != 64) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

LocalFileStore::LocalFileStore(LocalFileStoreOptions options, ports::FileScanner& scanner,
                               audit::HashFn sha256_hex)
    : options_(std::move(options)), scanner_(scanner), sha256_hex_(std::move(sha256_hex)) {
  std::filesystem::create_directories(options_.root);
}

std::filesystem::path LocalFileStore::path_of(std::string_view id) const {
  return options_.root / std::string(id.substr(0, 2)) / std::string(id);
}

Result<ports::StoredFile> LocalFileStore::put(std::string_view bytes,
                                              std::string_view declared_content_type,
                                              std::string_view original_name) {
  auto checked = check_upload(bytes, declared_content_type, original_name, options_.max_bytes);
  if (!checked) return checked.error();
  if (auto scanned = scanner_.scan(bytes); !scanned) return scanned.error();

  ports::StoredFile out{sha256_hex_(bytes), static_cast<std::int64_t>(bytes.size()),
                        std::move(checked->content_type), std::move(checked->original_name)};
  const auto target = path_of(out.id);
  if (std::filesystem::exists(target)) return out;  // same bytes, stored already
  if (options_.box != nullptr) {
    replace_file(target, std::string(kSealedMagic) + options_.box->seal_bytes(bytes));
  } else {
    replace_file(target, bytes);
  }
  return out;
}

std::optional<std::string> LocalFileStore::get(std::string_view id) const {
  if (!is_file_id(id)) return std::nullopt;
  auto stored = read_file(path_of(id));
  if (!stored || !is_sealed(*stored)) return stored;  // absent, or stored before sealing
  auto plain = options_.box != nullptr
                   ? options_.box->open_bytes(std::string_view(*stored).substr(kSealedMagic.size()))
                   : std::nullopt;
  if (!plain) {
    throw std::runtime_error("file " + std::string(id) +
                             ": sealed under a key data_key_file does not hold, or altered");
  }
  return plain;
}

bool LocalFileStore::exists(std::string_view id) const {
  return is_file_id(id) && std::filesystem::exists(path_of(id));
}

FileSealReport LocalFileStore::seal_stored() const {
  const auto& box = *options_.box;
  const std::string current = box.current_key_id() + ":";
  FileSealReport report;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(options_.root)) {
    const auto name = entry.path().filename().string();
    if (!entry.is_regular_file() || !is_file_id(name)) continue;  // temporary files among them
    const auto stored = read_file(entry.path());
    if (!stored) continue;  // removed meanwhile
    const auto body =
        std::string_view(*stored).substr(is_sealed(*stored) ? kSealedMagic.size() : 0);
    if (is_sealed(*stored) && body.starts_with(current)) continue;
    const auto plain = is_sealed(*stored) ? box.open_bytes(body) : std::optional<std::string>(body);
    if (!plain) {
      ++report.unopened;
      continue;
    }
    replace_file(entry.path(), std::string(kSealedMagic) + box.seal_bytes(*plain));
    ++(is_sealed(*stored) ? report.resealed : report.sealed);
  }
  return report;
}

}  // namespace tongban::files
