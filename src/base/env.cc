#include "base/env.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <mutex>

namespace awsmcp {

std::string Env::HomeDir() {
  auto h = GetVar("HOME");
  return h ? *h : std::string();
}

namespace {

class PosixEnv final : public Env {
 public:
  std::chrono::system_clock::time_point Now() override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point SteadyNow() override { return std::chrono::steady_clock::now(); }
  uint64_t Random() override {
    std::lock_guard<std::mutex> lock(mu_);
    return rng_();
  }
  std::optional<std::string> GetVar(std::string_view name) override {
    const char* v = std::getenv(std::string(name).c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  }
  Result<std::string> ReadFile(const std::string& path, size_t max_bytes) override {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Status::NotFound("cannot open " + path));
    std::string out;
    char buf[8192];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      out.append(buf, static_cast<size_t>(in.gcount()));
      if (out.size() > max_bytes) {
        return Fail(Status::ResourceExhausted(path + " is larger than " + std::to_string(max_bytes) + " bytes"));
      }
    }
    return out;
  }
  Result<FileStamp> StatFile(const std::string& path) override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Fail(Status::NotFound("no file " + path));
    return FileStamp{static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                     static_cast<int64_t>(st.st_size), (st.st_mode & 022) != 0 || st.st_uid != ::geteuid()};
  }

 private:
  std::mutex mu_;
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace

Env* Env::Default() {
  static Env* env = new PosixEnv();
  return env;
}

}  // namespace awsmcp
