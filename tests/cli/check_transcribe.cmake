# `voxbench-cli transcribe` end to end on a tiny fixture package: a readable WAV gives a trn line
# (ready for `score`), an unreadable file fails its own utterance and not the run, JSON carries
# tokens and timings, and a missing package is a clear error.
set(dir "${WORK_DIR}/transcribe")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
execute_process(COMMAND sox -n -r 16000 -c 1 "${dir}/good.wav" synth 2 sine 300 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sox could not make a test WAV")
endif()
file(WRITE "${dir}/broken.wav" "RIFF, but not really")

execute_process(COMMAND ${CLI} transcribe -m ${PACKAGE} --max-tokens 6 "${dir}/good.wav" "${dir}/broken.wav"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "transcribe exited ${rc}:\n${out}\n${err}")
endif()
if(NOT out MATCHES "\\(good\\)\n$")
  message(FATAL_ERROR "no trn line for good.wav:\n${out}")
endif()
if(NOT err MATCHES "broken: .*broken.wav: " OR NOT err MATCHES "1 transcribed, 1 failed")
  message(FATAL_ERROR "the broken file was not reported as its own failure:\n${err}")
endif()

execute_process(COMMAND ${CLI} transcribe -m ${PACKAGE} --max-tokens 6 -o json "${dir}/good.wav"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(JSON steps GET "${out}" timings_ms decoder_steps)
string(JSON ntokens LENGTH "${out}" tokens)
string(JSON encoder GET "${out}" timings_ms encoder)
if(ntokens LESS 1 OR ntokens GREATER 6 OR steps LESS 0 OR encoder LESS_EQUAL 0)
  message(FATAL_ERROR "unexpected JSON: ${out}")
endif()

# Three workers (--threads 3) over five files, one of them broken: the same lines in the same
# (input) order as one worker, the broken file failing alone.
foreach(f 1 2 3)
  math(EXPR hz "200 + 150 * ${f}")
  execute_process(COMMAND sox -n -r 16000 -c 1 "${dir}/tone${f}.wav" synth 1.5 sine ${hz})
endforeach()
set(five "${dir}/tone1.wav" "${dir}/good.wav" "${dir}/broken.wav" "${dir}/tone2.wav" "${dir}/tone3.wav")
execute_process(COMMAND ${CLI} transcribe -m ${PACKAGE} --max-tokens 6 --threads 1 ${five}
  RESULT_VARIABLE rc1 OUTPUT_VARIABLE one ERROR_VARIABLE err1)
execute_process(COMMAND ${CLI} transcribe -m ${PACKAGE} --max-tokens 6 --threads 3 ${five}
  RESULT_VARIABLE rc3 OUTPUT_VARIABLE three ERROR_VARIABLE err3)
if(NOT rc1 EQUAL 0 OR NOT rc3 EQUAL 0 OR NOT one STREQUAL three OR NOT three MATCHES "\\(tone1\\)\n.*\\(good\\)\n.*\\(tone2\\)\n.*\\(tone3\\)\n$"
   OR NOT err3 MATCHES "3 workers at once" OR NOT err3 MATCHES "4 transcribed, 1 failed")
  message(FATAL_ERROR "three workers differ from one:\n--- 1 worker:\n${one}\n${err1}\n--- 3 workers:\n${three}\n${err3}")
endif()

execute_process(COMMAND ${CLI} transcribe -m "${dir}/no-such-package" "${dir}/good.wav"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "no-such-package")
  message(FATAL_ERROR "a missing package was not a clear error (exit ${rc}):\n${err}")
endif()
message(STATUS "transcribe ok: ${ntokens} tokens, ${steps} decoder steps")
