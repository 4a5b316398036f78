# VoxBench layer rules, run with: cmake -DSOURCE_DIR=<repo> -P LayerCheckScript.cmake
#  - core/ is the engine: it never includes Qt (or QCustomPlot) headers.
#  - torch headers (torch/, ATen/, c10/, caffe2/) appear only in core/.
#  - app/cli/ is voxbench-cli, which links core alone: no Qt there either.
# Exits with an error naming each offending file, line and include.
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "LayerCheckScript.cmake: pass -DSOURCE_DIR=<repository root>")
endif()

set(_qt_include "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]+|q[a-z_]+\\.h|qcustomplot)")
set(_torch_include "^[ \t]*#[ \t]*include[ \t]*[<\"](torch|ATen|c10|caffe2)/")
set(_violations "")

function(_voxbench_scan dir pattern rule)
  if(NOT IS_DIRECTORY "${SOURCE_DIR}/${dir}")
    return()
  endif()
  file(GLOB_RECURSE _files RELATIVE "${SOURCE_DIR}"
       "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.hpp"
       "${SOURCE_DIR}/${dir}/*.cpp" "${SOURCE_DIR}/${dir}/*.cc" "${SOURCE_DIR}/${dir}/*.in")
  foreach(_file IN LISTS _files)
    file(STRINGS "${SOURCE_DIR}/${_file}" _lines)
    set(_n 0)
    foreach(_line IN LISTS _lines)
      math(EXPR _n "${_n} + 1")
      if(_line MATCHES "${pattern}")
        string(STRIP "${_line}" _shown)
        string(APPEND _violations "  ${_file}:${_n}: ${rule}\n      ${_shown}\n")
      endif()
    endforeach()
  endforeach()
  set(_violations "${_violations}" PARENT_SCOPE)
endfunction()

_voxbench_scan(core "${_qt_include}"
  "core/ must stay Qt-free (voxbench-cli links it alone). Put Qt code in app/ or ui/.")
_voxbench_scan(app/cli "${_qt_include}"
  "app/cli/ is voxbench-cli, which links core alone. Use core types here, not Qt.")
foreach(_layer app ui tests bench)
  _voxbench_scan(${_layer} "${_torch_include}"
    "${_layer}/ must not include torch headers; only core/ may. Add a torch-free API in core/ instead.")
endforeach()

if(_violations)
  message(FATAL_ERROR
    "VoxBench layer check failed (rules in docs/ARCHITECTURE.md):\n${_violations}")
endif()
