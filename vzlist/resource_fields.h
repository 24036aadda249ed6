// SPDX-License-Identifier: GPL-2.0-or-later
// The beancounter and disk quota fields of vzlist. Internal.
#pragma once

#include <vector>

#include "fields.h"

namespace vzlist {

// Each beancounter's held value (kmemsize), and its maxheld, barrier,
// limit and failcnt (kmemsize.m .b .l .f).
void AddUbcFields(std::vector<Field>* out);

// diskspace and diskinodes: usage, and soft and hard limits (.s .h).
void AddDiskFields(std::vector<Field>* out);

}  // namespace vzlist
