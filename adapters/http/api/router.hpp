// Maps (method, path) to a route. Patterns are literal segments and `{name}` captures,
// e.g. "/api/v1/users/{id}". The table is also what the OpenAPI test checks.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "adapters/http/message.hpp"
#include "app/context.hpp"

namespace tongban::http {

enum class Access {
  Public,    // anyone; a valid session still identifies the actor
  SignedIn,  // 401 without a valid session or bearer token
};

// One request as a handler sees it: the decoded HTTP request plus who is calling.
struct Call {
  HttpRequest& req;
  app::RequestContext ctx;
  std::string session_token;  // empty when anonymous
};

using RouteHandler = std::function<HttpResponse(Call&)>;

// In a handler taking `Call& call`: `TB_TRY(x, use_case(...));` binds the Result to x, or
// answers its error.
#define TB_TRY(var, expr) \
  auto var = (expr);      \
  if (!var) return HttpResponse::error(var.error(), call.req)

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::SignedIn;
  RouteHandler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, RouteHandler handler);

  struct Match {
    const Route* route = nullptr;      // null: no route
    std::vector<std::string> allowed;  // methods of the path when the method did not match
  };
  // Fills req.route and req.path_params on a match.
  [[nodiscard]] Match match(HttpRequest& req) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tongban::http
