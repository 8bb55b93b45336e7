// Hand it in once: which documents of an application the applicant already has on file. The
// candidates are the applicant's material library (with validity dates) and the files of
// their earlier applications of any kind (cases of any item, bundle or not; no validity date:
// valid). Pure; docs/bundles.md §7.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/bundles/bundle.hpp"
#include "core/common/time.hpp"

namespace tongban::bundles {

enum class OnFileOrigin { Library, Case };
[[nodiscard]] std::string_view to_string(OnFileOrigin o);  // library | case

struct OnFileCandidate {
  std::string document_key;
  OnFileOrigin origin = OnFileOrigin::Library;
  std::int64_t ref = 0;  // the library entry's id, or the case's id
  std::string label;     // what the window shows: the document's name, or the case number
  std::string file_id;
  std::optional<Date> valid_until;  // nullopt: no expiry known
  Instant at{};                     // when it was handed in
};

struct OnFile {
  std::string document_key;
  std::optional<OnFileCandidate> valid;    // the newest still valid on `today` (the day counts)
  std::optional<OnFileCandidate> expired;  // the newest expired one, when nothing is valid
};

// One entry per document of `docs`, in their order.
[[nodiscard]] std::vector<OnFile> documents_on_file(const std::vector<UnifiedDocument>& docs,
                                                    const std::vector<OnFileCandidate>& candidates,
                                                    Date today);

}  // namespace tongban::bundles
