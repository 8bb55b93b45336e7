// Maps (method, path) to a route. Patterns are literal segments and `{name}` captures,
// e.g. "/api/v1/users/{id}". The table is also what the OpenAPI test checks.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
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

// Where a route's handler runs when the server runs handlers inline by default (SQLite:
// main/runtime.cpp): on the worker pool, or on the event loop thread that read the request, as
// a fiber. EventLoop is for short calls that mostly wait on the database writer — casework's
// writes answered with the case's detail (docs/performance.md, "Why the design is as it is");
// anything that may take long (a PDF, an upload, a list, a report) stays on the pool, so it
// never holds an event loop thread.
enum class Placement { Pool, EventLoop };

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
  Placement placement = Placement::Pool;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, RouteHandler handler,
           Placement placement = Placement::Pool);

  struct Match {
    const Route* route = nullptr;      // null: no route
    std::vector<std::string> allowed;  // methods of the path when the method did not match
  };
  // Fills req.route and req.path_params on a match.
  [[nodiscard]] Match match(HttpRequest& req) const;
  // The route of (method, path), if any: HEAD finds GET's.
  [[nodiscard]] const Route* find(std::string_view method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  // The route (null: none) and its captures; `allowed` (when given) collects the methods of a
  // path whose method did not match.
  const Route* lookup(std::string_view method, std::string_view path,
                      std::map<std::string, std::string>* params,
                      std::vector<std::string>* allowed) const;

  std::vector<Route> routes_;
};

}  // namespace tongban::http
