#include "adapters/repo/store_sessions.hpp"

namespace tongban::repo {

std::optional<ports::ActiveSession> StoreSessions::find(const std::string& token_hash) {
  std::optional<ports::ActiveSession> out;
  store_.read([&](ports::UnitOfWork& uow) {
    auto session = uow.identity().find_session(token_hash);
    if (!session) return;
    auto user = uow.identity().find_user(session->user_id);
    if (!user) return;
    out = ports::ActiveSession{std::move(*user), std::move(*session)};
  });
  return out;
}

}  // namespace tongban::repo
