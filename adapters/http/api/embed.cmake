# Writes OUTPUT: a C++ file defining openapi_document() with the bytes of INPUT.
file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}" "// Generated from docs/api/openapi.json; do not edit.\n#include <string_view>\nnamespace tongban::http {\nnamespace { constexpr char kDoc[] = {${bytes} 0}; }\nstd::string_view openapi_document() { return {kDoc, sizeof kDoc - 1}; }\n}  // namespace tongban::http\n")
