// The data behind a practice page (`/practices/{id}`, practice.mustache) and the about page
// (`/about`, about.mustache).
#pragma once

#include <vector>

#include "entry.h"
#include "facet_index.h"
#include "page_support.h"
#include "practice_lookup.h"
#include "templates.h"

namespace praxis {

MustacheData PracticePageData(const PageContext& ctx, const Entry& entry,
                              const std::vector<SimilarPractice>& similar);

// The evidence scale from the vocabulary, and the size of the knowledge base.
MustacheData AboutPageData(const PageContext& ctx, const FacetIndex& facets);

}  // namespace praxis
