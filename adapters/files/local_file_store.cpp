#include "adapters/files/local_file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
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
  const auto shard = target.parent_path();
  std::filesystem::create_directories(shard);
  const auto tmp = write_temp(shard, bytes);
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    throw_errno("rename", target);
  }
  fsync_dir(shard);
  return out;
}

std::optional<std::string> LocalFileStore::get(std::string_view id) const {
  if (!is_file_id(id)) return std::nullopt;
  std::ifstream in(path_of(id), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

bool LocalFileStore::exists(std::string_view id) const {
  return is_file_id(id) && std::filesystem::exists(path_of(id));
}

}  // namespace tongban::files
