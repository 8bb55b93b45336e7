// Stable error codes: the one table every context reports failures from.
// Codes are API: never renamed, never reused. Tests assert codes, never messages.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace tongban {

// clang-format off
// X(enum, wire name, HTTP status, zh-CN message, en message)
#define TONGBAN_ERROR_CODES(X)                                                                     \
  X(InvalidJson, "invalid_json", 400, "请求内容不是有效的 JSON", "The request body is not valid JSON") \
  X(ValidationFailed, "validation_failed", 400, "提交的数据不符合要求", "The submitted data is invalid") \
  X(InvalidIdNumber, "invalid_id_number", 400, "居民身份证号码不正确", "The resident ID number is invalid") \
  X(InvalidUscc, "invalid_uscc", 400, "统一社会信用代码不正确", "The unified social credit code is invalid") \
  X(InvalidDate, "invalid_date", 400, "日期不正确", "The date is invalid")                        \
  X(InvalidArgument, "invalid_argument", 400, "参数不正确", "An argument is invalid")             \
  X(CalendarOutOfRange, "calendar_out_of_range", 422, "日期超出工作日历的覆盖范围",               \
    "The date is outside the calendar's coverage")                                                 \
  X(CalendarMalformed, "calendar_malformed", 400, "日历文件格式错误", "The calendar file is malformed") \
  X(CalendarConflict, "calendar_conflict", 409, "日历例外日重复或相互矛盾",                       \
    "Calendar exceptions are duplicated or contradictory")                                         \
  X(ClockInvalidTransition, "clock_invalid_transition", 409, "计时状态不允许此操作",              \
    "The clock's state does not allow this operation")                                             \
  X(Unauthenticated, "unauthenticated", 401, "请先登录", "Authentication is required")            \
  X(InvalidCredentials, "invalid_credentials", 401, "用户名或密码错误", "Wrong username or password") \
  X(SessionExpired, "session_expired", 401, "登录已过期，请重新登录", "The session has expired")  \
  X(SecondFactorRequired, "second_factor_required", 401, "请输入身份验证器上的 6 位动态验证码",   \
    "Enter the 6-digit code from your authenticator app")                                        \
  X(SecondFactorInvalid, "second_factor_invalid", 401, "动态验证码不正确、已过期或已使用",        \
    "The code is wrong, expired or already used")                                                 \
  X(SecondFactorEnrolmentRequired, "second_factor_enrolment_required", 401,                       \
    "您的账号须先绑定身份验证器：请扫描二维码并输入显示的验证码",                                  \
    "This account must set up an authenticator app first: scan the code and enter the digits")    \
  X(PasswordExpired, "password_expired", 401, "密码已过期，请设置新密码",                          \
    "The password has expired: choose a new one")                                                  \
  X(CsrfInvalid, "csrf_invalid", 403, "页面已过期，请刷新后重试", "The CSRF token is missing or wrong") \
  X(Forbidden, "forbidden", 403, "没有权限执行此操作", "You are not allowed to do this")            \
  X(NotFound, "not_found", 404, "请求的资源不存在", "The resource does not exist")                  \
  X(MethodNotAllowed, "method_not_allowed", 405, "不支持该请求方法", "The method is not allowed")   \
  X(Conflict, "conflict", 409, "数据冲突，请刷新后重试", "The request conflicts with current data") \
  X(UsernameTaken, "username_taken", 409, "用户名已被使用", "The username is already taken")        \
  X(IdempotencyConflict, "idempotency_conflict", 409, "重复提交的内容与首次不一致",                 \
    "The Idempotency-Key was used with a different request")                                       \
  X(PayloadTooLarge, "payload_too_large", 413, "提交的内容过大", "The request body is too large")   \
  X(UnsupportedMediaType, "unsupported_media_type", 415, "不支持的内容类型",                        \
    "The content type is not supported")                                                           \
  X(UnknownRegion, "unknown_region", 404, "行政区划不存在", "The region does not exist")           \
  X(TooManyRequests, "too_many_requests", 429, "尝试次数过多，请稍后再试", "Too many attempts; try later") \
  X(MalformedRequest, "malformed_request", 400, "请求格式错误", "The HTTP request is malformed") \
  X(InvalidTransition, "invalid_transition", 409, "当前办件状态不允许此操作",                \
    "The case's state does not allow this action")                                                 \
  X(MaterialsMissing, "materials_missing", 422, "缺少必需的申请材料",                              \
    "Required materials are missing")                                                              \
  X(SupplementUnchanged, "supplement_unchanged", 422, "补正的材料与被退回的材料相同，请提交修改后的材料", \
    "A supplemented material is the very file the notice rejected")                              \
  X(SupplementRepeated, "supplement_repeated", 409,                                                \
    "一次性告知：本阶段已发出过补正通知，只能就申请人新补交的材料再次告知",                        \
    "This stage already sent a supplement notice; a further one may only name newly handed-in materials") \
  X(NotTolerable, "not_tolerable", 422, "该材料不允许容缺受理",                                    \
    "The material may not be handed in later")                                                     \
  X(CommitmentIneligible, "commitment_ineligible", 422, "申请人暂不具备容缺受理资格",               \
    "The applicant may not use tolerated acceptance now")                                          \
  X(CaseNotInScope, "case_not_in_scope", 403, "该办件不在您的办理范围内",                          \
    "The case is outside your department or region")                                               \
  X(FileTypeForbidden, "file_type_forbidden", 415, "仅支持上传 PDF、JPEG、PNG 或 OFD 文件",          \
    "Only PDF, JPEG, PNG or OFD files may be uploaded")                                            \
  X(FileTypeMismatch, "file_type_mismatch", 415, "文件内容与声明的类型不一致",                      \
    "The file's content does not match its declared type")                                         \
  X(FileRejected, "file_rejected", 422, "文件未通过安全检查", "The file did not pass the security scan") \
  X(CatalogMalformed, "catalog_malformed", 400, "事项数据格式错误", "The service item data is malformed") \
  X(ItemInvalid, "item_invalid", 400, "事项要素不符合规范", "The service item breaks a catalog rule") \
  X(UnknownDepartment, "unknown_department", 400, "实施部门不存在", "The department does not exist") \
  X(ItemExists, "item_exists", 409, "事项编码已存在", "An item with this code already exists") \
  X(BundleInvalid, "bundle_invalid", 400, "一件事定义不符合规范", "The bundle breaks a bundle rule") \
  X(ItemNotInBundle, "item_not_in_bundle", 422, "所选事项不属于该一件事",                          \
    "The chosen item is not part of the bundle")                                                   \
  X(FieldConflict, "field_conflict", 422, "同一字段填写了不一致的值",                                \
    "One shared field was given conflicting values")                                               \
  X(DocumentExpired, "document_expired", 422, "材料已超过有效期，请重新提交",                        \
    "The document is past its validity; hand in a new one")                                        \
  X(BundleNotComplete, "bundle_not_complete", 409, "一件事尚有事项未办结，不能统一出件",             \
    "Some items of the bundle are still open; results go out together")                            \
  X(DeskCategoryInvalid, "desk_category_invalid", 400, "窗口分类设置不符合规范",                    \
    "The front-desk category breaks a category rule")                                              \
  X(DeskCategoryInUse, "desk_category_in_use", 409, "该窗口分类仍有一件事在使用，不能改名或删除",    \
    "A bundle still uses this category; it cannot be renamed or deleted")                          \
  X(OutsideDeskCategory, "outside_desk_category", 403, "该事项不属于您负责的窗口分类",               \
    "The item is outside your front-desk categories")                                              \
  X(BundleExists, "bundle_exists", 409, "一件事编码已存在", "A bundle with this code already exists") \
  X(InvalidProjectCode, "invalid_project_code", 400, "项目代码不正确", "The project code is invalid") \
  X(ProjectInvalid, "project_invalid", 400, "项目信息不符合要求", "The project's data breaks a project rule") \
  X(TemplateInvalid, "template_invalid", 400, "阶段模板不符合规范", "The stage template breaks a template rule") \
  X(StageNotReady, "stage_not_ready", 409, "前置阶段尚未办结，本阶段不能开启",                      \
    "An earlier stage this stage depends on is not closed yet")                                    \
  X(StageStateInvalid, "stage_state_invalid", 409, "当前阶段状态不允许此操作",                       \
    "The stage's state does not allow this action")                                                \
  X(ItemNotInStage, "item_not_in_stage", 422, "该事项不属于本阶段", "The item is not part of this stage") \
  X(ProjectExists, "project_exists", 409, "该项目代码已登记", "A project with this code is already registered") \
  X(StageUnfinished, "stage_unfinished", 409, "本阶段尚有事项未办结或联合任务未汇总，不能关闭",      \
    "A case of the stage is undecided or a joint task is not consolidated")                          \
  X(AnswerWrongDepartment, "answer_wrong_department", 403, "只能以本部门名义答复",                   \
    "You can answer only for your own department")                                                   \
  X(JointTaskNotAsked, "joint_task_not_asked", 422, "该部门不在本次联合任务之列",                    \
    "The department is not asked by this joint task")                                                \
  X(JointTaskAnswered, "joint_task_answered", 409, "该部门已答复", "The department has already answered") \
  X(JointTaskClosed, "joint_task_closed", 409, "联合任务已汇总", "The joint task is already consolidated") \
  X(JointTaskUnanswered, "joint_task_unanswered", 409, "尚有部门未答复，不能汇总",                   \
    "A department has not answered yet")                                                             \
  X(RuleInvalid, "rule_invalid", 400, "规则不符合 JSONLogic 规范或超出限制",                      \
    "The rule is not valid JSONLogic or exceeds the limits")                                       \
  X(SelfCheckFailed, "self_check_failed", 422, "报件自检未通过：有强制性规则不满足",                \
    "The filing fails blocking self-check rules")                                                  \
  X(FilingStateInvalid, "filing_state_invalid", 409, "当前报件状态不允许此操作",                    \
    "The filing's state does not allow this action")                                               \
  X(NotReviewPost, "not_review_post", 403, "只能以本部门的审查岗位答复",                            \
    "You may answer only for your own department's review post")                                   \
  X(ReviewPostMissing, "review_post_missing", 422, "该层级未配置审查部门",                          \
    "No reviewing department is set for a level of this region")                                  \
  X(MeetingStateInvalid, "meeting_state_invalid", 409, "当前联审会或决议状态不允许此操作",          \
    "The meeting's or decision's state does not allow this action")                                \
  X(Internal, "internal", 500, "服务器内部错误", "Internal server error")                             \
  X(Unavailable, "unavailable", 503, "服务暂不可用", "The service is temporarily unavailable")
// clang-format on

enum class ErrorCode {
#define TONGBAN_X(e, name, status, zh, en) e,
  TONGBAN_ERROR_CODES(TONGBAN_X)
#undef TONGBAN_X
};

struct ErrorInfo {
  std::string_view name;
  int http_status;
  std::string_view zh;
  std::string_view en;
};

[[nodiscard]] const ErrorInfo& error_info(ErrorCode code) noexcept;
// Looks a wire name up; returns false when no such code exists.
[[nodiscard]] bool error_code_from_name(std::string_view name, ErrorCode& out) noexcept;

// An expected failure: a stable code plus a detail for the developer (English, may name a
// field or a line) and an optional field name for forms.
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string detail;
  std::string field;

  Error() = default;
  Error(ErrorCode c, std::string d = {}, std::string f = {})
      : code(c), detail(std::move(d)), field(std::move(f)) {}
  [[nodiscard]] std::string_view name() const noexcept { return error_info(code).name; }
};

}  // namespace tongban
