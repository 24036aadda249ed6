// SPDX-License-Identifier: GPL-2.0-or-later
#include "fields.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "resource_fields.h"
#include "text.h"

namespace vzlist {

namespace {

using vz::Listing;
using Json = nlohmann::ordered_json;
using StrGetter = std::optional<std::string> (*)(const Listing&);
using ListGetter = const std::vector<std::string>& (*)(const Listing&);
using NumGetter = std::optional<uint64_t> (*)(const Listing&);

Json OrNull(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }
Json OrNull(const std::optional<uint64_t>& v) { return v ? Json(*v) : Json(nullptr); }
SortKey KeyOf(const std::optional<std::string>& v) { return v ? SortKey(*v) : SortKey(); }
SortKey KeyOf(const std::optional<uint64_t>& v) { return v ? SortKey(*v) : SortKey(); }

// A text field, cut to its width unless it is the last column.
Field Str(const char* name, const char* header, int width, StrGetter get) {
  return {name,
          header,
          width,
          [=](const Listing& l, bool whole) { return Column(get(l).value_or("-"), width, whole); },
          [=](const Listing& l) { return OrNull(get(l)); },
          [=](const Listing& l) { return KeyOf(get(l)); }};
}

// A list: its first entry, or every entry in the last column.
Field List(const char* name, const char* header, ListGetter get) {
  return {name,
          header,
          -15,
          [=](const Listing& l, bool whole) {
            const auto& items = get(l);
            if (items.empty()) return Pad("-", -15);
            return whole ? Pad(Join(items), -15) : Column(items.front(), -15, false);
          },
          [=](const Listing& l) { return Json(get(l)); },
          [=](const Listing& l) {
            const auto& items = get(l);
            return items.empty() ? SortKey() : SortKey(Join(items));
          }};
}

Field Num(const char* name, const char* header, int width, NumGetter get) {
  return {name,
          header,
          width,
          [=](const Listing& l, bool) {
            auto v = get(l);
            return Pad(v ? std::to_string(*v) : "-", width);
          },
          [=](const Listing& l) { return OrNull(get(l)); },
          [=](const Listing& l) { return KeyOf(get(l)); }};
}

std::string YesNo(bool v) { return v ? "yes" : "no"; }

Field Bool(const char* name, const char* header, int width,
           std::optional<bool> (*get)(const Listing&)) {
  return {name,
          header,
          width,
          [=](const Listing& l, bool) {
            auto v = get(l);
            return Pad(v ? YesNo(*v) : "-", width);
          },
          [=](const Listing& l) {
            auto v = get(l);
            return v ? Json(*v) : Json(nullptr);
          },
          [=](const Listing& l) {
            auto v = get(l);
            return v ? SortKey(uint64_t{*v}) : SortKey();
          }};
}

Field Ctid(const char* name) {
  return {name,
          "CTID",
          10,
          [](const Listing& l, bool) { return Pad(std::to_string(l.veid), 10); },
          [](const Listing& l) { return Json(l.veid); },
          [](const Listing& l) { return SortKey(uint64_t{l.veid}); }};
}

Field SmartName() {
  return {"smart_name",
          "SMARTNAME",
          10,
          [](const Listing& l, bool whole) {
            return l.name ? Column(*l.name, 10, whole) : Pad(std::to_string(l.veid), 10);
          },
          [](const Listing& l) { return l.name ? Json(*l.name) : Json(l.veid); },
          [](const Listing& l) { return KeyOf(l.name); }};
}

Field Status() {
  return {"status",
          "STATUS",
          -9,
          [](const Listing& l, bool) { return Pad(vz::ListedStateName(l.state), -9); },
          [](const Listing& l) { return Json(vz::ListedStateName(l.state)); },
          [](const Listing& l) { return SortKey(uint64_t(l.state)); }};
}

// Days, hours, minutes and seconds, as OpenVZ prints them.
std::string UptimeText(double seconds) {
  const auto total = static_cast<unsigned long long>(seconds);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3llud%.2lluh:%.2llum:%.2llus", total / 86400,
                total / 3600 % 24, total / 60 % 60, total % 60);
  return buf;
}

Field Uptime() {
  Field f{"uptime",
          "UPTIME",
          15,
          [](const Listing& l, bool) { return Pad(l.uptime ? UptimeText(*l.uptime) : "-", 15); },
          [](const Listing& l) { return Json(std::round(l.uptime.value_or(0) * 1000) / 1000); },
          [](const Listing& l) { return l.uptime ? SortKey(*l.uptime) : SortKey(); }};
  f.source = Source::kUptime;
  return f;
}

// The kernel does not report a VE's load average yet: always unknown,
// as OpenVZ's vzlist shows it when the kernel gives none.
Field Laverage() {
  return {"laverage",
          "LAVERAGE",
          14,
          [](const Listing&, bool) { return Pad("-", 14); },
          [](const Listing&) { return Json(nullptr); },
          [](const Listing&) { return SortKey(); }};
}

// OpenVZ shows both CPU values, 0 for the one unset, when either is set.
Field Cpu(const char* name, const char* header, bool limit) {
  return Num(name, header, 7,
             limit ? NumGetter([](const Listing& l) {
               return l.cpulimit || l.cpuunits ? std::optional<uint64_t>(l.cpulimit.value_or(0))
                                               : std::nullopt;
             })
                   : NumGetter([](const Listing& l) {
                       return l.cpulimit || l.cpuunits
                                  ? std::optional<uint64_t>(l.cpuunits.value_or(0))
                                  : std::nullopt;
                     }));
}

// A setting JSON shows as 0 when unset (cpus, ioprio).
Field ZeroInJson(const char* name, const char* header, int width,
                 std::optional<int> (*get)(const Listing&)) {
  return {name,
          header,
          width,
          [=](const Listing& l, bool) {
            auto v = get(l);
            return Pad(v && *v >= 0 ? std::to_string(*v) : "-", width);
          },
          [=](const Listing& l) { return Json(std::max(get(l).value_or(0), 0)); },
          [=](const Listing& l) {
            auto v = get(l);
            return v ? SortKey(uint64_t(std::max(*v, 0))) : SortKey();
          }};
}

// A limit JSON shows as 0, unlimited, when unset (iolimit, iopslimit).
Field Limit(const char* name, const char* header, NumGetter get) {
  Field f = Num(name, header, 10, get);
  f.json = [=](const Listing& l) { return Json(get(l).value_or(0)); };
  return f;
}

// "nfs:on,ppp:off", cut to its column unless last; a JSON object of
// booleans.
Field Features() {
  auto text = [](const Listing& l) {
    std::string out;
    for (const auto& [name, on] : l.features)
      out += (out.empty() ? "" : ",") + name + (on ? ":on" : ":off");
    return out.empty() ? std::string("-") : out;
  };
  return {"features",
          "FEATURES",
          -15,
          [=](const Listing& l, bool whole) { return Column(text(l), -15, whole); },
          [](const Listing& l) {
            Json out = Json::object();
            for (const auto& [name, on] : l.features) out[name] = on;
            return out;
          },
          [=](const Listing& l) { return SortKey(text(l)); }};
}

Field Layout() {
  return {"layout",
          "LAYOUT",
          6,
          [](const Listing& l, bool) { return Pad(l.layout, -6); },
          [](const Listing& l) { return Json(l.layout); },
          [](const Listing& l) { return SortKey(l.layout); }};
}

std::vector<Field> MakeFields() {
  std::vector<Field> f = {
      Ctid("ctid"),
      Ctid("veid"),
      Ctid("vpsid"),
      Str("private", "PRIVATE", -32, [](const Listing& l) { return l.private_dir; }),
      Str("root", "ROOT", -32, [](const Listing& l) { return l.root; }),
      Str("mount_opts", "MOUNT_OPTS", -16, [](const Listing& l) { return l.mount_opts; }),
      Str("origin_sample", "ORIGIN_SAMPLE", -32, [](const Listing& l) { return l.origin_sample; }),
      Str("hostname", "HOSTNAME", -32, [](const Listing& l) { return l.hostname; }),
      Str("name", "NAME", -32, [](const Listing& l) { return l.name; }),
      SmartName(),
      Str("description", "DESCRIPTION", -32, [](const Listing& l) { return l.description; }),
      Str("ostemplate", "OSTEMPLATE", -32, [](const Listing& l) { return l.ostemplate; }),
      List(
          "ip", "IP_ADDR", [](const Listing& l) -> const auto& { return l.ips; }),
      List(
          "nameserver", "NAMESERVER",
          [](const Listing& l) -> const auto& { return l.nameservers; }),
      List(
          "searchdomain", "SEARCHDOMAIN",
          [](const Listing& l) -> const auto& { return l.searchdomains; }),
      List(
          "configured_ip", "IP_ADDR",
          [](const Listing& l) -> const auto& { return l.configured_ips; }),
      List(
          "netif", "NETIF", [](const Listing& l) -> const auto& { return l.netifs; }),
      Status()};
  f[6].header_width = 32;  // ORIGIN_SAMPLE's header is right-aligned in OpenVZ
  AddUbcFields(&f);
  AddDiskFields(&f);
  f.push_back(Laverage());
  f.push_back(Uptime());
  f.push_back(Cpu("cpulimit", "CPULIM", true));
  f.push_back(Cpu("cpuunits", "CPUUNI", false));
  f.push_back(ZeroInJson("cpus", "CPUS", 5, [](const Listing& l) { return l.cpus; }));
  f.push_back(ZeroInJson("ioprio", "IOP", 3, [](const Listing& l) { return l.ioprio; }));
  f.push_back(Limit("iolimit", "IOLIMIT", [](const Listing& l) { return l.iolimit; }));
  f.push_back(Limit("iopslimit", "IOPS", [](const Listing& l) { return l.iopslimit; }));
  f.push_back(Bool("onboot", "ONBOOT", 6, [](const Listing& l) { return l.onboot; }));
  f.push_back(Num("bootorder", "BOOTORDER", 10, [](const Listing& l) { return l.bootorder; }));
  f.push_back(Layout());
  f.push_back(Features());
  f.push_back(Bool("vswap", "VSWAP", 5, [](const Listing& l) { return std::optional(l.vswap); }));
  f.push_back(
      Bool("disabled", "DISABL", 6, [](const Listing& l) { return std::optional(l.disabled); }));
  return f;
}

}  // namespace

std::span<const Field> Fields() {
  static const std::vector<Field> fields = MakeFields();
  return fields;
}

const Field* FindField(std::string_view name) {
  for (const auto& f : Fields())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace vzlist
