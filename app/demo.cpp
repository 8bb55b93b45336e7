#include "app/demo.hpp"

#include "app/audit/audit_trail.hpp"
#include "core/identity/role.hpp"

namespace tongban::app {
namespace {

struct DemoDepartment {
  const char* code;
  const char* name;
  const char* parent_code;  // "" for none
  const char* region;
};

// The Nanning service centre's departments, as the seed names them.
constexpr DemoDepartment kDepartments[] = {
    {"NN-XZSPJ", "南宁市行政审批局", "", "450100"},
    {"NN-ZJJ", "南宁市住房和城乡建设局", "", "450100"},
    {"NN-SCJGJ", "南宁市市场监督管理局", "", "450100"},
    {"NN-ZRZYJ", "南宁市自然资源局", "", "450100"},
    {"NN-WJW", "南宁市卫生健康委员会", "", "450100"},
    {"NN-RSJ", "南宁市人力资源和社会保障局", "", "450100"},
    {"NN-BDCDJ", "南宁市不动产登记中心", "NN-ZRZYJ", "450100"},
    {"NN-GJJ", "南宁住房公积金管理中心", "", "450100"},
    {"NN-12345", "南宁市12345政务服务便民热线", "", "450100"},
    {"NN-GAJ", "南宁市公安局", "", "450100"},
    {"NN-SWJ", "国家税务总局南宁市税务局", "", "450100"},
    {"NN-WGLJ", "南宁市文化广电和旅游局", "", "450100"},
    {"NN-YJGLJ", "南宁市应急管理局", "", "450100"},
    {"NN-XFZD", "南宁市消防救援支队", "", "450100"},
    {"NN-RFB", "南宁市人民防空办公室", "", "450100"},
    {"NN-STHJJ", "南宁市生态环境局", "", "450100"},
    {"NN-FGW", "南宁市发展和改革委员会", "", "450100"},
    {"NN-RMYH", "中国人民银行南宁中心支行", "", "450100"},
    {"GX-YJJ", "广西壮族自治区药品监督管理局", "", "450000"},
    {"GX-ZWB", "广西壮族自治区政务服务监督管理办公室", "", "450000"},
    // 北海 and 来宾: the departments of their stage templates (data/projects/templates).
    {"BH-XZSPJ", "北海市行政审批局", "", "450500"},
    {"BH-FGW", "北海市发展和改革委员会", "", "450500"},
    {"BH-ZRZYJ", "北海市自然资源局", "", "450500"},
    {"BH-STHJJ", "北海市生态环境局", "", "450500"},
    {"BH-GHJ", "北海市规划局", "", "450500"},
    {"BH-ZJJ", "北海市住房和城乡建设局", "", "450500"},
    {"BH-XFZD", "北海市消防救援支队", "", "450500"},
    {"BH-QXJ", "北海市气象局", "", "450500"},
    {"BH-RFB", "北海市人民防空办公室", "", "450500"},
    {"LB-XZSPJ", "来宾市行政审批局", "", "451300"},
    {"LB-FGW", "来宾市发展和改革委员会", "", "451300"},
    {"LB-ZRZYJ", "来宾市自然资源局", "", "451300"},
    {"LB-ZJJ", "来宾市住房和城乡建设局", "", "451300"},
    // 三级联审 (data/projects/review-posts.json): the land-use review posts of 海城区 and the
    // region (北海's is BH-ZRZYJ above).
    {"BH-HC-ZRZY", "北海市自然资源局海城分局", "", "450502"},
    {"GX-ZRZYT", "广西壮族自治区自然资源厅", "", "450000"},
};

struct DemoCentre {
  const char* name;
  const char* region;
  const char* address;
};

constexpr DemoCentre kCentres[] = {
    {"南宁市民中心（南宁市政务服务中心）", "450100", "南宁市青秀区怡宾路6号"},
    {"北海市政务服务中心", "450500", "北海市海城区北京路1号"},
    {"贵港市政务服务中心", "450800", "贵港市港北区金港大道"},
};

struct DemoUser {
  const char* username;
  identity::Role role;
  const char* display_name;
  const char* department_code;  // "" for none
  const char* kind;
  const char* id_number;
  const char* uscc;
  const char* region = "450100";
};

constexpr DemoUser kUsers[] = {
    {"admin", identity::Role::Admin, "系统管理员", "", "staff", "", ""},
    {"security", identity::Role::SecurityAdmin, "安全管理员", "", "staff", "", ""},
    {"auditor", identity::Role::AuditAdmin, "审计管理员", "", "staff", "", ""},
    {"clerk", identity::Role::FrontClerk, "李窗口", "NN-XZSPJ", "staff", "", ""},
    {"reviewer", identity::Role::Reviewer, "王审查", "NN-ZJJ", "staff", "", ""},
    {"head", identity::Role::DeptHead, "赵局长", "NN-ZJJ", "staff", "", ""},
    {"supervisor", identity::Role::Supervisor, "陈监督", "GX-ZWB", "staff", "", ""},
    {"agency", identity::Role::Agency, "南宁某工程咨询有限公司", "", "org", "", ""},
    {"hotline", identity::Role::HotlineOperator, "周话务", "NN-12345", "staff", "", ""},
    {"citizen", identity::Role::ApplicantPerson, "张三", "", "person", "11010519491231002X", ""},
    {"company", identity::Role::ApplicantOrg, "南宁示例科技有限公司", "", "org", "",
     "91350100M000100Y43"},
    // Projects (工程建设项目): a head and a reviewer of each 北海 / 来宾 lead department, a
    // reviewer of each 北海 co-department (joint tasks), a 北海 window clerk and owner.
    {"bh-xzspj-head", identity::Role::DeptHead, "北海审批局负责人", "BH-XZSPJ", "staff", "", "",
     "450500"},
    {"bh-xzspj", identity::Role::Reviewer, "北海审批局审查员", "BH-XZSPJ", "staff", "", "",
     "450500"},
    {"bh-zrzyj-head", identity::Role::DeptHead, "北海自然资源局负责人", "BH-ZRZYJ", "staff", "", "",
     "450500"},
    {"bh-zrzyj", identity::Role::Reviewer, "北海自然资源局审查员", "BH-ZRZYJ", "staff", "", "",
     "450500"},
    {"bh-ghj-head", identity::Role::DeptHead, "北海规划局负责人", "BH-GHJ", "staff", "", "",
     "450500"},
    {"bh-ghj", identity::Role::Reviewer, "北海规划局审查员", "BH-GHJ", "staff", "", "", "450500"},
    {"bh-zjj-head", identity::Role::DeptHead, "北海住建局负责人", "BH-ZJJ", "staff", "", "",
     "450500"},
    {"bh-zjj", identity::Role::Reviewer, "北海住建局审查员", "BH-ZJJ", "staff", "", "", "450500"},
    {"bh-fgw", identity::Role::Reviewer, "北海发改委审查员", "BH-FGW", "staff", "", "", "450500"},
    {"bh-sthjj", identity::Role::Reviewer, "北海生态环境局审查员", "BH-STHJJ", "staff", "", "",
     "450500"},
    {"bh-xfzd", identity::Role::Reviewer, "北海消防支队审查员", "BH-XFZD", "staff", "", "",
     "450500"},
    {"bh-qxj", identity::Role::Reviewer, "北海气象局审查员", "BH-QXJ", "staff", "", "", "450500"},
    {"bh-rfb", identity::Role::Reviewer, "北海人防办审查员", "BH-RFB", "staff", "", "", "450500"},
    {"bh-clerk", identity::Role::FrontClerk, "北海窗口", "BH-XZSPJ", "staff", "", "", "450500"},
    // The departments of the demo catalog's items that the 北海 and 来宾 templates use (their
    // stage cases are reviewed and decided there; NN-ZJJ has `reviewer` and `head`).
    {"nn-fgw", identity::Role::Reviewer, "南宁发改委审查员", "NN-FGW", "staff", "", ""},
    {"nn-zrzyj", identity::Role::Reviewer, "南宁自然资源局审查员", "NN-ZRZYJ", "staff", "", ""},
    {"nn-bdcdj", identity::Role::Reviewer, "南宁不动产登记中心审查员", "NN-BDCDJ", "staff", "", ""},
    {"nn-rfb", identity::Role::Reviewer, "南宁人防办审查员", "NN-RFB", "staff", "", ""},
    {"nn-sthjj", identity::Role::Reviewer, "南宁生态环境局审查员", "NN-STHJJ", "staff", "", ""},
    {"bh-company", identity::Role::ApplicantOrg, "北海示例建设投资有限公司", "", "org", "",
     "91450500MA5N8BH00M", "450500"},
    {"lb-xzspj-head", identity::Role::DeptHead, "来宾审批局负责人", "LB-XZSPJ", "staff", "", "",
     "451300"},
    {"lb-xzspj", identity::Role::Reviewer, "来宾审批局审查员", "LB-XZSPJ", "staff", "", "",
     "451300"},
    {"lb-zrzyj-head", identity::Role::DeptHead, "来宾自然资源局负责人", "LB-ZRZYJ", "staff", "", "",
     "451300"},
    {"lb-zrzyj", identity::Role::Reviewer, "来宾自然资源局审查员", "LB-ZRZYJ", "staff", "", "",
     "451300"},
    {"lb-zjj-head", identity::Role::DeptHead, "来宾住建局负责人", "LB-ZJJ", "staff", "", "",
     "451300"},
    {"lb-zjj", identity::Role::Reviewer, "来宾住建局审查员", "LB-ZJJ", "staff", "", "", "451300"},
    // 三级联审: reviewers of the county and province land-use posts (the city's is bh-zrzyj).
    {"bh-hc-zrzy", identity::Role::Reviewer, "海城分局审查员", "BH-HC-ZRZY", "staff", "", "",
     "450502"},
    {"gx-zrzyt", identity::Role::Reviewer, "自然资源厅审查员", "GX-ZRZYT", "staff", "", "",
     "450000"},
};

std::optional<std::string> non_empty(const char* s) {
  return *s ? std::optional<std::string>(s) : std::nullopt;
}

}  // namespace

DemoReport load_demo(const Env& env) {
  DemoReport report;
  RequestContext ctx;
  ctx.actor.username = "system";
  ctx.request_id = "demo";
  const std::string password_hash = env.hasher.hash(kDemoPassword);
  env.store.write([&](ports::UnitOfWork& uow) {
    report = DemoReport{};
    auto& ids = uow.identity();
    for (const auto& d : kDepartments) {
      if (ids.find_department_by_code(d.code)) continue;
      ports::DepartmentRecord rec;
      rec.name = d.name;
      rec.code = d.code;
      if (*d.parent_code) rec.parent_id = ids.find_department_by_code(d.parent_code)->id;
      rec.region_code = d.region;
      rec.created_at = env.clock.now();
      rec.id = ids.insert_department(rec);
      append_audit(env, uow, ctx, "department.create", "department:" + std::to_string(rec.id),
                   audit::Outcome::Success);
      ++report.departments_created;
    }
    if (ids.list_service_centres(std::nullopt, ports::PageRequest{1, 1}).total == 0) {
      for (const auto& c : kCentres) {
        const auto id = ids.insert_service_centre(
            ports::ServiceCentreRecord{0, c.name, c.region, c.address, env.clock.now()});
        append_audit(env, uow, ctx, "service_centre.create", "service_centre:" + std::to_string(id),
                     audit::Outcome::Success);
      }
    }
    for (const auto& u : kUsers) {
      report.logins.push_back(
          {u.username, std::string(identity::role_name(u.role)), u.display_name});
      if (ids.find_user_by_username(u.username)) continue;
      ports::UserRecord rec;
      rec.username = u.username;
      rec.display_name = u.display_name;
      rec.password_hash = password_hash;
      rec.role = identity::role_name(u.role);
      rec.kind = u.kind;
      if (*u.department_code)
        rec.department_id = ids.find_department_by_code(u.department_code)->id;
      rec.region_code = u.region;
      rec.id_number = non_empty(u.id_number);
      rec.uscc = non_empty(u.uscc);
      rec.created_at = env.clock.now();
      rec.id = ids.insert_user(rec);
      append_audit(env, uow, ctx, "user.create", "user:" + std::to_string(rec.id),
                   audit::Outcome::Success);
      ++report.users_created;
    }
  });
  return report;
}

}  // namespace tongban::app
