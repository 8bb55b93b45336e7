// Case rows for the repository suites (cases, and bundle applications' children).
#pragma once

#include <cstdint>
#include <string>

#include "ports/case_repository.hpp"
#include "tests/support/test_store.hpp"

namespace tongban::testing {

// A submitted case of item ITEM000000001 (NN-XZSPJ, region 450102), version 2, no clock yet
// (a budget of 5 working days), submitted at at_second(10).
inline ports::CaseRecord sample_case(std::string number, std::int64_t applicant) {
  ports::CaseRecord c;
  c.number = std::move(number);
  c.item_code = "ITEM000000001";
  c.item_version = 2;
  c.item_name = "测试许可事项";
  c.department_code = "NN-XZSPJ";
  c.region_code = "450102";
  c.handling = "commitment";
  c.applicant_id = applicant;
  c.state = "submitted";
  c.form_json = R"({"name":"张三"})";
  c.submitted_at = at_second(10);
  c.clock.budget_amount = 5;
  return c;
}

}  // namespace tongban::testing
