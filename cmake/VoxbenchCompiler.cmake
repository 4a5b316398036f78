# Warning flags for VoxBench's own targets. Third-party headers (Qt, torch, spdlog) come in
# through imported targets and are treated as system headers, so they do not trip these.
function(voxbench_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  endif()
endfunction()
