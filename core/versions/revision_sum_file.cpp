#include "core/versions/revision_sum_file.hpp"

#include <fstream>

#include "core/base/error.hpp"
#include "core/script/script.hpp"
#include "core/yaml/yaml_read.hpp"

namespace migrate {

namespace fs = std::filesystem;

std::string sum_name_prefix(const fs::path& sum_dir, const fs::path& folder) {
  auto norm = [](const fs::path& p) {
    fs::path n = fs::absolute(p).lexically_normal();
    // "a/b/" normalises to "a/b/" (an empty last part): relative paths then gain a ".".
    return n.has_filename() ? n : n.parent_path();
  };
  std::string rel = norm(folder).lexically_relative(norm(sum_dir)).generic_string();
  if (rel.empty() || rel == ".") return "";
  return rel + "/";
}

RevisionSum sum_of_folders(const fs::path& sum_dir, const std::vector<fs::path>& folders) {
  std::vector<std::string> texts;
  std::vector<std::string> names;
  for (const auto& folder : folders) {
    const std::string prefix = sum_name_prefix(sum_dir, folder);
    for (const auto& name : revision_file_names(folder)) {
      auto text = yaml::read_file(folder / name);
      if (!text) throw InputError("cannot read " + (folder / name).string());
      texts.push_back(std::move(*text));
      names.push_back(prefix + name);
    }
  }
  std::vector<SumInput> inputs;
  inputs.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) inputs.push_back({std::move(names[i]), texts[i]});
  return compute_sum(std::move(inputs));
}

std::optional<std::string> read_sum_file(const fs::path& file) {
  return yaml::read_file(file);
}

void write_sum_file(const fs::path& file, const RevisionSum& sum) {
  fs::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << render_sum(sum);
    out.close();
    if (!out) throw InputError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw InputError("cannot write " + file.string() + ": " + ec.message());
}

SumReport check_sum(const fs::path& file, std::string_view recorded, const RevisionSum& now) {
  // Almost always the file is what `migrate hash` would write: one comparison,
  // no parsing of 10,000 lines.
  if (render_sum(now) == recorded) return {};
  try {
    return sum_difference(parse_sum(recorded, file.string()), now);
  } catch (const InputError& e) {
    SumReport report;
    report.unreadable = e.what();
    return report;
  }
}

}  // namespace migrate
