// /api/v1/auth/*, /api/v1/users, /api/v1/departments, /api/v1/regions, /api/v1/roles
#include "adapters/http/api/api.hpp"
#include "core/identity/masking.hpp"
#include "core/identity/role.hpp"

namespace tongban::http {

namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// An account as its owner sees it (sign-in, registration, 我的信息).
json::value user_json(const ports::UserRecord& u) {
  json::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"role", u.role},
                 {"kind", u.kind},
                 {"department_id", opt(u.department_id)},
                 {"region_code", opt(u.region_code)},
                 {"disabled", u.disabled},
                 {"created_at", format_instant(u.created_at)}};
  if (u.id_number) o["id_number"] = *u.id_number;
  if (u.uscc) o["uscc"] = *u.uscc;
  return o;
}

// An account as the administrators managing it see it: a person's 身份证 masked (they run
// accounts, not casework; GB/T 35273).
json::value staff_user_json(const ports::UserRecord& u) {
  auto o = user_json(u);
  if (u.id_number) o.as_object()["id_number"] = identity::mask_id_number(*u.id_number);
  return o;
}

json::value department_json(const ports::DepartmentRecord& d) {
  return json::object{{"id", d.id},
                      {"name", d.name},
                      {"code", d.code},
                      {"parent_id", opt(d.parent_id)},
                      {"region_code", d.region_code},
                      {"created_at", format_instant(d.created_at)}};
}

json::value region_json(const ports::RegionRecord& r) {
  return json::object{
      {"code", r.code}, {"name", r.name}, {"parent_code", opt(r.parent_code)}, {"level", r.level}};
}

json::value centre_json(const ports::ServiceCentreRecord& c) {
  return json::object{{"id", c.id},
                      {"name", c.name},
                      {"region_code", c.region_code},
                      {"address", c.address},
                      {"created_at", format_instant(c.created_at)}};
}

std::string session_cookie(std::string_view value, std::int64_t max_age, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

json::array string_array(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& i : items) a.emplace_back(i);
  return a;
}

json::value enrolment_json(const app::Enrolment& e) {
  return json::object{{"secret", e.secret}, {"otpauth_uri", e.otpauth_uri}};
}

// 401 second_factor_enrolment_required, carrying what the authenticator app is set up with.
HttpResponse enrolment_required(const app::Enrolment& e, const HttpRequest& req) {
  auto out = HttpResponse::error(Error{ErrorCode::SecondFactorEnrolmentRequired}, req);
  auto body = json::parse(out.body).as_object();
  body["enrolment"] = enrolment_json(e);
  out.body = json::serialize(body);
  out.audited = true;  // app::login audited it
  return out;
}

// Decodes the body or returns the error response (to be audited by the API layer).
#define TONGBAN_BODY(var, call)                                                \
  auto var##_body = json_object_body((call).req);                              \
  if (!var##_body) return HttpResponse::error(var##_body.error(), (call).req); \
  JsonFields var(*var##_body)

#define TONGBAN_CHECK_FIELDS(fields, call) \
  if (!(fields).ok()) return HttpResponse::error((fields).error(), (call).req)

}  // namespace

void add_identity_routes(Router& r, const app::Env& env, const ApiOptions& options) {
  r.add("POST", "/api/v1/auth/login", Access::Public, [env, options](Call& call) {
    TONGBAN_BODY(f, call);
    auto username = f.text("username", Need::Required, 64);
    auto password = f.text("password", Need::Required, 256);
    auto second_factor = f.text("second_factor", Need::Optional, 32);
    auto new_password = f.text("new_password", Need::Optional, 256);
    TONGBAN_CHECK_FIELDS(f, call);
    auto res = app::login(env, call.ctx, options.login_policy,
                          app::Credentials{*username, *password, second_factor.value_or(""),
                                           new_password.value_or("")},
                          app::SessionKind::Cookie);
    if (res && res->enrolment) return enrolment_required(*res->enrolment, call.req);
    auto out = respond(call, res, 200, [](const app::LoginResult& l) {
      json::object o{{"user", user_json(l.user)},
                     {"csrf_token", l.csrf_token},
                     {"expires_at", format_instant(l.expires_at)}};
      if (!l.recovery_codes.empty()) o["recovery_codes"] = string_array(l.recovery_codes);
      return o;
    });
    if (res.ok()) {
      const auto ttl =
          std::chrono::duration_cast<std::chrono::seconds>(options.login_policy.cookie_ttl);
      out.headers["Set-Cookie"] = session_cookie(res->token, ttl.count(), options.secure_cookies);
    }
    return out;
  });

  r.add("POST", "/api/v1/auth/token", Access::Public, [env, options](Call& call) {
    TONGBAN_BODY(f, call);
    auto username = f.text("username", Need::Required, 64);
    auto password = f.text("password", Need::Required, 256);
    auto second_factor = f.text("second_factor", Need::Optional, 32);
    auto new_password = f.text("new_password", Need::Optional, 256);
    TONGBAN_CHECK_FIELDS(f, call);
    auto res = app::login(env, call.ctx, options.login_policy,
                          app::Credentials{*username, *password, second_factor.value_or(""),
                                           new_password.value_or("")},
                          app::SessionKind::Bearer);
    if (res && res->enrolment) return enrolment_required(*res->enrolment, call.req);
    return respond(call, res, 200, [](const app::LoginResult& l) {
      json::object o{{"token", l.token}, {"expires_at", format_instant(l.expires_at)}};
      if (!l.recovery_codes.empty()) o["recovery_codes"] = string_array(l.recovery_codes);
      return o;
    });
  });

  r.add("POST", "/api/v1/me/password", Access::SignedIn, [env, options](Call& call) {
    TONGBAN_BODY(f, call);
    auto current = f.text("current_password", Need::Required, 256);
    auto replacement = f.text("new_password", Need::Required, 256);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(
        call, app::change_password(env, call.ctx, options.login_policy, *current, *replacement),
        204, [](Ok) { return json::value(); });
  });

  r.add("GET", "/api/v1/me/second-factor", Access::SignedIn, [env, options](Call& call) {
    auto required = options.login_policy.requires_second_factor(
        std::string(call.ctx.actor.role ? identity::role_name(*call.ctx.actor.role) : ""));
    return respond(call, app::second_factor_status(env, call.ctx, required), 200,
                   [](const app::SecondFactorStatus& s) {
                     return json::object{{"enrolled", s.enrolled},
                                         {"required", s.required},
                                         {"recovery_codes_left", s.recovery_codes_left}};
                   });
  });

  r.add("POST", "/api/v1/me/second-factor", Access::SignedIn, [env, options](Call& call) {
    return respond(call, app::begin_second_factor(env, call.ctx, options.login_policy.issuer), 201,
                   enrolment_json);
  });

  r.add("POST", "/api/v1/me/second-factor/confirm", Access::SignedIn, [env](Call& call) {
    TONGBAN_BODY(f, call);
    auto code = f.text("code", Need::Required, 32);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::confirm_second_factor(env, call.ctx, *code), 200,
                   [](const std::vector<std::string>& codes) {
                     return json::object{{"recovery_codes", string_array(codes)}};
                   });
  });

  r.add("POST", "/api/v1/me/second-factor/remove", Access::SignedIn, [env, options](Call& call) {
    TONGBAN_BODY(f, call);
    auto code = f.text("code", Need::Required, 32);
    TONGBAN_CHECK_FIELDS(f, call);
    auto required = options.login_policy.requires_second_factor(
        std::string(call.ctx.actor.role ? identity::role_name(*call.ctx.actor.role) : ""));
    return respond(call, app::remove_second_factor(env, call.ctx, required, *code), 204,
                   [](Ok) { return json::value(); });
  });

  r.add("POST", "/api/v1/users/{id}/second-factor/reset", Access::SignedIn, [env](Call& call) {
    auto id = id_param(call.req, "id");
    if (!id) return HttpResponse::error(id.error(), call.req);
    return respond(call, app::reset_second_factor(env, call.ctx, *id), 204,
                   [](Ok) { return json::value(); });
  });

  r.add("POST", "/api/v1/auth/logout", Access::SignedIn, [env, options](Call& call) {
    auto res = app::logout(env, call.ctx, call.session_token);
    if (!res.ok()) return respond(call, res, 204, [](Ok) { return json::value(); });
    HttpResponse out;
    out.status = 204;
    out.audited = true;
    out.headers["Set-Cookie"] = session_cookie("", 0, options.secure_cookies);
    return out;
  });

  r.add("GET", "/api/v1/auth/me", Access::SignedIn, [env](Call& call) {
    auto who = app::authenticate(env, call.session_token);
    return respond(call, who, 200, [](const app::Authenticated& a) {
      return json::object{{"user", user_json(a.user)},
                          {"csrf_token", a.session.csrf_token},
                          {"expires_at", format_instant(a.session.expires_at)}};
    });
  });

  r.add("POST", "/api/v1/auth/register", Access::Public, [env](Call& call) {
    TONGBAN_BODY(f, call);
    app::Registration reg;
    reg.username = f.text("username", Need::Required, 64).value_or("");
    reg.password = f.text("password", Need::Required, 256).value_or("");
    reg.display_name = f.text("display_name", Need::Required, 256).value_or("");
    reg.kind = f.text("kind", Need::Required, 16).value_or("");
    reg.id_number = f.text("id_number", Need::Optional, 32);
    reg.uscc = f.text("uscc", Need::Optional, 32);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::register_applicant(env, call.ctx, reg), 201, user_json);
  });

  r.add("GET", "/api/v1/roles", Access::Public, [](Call&) {
    json::array data;
    for (auto role : identity::kAllRoles) {
      data.push_back(json::object{{"name", identity::role_name(role)},
                                  {"label", identity::role_label_zh(role)}});
    }
    const auto n = static_cast<std::int64_t>(data.size());
    return json_response(200, json::object{{"data", std::move(data)}, {"total", n}});
  });

  r.add("GET", "/api/v1/users", Access::SignedIn, [env](Call& call) {
    auto page = page_request(call.req);
    if (!page) return HttpResponse::error(page.error(), call.req);
    ports::UserFilter filter;
    auto q = text_query(call.req, "q");
    auto role = text_query(call.req, "role", 32);
    if (!q) return HttpResponse::error(q.error(), call.req);
    if (!role) return HttpResponse::error(role.error(), call.req);
    filter.q = *q;
    filter.role = *role;
    if (auto d = call.req.query_param("department_id"); d && !d->empty()) {
      call.req.path_params["department_id"] = *d;
      auto id = id_param(call.req, "department_id");
      if (!id)
        return HttpResponse::error(Error{ErrorCode::ValidationFailed, "not an id", "department_id"},
                                   call.req);
      filter.department_id = *id;
    }
    auto res = app::list_users(env, call.ctx, filter, *page);
    if (!res) return HttpResponse::error(res.error(), call.req);
    return list_response(*res, staff_user_json);
  });

  r.add("POST", "/api/v1/users", Access::SignedIn, [env](Call& call) {
    TONGBAN_BODY(f, call);
    app::NewUser u;
    u.username = f.text("username", Need::Required, 64).value_or("");
    u.password = f.text("password", Need::Required, 256).value_or("");
    u.display_name = f.text("display_name", Need::Required, 256).value_or("");
    u.role = f.text("role", Need::Required, 32).value_or("");
    u.department_id = f.integer("department_id", Need::Optional);
    u.region_code = f.text("region_code", Need::Optional, 12);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::create_user(env, call.ctx, u), 201, staff_user_json);
  });

  r.add("PATCH", "/api/v1/users/{id}", Access::SignedIn, [env](Call& call) {
    auto id = id_param(call.req, "id");
    if (!id) return HttpResponse::error(id.error(), call.req);
    TONGBAN_BODY(f, call);
    app::UserChanges c;
    c.display_name = f.text("display_name", Need::Optional, 256);
    c.role = f.text("role", Need::Optional, 32);
    c.department_id = f.nullable_integer("department_id");
    c.region_code = f.nullable_text("region_code", 12);
    c.disabled = f.boolean("disabled", Need::Optional);
    c.password = f.text("password", Need::Optional, 256);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::update_user(env, call.ctx, *id, c), 200, staff_user_json);
  });

  r.add("GET", "/api/v1/departments", Access::Public, [env](Call& call) {
    auto page = page_request(call.req);
    if (!page) return HttpResponse::error(page.error(), call.req);
    auto q = text_query(call.req, "q");
    auto region = text_query(call.req, "region_code", 12);
    if (!q) return HttpResponse::error(q.error(), call.req);
    if (!region) return HttpResponse::error(region.error(), call.req);
    auto res = app::list_departments(env, ports::DepartmentFilter{*q, *region}, *page);
    if (!res) return HttpResponse::error(res.error(), call.req);
    return list_response(*res, department_json);
  });

  auto department_input = [](JsonFields& f) {
    app::DepartmentInput in;
    in.name = f.text("name", Need::Optional, 256);
    in.code = f.text("code", Need::Optional, 64);
    in.parent_id = f.nullable_integer("parent_id");
    in.region_code = f.text("region_code", Need::Optional, 12);
    return in;
  };

  r.add("POST", "/api/v1/departments", Access::SignedIn, [env, department_input](Call& call) {
    TONGBAN_BODY(f, call);
    f.text("name", Need::Required, 256);
    f.text("code", Need::Required, 64);
    f.text("region_code", Need::Required, 12);
    auto in = department_input(f);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::create_department(env, call.ctx, in), 201, department_json);
  });

  r.add("PATCH", "/api/v1/departments/{id}", Access::SignedIn, [env, department_input](Call& call) {
    auto id = id_param(call.req, "id");
    if (!id) return HttpResponse::error(id.error(), call.req);
    TONGBAN_BODY(f, call);
    auto in = department_input(f);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::update_department(env, call.ctx, *id, in), 200, department_json);
  });

  r.add("GET", "/api/v1/service-centres", Access::Public, [env](Call& call) {
    auto page = page_request(call.req);
    if (!page) return HttpResponse::error(page.error(), call.req);
    auto region = text_query(call.req, "region_code", 12);
    if (!region) return HttpResponse::error(region.error(), call.req);
    return list_response(app::list_service_centres(env, *region, *page), centre_json);
  });

  auto centre_input = [](JsonFields& f) {
    app::ServiceCentreInput in;
    in.name = f.text("name", Need::Optional, 256);
    in.region_code = f.text("region_code", Need::Optional, 12);
    in.address = f.text("address", Need::Optional, 512);
    return in;
  };

  r.add("POST", "/api/v1/service-centres", Access::SignedIn, [env, centre_input](Call& call) {
    TONGBAN_BODY(f, call);
    f.text("name", Need::Required, 256);
    f.text("region_code", Need::Required, 12);
    auto in = centre_input(f);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::create_service_centre(env, call.ctx, in), 201, centre_json);
  });

  r.add("PATCH", "/api/v1/service-centres/{id}", Access::SignedIn, [env, centre_input](Call& call) {
    auto id = id_param(call.req, "id");
    if (!id) return HttpResponse::error(id.error(), call.req);
    TONGBAN_BODY(f, call);
    auto in = centre_input(f);
    TONGBAN_CHECK_FIELDS(f, call);
    return respond(call, app::update_service_centre(env, call.ctx, *id, in), 200, centre_json);
  });

  r.add("GET", "/api/v1/regions", Access::Public, [env](Call& call) {
    auto page = page_request(call.req);
    if (!page) return HttpResponse::error(page.error(), call.req);
    auto parent = text_query(call.req, "parent", 12);
    if (!parent) return HttpResponse::error(parent.error(), call.req);
    return list_response(app::list_regions(env, *parent, *page), region_json);
  });
}

}  // namespace tongban::http
