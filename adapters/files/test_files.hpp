// Minimal real file headers for upload tests.
#pragma once

#include <string>

namespace tongban::files::testdata {

inline std::string pdf() {
  return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}
inline std::string png() {
  return std::string(
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
}
inline std::string jpeg() {
  return std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xD9", 22);
}
inline std::string elf() {
  return std::string(
      "\x7f"
      "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
      16);
}
inline std::string exe() { return std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", 16); }
// A zip local file header (30 bytes) followed by the entry name and a little content.
inline std::string zip_with_first_entry(const std::string& name) {
  std::string h("PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 26);
  h.push_back(static_cast<char>(name.size() & 0xFF));
  h.push_back(static_cast<char>((name.size() >> 8) & 0xFF));
  h.push_back('\0');
  h.push_back('\0');
  return h + name + "<ofd/>";
}
inline std::string ofd() { return zip_with_first_entry("OFD.xml"); }

}  // namespace tongban::files::testdata
