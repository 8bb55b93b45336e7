#include "core/bundles/library.hpp"

namespace tongban::bundles {

std::string_view to_string(OnFileOrigin o) {
  return o == OnFileOrigin::Library ? "library" : "case";
}

std::vector<OnFile> documents_on_file(const std::vector<UnifiedDocument>& docs,
                                      const std::vector<OnFileCandidate>& candidates, Date today) {
  std::vector<OnFile> out;
  for (const auto& d : docs) {
    OnFile f{d.key, std::nullopt, std::nullopt};
    for (const auto& c : candidates) {
      if (c.document_key != d.key || c.file_id.empty()) continue;
      const bool valid = !c.valid_until || !(*c.valid_until < today);
      auto& slot = valid ? f.valid : f.expired;
      if (!slot || slot->at < c.at || (slot->at == c.at && slot->ref < c.ref)) slot = c;
    }
    if (f.valid) f.expired.reset();
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace tongban::bundles
