#include "adapters/http/api/router.hpp"

#include <algorithm>

namespace tongban::http {
namespace {

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const auto j = path.find('/', i);
    const auto end = j == std::string_view::npos ? path.size() : j;
    out.emplace_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_capture(const std::string& s) {
  return s.size() > 2 && s.front() == '{' && s.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Access access, RouteHandler handler) {
  auto segments = split(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler),
                          std::move(segments)});
}

Router::Match Router::match(HttpRequest& req) const {
  const auto parts = split(req.path);
  Match m;
  for (const auto& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (is_capture(r.segments[i])) {
        params[r.segments[i].substr(1, r.segments[i].size() - 2)] = parts[i];
      } else {
        ok = r.segments[i] == parts[i];
      }
    }
    if (!ok) continue;
    const bool method_ok = r.method == req.method || (req.method == "HEAD" && r.method == "GET");
    if (!method_ok) {
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) {
        m.allowed.push_back(r.method);
      }
      continue;
    }
    req.route = r.pattern;
    req.path_params = std::move(params);
    m.route = &r;
    m.allowed.clear();
    return m;
  }
  return m;
}

}  // namespace tongban::http
