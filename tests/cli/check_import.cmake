# `voxbench-cli import` and `info` end to end: a NeMo manifest with one good line, one line of
# broken JSON and one missing file is imported into a new project; the report names the bad
# lines, the project lists the dataset, and importing into a non-project file fails clearly.
set(dir "${WORK_DIR}/import")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}/audio")
file(WRITE "${dir}/audio/a.wav" "stand-in, not audio: import does not decode")
file(WRITE "${dir}/audio/b.wav" "stand-in, not audio")
file(WRITE "${dir}/manifest.json"
  "{\"audio_filepath\": \"audio/a.wav\", \"text\": \"hello world\", \"duration\": 1.5, \"lang\": \"en\"}\n"
  "{\"audio_filepath\": \"audio/b.wav\", \"text\": \"broken\n"
  "{\"audio_filepath\": \"audio/missing.wav\", \"text\": \"gone\", \"duration\": 2.0}\n"
  "{\"audio_filepath\": \"audio/b.wav\", \"text\": \"second\", \"duration\": 0.5}\n")

function(run_cli expect_rc out_var)
  execute_process(COMMAND ${CLI} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "voxbench-cli ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
  endif()
  set(${out_var} "${out}${err}" PARENT_SCOPE)
endfunction()

function(expect text pattern)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "output lacks '${pattern}':\n${text}")
  endif()
endfunction()

run_cli(0 out import "${dir}/manifest.json" --project "${dir}/p.voxbench" --name demo)
expect("${out}" "format: +nemo")
expect("${out}" "utterances: 2")
expect("${out}" "manifest.json:2: ")
expect("${out}" "manifest.json:3: audio file not found: .*missing.wav")
expect("${out}" "imported 2 utterances into .*p.voxbench as dataset 1 \\('demo'\\)")

run_cli(0 out info "${dir}/p.voxbench")
expect("${out}" "\\[1\\] demo: 2 utterances, nemo")

# --probe decodes every utterance: the real WAV is readable, the stand-in is reported by id.
execute_process(COMMAND sox -n -r 16000 -c 1 "${dir}/audio/a.wav" synth 1.5 sine 440 RESULT_VARIABLE sox_rc)
if(NOT sox_rc EQUAL 0)
  message(FATAL_ERROR "sox could not make a test WAV (is the sox package installed?)")
endif()
run_cli(0 out info "${dir}/manifest.json" --probe)
expect("${out}" "unreadable: b: .*b.wav: ")
expect("${out}" "audio: +1 readable, 1 unreadable")

run_cli(1 out import "${dir}/manifest.json" --project "${dir}/manifest.json")
expect("${out}" "not a VoxBench project")

run_cli(1 out info "${dir}/nowhere")
expect("${out}" "nowhere")
message(STATUS "import/info ok")
