#include "adapters/repo/sql_store.hpp"

#include "adapters/repo/sql_audit.hpp"
#include "adapters/repo/sql_bundles.hpp"
#include "adapters/repo/sql_calendar.hpp"
#include "adapters/repo/sql_cases.hpp"
#include "adapters/repo/sql_catalog.hpp"
#include "adapters/repo/sql_files.hpp"
#include "adapters/repo/sql_identity.hpp"
#include "adapters/repo/sql_messages.hpp"
#include "adapters/repo/sql_projects.hpp"
#include "adapters/repo/sql_reviews.hpp"

namespace tongban::repo {
namespace {

class SqlUnitOfWork final : public ports::UnitOfWork {
 public:
  SqlUnitOfWork(ports::Tx& tx, ports::Dialect d, ItemCache& items, const PersonalDataKeys& keys)
      : identity_(tx, keys),
        audit_(tx, d),
        calendar_(tx),
        catalog_(tx, items),
        cases_(tx, d, keys),
        files_(tx),
        messages_(tx, d, keys),
        bundles_(tx, keys),
        projects_(tx),
        reviews_(tx) {}
  ports::IdentityRepository& identity() override { return identity_; }
  ports::AuditRepository& audit() override { return audit_; }
  ports::CalendarRepository& calendar() override { return calendar_; }
  ports::CatalogRepository& catalog() override { return catalog_; }
  ports::CaseRepository& cases() override { return cases_; }
  ports::FileRepository& files() override { return files_; }
  ports::MessageRepository& messages() override { return messages_; }
  ports::BundleRepository& bundles() override { return bundles_; }
  ports::ProjectRepository& projects() override { return projects_; }
  ports::ReviewRepository& reviews() override { return reviews_; }

 private:
  SqlIdentityRepository identity_;
  SqlAuditRepository audit_;
  SqlCalendarRepository calendar_;
  SqlCatalogRepository catalog_;
  SqlCaseRepository cases_;
  SqlFileRepository files_;
  SqlMessageRepository messages_;
  SqlBundleRepository bundles_;
  SqlProjectRepository projects_;
  SqlReviewRepository reviews_;
};

}  // namespace

void SqlStore::write(const std::function<void(ports::UnitOfWork&)>& fn) {
  db_.transact(ports::TxMode::Write, [&](ports::Tx& tx) {
    SqlUnitOfWork uow(tx, db_.dialect(), items_, keys_);
    fn(uow);
  });
}

void SqlStore::read(const std::function<void(ports::UnitOfWork&)>& fn) {
  db_.transact(ports::TxMode::Read, [&](ports::Tx& tx) {
    SqlUnitOfWork uow(tx, db_.dialect(), items_, keys_);
    fn(uow);
  });
}

}  // namespace tongban::repo
