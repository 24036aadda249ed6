// SPDX-License-Identifier: GPL-2.0-or-later
// A private temporary directory for one test, removed when it goes away.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace vztest {

class TestDir {
 public:
  TestDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "vztest.XXXXXX").string();
    if (!mkdtemp(tmpl.data())) ADD_FAILURE() << "mkdtemp(" << tmpl << ") failed";
    path_ = tmpl;
  }
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;
  ~TestDir() { std::filesystem::remove_all(path_); }

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to `rel` under the directory, creating parents.
  void Write(const std::filesystem::path& rel, const std::string& content) const {
    std::filesystem::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel) << content;
  }

  // The content of `rel` under the directory ("" when it cannot be read).
  std::string Read(const std::filesystem::path& rel) const {
    std::ifstream in(path_ / rel);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::filesystem::path path_;
};

}  // namespace vztest
