// Small hand-made service items for the catalog tests (exact expected numbers depend on them).
#pragma once

#include <string>

#include "core/catalog/service_item.hpp"

namespace tongban::catalog::testing {

// A valid commitment item: legal 20 WD, committed `committed` WD, one visit, window + online,
// two materials (M02 tolerable), one step with one post of `department`.
inline ServiceItem commitment_item(std::string code, std::string department = "NN-XZSPJ",
                                   std::int64_t legal = 20, std::int64_t committed = 5) {
  ServiceItem it;
  it.code = std::move(code);
  it.name = "测试许可事项";
  it.type = ItemType::Licensing;
  it.department_code = department;
  it.region_code = "450100";
  it.legal_basis = "《中华人民共和国行政许可法》";
  it.acceptance_conditions = "申请人具备相应条件";
  it.materials.push_back(Material{.code = "M01", .name = "申请表", .required = true});
  it.materials.push_back(Material{.code = "M02",
                                  .name = "营业执照",
                                  .required = true,
                                  .form = MaterialForm::Copy,
                                  .tolerable = true});
  it.steps.push_back(ProcessStep{
      "审查", {ReviewPost{"审查", department, {3, calendar::BudgetUnit::WorkingDays}}}});
  it.legal_limit = {legal, calendar::BudgetUnit::WorkingDays};
  it.committed_limit = {committed, calendar::BudgetUnit::WorkingDays};
  it.handling = HandlingKind::Commitment;
  it.visits = 1;
  it.channels = {Channel::Window, Channel::Online};
  return it;
}

// A valid instant item (即办件): committed 0, zero visits, online only, no tolerable material.
inline ServiceItem instant_item(std::string code, std::string department = "NN-XZSPJ") {
  ServiceItem it = commitment_item(std::move(code), std::move(department));
  it.name = "测试即办事项";
  it.type = ItemType::PublicService;
  it.handling = HandlingKind::Instant;
  it.committed_limit = {0, calendar::BudgetUnit::WorkingDays};
  it.visits = 0;
  it.channels = {Channel::Online};
  it.materials.resize(1);
  it.steps.clear();
  return it;
}

}  // namespace tongban::catalog::testing
