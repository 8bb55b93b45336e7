// Masking of personal information (GB/T 35273 去标识化 for display): what staff see of a
// person until they reveal it for a stated reason. Pure; works on UTF-8 text.
#pragma once

#include <string>
#include <string_view>

namespace tongban::identity {

// 身份证: the region (6) and the last 4 stay, the birth date and order code are hidden:
// 110105********002X. Other lengths keep at most the first and last quarter.
[[nodiscard]] std::string mask_id_number(std::string_view id_number);

// Telephone: a mobile number keeps 3 + 4 (138****1234); a landline keeps its area code and
// last 2 (0771-*****67). Anything else keeps its first and last quarter.
[[nodiscard]] std::string mask_phone(std::string_view phone);

// Address: the first 6 characters (province and city, usually) then ****.
[[nodiscard]] std::string mask_address(std::string_view address);

// Which kind of personal information a form field holds, judged by its key: id_number,
// phone (phone, mobile, tel, …_phone), address (address, …_address) or none.
enum class PersonalField { None, IdNumber, Phone, Address };
[[nodiscard]] PersonalField personal_field(std::string_view key);

// The masked value of a field of that kind (unchanged for None).
[[nodiscard]] std::string mask(PersonalField kind, std::string_view value);

}  // namespace tongban::identity
