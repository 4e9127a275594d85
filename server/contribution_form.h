// The data behind the contribution form (contribute.mustache) and the receipt page
// (contribute_received.mustache).
//
// The form always shows what the user typed: every text, every ticked box, every row. Each
// problem the validator found is shown beside its input (the diagnostic's `field` names it, e.g.
// "sources[2].url") and again in a summary at the top that links to the input.
#pragma once

#include <string>
#include <vector>

#include "contribution_service.h"
#include "diagnostic.h"
#include "entry_draft.h"
#include "overlap.h"
#include "page_support.h"
#include "templates.h"

namespace praxis {

struct FormState {
  EntryDraft draft;
  std::vector<Diagnostic> diagnostics;
  std::vector<OverlapMatch> overlaps;
  std::string notice;          // a problem with no field of its own (rate limit, conflict, ...)
  std::string confirmation;    // "the entry is complete", after a preview
  bool show_preview = false;   // render the body as it will be published
  int extra_sources = 0;       // empty rows to add ("Add a source" without JavaScript)
  int extra_evaluations = 0;
  int extra_ratings = 0;
};

MustacheData ContributeFormData(const PageContext& ctx, const FormState& state);

MustacheData ReceivedPageData(const PageContext& ctx, const SubmissionOutcome& outcome);

// {title, url, score, shared} items for possible overlaps.
MustacheData OverlapItems(const PageContext& ctx, const std::vector<OverlapMatch>& overlaps);

// The id attribute of the input for a field name: "sources[2].url" -> "field-sources-2-url".
std::string FieldAnchor(const std::string& field);

}  // namespace praxis
