// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What a container's monitor (the host process vzctl start leaves behind,
// vzmon-CTID) has to say. It has no terminal, so its messages go to syslog,
// facility daemon, as "vzctl[PID]: CT 101: <message>". Internal.
#pragma once

#include <syslog.h>

#include <string>

namespace vz::internal {

// Where the monitor's lines go: a priority (LOG_ERR, LOG_WARNING, LOG_INFO)
// and the line without a newline.
using LogSink = void (*)(int priority, const std::string& line);

// Sends the line to syslog (openlog("vzctl", LOG_PID, LOG_DAEMON) on the
// first call). Never blocks for long and never fails: with no syslog
// daemon the line is lost.
void SyslogSink(int priority, const std::string& line);

// Replaces the sink (SyslogSink by default); for tests. Returns the old one.
LogSink SetMonitorLogSink(LogSink sink);

// Logs "CT <veid>: <message>" through the sink.
void MonitorLog(int priority, unsigned int veid, const std::string& message);

}  // namespace vz::internal
