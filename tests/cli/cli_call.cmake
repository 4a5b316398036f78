# Included by the check_*.cmake scripts: cli(ARGS...) runs voxbench-cli (${CLI}) and sets rc,
# out and err in the caller's scope.
function(cli)
  execute_process(COMMAND ${CLI} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(rc "${rc}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()
