// Service centres: public list, admin-only changes, validation, audit.
#include "tests/http/test_server.hpp"

namespace tongban::testing {
namespace {

namespace json = boost::json;

class ServiceCentreTest : public HttpTest {
 protected:
  std::int64_t centres() { return server().scalar("SELECT COUNT(*) FROM service_centres"); }
};

TEST_P(ServiceCentreTest, DemoCentresAreListedPublicly) {
  auto r = server().client()->get("/api/v1/service-centres?region_code=450100");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("total").as_int64(), 1);
  EXPECT_EQ(r.json().at("data").as_array()[0].at("name").as_string(),
            "南宁市民中心（南宁市政务服务中心）");
}

TEST_P(ServiceCentreTest, AdminsCreateAndEditOthersCannot) {
  auto admin = server().client();
  const HeaderList h{{"X-CSRF-Token", login_cookie(*admin, "admin", demo_password())}};
  const auto before = centres();
  auto created = admin->post("/api/v1/service-centres",
                             json::object{{"name", "兴宁区政务服务中心'; DROP TABLE users; --"},
                                          {"region_code", "450102"},
                                          {"address", "南宁市兴宁区"}},
                             h);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("name").as_string(), "兴宁区政务服务中心'; DROP TABLE users; --");
  EXPECT_EQ(centres(), before + 1);
  const auto id = std::to_string(created.json().at("id").as_int64());
  auto edited =
      admin->patch("/api/v1/service-centres/" + id, json::object{{"address", "新地址"}}, h);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().at("address").as_string(), "新地址");
  EXPECT_EQ(
      server().scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'service_centre.%' AND "
                      "outcome = 'success' AND request_id <> 'demo'"),
      2);

  auto bad_region = admin->post("/api/v1/service-centres",
                                json::object{{"name", "x"}, {"region_code", "999999"}}, h);
  EXPECT_EQ(bad_region.status, 400);
  EXPECT_EQ(bad_region.code(), "validation_failed");
  auto missing = admin->post("/api/v1/service-centres", json::object{{"region_code", "450100"}}, h);
  EXPECT_EQ(missing.code(), "validation_failed");
  auto unknown = admin->patch("/api/v1/service-centres/99999", json::object{{"address", "x"}}, h);
  EXPECT_EQ(unknown.code(), "not_found");

  auto clerk = server().client();
  const HeaderList ch{{"X-CSRF-Token", login_cookie(*clerk, "clerk", demo_password())}};
  auto refused = clerk->post("/api/v1/service-centres",
                             json::object{{"name", "x"}, {"region_code", "450100"}}, ch);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.code(), "forbidden");
  EXPECT_EQ(centres(), before + 1);
}

TONGBAN_INSTANTIATE_ON_DATABASES(ServiceCentreTest);

}  // namespace
}  // namespace tongban::testing
