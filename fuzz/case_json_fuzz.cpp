// libFuzzer target for the case submission decoders (adapters/http/api/case_json.hpp): a JSON
// body through json_object_body, then case_form and case_material_refs under "materials" and
// under every other key of the object, and idempotency_key on the bytes as a header. Beyond
// "no crash", it checks the documented contract: a value within the documented limits or a
// validation_failed Error naming its field, never an exception.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/http/api/case_json.hpp"
#include "adapters/http/api/json_io.hpp"

namespace {

using namespace tongban;
using namespace tongban::http;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void fuzz_refs(const boost::json::object& o, std::string_view key) {
  auto refs = case_material_refs(o, key);
  if (!refs.ok()) {
    require(refs.error().code == ErrorCode::ValidationFailed && refs.error().field == key);
    return;
  }
  require(refs->size() <= 100);
  if (!o.contains(key) || o.at(key).is_null()) require(refs->empty());
  for (const auto& r : *refs) {
    require(!r.material_code.empty() && r.material_code.size() <= 32);
    if (r.file_id) require(r.file_id->size() <= 64);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  HttpRequest req;
  req.headers["Content-Type"] = "application/json";
  req.headers["Idempotency-Key"] = std::string(input);
  if (auto key = idempotency_key(req); key.ok()) {
    require(*key && !(*key)->empty() && (*key)->size() <= 128);
  } else {
    require(key.error().code == ErrorCode::ValidationFailed);
  }
  req.body = std::string(input);
  auto body = json_object_body(req);
  if (!body.ok()) {
    require(body.error().code == ErrorCode::InvalidJson);
    return 0;
  }
  if (auto form = case_form(*body); form.ok()) {
    // The stored form is an object's JSON text ("{}" when absent) of at most 32 KiB.
    require(form->size() <= std::size_t{32} * 1024);
    boost::system::error_code ec;
    const auto v = boost::json::parse(*form, ec);
    require(!ec && v.is_object());
  } else {
    require(form.error().code == ErrorCode::ValidationFailed && form.error().field == "form");
  }
  fuzz_refs(*body, "materials");
  for (const auto& [key, value] : *body) fuzz_refs(*body, key);
  return 0;
}
