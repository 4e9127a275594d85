// A real praxis-server for the contribution tests: a copy of the project's content (plus any
// fixture entries), its index, an empty submissions folder, the project's web folder.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>

#include "entry.h"
#include "server_process.h"
#include "test_support.h"

namespace praxis::test {

using FormFields = std::vector<std::pair<std::string, std::string>>;

struct ServedContent {
  TempDir dir;
  ServerProcess server;
  std::string content, index, submissions;

  // `extra_files`: fixture entries (paths) copied into the content folder too.
  explicit ServedContent(const std::vector<std::string>& extra_files = {});

  // Starts the server with `args` added (e.g. {"--review-token-file", path}).
  bool Start(const std::vector<std::string>& args = {});
  httplib::Client Client() const;

  // praxis-index with this server's folders, e.g. "review approve ID".
  CommandResult IndexCommand(const std::string& args) const;
  std::vector<std::string> PendingFiles() const;
};

// application/x-www-form-urlencoded
std::string EncodeForm(const FormFields& fields);

// A complete, valid form for a practice nobody has described, with a distinctive word.
FormFields ValidForm(const std::string& title = "Police cafés for parents in Graz");

// The form a contributor would fill in for `entry` (a fixture read with the validator).
FormFields FormFromEntry(const Entry& entry);
Entry ReadFixtureEntry(const std::string& path);

// The value of `name` in `fields` replaced (or added) with `value`.
FormFields With(FormFields fields, const std::string& name, const std::string& value);
FormFields Without(FormFields fields, const std::string& name);

std::string HtmlEscaped(const std::string& text);

}  // namespace praxis::test
