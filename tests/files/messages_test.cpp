// In-app messages and the SMS outbox on both databases.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <thread>

#include "app/notifications/notifications.hpp"
#include "tests/files/files_server.hpp"

namespace tongban::testing {
namespace {

using MessagesTest = FilesTest;
using ports::Notification;
using ports::NotificationKind;

Notification note(std::int64_t user, std::string title, Instant at, bool sms = true) {
  Notification n;
  n.user_id = user;
  n.kind = NotificationKind::Accepted;
  n.title = std::move(title);
  n.body = "请留意办理进度";
  n.case_id = 7;
  n.at = at;
  n.sms = sms;
  return n;
}

void notify(const app::Env& env, const Notification& n) {
  env.store.write([&](ports::UnitOfWork& uow) { env.notifier->notify(uow, n); });
}

void set_phone(FilesServer& s, const std::string& username, const std::string& phone) {
  s.runtime().database().write([&](ports::Tx& tx) {
    tx.exec("UPDATE users SET phone = ? WHERE username = ?", {phone, username});
  });
}

TEST_P(MessagesTest, ARolledBackChangeLeavesNoMessageAndNoSms) {
  set_phone(server(), "citizen", "13800001234");
  const auto& env = server().env();
  const auto citizen = server().user_id("citizen");
  EXPECT_THROW(env.store.write([&](ports::UnitOfWork& uow) {
    env.notifier->notify(uow, note(citizen, "已受理", env.clock.now()));
    throw std::runtime_error("the caller's change failed");
  }),
               std::runtime_error);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM messages"), 0);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sms_outbox"), 0);
  notify(env, note(citizen, "已受理", env.clock.now()));
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM messages"), 1);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sms_outbox"), 1);
}

TEST_P(MessagesTest, SmsOnlyForUsersWithAPhoneAndWhenAsked) {
  set_phone(server(), "citizen", "13800001234");
  const auto& env = server().env();
  notify(env, note(server().user_id("company"), "无手机号", env.clock.now()));
  notify(env, note(server().user_id("citizen"), "不发短信", env.clock.now(), /*sms=*/false));
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM messages"), 2);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sms_outbox"), 0);
}

TEST_P(MessagesTest, ListsOwnMessagesUnreadFirstAndMarksThemRead) {
  const auto& env = server().env();
  const auto citizen = server().user_id("citizen");
  auto& clock = server().clock();
  notify(env, note(citizen, "first", clock.now()));
  clock.advance(std::chrono::minutes(1));
  notify(env, note(citizen, "second", clock.now()));
  clock.advance(std::chrono::minutes(1));
  notify(env, note(citizen, "third", clock.now()));
  notify(env, note(server().user_id("company"), "not yours", clock.now()));

  auto c = server().client_as("citizen");
  auto all = c->get("/api/v1/messages");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.json().at("total").as_int64(), 3);
  const auto all_json = all.json();
  const auto& data = all_json.at("data").as_array();
  EXPECT_EQ(data[0].at("title").as_string(), "third");  // newest first among unread
  const auto first_id = data[2].at("id").as_int64();
  EXPECT_EQ(data[2].at("title").as_string(), "first");
  EXPECT_EQ(data[2].at("kind").as_string(), "accepted");
  EXPECT_EQ(data[2].at("case_id").as_int64(), 7);

  auto read = c->send("POST", "/api/v1/messages/" + std::to_string(first_id) + "/read");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(read.json().at("read").as_bool());

  auto after = c->get("/api/v1/messages").json();
  EXPECT_EQ(after.at("data").as_array()[2].at("title").as_string(), "first");  // read goes last
  EXPECT_TRUE(after.at("data").as_array()[2].at("read").as_bool());
  auto unread = c->get("/api/v1/messages?unread=true").json();
  EXPECT_EQ(unread.at("total").as_int64(), 2);
  for (const auto& m : unread.at("data").as_array()) EXPECT_FALSE(m.at("read").as_bool());
  EXPECT_EQ(c->get("/api/v1/messages?unread=maybe").code(), "validation_failed");
}

TEST_P(MessagesTest, AnotherUsersMessageIsNotFound) {
  const auto& env = server().env();
  notify(env, note(server().user_id("company"), "for company", env.clock.now()));
  const auto id = server().scalar("SELECT id FROM messages");
  auto c = server().client_as("citizen");
  EXPECT_EQ(c->send("POST", "/api/v1/messages/" + std::to_string(id) + "/read").code(),
            "not_found");
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM messages WHERE read_at IS NOT NULL"), 0);
  EXPECT_EQ(c->send("POST", "/api/v1/messages/999999/read").code(), "not_found");
  EXPECT_EQ(c->get("/api/v1/messages").json().at("total").as_int64(), 0);
  EXPECT_EQ(server().client()->get("/api/v1/messages").code(), "unauthenticated");
}

TEST_P(MessagesTest, TwoConcurrentDrainersSendEachSmsExactlyOnce) {
  set_phone(server(), "citizen", "13800001234");
  const auto& env = server().env();
  const auto citizen = server().user_id("citizen");
  constexpr int kMessages = 40;
  for (int i = 0; i < kMessages; ++i)
    notify(env, note(citizen, "m" + std::to_string(i), env.clock.now()));

  std::atomic<std::size_t> sent{0};
  auto drain = [&] {
    for (;;) {
      auto r = app::deliver_sms(env, 3);
      sent += r.sent;
      if (r.claimed == 0) return;
    }
  };
  std::thread a(drain), b(drain);
  a.join();
  b.join();

  EXPECT_EQ(sent.load(), static_cast<std::size_t>(kMessages));
  const auto delivered = server().sms().sent();
  ASSERT_EQ(delivered.size(), static_cast<std::size_t>(kMessages));
  std::set<std::string> texts;
  for (const auto& s : delivered) {
    EXPECT_EQ(s.phone, "13800001234");
    texts.insert(s.text);
  }
  EXPECT_EQ(texts.size(), static_cast<std::size_t>(kMessages));
  EXPECT_TRUE(texts.count("【通办】m0：请留意办理进度"));
  EXPECT_EQ(
      server().scalar("SELECT COUNT(*) FROM sms_outbox WHERE status = 'sent' AND attempts = 1"),
      kMessages);
  EXPECT_EQ(app::deliver_sms(env, 10).claimed, 0u);
}

TEST_P(MessagesTest, FailedSmsIsRetriedAfterABackoffThenGivenUp) {
  set_phone(server(), "citizen", "13800001234");
  files::RecordingSmsSender flaky({1, 2, 3});  // the first three calls fail
  app::Env env = server().env();
  env.sms = &flaky;
  auto& clock = server().clock();
  notify(env, note(server().user_id("citizen"), "retry me", clock.now()));

  app::SmsDeliveryPolicy policy;
  policy.max_attempts = 3;
  policy.first_backoff = std::chrono::seconds(30);
  EXPECT_EQ(app::deliver_sms(env, 10, policy).retried, 1u);
  EXPECT_EQ(app::deliver_sms(env, 10, policy).claimed, 0u);  // not due yet
  clock.advance(std::chrono::seconds(29));
  EXPECT_EQ(app::deliver_sms(env, 10, policy).claimed, 0u);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(app::deliver_sms(env, 10, policy).retried, 1u);  // attempt 2; next in 60 s
  clock.advance(std::chrono::seconds(59));
  EXPECT_EQ(app::deliver_sms(env, 10, policy).claimed, 0u);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(app::deliver_sms(env, 10, policy).gave_up, 1u);  // attempt 3 of 3
  clock.advance(std::chrono::hours(24));
  EXPECT_EQ(app::deliver_sms(env, 10, policy).claimed, 0u);
  EXPECT_EQ(flaky.calls(), 3);
  EXPECT_EQ(server().scalar("SELECT COUNT(*) FROM sms_outbox WHERE status = 'failed'"), 1);
}

TEST_P(MessagesTest, AClaimThatWasNeverSettledComesBackAfterTheLeaseAndFencesTheLateDrainer) {
  set_phone(server(), "citizen", "13800001234");
  const auto& env = server().env();
  auto& clock = server().clock();
  notify(env, note(server().user_id("citizen"), "crash", clock.now()));
  // A drainer claims the row and dies before sending.
  std::vector<ports::SmsRecord> stale;
  env.store.write([&](ports::UnitOfWork& uow) {
    stale = uow.messages().claim_sms(clock.now(), clock.now() + std::chrono::seconds(120), 10);
  });
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(app::deliver_sms(env, 10).claimed, 0u);  // still leased
  clock.advance(std::chrono::seconds(120));
  EXPECT_EQ(app::deliver_sms(env, 10).sent, 1u);
  bool late = true;
  env.store.write([&](ports::UnitOfWork& uow) {
    late = uow.messages().mark_sms_sent(stale[0].id, stale[0].attempts, clock.now());
  });
  EXPECT_FALSE(late);
  EXPECT_EQ(server().sms().sent().size(), 1u);
}

TONGBAN_INSTANTIATE_ON_DATABASES(MessagesTest);

}  // namespace
}  // namespace tongban::testing
