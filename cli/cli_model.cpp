#include "cli/cli_model.hpp"

#include <algorithm>

namespace migrate::cli {
namespace {

// CLI11 writes an IsMember check into the type name as "TEXT:{a,b,c}".
std::vector<std::string> choices_of(const std::string& type_name) {
  auto open = type_name.find(":{");
  auto close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> out;
  std::string item;
  for (char c : type_name.substr(open + 2, close - open - 2)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

std::string value_name_of(const CLI::Option& opt) {
  std::string type = opt.get_type_name();
  return type.substr(0, type.find(':'));
}

}  // namespace

bool CommandSpec::shares_option(const OptionSpec& opt, const CommandSpec& other) const {
  return std::any_of(other.options.begin(), other.options.end(),
                     [&](const OptionSpec& o) { return o.names == opt.names; });
}

CommandSpec describe_cli(const CLI::App& app) {
  CommandSpec spec;
  spec.name = app.get_name();
  spec.description = app.get_description();
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;
    if (!opt->nonpositional()) {
      spec.positionals.push_back({opt->get_name(), opt->get_description(), opt->get_required(),
                                  opt->get_expected_max() > 1});
      continue;
    }
    OptionSpec o;
    for (const auto& s : opt->get_snames()) o.names.push_back("-" + s);
    for (const auto& l : opt->get_lnames()) o.names.push_back("--" + l);
    o.description = opt->get_description();
    if (opt->get_type_size() > 0) {
      o.value_name = value_name_of(*opt);
      o.choices = choices_of(opt->get_type_name());
    }
    spec.options.push_back(std::move(o));
  }
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
    spec.subcommands.push_back(describe_cli(*sub));
  return spec;
}

}  // namespace migrate::cli
