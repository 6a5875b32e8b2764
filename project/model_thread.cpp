#include "project/model_thread.hpp"

#include "core/runner/preflight.hpp"

#include "core/model/model.hpp"

namespace migrate::project {

ModelThread::ModelThread(const Config& cfg)
    : future_(std::async(std::launch::async, [path = cfg.model_path(), naming = cfg.naming] {
                return load_model(path, naming);
              }).share()) {}

ModelThread::~ModelThread() {
  // Never leave the thread running past the objects it reads.
  if (future_.valid()) future_.wait();
}

const Schema& ModelThread::get() {
  return future_.get();
}

Schema inspect_for_model(Database& db, ModelThread& model) {
  Schema live = db.dialect->inspect(*db.conn);
  // A name the database would refuse is the model's mistake, at its line.
  check_model_names(model.get(), *db.dialect);
  const std::vector<std::string> named = model.get().schema_names();
  if (!named.empty() && db.dialect->inspect_reads_named_schemas())
    live = db.dialect->inspect(*db.conn, named);
  return live;
}

}  // namespace migrate::project
