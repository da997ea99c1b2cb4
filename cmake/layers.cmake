# One static library per layer (a folder of src/), linked only downwards.
# Each layer compiles against an include root of its own that holds links to
# itself and the layers beneath it, and nothing else: an include of a higher
# layer (transport including mcp, aws including tools) is "file not found".
#
#   awsmcp_layer(NAME [DEPENDENCY ...])   -> target awsmcp_NAME
function(awsmcp_layer name)
  set(root ${CMAKE_BINARY_DIR}/layers/${name})
  set(visible ${name})
  foreach(dep IN LISTS ARGN)
    list(APPEND visible ${AWSMCP_VISIBLE_${dep}})
  endforeach()
  list(REMOVE_DUPLICATES visible)
  set(AWSMCP_VISIBLE_${name} ${visible} CACHE INTERNAL "layers ${name} may include")
  file(REMOVE_RECURSE ${root})
  file(MAKE_DIRECTORY ${root})
  foreach(layer IN LISTS visible)
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${layer} ${root}/${layer} SYMBOLIC)
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${name}/*.cc)
  add_library(awsmcp_${name} STATIC ${sources})
  target_include_directories(awsmcp_${name} PUBLIC ${root})
  target_link_libraries(awsmcp_${name} PUBLIC nlohmann_json::nlohmann_json)
  foreach(dep IN LISTS ARGN)
    target_link_libraries(awsmcp_${name} PUBLIC awsmcp_${dep})
  endforeach()
  # -Wno-restrict: GCC 12 false positives on std::string concatenation (GCC PR 105329).
  target_compile_options(awsmcp_${name} PRIVATE -Wall -Wextra
                         $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
                         $<$<CXX_COMPILER_ID:Clang>:-Wthread-safety -Werror=thread-safety>)
endfunction()
