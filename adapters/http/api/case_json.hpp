// The JSON shapes of a case (case_routes.cpp), shared with the resources that embed cases
// (bundle_routes.cpp: a parent case's children).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "app/casework/cases.hpp"

namespace tongban::http {

// The list entry of GET /api/v1/cases.
[[nodiscard]] boost::json::object case_summary_to_json(const ports::CaseRecord& c,
                                                       const std::string& urgency);
// GET /api/v1/cases/{id}.
[[nodiscard]] boost::json::value case_detail_to_json(const app::CaseDetail& d, Instant now);

}  // namespace tongban::http
