# Checks the app headers a context's sources include (cmake -P; app/CMakeLists.txt runs it as
# a build step of every context). Each `#include "app/<context>/…"` must name the context
# itself or one it declares (ALLOWED), and never a header another context keeps private
# (PRIVATE: "<context>/<file>"); the kernel (app/context.hpp, app/policy.hpp) is open to all.
#
#   cmake -DCONTEXT=bundles -DALLOWED=audit,casework -DPRIVATE=casework/case_op.hpp
#         -DFILES=a.cpp,b.hpp [-DSTAMP=file] -P check_app_includes.cmake
# Lists are comma-separated. Exits non-zero with one line per wrong include.
cmake_minimum_required(VERSION 3.20)
string(REPLACE "," ";" allowed "${ALLOWED}")
string(REPLACE "," ";" private "${PRIVATE}")
string(REPLACE "," ";" files "${FILES}")
set(problems "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"app/")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "\"app/([^\"]+)\"")
      continue()
    endif()
    set(header "${CMAKE_MATCH_1}")
    if(NOT header MATCHES "^([a-z_]+)/")
      continue()  # the kernel
    endif()
    set(context "${CMAKE_MATCH_1}")
    if(context STREQUAL CONTEXT)
      continue()
    endif()
    if(NOT context IN_LIST allowed)
      list(APPEND problems
           "${file}: includes app/${header}, but app/${CONTEXT} does not declare ${context} (DEPS in app/CMakeLists.txt)")
    elseif(header IN_LIST private)
      list(APPEND problems "${file}: includes app/${header}, which is private to app/${context}")
    endif()
  endforeach()
endforeach()
if(problems)
  foreach(problem IN LISTS problems)
    execute_process(COMMAND ${CMAKE_COMMAND} -E echo "error: ${problem}")  # one unwrapped line
  endforeach()
  list(LENGTH problems n)
  message(FATAL_ERROR "${n} wrong include(s) in app/${CONTEXT}")
endif()
if(STAMP)
  file(TOUCH "${STAMP}")
endif()
