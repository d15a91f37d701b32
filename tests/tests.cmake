# Every tests/unit/test_*.c is one test program (one process per test file, as
# libuv does), linked against the library and registered with ctest.
file(GLOB ARSENAL_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
foreach(src ${ARSENAL_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/solver ${CMAKE_SOURCE_DIR}/tests/unit)
  target_link_libraries(${name} PRIVATE arsenal_core)
  target_compile_definitions(${name} PRIVATE ARS_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                             ARS_BINARY_DIR="${CMAKE_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endforeach()

# Shell-driven tests of the arsenal binary: tests/cli/*.sh get the binary's path.
file(GLOB ARSENAL_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/*.sh)
foreach(script ${ARSENAL_CLI_TESTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli_${name} COMMAND bash ${script} $<TARGET_FILE:arsenal>
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli_${name} PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77
                       ENVIRONMENT "ARS_BINARY_DIR=${CMAKE_BINARY_DIR}")
endforeach()

# An LD_PRELOAD library that corrupts the values GLPK reports
# (tests/fault/glpk_fault.c): CLI tests use it to see a wrong plan caught
# (exit 4) without a test hook in arsenal.
add_library(glpk_fault MODULE ${CMAKE_SOURCE_DIR}/tests/fault/glpk_fault.c)
target_link_libraries(glpk_fault PRIVATE ${GLPK_TARGET} ${CMAKE_DL_LIBS})

# docs/cluster.md's Slurm scripts on a private one-node Slurm (exit 77 = skipped
# where Slurm is not installed). Not in sanitizer builds: sweep and merge are
# covered there by tests/cli/sweep.sh, and this test is about the scheduler.
if(NOT ARSENAL_SANITIZE)
  add_test(NAME cluster_slurm COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cluster/slurm.sh
           $<TARGET_FILE:arsenal> WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cluster_slurm PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
endif()
