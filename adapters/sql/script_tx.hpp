// Internal to the storage adapters: the drivers' transactions also implement ScriptTx, so
// the migration runner can run a multi-statement script inside one transaction (ports::Tx
// runs exactly one statement per call). Not part of the port; use cases never need it.
#pragma once

#include <string_view>

namespace tongban::sql {

class ScriptTx {
 public:
  virtual ~ScriptTx() = default;
  // Runs every statement of sql, without parameters, inside the current transaction.
  // Throws ports::DbError on failure; the transaction must then be abandoned.
  virtual void exec_script_in_tx(std::string_view sql) = 0;
};

}  // namespace tongban::sql
