# `voxbench-cli variant add` and `variant list`: good Whisper and KWS packages are registered
# with their family; a broken package (a file missing, a checksum that does not match, a
# manifest of an unknown family) is refused at registration with a message that names the file,
# and a command that names a broken package adds none of its packages.
set(dir "${WORK_DIR}/variant")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
set(project "${dir}/p.voxbench")
set(whisper "${FIXTURES}/whisper/packages/en")
set(kws "${SOURCE_DIR}/resources/demo/kws/models/teacher")

include(${CMAKE_CURRENT_LIST_DIR}/cli_call.cmake)

# Broken copies of the good packages.
file(COPY "${whisper}/" DESTINATION "${dir}/no-merges")
file(REMOVE "${dir}/no-merges/merges.txt")
file(COPY "${kws}/" DESTINATION "${dir}/bad-sum")
file(READ "${dir}/bad-sum/voxbench-kws.json" manifest)
string(JSON digest GET "${manifest}" sha256 model.pt)
string(JSON manifest SET "${manifest}" sha256 model.pt "\"0000${digest}\"")
file(WRITE "${dir}/bad-sum/voxbench-kws.json" "${manifest}")
file(COPY "${whisper}/" DESTINATION "${dir}/alien")
file(READ "${dir}/alien/voxbench-model.json" manifest)
string(JSON manifest SET "${manifest}" family "\"wav2vec2\"")
file(WRITE "${dir}/alien/voxbench-model.json" "${manifest}")

cli(variant add ${dir}/no-merges -p ${project})
if(rc EQUAL 0 OR NOT err MATCHES "no-merges/merges.txt: the package lists 'merges.txt' but the file is missing")
  message(FATAL_ERROR "a package without merges.txt must be refused (exit ${rc}):\n${out}\n${err}")
endif()
cli(variant add ${whisper} ${dir}/bad-sum -p ${project} --name fp32 --name kws)
if(rc EQUAL 0 OR NOT err MATCHES "bad-sum/model.pt: checksum mismatch for 'model.pt'")
  message(FATAL_ERROR "a KWS package with a wrong checksum must be refused (exit ${rc}):\n${out}\n${err}")
endif()
cli(variant add ${dir}/alien -p ${project})
if(rc EQUAL 0 OR NOT err MATCHES "alien/voxbench-model.json: family 'wav2vec2' is not a package family VoxBench runs")
  message(FATAL_ERROR "a package of an unknown family must be refused (exit ${rc}):\n${out}\n${err}")
endif()

cli(variant add ${whisper} ${kws} -p ${project} --name fp32 --name kws)
if(NOT rc EQUAL 0 OR NOT out MATCHES "variant 1: fp32 \\(.*packages/en\\)\nvariant 2: kws \\(")
  message(FATAL_ERROR "good packages must be registered (exit ${rc}):\n${out}\n${err}")
endif()
# Nothing from the refused commands reached the project.
cli(variant list -p ${project})
if(NOT rc EQUAL 0 OR NOT out MATCHES "^1\tfp32\twhisper\t[^\n]*\n2\tkws\tkws-crnn\t[^\n]*\n$")
  message(FATAL_ERROR "variant list (exit ${rc}):\n${out}\n${err}")
endif()

# Output that cannot be written (a full disk) fails the command instead of reporting success.
execute_process(COMMAND ${CLI} variant list -p ${project} RESULT_VARIABLE rc OUTPUT_FILE /dev/full ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "voxbench-cli: the output could not be written \\(No space left on device\\)")
  message(FATAL_ERROR "output to a full disk must fail (exit ${rc}):\n${err}")
endif()
