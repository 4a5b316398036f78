# Warning flags for VoxBench's own targets. Third-party headers (Qt, torch, spdlog) come in
# through imported targets and are treated as system headers, so they do not trip these.
function(voxbench_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  endif()
  # GCC 12 reports impossible memcpy overlaps inside std::string at -O2 (GCC bug 105329,
  # fixed in 13): a false positive in libstdc++'s own code, so it is silenced for GCC 12 only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
