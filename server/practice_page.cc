#include "practice_page.h"

#include <array>
#include <string_view>

#include "markdown.h"
#include "text_util.h"

namespace praxis {

namespace L = layout;

namespace {

// The metadata panel's rows, in order. Evidence has its own box above them.
constexpr std::array<std::string_view, 11> kPanelFacets = {
    "country", "region", "theme", "target_group", "age_band", "prevention_level",
    "setting", "actor", "language", "youth_participation", "gender_responsive"};

MustacheData Link(const std::string& text, const std::string& url) {
  MustacheData link;
  link.set("text", text);
  // Entries are validated, but a link is only ever made from an http(s) URL.
  link.set("url", OptionalText(IsHttpUrl(url) ? url : ""));
  return link;
}

MustacheData MetadataRows(const PageContext& ctx, const Entry& e) {
  MustacheData rows(MustacheData::type::list);
  for (std::string_view param : kPanelFacets) {
    const L::Facet* facet = L::FindFacet(param);
    const std::vector<std::string> values = FacetValues(e, facet->field);
    if (values.empty()) continue;
    MustacheData row;
    row.set("label", ctx.t.Get("field_" + std::string(facet->field)));
    row.set("values", FacetLinks(ctx, *facet, values));
    rows.push_back(row);
  }
  return rows;
}

std::string Years(const PageContext& ctx, const Entry& e) {
  if (e.start_year <= 0) return "";
  const std::string start = std::to_string(e.start_year);
  if (!e.end_year) return ctx.t.Format("years_since", {{"start", start}});
  if (*e.end_year == e.start_year) return start;
  return ctx.t.Format("years_range", {{"start", start}, {"end", std::to_string(*e.end_year)}});
}

MustacheData Ratings(const PageContext& ctx, const Entry& e) {
  MustacheData list(MustacheData::type::list);
  for (const RegistryRating& r : e.registry_ratings) {
    MustacheData item;
    item.set("registry", r.registry);
    item.set("rating", Link(r.rating, r.url));
    item.set("checked", OptionalText(r.checked.empty()
                                         ? ""
                                         : ctx.t.Format("registry_checked", {{"date", LongDate(ctx, r.checked)}})));
    list.push_back(item);
  }
  return list;
}

MustacheData Evaluations(const PageContext& ctx, const Entry& e) {
  MustacheData list(MustacheData::type::list);
  for (const Evaluation& ev : e.evaluations) {
    MustacheData item;
    const std::string key = "design_" + ev.design;
    item.set("design", ctx.t.Has(key) ? ctx.t.Get(key) : ctx.t.Get("design_other"));
    item.set("year", OptionalText(ev.year ? std::to_string(*ev.year) : ""));
    item.set("finding", ev.finding);
    item.set("url", OptionalText(IsHttpUrl(ev.url) ? ev.url : ""));
    list.push_back(item);
  }
  return list;
}

MustacheData Sources(const Entry& e) {
  MustacheData list(MustacheData::type::list);
  for (const Source& s : e.sources) {
    MustacheData item = Link(s.title, s.url);
    item.set("year", OptionalText(s.year ? std::to_string(*s.year) : ""));
    list.push_back(item);
  }
  return list;
}

MustacheData Similar(const PageContext& ctx, const std::vector<SimilarPractice>& similar) {
  MustacheData list(MustacheData::type::list);
  for (const SimilarPractice& s : similar) {
    MustacheData item;
    item.set("url", PracticeUrl(ctx, s.entry.id));
    item.set("title", s.entry.title);
    item.set("countries", CountryNames(ctx, s.entry.countries));
    item.set("year", OptionalText(s.entry.start_year > 0 ? std::to_string(s.entry.start_year) : ""));
    item.set("evidence", EvidenceBadge(ctx, s.entry.evidence));
    list.push_back(item);
  }
  return list;
}

}  // namespace

MustacheData PracticePageData(const PageContext& ctx, const Entry& e,
                              const std::vector<SimilarPractice>& similar) {
  MustacheData d;
  d.set("page_title", e.title);
  d.set("id", e.id);
  d.set("title", e.title);
  d.set("title_local", OptionalText(e.title_local != e.title ? e.title_local : ""));
  d.set("entry_lang", e.language);
  d.set("summary", e.summary);
  d.set("countries", CountryNames(ctx, e.countries));
  d.set("body_html", MarkdownToHtml(e.body));  // cmark: raw HTML and unsafe links removed
  d.set("rows", MetadataRows(ctx, e));
  MustacheData evidence = EvidenceBadge(ctx, e.evidence);
  evidence.set("search_url", FacetSearchUrl(ctx, "evidence", e.evidence));
  evidence.set("scale_url", PageUrl(ctx, "/about") + "#evidence");
  d.set("evidence", evidence);
  d.set("years", OptionalText(Years(ctx, e)));
  d.set("organisation", OptionalText(e.organisation));
  d.set("website", OptionalText(IsHttpUrl(e.website) ? e.website : ""));
  MustacheData ratings = Ratings(ctx, e);
  d.set("has_ratings", !ratings.is_empty_list());
  d.set("ratings", ratings);
  MustacheData evaluations = Evaluations(ctx, e);
  d.set("has_evaluations", !evaluations.is_empty_list());
  d.set("evaluations", evaluations);
  MustacheData sources = Sources(e);
  d.set("has_sources", !sources.is_empty_list());
  d.set("sources", sources);
  MustacheData similar_list = Similar(ctx, similar);
  d.set("has_similar", !similar_list.is_empty_list());
  d.set("similar", similar_list);
  MustacheData tags(MustacheData::type::list);
  for (const std::string& tag : e.tags) tags.push_back(tag);
  d.set("has_tags", !e.tags.empty());
  d.set("tags", tags);
  d.set("updated", OptionalText(e.updated.empty() ? "" : ctx.t.Format("last_updated", {{"date", LongDate(ctx, e.updated)}})));
  d.set("updated_iso", e.updated);
  d.set("correction_url", PageUrl(ctx, "/contribute", {{"correct", e.id}}));
  d.set("correction_text", ctx.t.Format("correction_text", {{"file", "content/" + e.id + ".md"}}));
  d.set("search_url", PageUrl(ctx, "/"));
  return d;
}

MustacheData AboutPageData(const PageContext& ctx, const FacetIndex& facets) {
  MustacheData d;
  d.set("page_title", ctx.t.Get("about_title"));
  const L::Facet* evidence = L::FindFacet("evidence");
  MustacheData levels(MustacheData::type::list);
  if (const auto* list = ctx.vocabulary.List("evidence")) {
    for (const VocabularyValue& v : *list) {
      MustacheData level = EvidenceBadge(ctx, v.id);
      level.set("maps_to", OptionalText(v.maps_to));
      const long long count = static_cast<long long>(facets.Value(*evidence, v.id).Count());
      level.set("count", ctx.t.Plural("practices_count", count));
      level.set("search_url", FacetSearchUrl(ctx, "evidence", v.id));
      levels.push_back(level);
    }
  }
  d.set("levels", levels);
  const L::Facet* country = L::FindFacet("country");
  long long countries = 0;
  for (const std::string& code : facets.Values(*country)) {
    if (facets.Value(*country, code).Count() > 0) ++countries;
  }
  const long long practices = static_cast<long long>(facets.document_count());
  d.set("stats", ctx.t.Format("about_stats",
                              {{"practices", ctx.t.Plural("practices_count", practices)},
                               {"countries", ctx.t.Plural("countries_count", countries)}}));
  d.set("search_url", PageUrl(ctx, "/"));
  d.set("contribute_url", PageUrl(ctx, "/contribute"));
  return d;
}

}  // namespace praxis
