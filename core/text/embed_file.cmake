# Writes a C++ source that holds a file's bytes, so core needs no data files at run time.
# cmake -DINPUT=<file> -DOUTPUT=<.cpp> -DHEADER=<include> -DFUNCTION=<name> -P embed_file.cmake
# The generated file defines `std::string_view vox::text::<FUNCTION>()` (declared in HEADER).
foreach(var INPUT OUTPUT HEADER FUNCTION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_file.cmake: ${var} is not set")
  endif()
endforeach()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
if(size EQUAL 0)
  message(FATAL_ERROR "embed_file.cmake: ${INPUT} is empty")
endif()
# 16 bytes a line: "0xNN," each.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REPEAT "0x[0-9a-f][0-9a-f]," 16 line)
string(REGEX REPLACE "(${line})" "\\1\n    " bytes "${bytes}")
string(REGEX REPLACE "\n +$" "" bytes "${bytes}")
cmake_path(GET INPUT FILENAME name)

file(WRITE "${OUTPUT}.tmp" "// Generated from ${name} by core/text/embed_file.cmake; do not edit.
#include \"${HEADER}\"

namespace vox::text {
namespace {

const unsigned char kData[${size}] = {
    ${bytes}
};

} // namespace

std::string_view ${FUNCTION}()
{
    return {reinterpret_cast<const char*>(kData), sizeof(kData)};
}

} // namespace vox::text
")
# Only touch the output when it changed, so a re-run does not force a recompile.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
