// The casework context's storage (cases, events, tasks, supplements, commitments, jobs).
#pragma once

#include "ports/store.hpp"

namespace tongban::ports {

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
};

}  // namespace tongban::ports
