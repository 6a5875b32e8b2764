// Inputs the fuzz targets (fuzz/) found, each kept once fixed. The property
// each target holds the code to: bad input ends in InputError and nothing else;
// where the fast revision header reader answers, it answers as the full parser.
#include <doctest/doctest.h>

#include <string>

#include "core/base/error.hpp"
#include "core/script/script.hpp"
#include "core/script/script_header.hpp"

using namespace migrate;
using namespace std::string_literals;

namespace {

// The header reader may step aside (nullopt); if it answers, it agrees.
void header_agrees(const std::string& text) {
  CAPTURE(text);
  auto fast = read_revision_header(text, "v/x.yaml");
  Revision full = load_revision_text(text, "v/x.yaml", NamingConvention{});
  if (!fast) return;
  CHECK(fast->id == full.id);
  CHECK(fast->down_revisions == full.down_revisions);
  CHECK(fast->message == full.message);
}

}  // namespace

TEST_CASE("fuzz regressions: control characters in revision header values") {
  // fuzz_revision: a NUL inside a plain scalar. yaml-cpp dropped it while the
  // header reader kept it, so graph commands and upgrade saw different
  // parents. The header reader steps aside; the full parser (libyaml) refuses
  // the file, naming the place.
  const std::string nul = "revision: a\ndown_revision: 00\0\"23\n"s;
  CHECK_FALSE(read_revision_header(nul, "v/x.yaml"));
  try {
    load_revision_text(nul, "v/x.yaml", NamingConvention{});
    FAIL("a NUL was accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("v/x.yaml:2:18: invalid YAML: control characters") == 0);
  }
  // A lone CR is a line break to YAML.
  const std::string cr = "revision: a\rdown_revision: b\nmessage: m\n";
  CHECK_FALSE(read_revision_header(cr, "v/x.yaml"));
  CHECK_FALSE(read_revision_header("revision: a\nmessage: \"x\x01y\"\n", "v/x.yaml"));
  // CRLF line ends stay on the fast path.
  CHECK(read_revision_header("revision: a\r\ndown_revision: b\r\n", "v/x.yaml"));
  header_agrees("revision: a\r\ndown_revision: b\r\n");
}

TEST_CASE("fuzz regressions: bytes that are not UTF-8 in a revision file") {
  // fuzz_revision: yaml-cpp, the full parser then, read a malformed UTF-8
  // sequence its own way; the header reader steps aside for such a file.
  const std::string bad =
      "revision: \xff\xff\xff"
      "create\xff\xffnts\"\ncreated: +026-11-21\n"
      "upgrade: []\n";
  CHECK_FALSE(read_revision_header(bad, "v/x.yaml"));
  // libyaml refuses it, at the first bad byte, and says what to do.
  try {
    load_revision_text(bad, "v/x.yaml", NamingConvention{});
    FAIL("bytes that are not UTF-8 were accepted");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK(msg.find("v/x.yaml:1:11: invalid YAML: ") == 0);
    CHECK(msg.find("save the file as UTF-8 text") != std::string::npos);
  }
  // Valid UTF-8 stays on the fast path.
  CHECK(read_revision_header("revision: a\nmessage: caf\xc3\xa9 \xe2\x82\xac\n", "v/x.yaml"));
  header_agrees("revision: a\nmessage: caf\xc3\xa9 \xe2\x82\xac\n");
}
