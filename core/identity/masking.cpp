#include "core/identity/masking.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace tongban::identity {
namespace {

// Byte offsets where each UTF-8 character starts (continuation bytes are skipped).
std::vector<std::size_t> char_starts(std::string_view s) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  return out;
}

// Keeps `head` characters and `tail` characters, one '*' for each character between.
std::string keep(std::string_view s, std::size_t head, std::size_t tail) {
  const auto starts = char_starts(s);
  const std::size_t n = starts.size();
  if (n == 0) return {};
  if (head + tail >= n) {  // too short to show anything: hide all but the last character
    head = 0;
    tail = n > 1 ? 1 : 0;
  }
  const std::size_t hidden = n - head - tail;
  std::string out(s.substr(0, head < n ? starts[head] : s.size()));
  out.append(hidden, '*');
  if (tail > 0) out.append(s.substr(starts[n - tail]));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string mask_id_number(std::string_view id) {
  if (id.size() == 18 || id.size() == 15) return keep(id, 6, id.size() == 18 ? 4 : 3);
  const auto n = char_starts(id).size();
  return keep(id, n / 4, n / 4);
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() == 11 && all_digits(phone) && phone[0] == '1') return keep(phone, 3, 4);
  // An area code of at most 5 digits, a dash, the number (npos is never <= 5).
  if (const auto dash = phone.find('-');
      dash <= 5 && all_digits(phone.substr(0, dash)) && all_digits(phone.substr(dash + 1)))
    return std::string(phone.substr(0, dash + 1)) + keep(phone.substr(dash + 1), 0, 2);
  const auto n = char_starts(phone).size();
  return keep(phone, n / 4, n / 4);
}

std::string mask_address(std::string_view address) {
  const auto starts = char_starts(address);
  if (starts.size() <= 6) return keep(address, 0, 0);
  return std::string(address.substr(0, starts[6])) + "****";
}

PersonalField personal_field(std::string_view key) {
  static constexpr std::array<std::string_view, 3> kIdKeys{"id_number", "id_card", "idcard"};
  static constexpr std::array<std::string_view, 4> kPhoneKeys{"phone", "mobile", "tel",
                                                              "telephone"};
  for (auto k : kIdKeys)
    if (key == k || ends_with(key, std::string("_") + std::string(k)))
      return PersonalField::IdNumber;
  for (auto k : kPhoneKeys)
    if (key == k || ends_with(key, std::string("_") + std::string(k))) return PersonalField::Phone;
  if (key == "address" || ends_with(key, "_address")) return PersonalField::Address;
  return PersonalField::None;
}

std::string mask(PersonalField kind, std::string_view value) {
  switch (kind) {
    case PersonalField::IdNumber:
      return mask_id_number(value);
    case PersonalField::Phone:
      return mask_phone(value);
    case PersonalField::Address:
      return mask_address(value);
    case PersonalField::None:
      break;
  }
  return std::string(value);
}

}  // namespace tongban::identity
