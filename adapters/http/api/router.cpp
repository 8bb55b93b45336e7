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

void Router::add(std::string method, std::string pattern, Access access, RouteHandler handler,
                 Placement placement) {
  auto segments = split(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler),
                          std::move(segments), placement});
}

const Route* Router::lookup(std::string_view method, std::string_view path,
                            std::map<std::string, std::string>* params,
                            std::vector<std::string>* allowed) const {
  const auto parts = split(path);
  for (const auto& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      ok = is_capture(r.segments[i]) || r.segments[i] == parts[i];
    }
    if (!ok) continue;
    if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
      if (allowed != nullptr &&
          std::find(allowed->begin(), allowed->end(), r.method) == allowed->end()) {
        allowed->push_back(r.method);
      }
      continue;
    }
    if (params != nullptr) {
      for (std::size_t i = 0; i < parts.size(); ++i) {
        if (is_capture(r.segments[i])) {
          (*params)[r.segments[i].substr(1, r.segments[i].size() - 2)] = parts[i];
        }
      }
    }
    if (allowed != nullptr) allowed->clear();
    return &r;
  }
  return nullptr;
}

Router::Match Router::match(HttpRequest& req) const {
  Match m;
  std::map<std::string, std::string> params;
  m.route = lookup(req.method, req.path, &params, &m.allowed);
  if (m.route != nullptr) {
    req.route = m.route->pattern;
    req.path_params = std::move(params);
  }
  return m;
}

const Route* Router::find(std::string_view method, std::string_view path) const {
  return lookup(method, path, nullptr, nullptr);
}

}  // namespace tongban::http
