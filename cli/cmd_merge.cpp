// `migrate merge REV... -m MSG`: a revision whose down_revision lists several heads.
#include <memory>

#include "cli/commands.hpp"
#include "cli/revision_request.hpp"

namespace migrate::cli {

void add_merge_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("merge", "write a revision that joins several heads");
  auto m = std::make_shared<MergeRequest>();
  cmd->add_option("REV", m->heads, "the heads to join (ids, prefixes, labels, or heads)")
      ->required();
  cmd->add_option("-m,--message", m->message, "what the merge is for")->required();
  cmd->add_option("--branch-label", m->branch_labels, "a label for the new revision");
  cmd->add_option("--rev-id", m->rev_id, "the id to use instead of a random one");
  out.emplace_back(cmd, [&g, m] { return write_merge_revision(g, *m); });
}

}  // namespace migrate::cli
