#include "adapters/files/sms_senders.hpp"

#include <spdlog/spdlog.h>

namespace tongban::files {

std::string mask_phone(const std::string& phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

Status LoggingSmsSender::send(const std::string& phone, const std::string& text) {
  spdlog::info("sms to={} chars={} text={}", mask_phone(phone), text.size(), text);
  return ok_status();
}

}  // namespace tongban::files
