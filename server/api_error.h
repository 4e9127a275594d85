// An error the API reports to its caller: an HTTP status, a stable machine-readable code and a
// message naming the problem. Rendered as {"error": {"code": ..., "message": ...}}.
#pragma once

#include <string>

namespace praxis {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
};

}  // namespace praxis
