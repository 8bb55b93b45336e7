// libFuzzer target for the API's JSON request decoding (adapters/http/api/json_io.hpp): a body
// through json_object_body under each Content-Type, then JsonFields reading every field of the
// object as text, integer, boolean, nullable integer and nullable text with tight and default
// limits, and the query decoders (page_request, text_query, id_param) on the same bytes. Beyond
// "no crash", it checks the documented contract: a decoder returns a value that honours its
// limits or an Error whose code is the documented one, and never throws.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/http/api/json_io.hpp"

namespace {

using namespace tongban;
using namespace tongban::http;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void fuzz_fields(const boost::json::object& o) {
  for (const auto& [key, value] : o) {
    const std::string_view k = key;
    for (const std::size_t max : {std::size_t{0}, std::size_t{4}, std::size_t{256}}) {
      JsonFields f(o);
      const auto t = f.text(k, Need::Required, max);
      require(t.has_value() == f.ok());
      if (t) require(value.is_string() && !t->empty() && t->size() <= max);
      if (!f.ok()) require(f.error().code == ErrorCode::ValidationFailed && f.error().field == k);
      JsonFields g(o);
      const auto n = g.nullable_text(k, max);
      if (value.is_null()) require(n && !*n && g.ok());
      if (n && *n) require((*n)->size() <= max);
      if (!g.ok()) require(g.error().code == ErrorCode::ValidationFailed);
    }
    JsonFields f(o);
    const auto i = f.integer(k, Need::Optional);
    if (i) require(value.is_int64() || value.is_uint64());
    const auto b = f.boolean(k, Need::Optional);
    if (b) require(value.is_bool());
    const auto ni = f.nullable_integer(k);
    if (value.is_null()) require(ni && !*ni);
    if (!f.ok()) require(f.error().code == ErrorCode::ValidationFailed && f.error().field == k);
  }
  // A field that is not there: Required fails, Optional does not.
  JsonFields f(o);
  if (!o.contains("\x01missing")) {
    require(!f.text("\x01missing", Need::Optional) && f.ok());
    require(!f.integer("\x01missing", Need::Required) && !f.ok());
  }
}

void fuzz_query(std::string_view input) {
  HttpRequest req;
  // The bytes split into a key and a value at the first '=', as one query parameter and as the
  // page parameters and an {id} path parameter.
  const auto eq = input.find('=');
  const std::string key(input.substr(0, eq));
  const std::string value(eq == std::string_view::npos ? "" : input.substr(eq + 1));
  req.query.emplace(key, value);
  req.query.emplace("page", value);
  req.query.emplace("page_size", key);
  req.path_params["id"] = value;
  if (auto p = page_request(req); p.ok()) {
    require(p->page >= 1 && p->page <= 1'000'000 && p->page_size >= 1 && p->page_size <= 200);
  } else {
    require(p.error().code == ErrorCode::ValidationFailed);
  }
  if (auto t = text_query(req, key, 8); t.ok()) {
    if (*t) require(!(*t)->empty() && (*t)->size() <= 8);
  } else {
    require(t.error().code == ErrorCode::ValidationFailed && t.error().field == key);
  }
  if (auto id = id_param(req, "id"); id.ok()) {
    require(*id >= 1);
  } else {
    require(id.error().code == ErrorCode::NotFound);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  HttpRequest req;
  req.body = std::string(input);
  for (const char* ct : {"application/json", "Application/JSON ; charset=utf-8", "text/plain"}) {
    req.headers["Content-Type"] = ct;
    auto o = json_object_body(req);
    if (!o.ok()) {
      const auto code = o.error().code;
      require(code == ErrorCode::InvalidJson ||
              (code == ErrorCode::UnsupportedMediaType && std::string_view(ct) == "text/plain"));
      continue;
    }
    require(std::string_view(ct) != "text/plain");
    fuzz_fields(*o);
  }
  fuzz_query(input);
  return 0;
}
