#include "adapters/http/api/json_io.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <charconv>

namespace tongban::http {

namespace json = boost::json;

Result<json::object> json_object_body(const HttpRequest& req) {
  const auto ct = req.header("Content-Type").value_or("");
  const auto semi = ct.find(';');
  std::string media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (auto& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media != "application/json") {
    return Error{ErrorCode::UnsupportedMediaType, "expected application/json"};
  }
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) return Error{ErrorCode::InvalidJson, ec.message()};
  if (!v.is_object()) return Error{ErrorCode::InvalidJson, "the body must be a JSON object"};
  return std::move(v.as_object());
}

void JsonFields::fail(std::string_view key, std::string reason) {
  if (!error_) error_ = Error{ErrorCode::ValidationFailed, std::move(reason), std::string(key)};
}

std::optional<std::string> JsonFields::text(std::string_view key, Need need,
                                            std::size_t max_bytes) {
  const auto* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (need == Need::Required) fail(key, "required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    fail(key, "must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_string();
  if (s.size() > max_bytes) {
    fail(key, "too long (max " + std::to_string(max_bytes) + " bytes)");
    return std::nullopt;
  }
  if (need == Need::Required && s.empty()) {
    fail(key, "required");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::int64_t> JsonFields::integer(std::string_view key, Need need) {
  const auto* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (need == Need::Required) fail(key, "required");
    return std::nullopt;
  }
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  fail(key, "must be an integer");
  return std::nullopt;
}

std::optional<bool> JsonFields::boolean(std::string_view key, Need need) {
  const auto* v = o_.if_contains(key);
  if (!v || v->is_null()) {
    if (need == Need::Required) fail(key, "required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    fail(key, "must be true or false");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::optional<std::int64_t>> JsonFields::nullable_integer(std::string_view key) {
  const auto* v = o_.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::int64_t>{};
  auto i = integer(key, Need::Optional);
  if (!i) return std::nullopt;
  return std::optional<std::int64_t>{*i};
}

std::optional<std::optional<std::string>> JsonFields::nullable_text(std::string_view key,
                                                                    std::size_t max_bytes) {
  const auto* v = o_.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>{};
  auto s = text(key, Need::Optional, max_bytes);
  if (!s) return std::nullopt;
  return std::optional<std::string>{*s};
}

namespace {
std::optional<std::int64_t> to_int(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

Result<ports::PageRequest> page_request(const HttpRequest& req) {
  ports::PageRequest p;
  if (auto s = req.query_param("page")) {
    auto v = to_int(*s);
    if (!v || *v < 1 || *v > 1'000'000)
      return Error{ErrorCode::ValidationFailed, "page must be 1..1000000", "page"};
    p.page = *v;
  }
  if (auto s = req.query_param("page_size")) {
    auto v = to_int(*s);
    if (!v || *v < 1 || *v > 200) {
      return Error{ErrorCode::ValidationFailed, "page_size must be 1..200", "page_size"};
    }
    p.page_size = *v;
  }
  return p;
}

Result<std::int64_t> id_param(const HttpRequest& req, const std::string& name) {
  auto it = req.path_params.find(name);
  if (it == req.path_params.end()) return Error{ErrorCode::NotFound};
  auto v = to_int(it->second);
  if (!v || *v < 1) return Error{ErrorCode::NotFound};
  return *v;
}

Result<std::optional<std::string>> text_query(const HttpRequest& req, std::string_view name,
                                              std::size_t max_bytes) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::optional<std::string>{};
  if (v->size() > max_bytes)
    return Error{ErrorCode::ValidationFailed, "too long", std::string(name)};
  return std::optional<std::string>{*v};
}

HttpResponse json_response(int status, const json::value& v) {
  return HttpResponse::json(status, json::serialize(v));
}

namespace {

// A boost::json parser handler that keeps nothing: the text is only checked.
struct Validator {
  using error_code = boost::system::error_code;
  using string_view = boost::json::string_view;
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return true; }
  bool on_object_end(std::size_t, error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_key_part(string_view, std::size_t, error_code&) { return true; }
  bool on_key(string_view, std::size_t, error_code&) { return true; }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

bool valid_json(std::string_view text) {
  boost::json::basic_parser<Validator> p(boost::json::parse_options{});
  boost::system::error_code ec;
  const auto n = p.write_some(false, text.data(), text.size(), ec);
  return !ec && n == text.size();
}

}  // namespace tongban::http
