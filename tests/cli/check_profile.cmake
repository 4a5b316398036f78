# `voxbench-cli profile` end to end: two fixture packages (fp32, int8) on two demo utterances;
# the table shows each one's operators and the comparison names quantized::linear_dynamic as
# added and aten::addmm as removed; the Chrome traces parse and hold operator events; in
# project mode the profiles of two runs are stored and printed next to their WER; a missing
# dataset gets a message.
set(dir "${WORK_DIR}/profile")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
set(clean "${SOURCE_DIR}/resources/demo/asr/clean.json")

include(${CMAKE_CURRENT_LIST_DIR}/cli_call.cmake)

cli(profile --model ${FIXTURES}/whisper/packages/en --model ${FIXTURES}/whisper/packages/en-int8
    --dataset ${clean} --limit 2 --max-tokens 12 --passes 1 --top 10 --trace ${dir}/traces/t.json)
if(NOT rc EQUAL 0
   OR NOT out MATCHES "Operator profile: en \\(fp32\\) on cpu"
   OR NOT out MATCHES "Operator profile: en-int8 \\(int8\\) on cpu"
   OR NOT out MATCHES "2 utterances \\([0-9.]+ s of audio\\) in 2 calls; threads 1, batch 1, beam 1, max tokens 12"
   OR NOT out MATCHES "self times add up to [0-9.]+ % of the total"
   OR NOT out MATCHES "stages: features [0-9.]+ ms"
   OR NOT out MATCHES "\n  1  aten::"
   OR NOT out MATCHES "Comparison: en-int8 against en, per utterance"
   OR NOT out MATCHES "quantized::linear_dynamic +added"
   OR NOT out MATCHES "aten::addmm +removed")
  message(FATAL_ERROR "profile of two packages (exit ${rc}):\n${out}\n${err}")
endif()

foreach(trace "t-1-en.json" "t-2-en-int8.json")
  if(NOT EXISTS "${dir}/traces/${trace}")
    message(FATAL_ERROR "no trace ${trace}:\n${err}")
  endif()
  file(READ "${dir}/traces/${trace}" text)
  string(JSON count ERROR_VARIABLE jsonError LENGTH "${text}" traceEvents)
  if(jsonError OR count LESS 100)
    message(FATAL_ERROR "${trace} does not parse or is nearly empty: ${jsonError} (${count} events)")
  endif()
  string(JSON first GET "${text}" traceEvents 2 ph)
  if(NOT first STREQUAL "X")
    message(FATAL_ERROR "${trace}: the first event after the metadata is not a complete event")
  endif()
endforeach()
file(READ "${dir}/traces/t-2-en-int8.json" int8trace)
if(NOT int8trace MATCHES "\"name\":\"quantized::linear_dynamic\"")
  message(FATAL_ERROR "the int8 trace has no quantized::linear_dynamic events")
endif()

# Project mode: two runs, profiled and stored, with their WER.
set(project "${dir}/p.voxbench")
cli(import ${clean} -p ${project} --name clean)
cli(variant add ${FIXTURES}/whisper/packages/en ${FIXTURES}/whisper/packages/en-int8 -p ${project}
    --name fp32 --name int8)
cli(run -p ${project} --variant fp32 --variant int8 --dataset clean --limit 2 --warmup 0 --max-tokens 12)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "runs for the profile (exit ${rc}):\n${out}\n${err}")
endif()
cli(profile -p ${project} --run 1 --run 2 --passes 1 --top 5)
if(NOT rc EQUAL 0
   OR NOT out MATCHES "Operator profile: fp32 \\(fp32\\)"
   OR NOT out MATCHES "Comparison: int8 against fp32"
   OR NOT out MATCHES "run 1 fp32 +WER [0-9.]+ %"
   OR NOT out MATCHES "run 2 int8 +WER [0-9.]+ %"
   OR NOT err MATCHES "stored with the runs")
  message(FATAL_ERROR "profile of two runs (exit ${rc}):\n${out}\n${err}")
endif()

cli(profile --model ${FIXTURES}/whisper/packages/en)
if(rc EQUAL 0 OR NOT err MATCHES "give --dataset")
  message(FATAL_ERROR "profile without a dataset should fail with a message (exit ${rc}):\n${err}")
endif()
cli(profile -p ${project} --run 99 --passes 1)
if(rc EQUAL 0 OR NOT err MATCHES "99")
  message(FATAL_ERROR "profile of a missing run should name it (exit ${rc}):\n${err}")
endif()
