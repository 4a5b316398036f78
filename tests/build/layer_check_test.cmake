# Builds small source trees that break (or keep) the layer rules and runs the layer check on
# each: a Qt include in core/, a torch include in app/ and ui/, Qt in app/cli/, and a clean tree.
file(REMOVE_RECURSE "${WORK_DIR}")

function(make_tree name file text)
  file(WRITE "${WORK_DIR}/${name}/core/engine.cpp" "#include <vector>\n#include \"core/util/expected.h\"\n")
  file(WRITE "${WORK_DIR}/${name}/app/adapter.cpp" "#include <QObject>\n")
  file(WRITE "${WORK_DIR}/${name}/${file}" "${text}")
endfunction()

function(expect_result name should_fail expected_text)
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${WORK_DIR}/${name} -P ${SCRIPT}
    RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(should_fail AND rc EQUAL 0)
    message(FATAL_ERROR "[${name}] the layer check passed a tree that breaks the rules")
  endif()
  if(NOT should_fail AND NOT rc EQUAL 0)
    message(FATAL_ERROR "[${name}] the layer check rejected a clean tree:\n${err}")
  endif()
  if(expected_text)
    string(FIND "${err}" "${expected_text}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "[${name}] the message lacks '${expected_text}':\n${err}")
    endif()
  endif()
  message(STATUS "[${name}] ok")
endfunction()

make_tree(clean "ui/view.cpp" "#include <QWidget>\n#include \"core/torch/tensor_data.h\"\n")
expect_result(clean FALSE "")

make_tree(qt_in_core "core/audio/decoder.cpp" "#include <cmath>\n  #  include <QString>\n")
expect_result(qt_in_core TRUE "core/audio/decoder.cpp:2: core/ must stay Qt-free")

make_tree(qcustomplot_in_core "core/chart.h" "#pragma once\n#include \"qcustomplot.h\"\n")
expect_result(qcustomplot_in_core TRUE "core/chart.h:2: core/ must stay Qt-free")

make_tree(torch_in_app "app/runner.cpp" "#include <QThread>\n#include <torch/script.h>\n")
expect_result(torch_in_app TRUE "app/runner.cpp:2: app/ must not include torch headers")

make_tree(aten_in_ui "ui/chart.cpp" "#include <ATen/ATen.h>\n")
expect_result(aten_in_ui TRUE "ui/chart.cpp:1: ui/ must not include torch headers")

make_tree(qt_in_cli "app/cli/main.cpp" "#include <QCoreApplication>\n")
expect_result(qt_in_cli TRUE "app/cli/main.cpp:1: app/cli/ is voxbench-cli, which links core alone")
