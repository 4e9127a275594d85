// What every web page needs besides its template: the request's language, links that keep
// it, labels of facet values in that language, and dates written out.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index_layout.h"
#include "messages.h"
#include "search_request.h"
#include "templates.h"
#include "vocabulary.h"

namespace praxis {

struct PageContext {
  const MessageCatalogue& t;
  const Vocabulary& vocabulary;
  std::string lang_param;  // the `lang` the user chose explicitly; kept in every link
};

std::string UrlEncode(std::string_view text);

// "/path?k=v&..." from pairs (empty values included), plus lang= when the user chose one.
std::string PageUrl(const PageContext& ctx, std::string_view path,
                    std::vector<std::pair<std::string, std::string>> params = {});

// The search page for a request (page, sort and all).
std::string SearchUrl(const PageContext& ctx, const SearchRequest& request);

// The search page filtered on one facet value: the links of a practice's metadata panel.
std::string FacetSearchUrl(const PageContext& ctx, std::string_view param, std::string_view value);

std::string PracticeUrl(const PageContext& ctx, std::string_view id);

// A facet value's label: the vocabulary's, or the catalogue's yes/no for booleans.
std::string FacetValueLabel(const PageContext& ctx, const layout::Facet& facet,
                            const std::string& value);

// The name of a facet ("Country", "Theme", ...) from the catalogue key facet_<param>.
std::string FacetName(const PageContext& ctx, const layout::Facet& facet);

// "28 November 2026" for "2026-11-28"; the text unchanged if it is not such a date.
std::string LongDate(const PageContext& ctx, const std::string& iso_date);

// {label, url} items for the values of one facet of an entry.
MustacheData FacetLinks(const PageContext& ctx, const layout::Facet& facet,
                        const std::vector<std::string>& values);

// The evidence badge of a level: {id, label, definition}.
MustacheData EvidenceBadge(const PageContext& ctx, const std::string& level);

// A string for a template, or `false` when empty, so that {{#key}} sections skip it (kainjow
// treats an empty string as true).
MustacheData OptionalText(const std::string& text);

// The country names of an entry, comma-separated.
std::string CountryNames(const PageContext& ctx, const std::vector<std::string>& codes);

}  // namespace praxis
