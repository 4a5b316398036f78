# Wires the layer rules (cmake/LayerCheckScript.cmake) into configure and every build.
set(VOXBENCH_LAYER_CHECK_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/LayerCheckScript.cmake)

# Once at configure time, so a violation shows before anything compiles ...
execute_process(
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -P ${VOXBENCH_LAYER_CHECK_SCRIPT}
  RESULT_VARIABLE _voxbench_layer_result
  ERROR_VARIABLE _voxbench_layer_error)
if(NOT _voxbench_layer_result EQUAL 0)
  message(FATAL_ERROR "${_voxbench_layer_error}")
endif()

# ... and on every build, because an edit does not rerun configure. Each library depends on it.
add_custom_target(voxbench_layer_check
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -P ${VOXBENCH_LAYER_CHECK_SCRIPT}
  COMMENT "Checking layer rules (core/ Qt-free, torch only in core/)"
  VERBATIM)
