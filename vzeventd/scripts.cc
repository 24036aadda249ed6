// SPDX-License-Identifier: GPL-2.0-or-later
#include "scripts.h"

#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace vzeventd {

namespace {

// "ve-stop" -> "vzevent-stop", as OpenVZ names its scripts.
std::string ScriptName(const std::string& action) {
  return "vzevent-" + (action.starts_with("ve-") ? action.substr(3) : action);
}

std::string Describe(int status) {
  if (WIFEXITED(status)) return "exited " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("killed by ") + ::strsignal(WTERMSIG(status));
  return "ended";
}

}  // namespace

ScriptRunner::~ScriptRunner() {
  for (const auto& r : running_) {
    ::kill(-r.pid, SIGKILL);
    ::waitpid(r.pid, nullptr, 0);
  }
}

std::optional<std::filesystem::path> ScriptRunner::ScriptFor(const vz::VeEvent& event) const {
  const auto path = dir_ / ScriptName(event.action);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0)
    return std::nullopt;
  return path;
}

void ScriptRunner::Run(const vz::VeEvent& event) {
  auto script = ScriptFor(event);
  if (!script) return;
  const std::string what = script->filename().string() + " " + std::to_string(event.veid);
  std::string veid = "VEID=" + std::to_string(event.veid);
  std::string ev = "EVENT=" + event.action;
  std::string path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  char* envp[] = {veid.data(), ev.data(), path.data(), nullptr};
  std::string file = script->string();
  char* argv[] = {file.data(), nullptr};
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so that a timeout kills what it started too;
  // default signal handling and mask, whatever the daemon has.
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  pid_t pid = -1;
  const int err = ::posix_spawn(&pid, file.c_str(), nullptr, &attr, argv, envp);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    log_ << "vzeventd: " << what << ": " << std::strerror(err) << std::endl;
    return;
  }
  if (verbose_) log_ << "vzeventd: " << what << " started" << std::endl;
  running_.push_back({pid, what, Clock::now() + timeout_});
}

void ScriptRunner::Report(const Running& r, int status) {
  const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (r.killed)
    log_ << "vzeventd: " << r.what << " ran past " << timeout_.count() << " s and was killed"
         << std::endl;
  else if (!ok || verbose_)
    log_ << "vzeventd: " << r.what << " " << Describe(status) << std::endl;
}

void ScriptRunner::Tend(Clock::time_point now) {
  for (auto it = running_.begin(); it != running_.end();) {
    int status = 0;
    if (::waitpid(it->pid, &status, WNOHANG) == it->pid) {
      Report(*it, status);
      it = running_.erase(it);
      continue;
    }
    if (!it->killed && now >= it->deadline) {
      ::kill(-it->pid, SIGKILL);
      it->killed = true;  // reaped when its SIGCHLD comes
    }
    ++it;
  }
}

std::optional<Clock::time_point> ScriptRunner::NextDeadline() const {
  std::optional<Clock::time_point> next;
  for (const auto& r : running_)
    if (!r.killed && (!next || r.deadline < *next)) next = r.deadline;
  return next;
}

}  // namespace vzeventd
