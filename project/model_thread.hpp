#pragma once
// The model read on a thread of its own while the command reaches the
// database. On a large project the model file and the catalog queries take
// about as long each, and on two cores they overlap instead of adding up.
// A mistake in the model is still the error reported when both go wrong, as
// when the model was read first: it is the likelier one, and needs no database.
#include <future>

#include "core/schema/schema.hpp"
#include "project/workspace.hpp"

namespace migrate::project {

class ModelThread {
 public:
  explicit ModelThread(const Config& cfg);
  ModelThread(const ModelThread&) = delete;
  ModelThread& operator=(const ModelThread&) = delete;
  ~ModelThread();

  // Waits for the model; throws its error, if reading it failed.
  const Schema& get();

  // Runs `database_side`; when that throws, the model's error (if any) is
  // thrown instead of its own.
  template <typename Fn>
  decltype(auto) alongside(Fn&& database_side) {
    try {
      return database_side();
    } catch (...) {
      get();
      throw;
    }
  }

 private:
  // Shared: the model's error is thrown again to each caller that asks.
  std::shared_future<Schema> future_;
};

// The live schema to compare with the model. The catalog is read while the
// model may still be loading; only MySQL reads other databases, and only
// those the model names, so it reads again if the model names any.
Schema inspect_for_model(Database& db, ModelThread& model);

}  // namespace migrate::project
