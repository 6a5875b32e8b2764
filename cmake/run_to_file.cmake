# Runs COMMAND (a ;-list) and writes its stdout to OUTPUT; with GZIP set, to
# OUTPUT.gz too, compressed without a timestamp so the package is reproducible.
execute_process(COMMAND ${COMMAND} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${COMMAND} failed (${rc})")
endif()
if(GZIP)
  execute_process(COMMAND ${GZIP} -9 -n -c ${OUTPUT} OUTPUT_FILE ${OUTPUT}.gz RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip of ${OUTPUT} failed (${rc})")
  endif()
endif()
