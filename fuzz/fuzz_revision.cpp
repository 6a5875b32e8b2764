// The revision loader (core/script/script) and its fast header reader
// (core/script/script_header). Beyond "no crash": where both read a file, the header
// reader must give what the full parser gives, or graph commands and upgrade
// would disagree about the same file.
#include <cstdio>

#include "core/script/script.hpp"
#include "core/script/script_header.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

void same(bool equal, const char* field) {
  if (equal) return;
  std::fprintf(stderr, "fuzz: the header reader and the full parser differ in %s\n", field);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  const std::string text = fuzz::text(data, size);
  const std::string file = "versions/x.yaml";
  std::optional<migrate::Revision> header, full;
  fuzz::only_input_errors([&] { header = migrate::read_revision_header(text, file); });
  fuzz::only_input_errors(
      [&] { full = migrate::load_revision_text(text, file, migrate::NamingConvention{}); });
  if (header && full) {
    same(header->id == full->id, "revision");
    same(header->down_revisions == full->down_revisions, "down_revision");
    same(header->branch_labels == full->branch_labels, "branch_labels");
    same(header->depends_on == full->depends_on, "depends_on");
    same(header->message == full->message, "message");
    same(header->created == full->created, "created");
    same(header->transactional == full->transactional, "transactional");
    same(header->mark.str() == full->mark.str(), "the position of `revision:`");
  }
  return 0;
}
