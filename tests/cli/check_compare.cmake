# `voxbench-cli compare` end to end on the demo: fp32 and the student over the first 20 clean
# utterances, then the analysis as JSON (the verdict in words, the segment test, broken and
# fixed ids that match the stored results, the duration breakdown) and the sclite-style files;
# a single run is refused with a sentence saying what to give.
set(dir "${WORK_DIR}/compare")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
file(COPY_FILE "${DEMO_DIR}/demo.voxbench" "${dir}/demo.voxbench")
set(project "${dir}/demo.voxbench")

include(${CMAKE_CURRENT_LIST_DIR}/cli_call.cmake)

cli(run -p ${project} --variant whisper-demo-fp32 --variant whisper-demo-student --dataset "demo clean" --limit 20 --warmup 0)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "run failed:\n${out}\n${err}")
endif()

cli(compare -p ${project} --run 1 --run 2 -o json --sclite ${dir}/sclite)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "compare failed:\n${out}\n${err}")
endif()
string(JSON variant GET "${out}" against_baseline 0 variant)
string(JSON verdict GET "${out}" against_baseline 0 verdict)
string(JSON segments GET "${out}" against_baseline 0 mapsswe segments)
string(JSON utterances GET "${out}" against_baseline 0 utterances)
string(JSON broken LENGTH "${out}" against_baseline 0 broken)
string(JSON fields LENGTH "${out}" breakdowns)
math(EXPR last "${fields} - 1")
string(JSON field GET "${out}" breakdowns ${last} field)
string(JSON tests GET "${out}" tests)
if(NOT variant STREQUAL "whisper-demo-student" OR NOT utterances EQUAL 20 OR segments LESS 1
   OR NOT verdict MATCHES "^(worse, significant|better, significant|no significant difference) at 95 % \\(matched-pairs sentence-segment test, p = "
   OR NOT field STREQUAL "duration" OR NOT tests MATCHES "1000 resamples")
  message(FATAL_ERROR "unexpected analysis:\n${out}")
endif()
# Each broken id is right in the baseline and wrong in the student, as the plain table says.
cli(compare -p ${project} --run 1 --run 2)
if(NOT rc EQUAL 0 OR NOT out MATCHES "run 2 \\(whisper-demo-student\\) broke ${broken}:")
  message(FATAL_ERROR "the table disagrees with the JSON (${broken} broken):\n${out}")
endif()
foreach(f run1.pra run1.dtl run2.pra run2.dtl)
  if(NOT EXISTS ${dir}/sclite/${f})
    message(FATAL_ERROR "missing ${f}")
  endif()
endforeach()
file(READ ${dir}/sclite/run2.dtl dtl)
file(READ ${dir}/sclite/run1.pra pra)
if(NOT dtl MATCHES "DETAILED OVERALL REPORT FOR THE SYSTEM: run 2 \\(whisper-demo-student\\)" OR NOT dtl MATCHES "CONFUSION PAIRS"
   OR NOT pra MATCHES "id: \\(clean-000\\)\nScores: \\(#C #S #D #I\\) ")
  message(FATAL_ERROR "unexpected sclite files:\n${dtl}\n${pra}")
endif()

cli(compare -p ${project} --run 1)
if(NOT rc EQUAL 2 OR NOT err MATCHES "give two runs or more")
  message(FATAL_ERROR "one run must be refused (exit ${rc}):\n${out}\n${err}")
endif()
