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
  set_tests_properties(${name} PROPERTIES TIMEOUT 300 LABELS glpk
                       ENVIRONMENT "ARSENAL_SOLVER=glpk")
endforeach()

# The tests that solve run once more with COIN-OR (label clp): the same
# hand-derived answers from CLP and CBC. ARSENAL_SOLVER picks the default
# solver of every solve, session and backend the test makes.
set(ARSENAL_SOLVING_TESTS test_explain test_licence_value test_models test_ranging test_result_notes
    test_server test_solve_backend test_solve_exact test_solve_families test_solve_format11
    test_solve_funds test_solve_licences test_solve_session test_solve_smooth test_study
    test_verify test_whatif)
if(ARSENAL_COIN)
  foreach(name ${ARSENAL_SOLVING_TESTS})
    if(TARGET ${name})
      add_test(NAME ${name}_clp COMMAND ${name} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
      set_tests_properties(${name}_clp PROPERTIES TIMEOUT 300 LABELS clp
                           ENVIRONMENT "ARSENAL_SOLVER=clp")
    endif()
  endforeach()
endif()

# Shell-driven tests of the arsenal binary: tests/cli/*.sh get the binary's path,
# and ARS_SANITIZED=1 in a sanitizer build (where every solve is several times
# slower, so a test that needs a run long enough to interrupt needs fewer points).
file(GLOB ARSENAL_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/*.sh)
if(ARSENAL_SANITIZE)
  set(ARSENAL_CLI_SANITIZED ";ARS_SANITIZED=1")
endif()
foreach(script ${ARSENAL_CLI_TESTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli_${name} COMMAND bash ${script} $<TARGET_FILE:arsenal>
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli_${name} PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77 LABELS glpk
                       ENVIRONMENT "ARS_BINARY_DIR=${CMAKE_BINARY_DIR};ARSENAL_SOLVER=glpk${ARSENAL_CLI_SANITIZED}")
endforeach()

# An LD_PRELOAD library that corrupts the values GLPK reports
# (tests/fault/glpk_fault.c): CLI tests use it to see a wrong plan caught
# (exit 4) without a test hook in arsenal.
add_library(glpk_fault MODULE ${CMAKE_SOURCE_DIR}/tests/fault/glpk_fault.c)
target_link_libraries(glpk_fault PRIVATE ${GLPK_TARGET} ${CMAKE_DL_LIBS})
if(ARSENAL_COIN)
  target_link_libraries(glpk_fault PRIVATE PkgConfig::COIN)
  target_compile_definitions(glpk_fault PRIVATE ARSENAL_HAVE_COIN=1)
endif()

# docs/cluster.md's Slurm scripts on a private one-node Slurm (exit 77 = skipped
# where Slurm is not installed). Not in sanitizer builds: sweep and merge are
# covered there by tests/cli/sweep.sh, and this test is about the scheduler.
if(NOT ARSENAL_SANITIZE)
  add_test(NAME cluster_slurm COMMAND bash ${CMAKE_SOURCE_DIR}/tests/cluster/slurm.sh
           $<TARGET_FILE:arsenal> WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cluster_slurm PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()

# The CLI tests once more with COIN-OR as the default solver (label clp),
# except models_readme (models/README.md is rendered from GLPK's plans, and
# where the optimum is not unique CLP's may differ in the same S and C),
# server_solve (its cancellation checks need a MIP that keeps GLPK busy for
# a minute; CBC solves it in seconds, and test_solve_backend cancels CBC in
# flight) and solver_choice (it runs both). Not in the sanitizer build, to
# keep CI short.
if(ARSENAL_COIN AND NOT ARSENAL_SANITIZE)
  foreach(script ${ARSENAL_CLI_TESTS})
    get_filename_component(name ${script} NAME_WE)
    if(name MATCHES "^(models_readme|server_solve|solver_choice)$")
      continue()
    endif()
    add_test(NAME cli_${name}_clp COMMAND bash ${script} $<TARGET_FILE:arsenal>
             WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(cli_${name}_clp PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77 LABELS clp
                         ENVIRONMENT "ARS_BINARY_DIR=${CMAKE_BINARY_DIR};ARSENAL_SOLVER=clp")
  endforeach()
endif()
