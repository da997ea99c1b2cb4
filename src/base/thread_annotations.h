// Clang's thread-safety annotations (checked by -Wthread-safety in the clang
// build, see cmake/layers.cmake), and a Mutex that carries them: std::mutex
// is not annotated, so GUARDED_BY on it could not be checked.
#pragma once

#include <mutex>

#if defined(__clang__)
#define AWSMCP_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define AWSMCP_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) AWSMCP_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY AWSMCP_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) AWSMCP_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) AWSMCP_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) AWSMCP_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define ACQUIRE(...) AWSMCP_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) AWSMCP_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define EXCLUDES(...) AWSMCP_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS AWSMCP_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace awsmcp {

// A std::mutex the analysis knows. lock()/unlock() make it usable with
// std::condition_variable_any and std::unique_lock.
class CAPABILITY("mutex") Mutex {
 public:
  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace awsmcp
