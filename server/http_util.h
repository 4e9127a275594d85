// Small helpers every API route file uses: JSON responses and errors (and, through
// with_index.h, running a read on the current index).
#pragma once

#include <memory>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "api_error.h"
#include "api_json.h"
#include "index_manager.h"
#include "with_index.h"

namespace praxis {

inline void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

inline void SendError(httplib::Response& res, const ApiError& error) {
  SendJson(res, error.status, ErrorJson(error));
}

}  // namespace praxis
