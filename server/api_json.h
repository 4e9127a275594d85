// JSON documents of API v1 (see openapi.json): how search results, practices, the vocabulary
// and errors look on the wire.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_error.h"
#include "entry.h"
#include "facet_index.h"
#include "practice_lookup.h"
#include "search_request.h"
#include "searcher.h"
#include "vocabulary.h"

namespace praxis {

nlohmann::json ErrorJson(const ApiError& error);

// The short form of an entry used in result lists.
nlohmann::json PracticeSummaryJson(const Entry& e);

nlohmann::json SearchResultJson(const SearchRequest& request, const SearchResult& result,
                                double took_ms);

// All metadata, the body as HTML, similar practices.
nlohmann::json PracticeJson(const Entry& e, const Vocabulary& vocabulary,
                            const std::vector<SimilarPractice>& similar);

// Labels and definitions of every facet value, with counts in the whole index.
nlohmann::json VocabularyJson(const Vocabulary& vocabulary, const FacetIndex& facets);

}  // namespace praxis
