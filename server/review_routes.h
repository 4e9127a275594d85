// The editors' pages, /review: sign in with the review token, list pending submissions, see one
// with its problems and possible overlaps, approve (validate, move into content/, reindex) or
// reject it with a reason. Installed only when praxis-server has --review-token-file.
#pragma once

#include <memory>
#include <string>

#include "contribution_pages.h"
#include "contribution_service.h"
#include "index_manager.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace praxis {

// False with *error when the token file cannot be used (the server then refuses to start: an
// operator who asked for review pages must not get a server without them unnoticed).
bool InstallReviewRoutes(httplib::Server& server, const ContributionOptions& options,
                         std::shared_ptr<ContributionPages> pages, IndexManager& index,
                         std::string* error);

}  // namespace praxis
