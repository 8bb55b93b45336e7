#include "core/identity/account_policy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tongban::identity {
namespace {

void expect_rejected(const Status& s, const char* field, const char* detail) {
  ASSERT_FALSE(s.ok()) << field << " should fail with " << detail;
  EXPECT_EQ(s.error().code, ErrorCode::ValidationFailed);
  EXPECT_EQ(s.error().field, field);
  EXPECT_EQ(s.error().detail, detail);
}

TEST(Username, Accepts) {
  for (const std::string ok :
       {"abc", "zhang.san", "li-si_2", "a12", "a.-_0123456789abcdefghijklmnopqr"}) {
    EXPECT_TRUE(check_username(ok).ok()) << ok;
  }
}

TEST(Username, Rejects) {
  expect_rejected(check_username(""), "username", "too_short");
  expect_rejected(check_username("ab"), "username", "too_short");
  expect_rejected(check_username(std::string(33, 'a')), "username", "too_long");
  expect_rejected(check_username("Zhang"), "username", "invalid_characters");
  expect_rejected(check_username("zhang san"), "username", "invalid_characters");
  expect_rejected(check_username("张三丰"), "username", "invalid_characters");
  expect_rejected(check_username("a@b.c"), "username", "invalid_characters");
  expect_rejected(check_username("1abc"), "username", "must_start_with_letter");
  expect_rejected(check_username("_abc"), "username", "must_start_with_letter");
  expect_rejected(check_username(".abc"), "username", "must_start_with_letter");
}

TEST(Password, Accepts) {
  EXPECT_TRUE(check_password("abcdefG1").ok());
  EXPECT_TRUE(check_password("1234567a!").ok());
  EXPECT_TRUE(check_password("通办密码x9").ok());  // CJK counts as the fourth class
  EXPECT_TRUE(check_password("Tongban@2026", "admin").ok());
  EXPECT_TRUE(check_password(std::string(126, '7') + "qQ").ok());
}

TEST(Password, Rejects) {
  expect_rejected(check_password(""), "password", "too_short");
  expect_rejected(check_password("abcdE1"), "password", "too_short");
  expect_rejected(check_password(std::string(128, 'a') + "A1"), "password", "too_long");
  // GB/T 22239 level 3: three classes of four.
  expect_rejected(check_password("password1"), "password", "needs_three_classes");
  expect_rejected(check_password("12345678"), "password", "needs_three_classes");
  expect_rejected(check_password("abcdefgh"), "password", "needs_three_classes");
  expect_rejected(check_password("ABCDEFG1"), "password", "needs_three_classes");
  expect_rejected(check_password("密码密码密码12"), "password", "needs_three_classes");
  // Not the username, in any case.
  expect_rejected(check_password("Zhang.San2026", "zhang.san"), "password", "contains_username");
  expect_rejected(check_password("xxADMIN!9", "admin"), "password", "contains_username");
  EXPECT_TRUE(check_password("Zhang.San2026", "li").ok());  // too short to count
  // Not what everyone picks to pass the rule.
  expect_rejected(check_password("P@ssw0rd"), "password", "too_common");
  expect_rejected(check_password("Admin@123"), "password", "too_common");
  expect_rejected(check_password("WOAINI@1314"), "password", "too_common");
}

TEST(DisplayName, Accepts) {
  EXPECT_TRUE(check_display_name("张").ok());
  EXPECT_TRUE(check_display_name("张三").ok());
  EXPECT_TRUE(check_display_name("Zhang San").ok());
  EXPECT_TRUE(check_display_name("阿卜杜·热合曼").ok());
  EXPECT_TRUE(check_display_name("😀").ok());
  std::string max;
  for (int i = 0; i < 64; ++i) max += "桂";  // 64 code points, 192 bytes
  EXPECT_TRUE(check_display_name(max).ok());
}

TEST(NameText, CountsCodePointsAndNamesTheField) {
  std::string dept;
  for (int i = 0; i < 64; ++i) dept += "桂";
  EXPECT_TRUE(check_name_text("name", dept, 64).ok());
  expect_rejected(check_name_text("name", dept + "桂", 64), "name", "too_long");
  expect_rejected(check_name_text("name", std::string(65, 'n'), 64), "name", "too_long");
  expect_rejected(check_name_text("name", "", 64), "name", "empty");
  expect_rejected(check_name_text("name", "局\n", 64), "name", "control_character");
}

TEST(DisplayName, Rejects) {
  expect_rejected(check_display_name(""), "display_name", "empty");
  expect_rejected(check_display_name("   "), "display_name", "empty");
  expect_rejected(check_display_name("\xE3\x80\x80"), "display_name", "empty");  // U+3000
  std::string long_name;
  for (int i = 0; i < 65; ++i) long_name += "桂";
  expect_rejected(check_display_name(long_name), "display_name", "too_long");
  expect_rejected(check_display_name("张\n三"), "display_name", "control_character");
  expect_rejected(check_display_name("\t张三"), "display_name", "control_character");
  expect_rejected(check_display_name("张三\x7F"), "display_name", "control_character");
  expect_rejected(check_display_name("张三\xC2\x85"), "display_name", "control_character");  // NEL
  expect_rejected(check_display_name(std::string("a\0b", 3)), "display_name", "control_character");
  expect_rejected(check_display_name("\xFF"), "display_name", "invalid_utf8");
  expect_rejected(check_display_name("\xE5\xBC"), "display_name", "invalid_utf8");      // truncated
  expect_rejected(check_display_name("\xC0\xAF"), "display_name", "invalid_utf8");      // overlong
  expect_rejected(check_display_name("\xED\xA0\x80"), "display_name", "invalid_utf8");  // surrogate
  expect_rejected(check_display_name("\xF4\x90\x80\x80"), "display_name", "invalid_utf8");
}

}  // namespace
}  // namespace tongban::identity
