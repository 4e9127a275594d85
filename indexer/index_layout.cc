#include "index_layout.h"

#include "text_util.h"

namespace praxis::layout {

const Facet* FindFacet(std::string_view param) {
  for (const Facet& f : kFacets) {
    if (param == f.param) return &f;
  }
  return nullptr;
}

std::string FacetTerm(const Facet& facet, std::string_view value) {
  return facet.prefix + AsciiLower(value);
}

std::string FacetValueFromTerm(const Facet& facet, std::string_view term) {
  std::string_view value = term.substr(std::string_view(facet.prefix).size());
  if (std::string_view(facet.param) == "country") return AsciiUpper(value);
  return std::string(value);
}

}  // namespace praxis::layout
