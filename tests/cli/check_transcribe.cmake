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

execute_process(COMMAND ${CLI} transcribe -m "${dir}/no-such-package" "${dir}/good.wav"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "no-such-package")
  message(FATAL_ERROR "a missing package was not a clear error (exit ${rc}):\n${err}")
endif()
message(STATUS "transcribe ok: ${ntokens} tokens, ${steps} decoder steps")
