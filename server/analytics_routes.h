// Routes for analysts: GET /api/v1/export (every matching entry as CSV, JSON or JSON lines,
// streamed) and GET /api/v1/stats (cross-tabs of counts, as JSON or CSV).
#pragma once

#include "index_manager.h"
#include "vocabulary.h"

namespace httplib {
class Server;
}

namespace praxis {

void InstallAnalyticsRoutes(httplib::Server& server, IndexManager& index,
                            const Vocabulary& vocabulary);

}  // namespace praxis
