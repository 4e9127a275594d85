// The /stats page: a cross-tab of two fields as a table and heat map, a bar chart of one
// facet, a start-year histogram and a map of the OSCE area shaded by number of practices, all
// for the current search. Charts are SVG drawn on the server (readable without JavaScript,
// printable, each with a text alternative); every cell, bar and country links to its search.
#pragma once

#include <map>
#include <string>

#include "cross_tab.h"
#include "page_support.h"

namespace praxis {

// Country shapes (web/data/osce-map.json): SVG path data by ISO code, in one viewBox.
struct CountryShapes {
  std::string view_box;
  std::string source;
  std::map<std::string, std::string> paths;
  bool Load(const std::string& path, std::string* error);
};

struct StatsInputs {
  const SearchRequest& request;
  std::string rows;     // a facet parameter or "year"
  std::string columns;  // likewise, or "" for none
  const CrossTab& table;
  const CrossTab& years;
  const CrossTab& countries;
};

MustacheData StatsPageData(const PageContext& ctx, const StatsInputs& in, const CountryShapes& map);

}  // namespace praxis
