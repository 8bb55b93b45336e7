// DbCalendars under concurrent callers: while one re-reads the stored revision, the others
// are served the set already built. Callers run inside write transactions, each holding a
// pooled connection; waiting there for one caller's read transaction starved the pool on
// PostgreSQL (more workers than connections: every request waited for busy_timeout).
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "adapters/calendar/calendar_files.hpp"
#include "adapters/crypto/blind_index.hpp"
#include "adapters/crypto/secret_box.hpp"
#include "adapters/repo/sql_store.hpp"
#include "app/calendar/calendars.hpp"
#include "main/runtime.hpp"
#include "tests/support/test_database.hpp"

namespace tongban {
namespace {

// Fault injection: once armed, the next read waits inside the store until released.
class GatedStore final : public ports::Store {
 public:
  explicit GatedStore(ports::Store& inner) : inner_(inner) {}
  void write(const std::function<void(ports::UnitOfWork&)>& fn) override { inner_.write(fn); }
  void read(const std::function<void(ports::UnitOfWork&)>& fn) override {
    {
      std::unique_lock lock(mu_);
      if (armed_) {
        armed_ = false;
        entered_ = true;
        cv_.notify_all();
        cv_.wait(lock, [&] { return released_; });
      }
    }
    inner_.read(fn);
  }
  void arm() {
    std::lock_guard lock(mu_);
    armed_ = true;
  }
  void wait_until_entered() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return entered_; });
  }
  void release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }

 private:
  ports::Store& inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, entered_ = false, released_ = false;
};

class DbCalendarsTest : public testing::DatabaseTest {};

TEST_P(DbCalendarsTest, CallersAreServedWhileAnotherReReads) {
  auto box = crypto::load_secret_box(cli::Config{}.data_key_file);
  auto index = crypto::load_blind_index("var/index.key");
  ASSERT_TRUE(box && index);
  repo::SqlStore store(db(), repo::PersonalDataKeys{**box, **index});
  GatedStore gated(store);
  auto sources = calendar::files::read_calendar_dir(cli::default_data_dir() + "/calendar");
  ASSERT_TRUE(sources.ok());
  // recheck 0: every call is due to re-read the revision.
  app::DbCalendars calendars(gated, std::move(*sources), std::chrono::milliseconds{0});
  const auto built = calendars.current();
  ASSERT_NE(built, nullptr);

  gated.arm();
  std::shared_ptr<const calendar::CalendarSet> reread;
  std::thread rereading([&] { reread = calendars.current(); });
  gated.wait_until_entered();
  // Before the fix this call waited for the other caller's read (and here: forever).
  EXPECT_EQ(calendars.current(), built);
  gated.release();
  rereading.join();
  EXPECT_EQ(reread, built);  // nothing changed in the database: the same set is kept
  EXPECT_EQ(calendars.current(), built);
}

TONGBAN_INSTANTIATE_ON_DATABASES(DbCalendarsTest);

}  // namespace
}  // namespace tongban
