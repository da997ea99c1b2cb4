#include "app/doctor_deadline.h"

namespace awsmcp::app {

DoctorDeadline::DoctorDeadline(Env& env, std::chrono::milliseconds limit)
    : env_(env), limit_(limit), start_(env.SteadyNow()) {
  watchdog_ = std::thread([finished = finished_, expired = expired_, limit] {
    // SleepFor is false when the run finished first.
    if (finished.SleepFor(limit)) expired.Cancel();
  });
}

DoctorDeadline::~DoctorDeadline() {
  finished_.Cancel();
  watchdog_.join();
}

std::chrono::milliseconds DoctorDeadline::elapsed() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(env_.SteadyNow() - start_);
}

}  // namespace awsmcp::app
