# `voxbench PROJECT --export-report DIR` offscreen, as on a server: after `voxbench-cli run` of
# two demo variants on three utterances, the report folder holds (57 files) every chart in PNG,
# SVG and PDF, the summary, utterance and analysis tables (against the baseline, broken and
# fixed, confusions, hallucination signals, a breakdown per field) in four formats, each run's
# sclite-style .pra and .dtl, the two run cards and a README; a project without runs is refused.
set(dir "${WORK_DIR}/export-report")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
file(COPY_FILE "${DEMO_DIR}/demo.voxbench" "${dir}/demo.voxbench")
set(ENV{QT_QPA_PLATFORM} offscreen)

execute_process(COMMAND ${CLI} run -p ${dir}/demo.voxbench --variant whisper-demo-fp32 --variant whisper-demo-student
                        --dataset "demo clean" --limit 3 --warmup 0
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "voxbench-cli run failed (${rc}):\n${out}\n${err}")
endif()

execute_process(COMMAND ${GUI} ${dir}/demo.voxbench --export-report ${dir}/report
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0 OR NOT out MATCHES "wrote 57 files into")
  message(FATAL_ERROR "--export-report (exit ${rc}):\n${out}\n${err}")
endif()
foreach(chart wer-cer time rtf speed-accuracy latency time-histogram)
  foreach(suffix png svg pdf)
    if(NOT EXISTS ${dir}/report/${chart}.${suffix})
      message(FATAL_ERROR "missing ${chart}.${suffix}")
    endif()
  endforeach()
endforeach()
file(READ ${dir}/report/summary.md summary)
if(NOT summary MATCHES "whisper-demo-fp32 \\(baseline\\) \\| 3 of 3" OR NOT summary MATCHES "whisper-demo-student")
  message(FATAL_ERROR "unexpected summary.md:\n${summary}")
endif()
file(READ ${dir}/report/against-baseline.md against)
file(READ ${dir}/report/README.md readme)
if(NOT against MATCHES "\\| 2 \\| whisper-demo-student \\| (worse|better|no significant difference) \\|"
   OR NOT readme MATCHES "## Against the baseline" OR NOT readme MATCHES "MAPSSWE"
   OR NOT EXISTS ${dir}/report/breakdown-duration.csv OR NOT EXISTS ${dir}/report/run2-whisper-demo-student.pra
   OR NOT EXISTS ${dir}/report/run1-whisper-demo-fp32.dtl)
  message(FATAL_ERROR "unexpected analysis in the report:\n${against}\n${readme}")
endif()
file(READ ${dir}/report/run-1-card.json card)
string(JSON threads GET "${card}" settings threads)
string(JSON limit GET "${card}" settings limit)
if(NOT threads EQUAL 1 OR NOT limit EQUAL 3 OR NOT EXISTS ${dir}/report/run-2-card.json)
  message(FATAL_ERROR "unexpected run card:\n${card}")
endif()

file(COPY_FILE "${DEMO_DIR}/demo.voxbench" "${dir}/empty.voxbench")
execute_process(COMMAND ${GUI} ${dir}/empty.voxbench --export-report ${dir}/none
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(rc EQUAL 0 OR NOT err MATCHES "the project has no runs to report on")
  message(FATAL_ERROR "a project without runs must be refused (exit ${rc}):\n${out}\n${err}")
endif()
