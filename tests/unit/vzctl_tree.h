// SPDX-License-Identifier: GPL-2.0-or-later
//
// A fixture for tests that run the real vzctl binary on a tree of its own
// (VZ_PREFIX): vz.conf pointing into the tree, and one container config.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "vz/core/config.h"

class VzctlTree : public testing::Test {
 protected:
  // Makes the tree with 101.conf holding `ct_conf`.
  void MakeTree(const std::string& ct_conf) {
    char tmpl[] = "/tmp/vzctl-tree.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    Write("etc/vz/vz.conf", "VE_ROOT=\"" + (root_ / "vz/root/$VEID").string() +
                                "\"\nVE_PRIVATE=\"" + (root_ / "vz/private/$VEID").string() +
                                "\"\nLOCKDIR=\"" + (root_ / "vz/lock").string() +
                                "\"\nTEMPLATE=\"" + (root_ / "vz/template").string() + "\"\n");
    Write("etc/vz/conf/101.conf", ct_conf);
  }
  void TearDown() override {
    if (!root_.empty()) std::filesystem::remove_all(root_);
  }

  void Write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }

  // Runs vzctl with `args` (shell words); its exit code, output in *out.
  int Vzctl(const std::string& args, std::string* out = nullptr) {
    const std::string cmd =
        "VZ_PREFIX=" + root_.string() + " " + VZCTL_BINARY + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    std::string text;
    std::array<char, 512> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) text.append(buf.data(), n);
    int status = pclose(p);
    if (out) *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // The value of `key` in 101.conf, or "<unset>".
  std::string Key(const std::string& key) {
    auto conf = vz::ConfigFile::Load(root_ / "etc/vz/conf/101.conf");
    if (!conf) return "<unreadable>";
    return conf->Get(key).value_or("<unset>");
  }

  // The whole of 101.conf.
  std::string Conf() {
    std::ifstream in(root_ / "etc/vz/conf/101.conf");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::filesystem::path root_;
};
