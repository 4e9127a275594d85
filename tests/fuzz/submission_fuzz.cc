// A submission as POST /api/v1/submissions receives it: the first byte chooses the media type
// (JSON or an urlencoded form), the rest is the body. The request becomes a draft, the draft an
// entry file, the file the validator's verdict; what the API answers is written as JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "form_body.h"
#include "front_matter.h"
#include "fuzz_support.h"
#include "markdown.h"
#include "submission.h"
#include "text_util.h"

using namespace praxis;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::Validator();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  const bool json = fuzz::TakeByte(&body) % 2 == 0;
  const SubmissionLimits limits;
  SubmissionRequest request;
  SubmissionProblem problem;
  bool ok = false;
  if (json) {
    const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return 0;
    ok = DraftFromJson(parsed, limits, &request, &problem);
  } else {
    ok = DraftFromForm(ParseUrlEncoded(body), limits, &request, &problem);
  }
  if (!ok) {
    nlohmann::json{{"code", problem.code}, {"message", problem.message}}.dump();
    return 0;
  }

  const PreparedSubmission p = PrepareSubmission(request.draft, fuzz::Validator());
  // Whatever was typed, the file keeps its shape: the values cannot break the front matter.
  FrontMatter front_matter;
  std::vector<Diagnostic> split;
  if (!SplitFrontMatter(p.file_text, "submission", &front_matter, &split) &&
      !FindInvalidUtf8(p.file_text).has_value() && p.file_text.size() <= kMaxEntryBytes) {
    fuzz::Fail("a rendered entry file has no front matter: " + FormatDiagnostic(split.at(0)));
  }
  for (const Diagnostic& d : p.diagnostics) {
    // The validator's own YAML errors start so; other messages may quote typed values that
    // contain the same words anywhere.
    if (d.message.rfind("YAML syntax error: ", 0) == 0) {
      fuzz::Fail("a rendered entry file is not valid YAML: " + FormatDiagnostic(d));
    }
  }
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const Diagnostic& d : p.diagnostics) diagnostics.push_back(DiagnosticToJson(d));
  nlohmann::json answer = {{"id", p.id}, {"diagnostics", diagnostics}, {"valid", p.valid}};
  answer["body_html"] = MarkdownToHtml(request.draft.body);
  answer.dump();
  if (p.valid && p.entry.title != request.draft.title) {
    fuzz::Fail("the title changed on its way into the entry file");
  }
  return 0;
}
