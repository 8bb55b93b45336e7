// libFuzzer target for stage templates (data/projects/templates files and, later, the admin
// editor's bodies: outside input). Beyond "no crash": whatever parses survives a
// serialize/parse round trip unchanged; whatever validates can be scheduled, its critical
// path ends where the parallel total says, and the fast lane never lengthens it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/projects/template_json.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban::projects;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto t = io::parse_template(text);
  if (!t.ok()) {
    require(t.error().code == tongban::ErrorCode::TemplateInvalid);
    return 0;
  }
  const auto once = io::serialize_template(*t);
  auto again = io::parse_template(once);
  require(again.ok() && io::serialize_template(*again) == once);
  if (!validate_template(*t).ok()) return 0;
  const auto s = schedule(*t);
  require(!s.critical_path.empty());
  require(s.figures.parallel_days <= s.figures.stage_sum_days);
  require(s.figures.stage_sum_days <= s.figures.serial_days);
  const auto fast = schedule(*t, true);
  require(fast.figures.parallel_days <= s.figures.parallel_days);
  for (const auto& st : s.stages) require(st.float_days >= 0);
  (void)ready_stages(*t, {});
  return 0;
}
