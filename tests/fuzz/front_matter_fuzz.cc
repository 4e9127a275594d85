// An entry file, as a contributor might write it: split, parse and validate, every diagnostic
// formatted; a valid entry goes through the JSON the index stores and must come back the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "front_matter.h"
#include "fuzz_support.h"

using namespace praxis;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::Validator();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  FrontMatter front_matter;
  std::vector<Diagnostic> split_diagnostics;
  if (SplitFrontMatter(text, "content/fuzz.md", &front_matter, &split_diagnostics) &&
      front_matter.body.size() > text.size()) {
    fuzz::Fail("the body is longer than the file");
  }

  Entry entry;
  std::vector<Diagnostic> diagnostics;
  const bool valid = fuzz::Validator().Parse(text, "content/fuzz.md", "fuzz", &entry,
                                             &diagnostics);
  SortDiagnostics(&diagnostics);
  for (const Diagnostic& d : diagnostics) {
    if (d.line < 1 || d.column < 1) fuzz::Fail("diagnostic before the start of the file");
    FormatDiagnostic(d);
    DiagnosticToJson(d).dump();
  }
  if (valid != (Summarize(diagnostics).errors == 0)) fuzz::Fail("verdict and errors disagree");
  if (!valid) return 0;

  // The index stores the entry as JSON and the server reads it back (index_layout.h).
  const nlohmann::json stored = entry;
  const std::string bytes = stored.dump();
  const Entry back = nlohmann::json::parse(bytes).get<Entry>();
  if (nlohmann::json(back) != stored) fuzz::Fail("the entry does not survive its JSON");
  return 0;
}
