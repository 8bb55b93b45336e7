#include "core/catalog/names.hpp"

#include <array>
#include <string>
#include <utility>

namespace tongban::catalog {
namespace {

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, n] : table) {
    if (v == e) return n;
  }
  return "unknown";
}

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view s) {
  for (const auto& [v, n] : table) {
    if (n == s) return v;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<ItemType, std::string_view>, 11> kTypes{{
    {ItemType::Licensing, "licensing"},
    {ItemType::Penalty, "penalty"},
    {ItemType::Enforcement, "enforcement"},
    {ItemType::Levy, "levy"},
    {ItemType::Benefit, "benefit"},
    {ItemType::Inspection, "inspection"},
    {ItemType::Confirmation, "confirmation"},
    {ItemType::Reward, "reward"},
    {ItemType::Adjudication, "adjudication"},
    {ItemType::OtherPower, "other_power"},
    {ItemType::PublicService, "public_service"},
}};
constexpr std::array<std::pair<ItemType, std::string_view>, 11> kTypeLabels{{
    {ItemType::Licensing, "行政许可"},
    {ItemType::Penalty, "行政处罚"},
    {ItemType::Enforcement, "行政强制"},
    {ItemType::Levy, "行政征收"},
    {ItemType::Benefit, "行政给付"},
    {ItemType::Inspection, "行政检查"},
    {ItemType::Confirmation, "行政确认"},
    {ItemType::Reward, "行政奖励"},
    {ItemType::Adjudication, "行政裁决"},
    {ItemType::OtherPower, "其他行政权力"},
    {ItemType::PublicService, "公共服务"},
}};
constexpr std::array<std::pair<HandlingKind, std::string_view>, 2> kHandling{{
    {HandlingKind::Instant, "instant"},
    {HandlingKind::Commitment, "commitment"},
}};
constexpr std::array<std::pair<MaterialForm, std::string_view>, 3> kForms{{
    {MaterialForm::Original, "original"},
    {MaterialForm::Copy, "copy"},
    {MaterialForm::OriginalAndCopy, "original_and_copy"},
}};
constexpr std::array<std::pair<MaterialForm, std::string_view>, 3> kFormLabels{{
    {MaterialForm::Original, "原件"},
    {MaterialForm::Copy, "复印件"},
    {MaterialForm::OriginalAndCopy, "原件和复印件"},
}};
constexpr std::array<std::pair<MaterialSource, std::string_view>, 3> kSources{{
    {MaterialSource::ApplicantUpload, "applicant_upload"},
    {MaterialSource::Certificate, "certificate"},
    {MaterialSource::SharedData, "shared_data"},
}};
constexpr std::array<std::pair<Channel, std::string_view>, 5> kChannels{{
    {Channel::Window, "window"},
    {Channel::Online, "online"},
    {Channel::Mobile, "mobile"},
    {Channel::Mail, "mail"},
    {Channel::Kiosk, "kiosk"},
}};
constexpr std::array<std::pair<Channel, std::string_view>, 5> kChannelLabels{{
    {Channel::Window, "窗口办理"},
    {Channel::Online, "网上办理"},
    {Channel::Mobile, "掌上办理"},
    {Channel::Mail, "邮寄办理"},
    {Channel::Kiosk, "自助终端"},
}};
constexpr std::array<std::pair<ServiceObject, std::string_view>, 3> kObjects{{
    {ServiceObject::Person, "person"},
    {ServiceObject::Organisation, "organisation"},
    {ServiceObject::Both, "both"},
}};
constexpr std::array<std::pair<ExerciseLevel, std::string_view>, 4> kLevels{{
    {ExerciseLevel::Province, "province"},
    {ExerciseLevel::City, "city"},
    {ExerciseLevel::County, "county"},
    {ExerciseLevel::Township, "township"},
}};

}  // namespace

std::string_view to_string(ItemType t) { return name_of(kTypes, t); }
std::optional<ItemType> item_type_from_string(std::string_view s) { return value_of(kTypes, s); }
std::string item_type_code(ItemType t) {
  const int n = static_cast<int>(t);
  return (n < 10 ? "0" : "") + std::to_string(n);
}
std::string_view item_type_label(ItemType t) { return name_of(kTypeLabels, t); }

std::string_view to_string(HandlingKind k) { return name_of(kHandling, k); }
std::optional<HandlingKind> handling_from_string(std::string_view s) {
  return value_of(kHandling, s);
}

std::string_view to_string(MaterialForm f) { return name_of(kForms, f); }
std::optional<MaterialForm> material_form_from_string(std::string_view s) {
  return value_of(kForms, s);
}
std::string_view material_form_label(MaterialForm f) { return name_of(kFormLabels, f); }

std::string_view to_string(MaterialSource s) { return name_of(kSources, s); }
std::optional<MaterialSource> material_source_from_string(std::string_view s) {
  return value_of(kSources, s);
}

std::string_view to_string(Channel c) { return name_of(kChannels, c); }
std::optional<Channel> channel_from_string(std::string_view s) { return value_of(kChannels, s); }
std::string_view channel_label(Channel c) { return name_of(kChannelLabels, c); }

std::string_view to_string(ServiceObject o) { return name_of(kObjects, o); }
std::optional<ServiceObject> service_object_from_string(std::string_view s) {
  return value_of(kObjects, s);
}

std::string_view to_string(ExerciseLevel l) { return name_of(kLevels, l); }
std::optional<ExerciseLevel> exercise_level_from_string(std::string_view s) {
  return value_of(kLevels, s);
}

}  // namespace tongban::catalog
