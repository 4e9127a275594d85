#include "stats_page.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "file_util.h"
#include "index_layout.h"

namespace praxis {

namespace L = layout;

namespace {

// Heat-map and map shades: 0 for none, then five steps of the largest value.
int Shade(uint64_t count, uint64_t max) {
  if (count == 0 || max == 0) return 0;
  return 1 + static_cast<int>(std::min<uint64_t>(4, (count * 5 - 1) / max));
}

std::string Fixed(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string FieldName(const PageContext& ctx, const std::string& field) {
  if (field == "year") return ctx.t.Get("facet_year");
  const L::Facet* facet = L::FindFacet(field);
  return facet ? FacetName(ctx, *facet) : field;
}

// A value's label in the page's language (the cross-tab carries the vocabulary's English).
std::string ValueLabel(const PageContext& ctx, const std::string& field, const std::string& value) {
  const L::Facet* facet = L::FindFacet(field);
  return facet ? FacetValueLabel(ctx, *facet, value) : value;
}

// The search narrowed to one value of a field (a row, a column, a bar).
void Narrow(SearchRequest* r, const std::string& field, const std::string& value) {
  if (field == "year") {
    r->year_from = r->year_to = std::stoi(value);
    return;
  }
  auto& values = r->filters[field];
  if (std::find(values.begin(), values.end(), value) == values.end()) values = {value};
}

std::string CellUrl(const PageContext& ctx, const SearchRequest& base,
                    const std::vector<std::pair<std::string, std::string>>& narrowing) {
  SearchRequest r = base;
  r.page = 1;
  for (const auto& [field, value] : narrowing) Narrow(&r, field, value);
  return SearchUrl(ctx, r);
}

MustacheData FieldOptions(const PageContext& ctx, const std::string& selected, bool with_none) {
  MustacheData list{MustacheData::type::list};
  if (with_none) {
    MustacheData o;
    o.set("value", "");
    o.set("label", ctx.t.Get("stats_cols_none"));
    o.set("selected", selected.empty());
    list.push_back(o);
  }
  std::vector<std::string> fields;
  for (const L::Facet& f : L::kFacets) fields.emplace_back(f.param);
  fields.emplace_back("year");
  for (const std::string& field : fields) {
    MustacheData o;
    o.set("value", field);
    o.set("label", FieldName(ctx, field));
    o.set("selected", field == selected);
    list.push_back(o);
  }
  return list;
}

// Horizontal bars of one axis's totals.
MustacheData Bars(const PageContext& ctx, const SearchRequest& request, const CrossTabAxis& axis) {
  constexpr double kWidth = 720, kLabel = 300, kRow = 24;
  MustacheData d;
  uint64_t max = 1;
  for (uint64_t t : axis.totals) max = std::max(max, t);
  MustacheData bars{MustacheData::type::list};
  for (size_t i = 0; i < axis.values.size(); ++i) {
    MustacheData b;
    const double y = static_cast<double>(i) * kRow;
    const double w = (kWidth - kLabel - 50) * static_cast<double>(axis.totals[i]) / static_cast<double>(max);
    b.set("label", ValueLabel(ctx, axis.field, axis.values[i]));
    b.set("count", std::to_string(axis.totals[i]));
    b.set("url", CellUrl(ctx, request, {{axis.field, axis.values[i]}}));
    b.set("y", Fixed(y + 4));
    b.set("text_y", Fixed(y + 17));
    b.set("x", Fixed(kLabel));
    b.set("width", Fixed(std::max(1.0, w)));
    b.set("count_x", Fixed(kLabel + std::max(1.0, w) + 6));
    b.set("label_x", Fixed(kLabel - 8));
    bars.push_back(b);
  }
  d.set("bars", bars);
  d.set("height", Fixed(std::max<double>(kRow, static_cast<double>(axis.values.size()) * kRow + 8)));
  d.set("width", Fixed(kWidth));
  return d;
}

// Vertical bars of the start-year series.
MustacheData Histogram(const PageContext& ctx, const SearchRequest& request, const CrossTabAxis& axis) {
  constexpr double kWidth = 640, kHeight = 180, kBase = 150;
  MustacheData d;
  uint64_t max = 1;
  for (uint64_t t : axis.totals) max = std::max(max, t);
  const double step = axis.values.empty() ? kWidth : kWidth / static_cast<double>(axis.values.size());
  MustacheData bars{MustacheData::type::list};
  for (size_t i = 0; i < axis.values.size(); ++i) {
    MustacheData b;
    const double h = (kBase - 10) * static_cast<double>(axis.totals[i]) / static_cast<double>(max);
    b.set("label", axis.labels[i]);
    b.set("count", std::to_string(axis.totals[i]));
    b.set("url", CellUrl(ctx, request, {{"year", axis.values[i]}}));
    b.set("x", Fixed(static_cast<double>(i) * step + 1));
    b.set("y", Fixed(kBase - h));
    b.set("width", Fixed(std::max(1.0, step - 2)));
    b.set("height", Fixed(std::max(axis.totals[i] ? 1.0 : 0.0, h)));
    // Label every year when there is room, else every fifth.
    const bool labelled = axis.values.size() <= 25 || std::stoi(axis.values[i]) % 5 == 0;
    b.set("labelled", labelled);
    b.set("label_x", Fixed(static_cast<double>(i) * step + step / 2));
    bars.push_back(b);
  }
  d.set("bars", bars);
  d.set("width", Fixed(kWidth));
  d.set("height", Fixed(kHeight));
  d.set("label_y", Fixed(kBase + 16));
  return d;
}

MustacheData Map(const PageContext& ctx, const SearchRequest& request, const CrossTab& countries,
                 const CountryShapes& shapes) {
  MustacheData d;
  std::map<std::string, uint64_t> counts;
  uint64_t max = 0;
  for (size_t i = 0; i < countries.rows.values.size(); ++i) {
    counts[countries.rows.values[i]] = countries.rows.totals[i];
    max = std::max(max, countries.rows.totals[i]);
  }
  MustacheData list{MustacheData::type::list};
  for (const auto& [code, path] : shapes.paths) {
    const Country* country = ctx.vocabulary.FindCountry(code);
    if (!country) continue;
    const uint64_t count = counts.count(code) ? counts[code] : 0;
    MustacheData c;
    c.set("path", path);
    c.set("shade", std::to_string(Shade(count, max)));
    c.set("title", ctx.t.Format("stats_map_country", {{"country", CountryNames(ctx, {code})},
                                                      {"count", ctx.t.Number(static_cast<long long>(count))}}));
    c.set("url", CellUrl(ctx, request, {{"country", code}}));
    list.push_back(c);
  }
  d.set("countries", list);
  d.set("view_box", shapes.view_box);
  d.set("source", shapes.source);
  return d;
}

}  // namespace

bool CountryShapes::Load(const std::string& path, std::string* error) {
  std::string text;
  if (!ReadFile(path, &text, error)) return false;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    view_box = j.at("viewBox").get<std::string>();
    source = j.value("source", "");
    paths = j.at("countries").get<std::map<std::string, std::string>>();
  } catch (const nlohmann::json::exception& e) {
    *error = path + ": " + e.what();
    return false;
  }
  return true;
}

MustacheData StatsPageData(const PageContext& ctx, const StatsInputs& in, const CountryShapes& map) {
  MustacheData d;
  d.set("page_title", ctx.t.Get("stats_title"));
  d.set("row_options", FieldOptions(ctx, in.rows, false));
  d.set("column_options", FieldOptions(ctx, in.columns, true));
  d.set("rows_name", FieldName(ctx, in.rows));
  d.set("total", ctx.t.Number(static_cast<long long>(in.table.total)));
  d.set("search_url", SearchUrl(ctx, in.request));

  // Hidden inputs that carry the current search through the field picker.
  MustacheData hidden{MustacheData::type::list};
  for (const auto& [name, value] : SearchRequestToParams(in.request)) {
    if (name == "page" || name == "per_page" || name == "sort") continue;
    MustacheData h;
    h.set("name", name);
    h.set("value", value);
    hidden.push_back(h);
  }
  d.set("hidden", hidden);

  // The cross-tab, as a table whose cells are shaded by count.
  const CrossTab& t = in.table;
  const bool two = t.columns.has_value();
  d.set("two_fields", two);
  if (two) d.set("columns_name", FieldName(ctx, in.columns));
  MustacheData header{MustacheData::type::list};
  if (two) {
    for (size_t j = 0; j < t.columns->values.size(); ++j) {
      MustacheData h;
      h.set("label", ValueLabel(ctx, in.columns, t.columns->values[j]));
      h.set("url", CellUrl(ctx, in.request, {{in.columns, t.columns->values[j]}}));
      h.set("total", std::to_string(t.columns->totals[j]));
      header.push_back(h);
    }
  }
  d.set("column_headers", header);
  uint64_t max = 0;
  for (const auto& row : t.cells) for (uint64_t c : row) max = std::max(max, c);
  MustacheData rows{MustacheData::type::list};
  for (size_t i = 0; i < t.rows.values.size(); ++i) {
    MustacheData row;
    row.set("label", ValueLabel(ctx, in.rows, t.rows.values[i]));
    row.set("url", CellUrl(ctx, in.request, {{in.rows, t.rows.values[i]}}));
    row.set("total", std::to_string(t.rows.totals[i]));
    MustacheData cells{MustacheData::type::list};
    if (two) {
      for (size_t j = 0; j < t.columns->values.size(); ++j) {
        MustacheData c;
        c.set("count", std::to_string(t.cells[i][j]));
        c.set("shade", std::to_string(Shade(t.cells[i][j], max)));
        c.set("url", CellUrl(ctx, in.request, {{in.rows, t.rows.values[i]}, {in.columns, t.columns->values[j]}}));
        c.set("title", ValueLabel(ctx, in.rows, t.rows.values[i]) + " × " +
                           ValueLabel(ctx, in.columns, t.columns->values[j]));
        cells.push_back(c);
      }
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  d.set("rows", rows);
  d.set("has_rows", !t.rows.values.empty());

  d.set("bar_chart", Bars(ctx, in.request, t.rows));
  d.set("histogram", Histogram(ctx, in.request, in.years.rows));
  d.set("map", Map(ctx, in.request, in.countries, map));

  // The same table as CSV, for spreadsheets.
  std::string csv = "/api/v1/stats?rows=" + UrlEncode(in.rows);
  if (two) csv += "&cols=" + UrlEncode(in.columns);
  for (const auto& [name, value] : SearchRequestToParams(in.request)) {
    if (name == "page" || name == "per_page" || name == "sort") continue;
    csv += "&" + UrlEncode(name) + "=" + UrlEncode(value);
  }
  d.set("csv_url", csv + "&format=csv");
  return d;
}

}  // namespace praxis
