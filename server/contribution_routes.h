// The contributor and editor routes of praxis-server:
//
//   GET  /contribute              the submission form (works without JavaScript)
//   POST /contribute              preview, add a row, or submit; answers with a page
//   POST /api/v1/submissions      the same as JSON, from JSON or form bodies; ?dry_run=true
//                                 validates and previews without storing (the form's live
//                                 preview uses it)
//   GET  /review, /review/{id}    editors' pages, only with --review-token-file
//   POST /review                  sign in, approve, reject, sign out
//
// All submission logic lives in ContributionService (and the library below it); these handlers
// decode requests and render answers.
#pragma once

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "contribution_service.h"
#include "entry.h"
#include "index_manager.h"
#include "vocabulary.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace praxis {

// Registers the routes. Problems with the web folder or the review token are reported on
// stderr; the API keeps working. Returns false (with *error) only when the server must not
// start: a review token file was given but cannot be used.
bool InstallContributionRoutes(httplib::Server& server, const ContributionOptions& options,
                               const Vocabulary& vocabulary, IndexManager& index,
                               std::string* error);

// The "overlaps" field of GET /api/v1/practices/{id}: published entries that may describe the
// same practice.
nlohmann::json PracticeOverlapsJson(Xapian::Database& db, const Entry& entry);

}  // namespace praxis
