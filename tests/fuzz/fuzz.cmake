# libFuzzer targets: every tests/fuzz/fuzz_*.c, built when ARSENAL_FUZZ=ON with
# clang. The library is compiled with -fsanitize=fuzzer-no-link so coverage
# reaches into it; scripts/fuzz.sh runs each target on its seed corpus.
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "ARSENAL_FUZZ needs clang: CC=clang cmake -DARSENAL_FUZZ=ON ...")
endif()
target_compile_options(arsenal_core PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
file(GLOB ARSENAL_FUZZ_TARGETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_*.c)
foreach(src ${ARSENAL_FUZZ_TARGETS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/solver)
  target_compile_definitions(${name} PRIVATE ARS_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(${name} PRIVATE arsenal_core)
endforeach()
