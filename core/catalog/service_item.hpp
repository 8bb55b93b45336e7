// The service item (政务服务事项) and its implementation record (实施清单, "八统一"):
// one standard record per item, the same at province, city, county and township level.
// Field meanings: /work/shared/domain/REFERENCE.md §3. Pure values; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar/statutory_clock.hpp"

namespace tongban::catalog {

// GB/T 39554.1 item types: 01 行政许可 … 10 其他行政权力, 20 公共服务.
enum class ItemType {
  Licensing = 1,       // 01 行政许可
  Penalty = 2,         // 02 行政处罚
  Enforcement = 3,     // 03 行政强制
  Levy = 4,            // 04 行政征收
  Benefit = 5,         // 05 行政给付
  Inspection = 6,      // 06 行政检查
  Confirmation = 7,    // 07 行政确认
  Reward = 8,          // 08 行政奖励
  Adjudication = 9,    // 09 行政裁决
  OtherPower = 10,     // 10 其他行政权力
  PublicService = 20,  // 20 公共服务
};

enum class HandlingKind { Instant, Commitment };  // 即办件 / 承诺件

enum class MaterialForm { Original, Copy, OriginalAndCopy };  // 原件 / 复印件 / 原件和复印件

// Where a material comes from: handed in by the applicant, taken from an electronic
// certificate already on file, or fetched from another department's shared data.
enum class MaterialSource { ApplicantUpload, Certificate, SharedData };

enum class Channel { Window, Online, Mobile, Mail, Kiosk };  // 窗口 / 网上 / 掌上 / 邮寄 / 自助

enum class ServiceObject { Person, Organisation, Both };  // 自然人 / 法人 / 两者

enum class ExerciseLevel { Province, City, County, Township };  // 行使层级

struct Material {
  std::string code;  // unique within the item, e.g. "M01"
  std::string name;
  bool required = true;
  MaterialForm form = MaterialForm::Original;
  int copies = 1;
  MaterialSource source = MaterialSource::ApplicantUpload;
  std::string certificate_type;  // for source Certificate: the certificate's type name
  std::string blank_form;        // name or URL of the blank form, empty when none
  std::string example;           // a filled example, empty when none
  bool tolerable = false;        // 容缺: may be handed in later against a commitment
  std::string notes;
};

// One review post (审查岗位) with its own limit.
struct ReviewPost {
  std::string name;             // e.g. "审查", "审核", "审批"
  std::string department_code;  // the department whose queue receives the task
  calendar::Budget limit;
};

// A step of the process. Steps run in order; the posts of one step run in parallel.
struct ProcessStep {
  std::string name;
  std::vector<ReviewPost> posts;
};

struct Fee {
  std::string name;
  std::string rate;  // as published, e.g. "每件 10 元"
  std::string legal_basis;
  bool reducible = false;
};

struct ServiceItem {
  std::string code;  // 实施编码 (or 基本编码 where no 实施编码 is published)
  int version = 1;   // a case keeps the version it was accepted under
  std::string name;
  ItemType type = ItemType::Licensing;
  std::string department_code;  // 实施主体
  std::string region_code;      // where it is exercised (GB/T 2260)
  ExerciseLevel level = ExerciseLevel::City;
  ServiceObject service_object = ServiceObject::Both;
  std::string legal_basis;            // 设定依据
  std::string acceptance_conditions;  // 受理条件
  std::vector<Material> materials;
  std::vector<ProcessStep> steps;
  calendar::Budget legal_limit;      // 法定办结时限
  calendar::Budget committed_limit;  // 承诺办结时限 (≤ legal)
  std::string limit_explanation;
  HandlingKind handling = HandlingKind::Commitment;
  int visits = 1;  // 到办事现场次数: 0 = 一次不用跑, 1 = 最多跑一次, 2+ = more
  std::vector<Channel> channels;
  std::vector<Fee> fees;                           // empty: free of charge
  std::vector<std::string> intermediary_services;  // only those in the local 中介服务事项目录
  std::string location;
  std::string office_hours;
  std::string consult_phone;
  std::string complaint_phone;
  // Warning threshold for the item's clocks (≤ N working days or ≤ P% left).
  int warning_days = 2;
  int warning_percent = 20;
};

// Equal in every published field, ignoring the version: an import leaves such items alone.
[[nodiscard]] bool same_content(const ServiceItem& a, const ServiceItem& b);

}  // namespace tongban::catalog
