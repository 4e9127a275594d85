#include "api_json.h"

#include "index_layout.h"
#include "markdown.h"

namespace praxis {

namespace L = layout;

nlohmann::json ErrorJson(const ApiError& error) {
  return {{"error", {{"code", error.code}, {"message", error.message}, {"status", error.status}}}};
}

nlohmann::json PracticeSummaryJson(const Entry& e) {
  return {{"id", e.id},
          {"title", e.title},
          {"summary", e.summary},
          {"countries", e.countries},
          {"themes", e.themes},
          {"evidence", e.evidence},
          {"start_year", e.start_year},
          {"updated", e.updated},
          {"url", "/practices/" + e.id}};
}

nlohmann::json SearchResultJson(const SearchRequest& request, const SearchResult& result,
                                double took_ms) {
  nlohmann::json filters = nlohmann::json::object();
  for (const auto& [param, values] : request.filters) filters[param] = values;
  nlohmann::json query = {{"q", request.q},
                          {"parsed", result.parsed_query},
                          {"language", result.query_language},
                          {"read_as_plain_words", result.query_fallback},
                          {"filters", filters},
                          {"sort", SortName(request.EffectiveSort())}};
  if (request.year_from) query["year_from"] = *request.year_from;
  if (request.year_to) query["year_to"] = *request.year_to;

  nlohmann::json results = nlohmann::json::array();
  for (const SearchHit& hit : result.hits) {
    nlohmann::json r = PracticeSummaryJson(hit.entry);
    r["snippet"] = hit.snippet_html;
    results.push_back(std::move(r));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const L::Facet& facet : L::kFacets) {
    nlohmann::json list = nlohmann::json::array();
    auto it = result.facets.find(facet.param);
    if (it != result.facets.end()) {
      for (const FacetCount& c : it->second) {
        list.push_back({{"value", c.value}, {"label", c.label}, {"count", c.count},
                        {"selected", c.selected}});
      }
    }
    facets[facet.param] = std::move(list);
  }
  return {{"total", result.total},
          {"page", request.page},
          {"per_page", request.per_page},
          {"took_ms", took_ms},
          {"query", query},
          {"suggestion", result.suggestion.empty() ? nlohmann::json(nullptr)
                                                   : nlohmann::json(result.suggestion)},
          {"results", results},
          {"facets", facets}};
}

nlohmann::json PracticeJson(const Entry& e, const Vocabulary& vocabulary,
                            const std::vector<SimilarPractice>& similar) {
  nlohmann::json j = e;
  j.erase("path");
  j["body_markdown"] = j["body"];
  j.erase("body");
  j["body_html"] = MarkdownToHtml(e.body);
  j["url"] = "/practices/" + e.id;
  j["source_file"] = e.path;
  nlohmann::json labels = nlohmann::json::object();
  for (const L::Facet& facet : L::kFacets) {
    nlohmann::json values = nlohmann::json::array();
    for (const std::string& v : FacetValues(e, facet.field)) {
      values.push_back({{"value", v}, {"label", Searcher::FacetLabel(vocabulary, facet, v)}});
    }
    labels[facet.param] = values;
  }
  j["labels"] = labels;
  nlohmann::json list = nlohmann::json::array();
  for (const SimilarPractice& s : similar) {
    nlohmann::json item = PracticeSummaryJson(s.entry);
    item["score"] = s.score;
    list.push_back(item);
  }
  j["similar"] = list;
  return j;
}

nlohmann::json VocabularyJson(const Vocabulary& vocabulary, const FacetIndex& facets) {
  nlohmann::json out = nlohmann::json::object();
  for (const L::Facet& facet : L::kFacets) {
    nlohmann::json values = nlohmann::json::array();
    std::vector<std::pair<std::string, const VocabularyValue*>> items;  // value, its entry
    if (facet.vocabulary[0] == '\0') {
      items = {{"true", nullptr}, {"false", nullptr}};
    } else if (const auto* list = vocabulary.List(facet.vocabulary)) {
      for (const VocabularyValue& v : *list) items.emplace_back(v.id, &v);
    }
    for (const auto& [value, v] : items) {
      nlohmann::json item = {{"value", value},
                             {"label", Searcher::FacetLabel(vocabulary, facet, value)},
                             {"count", facets.Value(facet, value).Count()}};
      if (v && !v->labels.empty()) item["labels"] = v->labels;
      if (v && !v->definition.empty()) item["definition"] = v->definition;
      if (v && !v->definitions.empty()) item["definitions"] = v->definitions;
      if (std::string_view(facet.param) == "country") {
        const Country* c = vocabulary.FindCountry(value);
        item["region"] = c->region;
        item["partner"] = c->partner;
      }
      if (std::string_view(facet.param) == "evidence") {
        if (const VocabularyValue* v = vocabulary.Find("evidence", value)) {
          if (!v->maps_to.empty()) item["maps_to"] = v->maps_to;
        }
      }
      values.push_back(std::move(item));
    }
    out[facet.param] = {{"field", facet.field}, {"values", values}};
  }
  return out;
}

}  // namespace praxis
