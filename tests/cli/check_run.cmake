# `voxbench-cli run` and `runs` end to end: two variants over the demo's clean set (the first
# four utterances) into a new project, each run finished with a summary row; a run with another
# beam size is flagged as not comparable, naming the setting; a KWS package fails its run with
# a message; engine options out of range are refused before a run is created; `runs` lists all
# of them from the stored results.
set(dir "${WORK_DIR}/run")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
set(project "${dir}/p.voxbench")

include(${CMAKE_CURRENT_LIST_DIR}/cli_call.cmake)

cli(import ${SOURCE_DIR}/resources/demo/asr/clean.json -p ${project} --name clean)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "import failed:\n${out}\n${err}")
endif()
cli(variant add ${FIXTURES}/whisper/packages/en ${FIXTURES}/whisper/packages/en-int8
    ${SOURCE_DIR}/resources/demo/kws/models/teacher -p ${project} --name fp32 --name int8 --name kws)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "variant add failed:\n${out}\n${err}")
endif()

cli(run -p ${project} --variant fp32 --variant int8 --dataset clean --limit 4 --warmup 0)
if(NOT rc EQUAL 0
   OR NOT err MATCHES "run 1: 4/4 \\(0 failed\\)"
   OR NOT err MATCHES "run 2: finished"
   OR NOT out MATCHES "\n1\tfp32\tfinished\t4/4\t0\t[0-9.]+% \\[[0-9.]+, [0-9.]+\\]\t"
   OR NOT out MATCHES "\n2\tint8\tfinished\t4/4\t0\t"
   OR NOT out MATCHES "normalizer: whisper-en"
   OR out MATCHES "not comparable")
  message(FATAL_ERROR "run of two variants (exit ${rc}):\n${out}\n${err}")
endif()

cli(run -p ${project} --variant int8 --dataset clean --limit 4 --warmup 0 --beam 2)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n3\tint8\tfinished\t4/4")
  message(FATAL_ERROR "beam-2 run (exit ${rc}):\n${out}\n${err}")
endif()

cli(run -p ${project} --variant kws --dataset clean --limit 4)
if(rc EQUAL 0 OR NOT err MATCHES "run 4: failed: variant kws is a kws-crnn package")
  message(FATAL_ERROR "a KWS package over a speech dataset must fail its run (exit ${rc}):\n${out}\n${err}")
endif()

cli(run -p ${project} --variant nosuch --dataset clean)
if(rc EQUAL 0 OR NOT err MATCHES "no variant \"nosuch\"")
  message(FATAL_ERROR "an unknown variant must be named (exit ${rc}):\n${out}\n${err}")
endif()

# The engine options are checked as transcribe and profile check them (app/cli/engine_options.cpp):
# a value out of range is refused before any run is created.
foreach(bad "--threads|999|--threads: Value 999 not in range 0 to 256"
            "--batch|0|--batch: Value 0 not in range 1 to 256"
            "--beam|65|--beam: Value 65 not in range 1 to 64"
            "--repeats|0|--repeats: Value 0 not in range 1 to 100"
            "--max-tokens|0|--max-tokens: Value 0 is neither -1")
  string(REPLACE "|" ";" bad "${bad}")
  list(GET bad 0 option)
  list(GET bad 1 value)
  list(GET bad 2 message)
  cli(run -p ${project} --variant fp32 --dataset clean ${option} ${value})
  if(rc EQUAL 0 OR NOT err MATCHES "${message}")
    message(FATAL_ERROR "run ${option} ${value} must be refused with \"${message}\" (exit ${rc}):\n${out}\n${err}")
  endif()
endforeach()

cli(runs -p ${project} --normalizer none)
if(NOT rc EQUAL 0
   OR NOT out MATCHES "\n1\tfp32\tfinished\t4/4"
   OR NOT out MATCHES "\n4\tkws\tfailed\t0/4"
   OR out MATCHES "\n5\t"
   OR NOT out MATCHES "not comparable: run 1 and run 3 differ in beam 1 vs 2"
   OR NOT out MATCHES "normalizer: none")
  message(FATAL_ERROR "runs listing (exit ${rc}):\n${out}\n${err}")
endif()

# Whisper's no-speech threshold: at 0 every window is judged to hold no speech and gives no
# text (each utterance scored as all deletions); the run card records the threshold, so the
# run is not comparable with runs made without it; out of range is refused.
cli(run -p ${project} --variant fp32 --dataset clean --limit 2 --warmup 0 --no-speech-threshold 0)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n5\tfp32\tfinished\t2/2\t0\t100.0% "
)
  message(FATAL_ERROR "run with --no-speech-threshold 0 (exit ${rc}):\n${out}\n${err}")
endif()
cli(runs -p ${project})
if(NOT out MATCHES "run 1 and run 5 differ in [^\n]*no_speech_threshold \\(none\\) vs 0")
  message(FATAL_ERROR "run with --no-speech-threshold 0 (exit ${rc}):\n${out}\n${err}")
endif()
cli(run -p ${project} --variant fp32 --dataset clean --no-speech-threshold 1.5)
if(rc EQUAL 0 OR NOT err MATCHES "--no-speech-threshold: Value 1.5 not in range 0")
  message(FATAL_ERROR "a no-speech threshold above 1 must be refused (exit ${rc}):\n${out}\n${err}")
endif()

# A misspelt option is refused while parsing, before any run is created or started.
cli(run -p ${project} --variant fp32 --dataset clean --limit 2 --no-speach-threshold 0.6)
if(rc EQUAL 0 OR NOT err MATCHES "The following arguments were not expected: 0.6 --no-speach-threshold")
  message(FATAL_ERROR "a misspelt option must be refused (exit ${rc}):\n${out}\n${err}")
endif()
cli(runs -p ${project})
if(out MATCHES "\n6\t")
  message(FATAL_ERROR "a refused command must create no run:\n${out}\n${err}")
endif()
