// SPDX-License-Identifier: LGPL-2.1-or-later
#include "dev/config.h"

#include <algorithm>
#include <string>

#include "core/words.h"

namespace vz::internal {

namespace {

bool Same(const DeviceEntry& a, const DeviceEntry& b) { return a.dev == b.dev; }
bool Same(const DevnodeEntry& a, const DevnodeEntry& b) { return a.name == b.name; }

// `entry` into `list`: in place of the entry for the same device, or last;
// with no access, out of it.
template <typename Entry>
void MergeEntry(std::vector<Entry>* list, const Entry& entry) {
  auto it =
      std::find_if(list->begin(), list->end(), [&](const Entry& e) { return Same(e, entry); });
  if (!entry.access) {
    if (it != list->end()) list->erase(it);
  } else if (it != list->end()) {
    it->access = entry.access;
  } else {
    list->push_back(entry);
  }
}

template <typename Entry>
Status ReadKey(const ConfigStack& config, const char* key, Result<Entry> (*parse)(std::string_view),
               std::vector<Entry>* out) {
  auto value = config.Get(key);
  if (!value) return {};
  for (const auto& word : SplitWords(*value)) {
    auto entry = parse(word);
    if (!entry)
      return KindError(ErrorKind::kBadConfig,
                       std::string(key) + "=\"" + *value + "\": " + entry.error().context());
    MergeEntry(out, *entry);
  }
  return {};
}

template <typename Entry>
std::string Format(const std::vector<Entry>& list, std::string (*format)(const Entry&)) {
  std::vector<std::string> words;
  for (const auto& entry : list) words.push_back(format(entry));
  return JoinWords(words);
}

}  // namespace

Result<DevConfig> ReadDevConfig(const ConfigStack& config) {
  DevConfig cfg;
  Status ok = ReadKey(config, "DEVICES", ParseDeviceEntry, &cfg.devices);
  if (ok) ok = ReadKey(config, "DEVNODES", ParseDevnodeEntry, &cfg.devnodes);
  if (!ok) return std::unexpected(ok.error());
  return cfg;
}

DevConfig MergeDev(DevConfig cfg, const DevOptions& opts) {
  if (opts.devices_none) cfg.devices.clear();
  if (opts.devnodes_none) cfg.devnodes.clear();
  for (const auto& entry : opts.devices) MergeEntry(&cfg.devices, entry);
  for (const auto& entry : opts.devnodes) MergeEntry(&cfg.devnodes, entry);
  return cfg;
}

Status StoreDevConfig(ConfigFile& conf, const DevConfig& merged, const DevOptions& opts) {
  Status set;
  if (opts.devices_none || !opts.devices.empty())
    set = conf.Set("DEVICES", Format(merged.devices, FormatDeviceEntry));
  if (set && (opts.devnodes_none || !opts.devnodes.empty()))
    set = conf.Set("DEVNODES", Format(merged.devnodes, FormatDevnodeEntry));
  return set;
}

}  // namespace vz::internal
