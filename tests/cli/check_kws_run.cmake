# `voxbench-cli import`, `run` and `runs` with keyword spotting, end to end on the committed demo
# (resources/demo/kws/): the clip and stream manifests imported by their format field, the teacher
# and student-gru16-int8 run over both, `runs` with the area, pass mark, FRR, stream FA/h and
# miss rate, cost and the ratios to the baseline (table, JSON with every clip's probabilities,
# Markdown); a chunk that is not a multiple of the hop, and a Whisper package over a KWS
# dataset, fail with what to change.
set(demo "${SOURCE_DIR}/resources/demo/kws")
set(dir "${WORK_DIR}/kws_run")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
set(project "${dir}/p.voxbench")

include(${CMAKE_CURRENT_LIST_DIR}/cli_call.cmake)

cli(info ${demo}/clips.json)
if(NOT rc EQUAL 0 OR NOT out MATCHES "format: +kws-clips\nutterances: 290\n"
   OR NOT out MATCHES "note: keyword 'sheila'; clips per label: sheila 110, other 135, background 45")
  message(FATAL_ERROR "info on the clip manifest (exit ${rc}):\n${out}\n${err}")
endif()
cli(import ${demo}/clips.json -p ${project} --name clips)
if(NOT rc EQUAL 0 OR NOT out MATCHES "imported 290 utterances")
  message(FATAL_ERROR "clip import (exit ${rc}):\n${out}\n${err}")
endif()
cli(import ${demo}/stream.json -p ${project} --name stream)
if(NOT rc EQUAL 0 OR NOT out MATCHES "format: +kws-stream\nutterances: 1\n" OR NOT out MATCHES "35 known times")
  message(FATAL_ERROR "stream import (exit ${rc}):\n${out}\n${err}")
endif()
cli(variant add ${demo}/models/teacher ${demo}/models/student-gru16-int8 ${FIXTURES}/whisper/packages/en
    -p ${project} --name teacher --name gru16-int8 --name whisper)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "variant add failed:\n${out}\n${err}")
endif()

# Clips: runs 1 and 2.
cli(run -p ${project} --variant teacher --variant gru16-int8 --dataset clips --batch 16 --warmup 1 --repeats 2)
set(figures "fp32\t[0-9.]+e-0[0-9] \\[[0-9.]+e-0[0-9], [0-9.]+e-0[0-9]\\]\t(pass|fail)\t[0-9.]+%\t[0-9.]+%\t")
if(NOT rc EQUAL 0
   OR NOT err MATCHES "run 1: 290/290 \\(0 failed\\)"
   OR NOT out MATCHES "KWS runs over 'clips' \\(clips; baseline teacher, run 1\\):\n"
   OR NOT out MATCHES "run\tvariant\tstatus\tdone\tfailed\tkind\tarea \\[95% CI\\]\tpass \\(<= 5e-05\\)\tFRR at 1% FA\t"
   OR NOT out MATCHES "\n1\tteacher\tfinished\t290/290\t0\t${figures}10.54 M\t69,123\t"
   OR NOT out MATCHES "\tbaseline\n"
   OR NOT out MATCHES "\n2\tgru16-int8\tfinished\t290/290\t0\tint8\t.*\t8,979\t.*\tx[0-9.]+ (faster|slower), .*x5.55 fewer MACs, area [+-]"
   OR out MATCHES "not comparable")
  message(FATAL_ERROR "clip runs (exit ${rc}):\n${out}\n${err}")
endif()

# The stream: runs 3 and 4. The Python reference counted 5 false alarms (30 per hour) and 9
# misses of 35 for the teacher, 17 false alarms and 9 misses for the student.
cli(run -p ${project} --variant teacher --variant gru16-int8 --dataset stream --warmup 1)
if(NOT rc EQUAL 0
   OR NOT out MATCHES "KWS runs over 'stream' \\(stream; baseline teacher, run 3; FA/h and miss rate at each package's threshold\\)"
   OR NOT out MATCHES "\tkind\tFA/h\tmiss rate\tmiss rate at 1 FA/h\tMACs/s\t.*\tms/chunk\tRTF\tvs teacher\n"
   OR NOT out MATCHES "\n3\tteacher\tfinished\t1/1\t0\tfp32\t30.0\t25.7%\t[0-9.]+%\t10.54 M\t"
   OR NOT out MATCHES "\n4\tgru16-int8\tfinished\t1/1\t0\tint8\t102.0\t25.7%\t[0-9.]+%\t1.90 M\t.*x[0-9.]+ faster")
  message(FATAL_ERROR "stream runs (exit ${rc}):\n${out}\n${err}")
endif()

cli(run -p ${project} --variant teacher --dataset stream --chunk 1000)
if(rc EQUAL 0 OR NOT err MATCHES "run 5: failed: the run's chunk of 1000 samples is not a multiple of teacher's hop of 160 samples")
  message(FATAL_ERROR "a chunk off the hop must fail its run (exit ${rc}):\n${out}\n${err}")
endif()
cli(run -p ${project} --variant teacher --dataset stream --chunk -160)
if(rc EQUAL 0 OR NOT err MATCHES "--chunk")
  message(FATAL_ERROR "a negative chunk must be refused (exit ${rc}):\n${out}\n${err}")
endif()
cli(run -p ${project} --variant whisper --dataset clips --limit 2)
if(rc EQUAL 0 OR NOT err MATCHES "run 6: failed: variant whisper is a whisper package; dataset clips is a keyword-spotting dataset \\(kws-clips\\), which takes KWS packages")
  message(FATAL_ERROR "a Whisper package over a KWS dataset must fail its run (exit ${rc}):\n${out}\n${err}")
endif()

# runs: the whole project; another baseline and pass mark.
cli(runs -p ${project} --baseline gru16-int8 --pass-mark 1 --fa-rate 0.05)
if(NOT rc EQUAL 0
   OR NOT out MATCHES "\n6\twhisper\tfailed\t0/2\t"
   OR NOT out MATCHES "KWS runs over 'clips' \\(clips; baseline gru16-int8, run 2\\)"
   OR NOT out MATCHES "pass \\(<= 1e\\+00\\)\tFRR at 5% FA"
   OR NOT out MATCHES "\n1\tteacher\tfinished\t290/290\t0\tfp32\t[^\t]+\tpass\t"
   OR NOT out MATCHES "\n2\tgru16-int8\t[^\n]+\tbaseline\n"
   OR NOT out MATCHES "\n5\tteacher\tfailed\t0/1\t"
   OR NOT out MATCHES "not comparable: run 3 and run 5 differ in chunk_samples 0 vs 1000")
  message(FATAL_ERROR "runs listing (exit ${rc}):\n${out}\n${err}")
endif()

cli(runs -p ${project} -o json)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "runs -o json (exit ${rc}):\n${out}\n${err}")
endif()
string(JSON kwsRuns LENGTH "${out}" kws)
string(JSON whisperRuns LENGTH "${out}" whisper)
string(JSON clips LENGTH "${out}" kws 0 clips)
string(JSON probabilities LENGTH "${out}" kws 0 clips 0 probabilities)
string(JSON keywordProbability GET "${out}" kws 0 clips 0 keyword_probability)
string(JSON area GET "${out}" kws 0 area estimate)
string(JSON speed GET "${out}" kws 1 ratios speed)
string(JSON baseline GET "${out}" kws 1 baseline variant)
string(JSON streamHits GET "${out}" kws 2 hits)
string(JSON scores LENGTH "${out}" kws 2 streams 0 scores)
if(NOT kwsRuns EQUAL 5 OR NOT whisperRuns EQUAL 1 OR NOT clips EQUAL 290 OR NOT probabilities EQUAL 3
   OR keywordProbability LESS 0 OR area LESS 0 OR speed LESS_EQUAL 0 OR NOT baseline STREQUAL "teacher"
   OR NOT streamHits EQUAL 26 OR NOT scores EQUAL 6000)
  message(FATAL_ERROR "runs -o json: ${kwsRuns} KWS and ${whisperRuns} Whisper runs, ${clips} clips of "
                      "${probabilities} probabilities, area ${area}, speed ${speed} against ${baseline}, "
                      "stream hits ${streamHits}, ${scores} scores")
endif()

cli(runs -p ${project} -o markdown)
if(NOT rc EQUAL 0
   OR NOT out MATCHES "\n\\| Variant \\| Kind \\| Area \\[95% CI\\] \\| Pass \\(<= 5e-05\\) \\|"
   OR NOT out MATCHES "\\| ms/chunk \\| RTF \\| vs teacher \\|\n"
   OR NOT out MATCHES "\n\\|---\\|---\\|---:\\|---\\|"
   OR NOT out MATCHES "\n\\| teacher \\| fp32 \\| [0-9.]+e-0[0-9] \\[[^|]+\\] \\| (pass|fail) \\|"
   OR NOT out MATCHES "\n\\| gru16-int8 \\| int8 \\| 102.0 \\| 25.7% \\|")
  message(FATAL_ERROR "runs -o markdown (exit ${rc}):\n${out}\n${err}")
endif()
