// Decoding request bodies and query strings into checked values, and encoding responses.
// Every decoding failure is an Error with a stable code and the offending field.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include "adapters/http/message.hpp"
#include "core/common/json_writer.hpp"
#include "core/common/result.hpp"
#include "ports/store.hpp"

namespace tongban::http {

// True when `text` is one complete JSON value (RFC 8259): stored JSON is checked before
// JsonWriter::raw copies it into an answer.
[[nodiscard]] bool valid_json(std::string_view text);

// Requires Content-Type application/json (else unsupported_media_type) and a JSON object
// body (else invalid_json).
[[nodiscard]] Result<boost::json::object> json_object_body(const HttpRequest& req);

enum class Need { Required, Optional };

// Reads typed fields from a JSON object; the first problem is kept in error().
class JsonFields {
 public:
  explicit JsonFields(const boost::json::object& o) : o_(o) {}
  std::optional<std::string> text(std::string_view key, Need need, std::size_t max_bytes = 256);
  std::optional<std::int64_t> integer(std::string_view key, Need need);
  std::optional<bool> boolean(std::string_view key, Need need);
  // Absent → nullopt; null → optional holding nullopt; value → the value.
  std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view key);
  std::optional<std::optional<std::string>> nullable_text(std::string_view key,
                                                          std::size_t max_bytes = 256);
  [[nodiscard]] bool ok() const { return !error_; }
  [[nodiscard]] const Error& error() const { return *error_; }

 private:
  void fail(std::string_view key, std::string reason);
  const boost::json::object& o_;
  std::optional<Error> error_;
};

// page / page_size query parameters (defaults 1 / 20, page_size at most 200).
[[nodiscard]] Result<ports::PageRequest> page_request(const HttpRequest& req);
// A path parameter that must be a positive integer id; NotFound otherwise.
[[nodiscard]] Result<std::int64_t> id_param(const HttpRequest& req, const std::string& name);
// Optional query parameter, checked for length.
[[nodiscard]] Result<std::optional<std::string>> text_query(const HttpRequest& req,
                                                            std::string_view name,
                                                            std::size_t max_bytes = 128);

[[nodiscard]] HttpResponse json_response(int status, const boost::json::value& v);

// The memory one response's JSON is built in: a monotonic resource over a stack buffer
// (then heap blocks when it is full), released at once when the arena goes out of scope.
// An encoder that takes a storage_ptr builds every part of its value with it (objects,
// arrays, strings, parsed payloads): no malloc/free per key and string, nothing copied.
class JsonArena {
 public:
  JsonArena() = default;
  JsonArena(const JsonArena&) = delete;
  JsonArena& operator=(const JsonArena&) = delete;
  [[nodiscard]] boost::json::storage_ptr storage() const {
    return boost::json::storage_ptr(&resource_);
  }

 private:
  static constexpr std::size_t kBufferBytes = std::size_t{16} * 1024;
  alignas(std::max_align_t) unsigned char buffer_[kBufferBytes];
  mutable boost::json::monotonic_resource resource_{buffer_, kBufferBytes};
};

// True when `encode(item, storage_ptr)` builds on the given storage (see JsonArena).
template <class Encode, class T>
inline constexpr bool kEncodesOnArena =
    std::is_invocable_r_v<boost::json::value, Encode&, const T&, const boost::json::storage_ptr&>;

// True when `encode(writer, item)` writes the item's JSON text (see JsonWriter).
template <class Encode, class T>
inline constexpr bool kWritesJson = std::is_invocable_v<Encode&, JsonWriter&, const T&>;

// `encode(value)` as a JSON response: written straight to the body when the encoder takes a
// JsonWriter, else built on a JsonArena when it takes a storage_ptr.
template <class T, class Encode>
[[nodiscard]] HttpResponse encode_response(int status, const T& value, Encode& encode) {
  if constexpr (kWritesJson<Encode, T>) {
    JsonWriter w(8192);
    encode(w, value);
    return HttpResponse::json(status, std::move(w).take());
  } else if constexpr (kEncodesOnArena<Encode, T>) {
    JsonArena arena;
    return json_response(status, encode(value, arena.storage()));
  } else {
    return json_response(status, encode(value));
  }
}

// {"data": [...], "total": N} — the one list shape.
template <class T, class Encode>
[[nodiscard]] HttpResponse list_response(const ports::PageOf<T>& page, Encode encode) {
  if constexpr (kWritesJson<Encode, T>) {
    JsonWriter w(8192);
    w.object().key("data").array();
    for (const auto& item : page.data) encode(w, item);
    w.end_array().field("total", page.total).end_object();
    return HttpResponse::json(200, std::move(w).take());
  } else {
    JsonArena arena;
    boost::json::storage_ptr sp;
    if constexpr (kEncodesOnArena<Encode, T>) sp = arena.storage();
    boost::json::array data(sp);
    data.reserve(page.data.size());
    for (const auto& item : page.data) {
      if constexpr (kEncodesOnArena<Encode, T>) {
        data.push_back(encode(item, sp));
      } else {
        data.push_back(encode(item));
      }
    }
    return json_response(
        200, boost::json::object({{"data", std::move(data)}, {"total", page.total}}, sp));
  }
}

}  // namespace tongban::http
