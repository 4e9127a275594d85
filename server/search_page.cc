#include "search_page.h"

#include "feed_page.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "text_util.h"

namespace praxis {

namespace L = layout;

namespace {

// The sidebar's order: what practitioners filter by most comes first.
constexpr std::array<std::string_view, 12> kFacetOrder = {
    "theme",  "country", "region", "evidence", "target_group", "age_band", "prevention_level",
    "setting", "actor",  "language", "youth_participation", "gender_responsive"};
// Groups shown open when nothing in them is selected.
constexpr std::array<std::string_view, 3> kOpenFacets = {"theme", "country", "evidence"};
// Lists longer than kCollapseAbove show kVisibleValues values and a "show all".
constexpr size_t kCollapseAbove = 8;
constexpr size_t kVisibleValues = 6;
// Themes shown under each result.
constexpr size_t kResultThemes = 3;

bool Contains(const auto& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

MustacheData FacetGroup(const PageContext& ctx, const L::Facet& facet,
                        const std::vector<FacetCount>& counts) {
  const std::string name = FacetName(ctx, facet);
  MustacheData first(MustacheData::type::list);
  MustacheData more(MustacheData::type::list);
  size_t selected = 0;
  bool selected_in_more = false;
  const bool collapse = counts.size() > kCollapseAbove;
  for (size_t i = 0; i < counts.size(); ++i) {
    const FacetCount& c = counts[i];
    MustacheData item;
    item.set("param", std::string(facet.param));
    item.set("value", c.value);
    item.set("label", FacetValueLabel(ctx, facet, c.value));
    item.set("count", ctx.t.Number(static_cast<long long>(c.count)));
    item.set("checked", c.selected);
    if (c.selected) ++selected;
    if (collapse && i >= kVisibleValues) {
      selected_in_more = selected_in_more || c.selected;
      more.push_back(item);
    } else {
      first.push_back(item);
    }
  }
  MustacheData group;
  group.set("param", std::string(facet.param));
  group.set("name", name);
  group.set("open", selected > 0 || Contains(kOpenFacets, facet.param));
  group.set("selected_text", OptionalText(selected ? ctx.t.Plural("facet_selected", static_cast<long long>(selected)) : ""));
  group.set("values", first);
  group.set("has_more", collapse);
  group.set("more", more);
  group.set("more_open", selected_in_more);
  group.set("show_all", ctx.t.Format("facet_show_all", {{"count", ctx.t.Number(static_cast<long long>(counts.size()))}}));
  group.set("filterable", collapse);
  group.set("filter_label", ctx.t.Format("facet_filter_label", {{"facet", name}}));
  return group;
}

MustacheData Chip(const PageContext& ctx, const std::string& text, const SearchRequest& without) {
  MustacheData chip;
  chip.set("text", text);
  chip.set("url", SearchUrl(ctx, without));
  chip.set("remove_label", ctx.t.Format("chip_remove", {{"filter", text}}));
  return chip;
}

MustacheData Chips(const PageContext& ctx, const SearchRequest& request) {
  SearchRequest base = request;
  base.page = 1;
  MustacheData chips(MustacheData::type::list);
  for (std::string_view param : kFacetOrder) {  // in the sidebar's order
    const L::Facet& facet = *L::FindFacet(param);
    auto it = request.filters.find(facet.param);
    if (it == request.filters.end()) continue;
    for (const std::string& value : it->second) {
      SearchRequest without = base;
      auto& values = without.filters[facet.param];
      values.erase(std::remove(values.begin(), values.end(), value), values.end());
      if (values.empty()) without.filters.erase(facet.param);
      const std::string text = ctx.t.Format(
          "chip_text", {{"facet", FacetName(ctx, facet)}, {"value", FacetValueLabel(ctx, facet, value)}});
      chips.push_back(Chip(ctx, text, without));
    }
  }
  if (request.year_from || request.year_to) {
    SearchRequest without = base;
    without.year_from.reset();
    without.year_to.reset();
    const std::string from = request.year_from ? std::to_string(*request.year_from) : "";
    const std::string to = request.year_to ? std::to_string(*request.year_to) : "";
    const char* key = request.year_from && request.year_to ? "chip_years"
                      : request.year_from                  ? "chip_year_from"
                                                           : "chip_year_to";
    chips.push_back(Chip(ctx, ctx.t.Format(key, {{"from", from}, {"to", to}}), without));
  }
  return chips;
}

MustacheData Results(const PageContext& ctx, const SearchResult& result) {
  MustacheData list(MustacheData::type::list);
  const L::Facet* theme = L::FindFacet("theme");
  for (const SearchHit& hit : result.hits) {
    const Entry& e = hit.entry;
    MustacheData r;
    r.set("url", PracticeUrl(ctx, e.id));
    r.set("title", e.title);
    r.set("title_local", OptionalText(e.title_local != e.title ? e.title_local : ""));
    r.set("entry_lang", e.language);
    r.set("snippet", hit.snippet_html);  // Xapian's snippet: escaped text with <mark>
    r.set("countries", CountryNames(ctx, e.countries));
    r.set("year", OptionalText(e.start_year > 0 ? std::to_string(e.start_year) : ""));
    r.set("evidence", EvidenceBadge(ctx, e.evidence));
    MustacheData themes(MustacheData::type::list);
    // The first themes only: the practice page lists them all.
    for (size_t i = 0; i < e.themes.size() && i < kResultThemes; ++i) {
      themes.push_back(FacetValueLabel(ctx, *theme, e.themes[i]));
    }
    r.set("themes", themes);
    list.push_back(r);
  }
  return list;
}

MustacheData Pagination(const PageContext& ctx, const SearchRequest& request, uint64_t total) {
  const SearchLimits limits;
  const int per_page = std::max(1, request.per_page);
  const int last = static_cast<int>(std::min<uint64_t>((total + per_page - 1) / per_page,
                                                       static_cast<uint64_t>(limits.max_page)));
  MustacheData p;
  p.set("show", last > 1);
  if (last <= 1) return p;
  const int current = request.page;
  auto url = [&](int page) {
    SearchRequest r = request;
    r.page = page;
    return SearchUrl(ctx, r);
  };
  if (current > 1) p.set("previous_url", url(std::min(current - 1, last)));
  if (current < last) p.set("next_url", url(current + 1));
  MustacheData pages(MustacheData::type::list);
  int previous = 0;
  for (int n = 1; n <= last; ++n) {
    if (n != 1 && n != last && std::abs(n - current) > 2) continue;
    if (previous && n > previous + 1) {
      MustacheData gap;
      gap.set("gap", true);
      pages.push_back(gap);
    }
    MustacheData item;
    item.set("gap", false);
    item.set("number", ctx.t.Number(n));
    item.set("url", url(n));
    item.set("current", n == current);
    item.set("label", ctx.t.Format(n == current ? "pagination_current" : "pagination_page",
                                   {{"page", ctx.t.Number(n)}}));
    pages.push_back(item);
    previous = n;
  }
  p.set("pages", pages);
  return p;
}

MustacheData SortOptions(const PageContext& ctx, const SearchRequest& request) {
  const bool has_query = !Trim(request.q).empty();
  SortOrder effective = request.EffectiveSort();
  if (!has_query && effective == SortOrder::kRelevance) effective = SortOrder::kNewest;
  MustacheData options(MustacheData::type::list);
  // The default order of the current state is sent as "" (no sort parameter), so that typing
  // a query after browsing by date gives the best matches rather than keeping "newest".
  const SortOrder default_sort = has_query ? SortOrder::kRelevance : SortOrder::kNewest;
  for (SortOrder s : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest, SortOrder::kTitle}) {
    if (s == SortOrder::kRelevance && !has_query) continue;
    MustacheData o;
    o.set("value", s == default_sort ? std::string() : std::string(SortName(s)));
    o.set("label", ctx.t.Get(std::string("sort_") + SortName(s)));
    o.set("selected", s == effective);
    options.push_back(o);
  }
  return options;
}

}  // namespace

std::string SearchPageTitle(const PageContext& ctx, const SearchRequest& request) {
  if (Trim(request.q).empty()) {
    return request.HasFilters() ? ctx.t.Get("search_title_filtered") : ctx.t.Get("search_title");
  }
  return ctx.t.Format("search_title_query", {{"q", std::string(Utf8Prefix(request.q, 100))}});
}

MustacheData SearchPageData(const PageContext& ctx, const SearchRequest& request,
                            const SearchResult& result, YearBounds years) {
  MustacheData d;
  d.set("q", request.q);
  d.set("page_title", SearchPageTitle(ctx, request));

  MustacheData hidden(MustacheData::type::list);
  auto add_hidden = [&](const std::string& name, const std::string& value) {
    MustacheData h;
    h.set("name", name);
    h.set("value", value);
    hidden.push_back(h);
  };
  if (request.per_page != SearchRequest{}.per_page) add_hidden("per_page", std::to_string(request.per_page));
  if (!ctx.lang_param.empty()) add_hidden("lang", ctx.lang_param);
  d.set("hidden", hidden);

  MustacheData groups(MustacheData::type::list);
  for (std::string_view param : kFacetOrder) {
    const L::Facet* facet = L::FindFacet(param);
    auto it = result.facets.find(std::string(param));
    if (!facet || it == result.facets.end() || it->second.empty()) continue;
    groups.push_back(FacetGroup(ctx, *facet, it->second));
  }
  d.set("facet_groups", groups);
  d.set("year_from", request.year_from ? std::to_string(*request.year_from) : "");
  d.set("year_to", request.year_to ? std::to_string(*request.year_to) : "");
  d.set("year_min", years.min > 0 ? std::to_string(years.min) : "");
  d.set("year_max", years.max > 0 ? std::to_string(years.max) : "");
  d.set("years_open", request.year_from || request.year_to);

  const long long total = static_cast<long long>(result.total);
  d.set("total", std::to_string(total));
  d.set("count_text", total ? ctx.t.Plural("results_count", total) : ctx.t.Get("results_count_none"));
  if (!result.hits.empty() && (request.page > 1 || result.total > result.hits.size())) {
    const long long first = static_cast<long long>(request.page - 1) * request.per_page + 1;
    const long long last = first + static_cast<long long>(result.hits.size()) - 1;
    d.set("range_text", ctx.t.Format("results_range", {{"first", ctx.t.Number(first)},
                                                       {"last", ctx.t.Number(last)},
                                                       {"total", ctx.t.Number(total)}}));
  }
  d.set("sort_options", SortOptions(ctx, request));
  // Downloads and the feed carry exactly the search on screen (filters included, every page).
  const std::string query = SearchQueryString(request);
  d.set("export_csv_url", "/api/v1/export" + query + (query.empty() ? "?" : "&") + "format=csv");
  d.set("export_json_url", "/api/v1/export" + query + (query.empty() ? "?" : "&") + "format=json");
  d.set("feed_url", "/feed.atom" + query);
  // Kept in the form when there are no results to sort (and so no sort control).
  d.set("sort_explicit", OptionalText(request.sort ? SortName(*request.sort) : ""));

  MustacheData chips = Chips(ctx, request);
  d.set("has_chips", !chips.is_empty_list());
  d.set("chips", chips);
  SearchRequest cleared;
  cleared.q = request.q;
  cleared.sort = request.sort;
  cleared.per_page = request.per_page;
  d.set("clear_url", SearchUrl(ctx, cleared));
  d.set("has_filters", request.HasFilters());

  if (!result.suggestion.empty()) {
    SearchRequest corrected = request;
    corrected.q = result.suggestion;
    corrected.page = 1;
    MustacheData s;
    s.set("text", result.suggestion);
    s.set("url", SearchUrl(ctx, corrected));
    d.set("suggestion", s);
  }

  d.set("results", Results(ctx, result));
  d.set("has_results", !result.hits.empty());
  d.set("browse_url", PageUrl(ctx, "/"));
  d.set("empty", total == 0);
  d.set("past_end", total > 0 && result.hits.empty());
  SearchRequest first_page = request;
  first_page.page = 1;
  d.set("first_page_url", SearchUrl(ctx, first_page));
  d.set("has_query", !Trim(request.q).empty());
  // Once the user is searching, the introduction gives way to the results.
  d.set("compact_hero", !Trim(request.q).empty() || request.HasFilters() || request.page > 1);
  d.set("pagination", Pagination(ctx, request, result.total));
  return d;
}

}  // namespace praxis
