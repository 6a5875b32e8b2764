// `migrate revision`: writes a new revision file from the project's template.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/revision_request.hpp"
#include "project/new_revision.hpp"

namespace migrate::cli {
namespace {

int run_revision(const Globals& g, NewRevision o) {
  Config cfg = load_config(g);
  o.x = g.x_map();
  auto file = write_new_revision(cfg, o);
  if (!g.quiet) std::cout << "Generating " << file.string() << " ... done\n";
  return 0;
}

}  // namespace

void add_revision_command(CLI::App& app, Globals& g, Commands& out) {
  auto* cmd = app.add_subcommand("revision", "write a new revision file");
  auto o = std::make_shared<NewRevision>();
  cmd->add_option("-m,--message", o->message, "what the revision does")->required();
  cmd->add_option("--head", o->head, "the revision to build on (default: the single head)");
  cmd->add_flag("--splice", o->splice, "allow --head to name a revision that is not a head");
  cmd->add_option("--branch-label", o->branch_labels, "a label for the new branch");
  cmd->add_option("--depends-on", o->depends_on, "a revision this one depends on");
  cmd->add_option("--rev-id", o->rev_id, "the id to use instead of a random one");
  cmd->add_option("--version-path", o->version_path, "the folder to write the file to");
  cmd->add_flag("--autogenerate", o->autogenerate,
                "fill upgrade/downgrade with what differs between the database and the model");
  add_dev_url_option(*cmd, o->dev_url);
  out.emplace_back(cmd, [&g, o] { return run_revision(g, *o); });
}

int write_merge_revision(const Globals& g, const MergeRequest& m) {
  NewRevision o;
  o.message = m.message;
  o.merge_heads = m.heads;
  o.branch_labels = m.branch_labels;
  o.rev_id = m.rev_id;
  return run_revision(g, o);
}

}  // namespace migrate::cli
