#include "adapters/crypto/key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/crypto/sodium.hpp"

namespace tongban::crypto {
namespace {

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 16 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// Creates `path` with `content` unless it exists: written to a temporary file, then linked to
// the final name (link fails when another process got there first; its key wins).
Status create_exclusively(const std::filesystem::path& path, const std::string& content) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = path.string() + ".tmp." + std::to_string(::getpid()) + "." +
                   std::to_string(randombytes_random());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Error{ErrorCode::InvalidArgument, "cannot create " + tmp};
  const bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = written && (::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST);
  ::unlink(tmp.c_str());
  if (!linked) return Error{ErrorCode::InvalidArgument, "cannot create " + path.string()};
  return ok_status();
}

}  // namespace

std::string new_key_line(const std::string& id) {
  init();
  Key32 key{};
  randombytes_buf(key.data(), key.size());
  std::array<char, 2 * sizeof(Key32) + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  return id + " " + std::string(hex.data()) + "\n";
}

Result<KeyFile> load_key_file(const std::string& path, std::string_view header) {
  init();
  if (!std::filesystem::exists(path)) {
    if (auto s = create_exclusively(path, "# " + std::string(header) + "\n" + new_key_line("k1"));
        !s)
      return s.error();
  }
  std::ifstream in(path);
  if (!in) return Error{ErrorCode::InvalidArgument, "cannot read the key file " + path};
  KeyFile out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string id;
    std::string hex;
    std::string extra;
    if (!(words >> id)) continue;  // blank or comment
    Key32 key{};
    std::size_t len = 0;
    if (!(words >> hex) || (words >> extra) || !valid_id(id) || hex.size() != 2 * key.size() ||
        sodium_hex2bin(key.data(), key.size(), hex.c_str(), hex.size(), nullptr, &len, nullptr) !=
            0 ||
        len != key.size()) {
      return Error{ErrorCode::InvalidArgument,
                   path + ":" + std::to_string(n) + ": expected \"<id> <64 hex digits>\""};
    }
    out.keys[id] = key;
    out.current = id;
  }
  if (out.current.empty()) return Error{ErrorCode::InvalidArgument, path + ": no key"};
  return out;
}

}  // namespace tongban::crypto
