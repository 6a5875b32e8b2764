#pragma once
// The numbering options a sequence (`sequences:`) and an identity column
// (`identity: {...}`) share, read and written here once so both spell them
// the same way and refuse the same mistakes.
#include <string>
#include <vector>

#include "core/schema/schema.hpp"
#include "core/yaml/yaml_read.hpp"
#include "core/yaml/yaml_write.hpp"

namespace migrate {

// start increment min_value max_value cache cycle
const std::vector<std::string>& sequence_option_keys();

// Reads those keys of `m` into `s`; the others (`as`, `owned_by`) are the
// caller's. A bad value is an InputError at it.
void read_sequence_options(const yaml::MapReader& m, SequenceOptions& s);

// Appends those that are stated to `f`, in sequence_option_keys order.
void put_sequence_options(yaml::Fields& f, const SequenceOptions& s);

}  // namespace migrate
