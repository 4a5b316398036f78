# A model package is code: a project that comes from another machine (played here with
# VOXBENCH_MACHINE_ID) does not load its packages until a person here allows it. `run` refuses
# with the message and the command that allows it, and creates no run; `variant list` marks the
# variant; `variant trust` (or `run --trust`) allows it on this machine only; a run on the
# machine that added the package is not asked anything.
set(dir "${WORK_DIR}/trust")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
set(project "${dir}/p.voxbench")

include(${CMAKE_CURRENT_LIST_DIR}/cli_call.cmake)

set(ENV{VOXBENCH_MACHINE_ID} "machine-that-made-the-project")
cli(import ${SOURCE_DIR}/resources/demo/kws/clips.json -p ${project} --name clips)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "import failed:\n${out}\n${err}")
endif()
cli(variant add ${SOURCE_DIR}/resources/demo/kws/models/teacher ${SOURCE_DIR}/resources/demo/kws/models/student-gru16
    -p ${project} --name teacher --name student)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "variant add failed:\n${out}\n${err}")
endif()
cli(run -p ${project} --variant teacher --dataset clips --limit 3 --warmup 0)
if(NOT rc EQUAL 0 OR NOT out MATCHES "teacher\tfinished\t3/3")
  message(FATAL_ERROR "a run where the package was added must need no answer (exit ${rc}):\n${out}\n${err}")
endif()

set(ENV{VOXBENCH_MACHINE_ID} "another-machine")
cli(run -p ${project} --variant teacher --variant student --dataset clips --limit 3 --warmup 0)
if(NOT rc EQUAL 2
   OR NOT err MATCHES "variant teacher was added to this project on [^ ]+, not on this machine"
   OR NOT err MATCHES "Loading a model package runs its code: load [^ ]+/kws/models/teacher only if it comes from someone you trust"
   OR NOT err MATCHES "To allow it here: voxbench-cli variant trust -p '[^']+p.voxbench' teacher"
   OR NOT err MATCHES "variant student was added"
   OR err MATCHES "run 2:")
  message(FATAL_ERROR "a package from another machine must not load unasked (exit ${rc}):\n${out}\n${err}")
endif()
cli(runs -p ${project})
if(NOT out MATCHES "\n1\tteacher\tfinished\t3/3" OR out MATCHES "\n2\t")
  message(FATAL_ERROR "the refused command must leave the project as it was:\n${out}\n${err}")
endif()
cli(variant list -p ${project})
if(NOT out MATCHES "teacher\tkws-crnn\t[^\n]+\t\\(not yet trusted on this machine")
  message(FATAL_ERROR "variant list must mark packages not trusted here:\n${out}\n${err}")
endif()

cli(variant trust -p ${project} teacher)
if(NOT rc EQUAL 0 OR NOT out MATCHES "teacher: trusted on this machine")
  message(FATAL_ERROR "variant trust (exit ${rc}):\n${out}\n${err}")
endif()
cli(variant trust -p ${project} nosuch)
if(rc EQUAL 0 OR NOT err MATCHES "the project has no variant \"nosuch\"")
  message(FATAL_ERROR "variant trust of an unknown name (exit ${rc}):\n${out}\n${err}")
endif()
cli(run -p ${project} --variant teacher --dataset clips --limit 3 --warmup 0)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n2\tteacher\tfinished\t3/3")
  message(FATAL_ERROR "a trusted package runs (exit ${rc}):\n${out}\n${err}")
endif()
cli(run -p ${project} --variant student --dataset clips --limit 3 --warmup 0 --trust)
if(NOT rc EQUAL 0 OR NOT err MATCHES "variant student is trusted on this machine from now on \\(--trust\\)"
   OR NOT out MATCHES "\n3\tstudent\tfinished\t3/3")
  message(FATAL_ERROR "run --trust (exit ${rc}):\n${out}\n${err}")
endif()

# The answer belongs to that machine: a third one is asked again.
set(ENV{VOXBENCH_MACHINE_ID} "a-third-machine")
cli(run -p ${project} --variant student --dataset clips --limit 3 --warmup 0)
if(NOT rc EQUAL 2 OR NOT err MATCHES "variant student was added")
  message(FATAL_ERROR "trust on one machine must not carry to another (exit ${rc}):\n${out}\n${err}")
endif()
