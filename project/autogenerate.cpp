#include "project/autogenerate.hpp"

#include <spdlog/spdlog.h>
#include <map>
#include <tuple>

#include <algorithm>

#include "core/base/text.hpp"
#include "core/compare/compare.hpp"
#include "core/ops/difference_line.hpp"
#include "core/script/script.hpp"
#include "project/dev_database.hpp"
#include "project/inventory.hpp"

namespace migrate::project {
namespace {

std::string ids(const std::vector<std::string>& v) {
  return v.empty() ? std::string("base") : text::join(v);
}

}  // namespace

std::string Standing::describe() const {
  return "the database stands at " + ids(current) + " but the head is " + ids(heads);
}

Standing standing(const Graph& graph, Database& db, const Config& cfg) {
  Standing s;
  s.current = database_heads(graph, db, cfg);
  std::sort(s.current.begin(), s.current.end());
  for (const auto* h : graph.heads()) s.heads.push_back(h->id);
  std::sort(s.heads.begin(), s.heads.end());
  return s;
}

CompareSettings compare_settings(const Config& cfg) {
  CompareSettings s;
  s.compare = cfg.compare;
  s.include_tables = cfg.include_tables;
  s.exclude_tables = cfg.exclude_tables;
  s.version_table = cfg.version_table;
  s.history_table = cfg.history_table;
  s.naming = cfg.naming;
  // What compare cannot see, on stderr; names come from the catalog, so a
  // control character in one is shown, never sent to the terminal.
  s.warn = [](const std::string& message) {
    std::string shown;
    for (unsigned char c : message) {
      if (c < 0x20 || c == 0x7f) {
        static const char* hex = "0123456789abcdef";
        shown += std::string("\\x") + hex[c >> 4] + hex[c & 15];
      } else {
        shown += static_cast<char>(c);
      }
    }
    spdlog::warn("warning: {}", shown);
  };
  return s;
}

// The settings, with the model's objects as this database stores them. Only
// those it does not already hold in the model's spelling are asked about
// (PostgreSQL makes them in a transaction it rolls back, which locks their
// tables for a moment): a check of a database that matches its model, as
// after `inspect`, takes no lock.
CompareSettings settings_for(const Config& cfg, const Schema& model, const Schema& live,
                             Database& db) {
  CompareSettings s = compare_settings(cfg);
  if (model.objects.empty()) return s;
  using Key = std::tuple<ObjectKind, std::string, std::string, std::string>;
  std::map<Key, SchemaObject> held;
  for (const auto& o : live.objects) {
    SchemaObject n = db.dialect->normalize_object(o);
    Key key{n.kind, n.schema, n.name, n.table};
    held.emplace(std::move(key), std::move(n));
  }
  std::vector<size_t> asked;
  std::vector<SchemaObject> ask;
  for (size_t i = 0; i < model.objects.size(); ++i) {
    SchemaObject n = db.dialect->normalize_object(model.objects[i]);
    auto it = held.find(Key{n.kind, n.schema, n.name, n.table});
    if (it != held.end() && it->second == n) continue;  // held as the model spells it
    asked.push_back(i);
    ask.push_back(model.objects[i]);
  }
  if (ask.empty()) return s;
  std::vector<SchemaObject> stored = db.dialect->stored_objects(*db.conn, ask);
  if (stored.size() != ask.size()) return s;
  s.stored_objects = model.objects;
  for (size_t k = 0; k < asked.size(); ++k) s.stored_objects[asked[k]] = std::move(stored[k]);
  return s;
}

std::vector<Op> diff_database(const Config& cfg, ModelThread& model, Database& db) {
  Schema live = inspect_for_model(db, model);
  return compare_schemas(model.get(), live, *db.dialect, settings_for(cfg, model.get(), live, db));
}

std::pair<std::string, std::string> autogenerate_bodies(const Config& cfg, const Graph& graph,
                                                        const std::string& dev_url) {
  ModelThread model(cfg);
  std::vector<NotModelled> unseen;
  std::vector<Op> ops = model.alongside([&] {
    if (!dev_url.empty()) {
      DevDatabase dev(dev_url);
      warn_on_other_dialect(cfg, dev);
      dev.upgrade_to_heads(cfg, graph);
      unseen = not_modelled(dev.db(), compare_settings(cfg));
      return diff_database(cfg, model, dev.db());
    }
    Database db = open_database(cfg);
    Standing at = standing(graph, db, cfg);
    if (!at.up_to_date())
      throw InputError("target database is not up to date: " + at.describe() +
                       "; run `migrate upgrade head` first, then autogenerate");
    Schema live = inspect_for_model(db, model);
    unseen = not_modelled(db, compare_settings(cfg));
    CompareSettings settings = settings_for(cfg, model.get(), live, db);
    // Closed before comparing: SQLite's own schema cache grows with the schema.
    db.conn.reset();
    return compare_schemas(model.get(), live, *db.dialect, settings);
  });
  // The revision cannot carry what was not compared: say so, whatever was found.
  warn_not_compared(unseen);
  if (ops.empty()) {
    spdlog::warn("No changes detected: the {} the model; the revision is written empty",
                 dev_url.empty() ? "database matches" : "revisions match");
    return {" []", " []"};
  }
  for (const auto& op : ops) spdlog::info("Detected {}", difference_line(op));
  return {"\n" + render_ops(ops, 2), "\n" + render_ops(reverse_all(ops), 2)};
}

}  // namespace migrate::project
