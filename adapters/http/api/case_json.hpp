// The JSON shapes of a case (case_routes.cpp), shared with the resources that embed cases
// (bundle_routes.cpp: a parent case's children).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/message.hpp"
#include "app/casework/cases.hpp"

namespace tongban::http {

// The list entry of GET /api/v1/cases. Every part is allocated from `sp`.
[[nodiscard]] boost::json::object case_summary_to_json(const ports::CaseRecord& c,
                                                       const std::string& urgency,
                                                       const boost::json::storage_ptr& sp = {});
// GET /api/v1/cases/{id}. Every part is allocated from `sp`.
[[nodiscard]] boost::json::value case_detail_to_json(const app::CaseDetail& d, Instant now,
                                                     const boost::json::storage_ptr& sp = {});

// A stored form (a case's or a bundle application's) with its personal fields
// (identity::personal_field, at any depth) masked, as staff see it; null if the text is not
// valid JSON.
[[nodiscard]] boost::json::value masked_form(const std::string& text);

// Decoding a submission (POST /api/v1/cases, and a project stage's cases): the optional
// "form" object serialised ("{}" when absent; validation_failed when not an object or over
// 32 KiB), and [{material_code, file_id?}] under `key` (absent → empty).
[[nodiscard]] Result<std::string> case_form(const boost::json::object& body);
[[nodiscard]] Result<std::vector<app::MaterialRef>> case_material_refs(const boost::json::object& o,
                                                                       std::string_view key);
// The optional Idempotency-Key header (validation_failed unless 1..128 characters).
[[nodiscard]] Result<std::optional<std::string>> idempotency_key(const HttpRequest& req);

}  // namespace tongban::http
