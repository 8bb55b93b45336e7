#pragma once

#include "ports/database.hpp"
#include "ports/store.hpp"

namespace tongban::repo {

class SqlCalendarRepository final : public ports::CalendarRepository {
 public:
  explicit SqlCalendarRepository(ports::Tx& tx) : tx_(tx) {}
  std::int64_t revision() override;
  std::int64_t insert_exception(const ports::CalendarExceptionRecord& e) override;
  std::optional<ports::CalendarExceptionRecord> find_exception(std::int64_t id) override;
  void delete_exception(std::int64_t id) override;
  std::vector<ports::CalendarExceptionRecord> list_exceptions(
      const std::optional<std::string>& region) override;

 private:
  ports::Tx& tx_;
};

}  // namespace tongban::repo
