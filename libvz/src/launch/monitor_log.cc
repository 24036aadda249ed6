// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/monitor_log.h"

#include <atomic>

namespace vz::internal {

namespace {

std::atomic<LogSink> g_sink{&SyslogSink};

}  // namespace

void SyslogSink(int priority, const std::string& line) {
  static const bool opened = [] {
    // LOG_NDELAY is left out: the socket is opened with the first line.
    ::openlog("vzctl", LOG_PID, LOG_DAEMON);
    return true;
  }();
  (void)opened;
  ::syslog(priority, "%s", line.c_str());
}

LogSink SetMonitorLogSink(LogSink sink) { return g_sink.exchange(sink); }

void MonitorLog(int priority, unsigned int veid, const std::string& message) {
  g_sink.load()(priority, "CT " + std::to_string(veid) + ": " + message);
}

}  // namespace vz::internal
