// ~/.aws/config and ~/.aws/credentials are parsed with limits, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/ini_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)awsmcp::aws::ParseIni(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  return 0;
}
