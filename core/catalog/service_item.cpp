#include "core/catalog/service_item.hpp"

#include <algorithm>

namespace tongban::catalog {
namespace {

bool eq(const calendar::Budget& a, const calendar::Budget& b) {
  return a.amount == b.amount && a.unit == b.unit;
}

bool eq(const Material& a, const Material& b) {
  return a.code == b.code && a.name == b.name && a.required == b.required && a.form == b.form &&
         a.copies == b.copies && a.source == b.source && a.certificate_type == b.certificate_type &&
         a.blank_form == b.blank_form && a.example == b.example && a.tolerable == b.tolerable &&
         a.notes == b.notes;
}

bool eq(const ReviewPost& a, const ReviewPost& b) {
  return a.name == b.name && a.department_code == b.department_code && eq(a.limit, b.limit);
}

bool eq(const ProcessStep& a, const ProcessStep& b) {
  return a.name == b.name &&
         std::equal(a.posts.begin(), a.posts.end(), b.posts.begin(), b.posts.end(),
                    [](const auto& x, const auto& y) { return eq(x, y); });
}

bool eq(const Fee& a, const Fee& b) {
  return a.name == b.name && a.rate == b.rate && a.legal_basis == b.legal_basis &&
         a.reducible == b.reducible;
}

template <class T>
bool eq_all(const std::vector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const T& x, const T& y) { return eq(x, y); });
}

}  // namespace

bool same_content(const ServiceItem& a, const ServiceItem& b) {
  return a.code == b.code && a.name == b.name && a.type == b.type &&
         a.department_code == b.department_code && a.region_code == b.region_code &&
         a.level == b.level && a.service_object == b.service_object &&
         a.legal_basis == b.legal_basis && a.acceptance_conditions == b.acceptance_conditions &&
         eq_all(a.materials, b.materials) && eq_all(a.steps, b.steps) &&
         eq(a.legal_limit, b.legal_limit) && eq(a.committed_limit, b.committed_limit) &&
         a.limit_explanation == b.limit_explanation && a.handling == b.handling &&
         a.visits == b.visits && a.channels == b.channels && eq_all(a.fees, b.fees) &&
         a.intermediary_services == b.intermediary_services && a.location == b.location &&
         a.office_hours == b.office_hours && a.consult_phone == b.consult_phone &&
         a.complaint_phone == b.complaint_phone && a.warning_days == b.warning_days &&
         a.warning_percent == b.warning_percent;
}

}  // namespace tongban::catalog
