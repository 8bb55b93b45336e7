#include "adapters/http/api/json_io.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tongban::http {
namespace {

namespace json = boost::json;

struct Item {
  std::int64_t id = 0;
  std::string name;
  std::string payload_json;
};

// The same encoder in both forms: on a given storage, and on the default one.
json::value encode_on(const Item& it, const json::storage_ptr& sp) {
  boost::system::error_code ec;
  auto payload = json::parse(it.payload_json, ec, sp);
  return json::object({{"id", it.id},
                       {"name", it.name},
                       {"tags", json::array({"a", it.name}, sp)},
                       {"payload", ec ? json::value(nullptr, sp) : std::move(payload)}},
                      sp);
}
json::value encode_default(const Item& it) { return encode_on(it, {}); }

Item item(std::int64_t id, std::size_t name_bytes) {
  return Item{id, std::string(name_bytes, 'x') + "名", R"({"k":[1,2.5,"v",null,true]})"};
}

TEST(JsonArenaTest, EncoderOnTheArenaAnswersTheSameBytes) {
  auto arena = [](const Item& it, const json::storage_ptr& sp) { return encode_on(it, sp); };
  auto plain = [](const Item& it) { return encode_default(it); };
  static_assert(kEncodesOnArena<decltype(arena), Item>);
  static_assert(!kEncodesOnArena<decltype(plain), Item>);
  for (std::size_t bytes : {std::size_t{3}, std::size_t{40} * 1024}) {  // in the buffer; past it
    const Item it = item(7, bytes);
    const auto a = encode_response(201, it, arena);
    const auto b = encode_response(201, it, plain);
    EXPECT_EQ(a.status, 201);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(a.body, json::serialize(encode_default(it)));
    EXPECT_EQ(a.headers.at("Content-Type"), "application/json; charset=utf-8");
  }
}

TEST(JsonArenaTest, ListOnTheArenaAnswersTheSameBytes) {
  ports::PageOf<Item> page;
  page.total = 1000;
  for (int i = 0; i < 300; ++i) page.data.push_back(item(i, 100));  // well past the buffer
  const auto a = list_response(
      page, [](const Item& it, const json::storage_ptr& sp) { return encode_on(it, sp); });
  const auto b = list_response(page, [](const Item& it) { return encode_default(it); });
  EXPECT_EQ(a.body, b.body);
  const auto v = json::parse(a.body);
  EXPECT_EQ(v.at("total").as_int64(), 1000);
  EXPECT_EQ(v.at("data").as_array().size(), 300u);
  EXPECT_EQ(v.at("data").as_array()[299].at("payload").at("k").as_array()[1].as_double(), 2.5);
}

TEST(JsonArenaTest, ArenaStorageIsUsedByTheValue) {
  JsonArena arena;
  auto v = encode_on(item(1, 10), arena.storage());
  EXPECT_EQ(v.storage().get(), arena.storage().get());
  EXPECT_EQ(v.at("tags").storage().get(), arena.storage().get());
}

TEST(JsonIo, StoredJsonIsCheckedBeforeItIsCopied) {
  EXPECT_TRUE(valid_json(R"({"a":[1,2.5,"x",null,true]})"));
  EXPECT_TRUE(valid_json("\"only a string\""));
  EXPECT_FALSE(valid_json(""));
  EXPECT_FALSE(valid_json("{\"a\":1"));
  EXPECT_FALSE(valid_json("{\"a\":1} trailing"));
  EXPECT_FALSE(valid_json("{'a':1}"));
  EXPECT_FALSE(valid_json("{\"a\":1,}"));
  EXPECT_FALSE(valid_json("[1] [2]"));
}

}  // namespace
}  // namespace tongban::http
