// Stable lower-case wire names of the catalog's enums: the same word in JSON, TOML, SQL
// columns and the UI's i18n keys. Unknown names give nullopt, never a default.
#pragma once

#include <optional>
#include <string_view>

#include "core/catalog/service_item.hpp"

namespace tongban::catalog {

// licensing penalty enforcement levy benefit inspection confirmation reward adjudication
// other_power public_service
[[nodiscard]] std::string_view to_string(ItemType t);
[[nodiscard]] std::optional<ItemType> item_type_from_string(std::string_view s);
// The two-digit GB/T 39554.1 code ("01" … "10", "20").
[[nodiscard]] std::string item_type_code(ItemType t);
[[nodiscard]] std::string_view item_type_label(ItemType t);  // 行政许可 …

[[nodiscard]] std::string_view to_string(HandlingKind k);  // instant commitment
[[nodiscard]] std::optional<HandlingKind> handling_from_string(std::string_view s);

[[nodiscard]] std::string_view to_string(MaterialForm f);  // original copy original_and_copy
[[nodiscard]] std::optional<MaterialForm> material_form_from_string(std::string_view s);
[[nodiscard]] std::string_view material_form_label(MaterialForm f);  // 原件 …

// applicant_upload certificate shared_data
[[nodiscard]] std::string_view to_string(MaterialSource s);
[[nodiscard]] std::optional<MaterialSource> material_source_from_string(std::string_view s);

[[nodiscard]] std::string_view to_string(Channel c);  // window online mobile mail kiosk
[[nodiscard]] std::optional<Channel> channel_from_string(std::string_view s);
[[nodiscard]] std::string_view channel_label(Channel c);  // 窗口 …

[[nodiscard]] std::string_view to_string(ServiceObject o);  // person organisation both
[[nodiscard]] std::optional<ServiceObject> service_object_from_string(std::string_view s);

[[nodiscard]] std::string_view to_string(ExerciseLevel l);  // province city county township
[[nodiscard]] std::optional<ExerciseLevel> exercise_level_from_string(std::string_view s);

}  // namespace tongban::catalog
