#include "feed_page.h"

#include <algorithm>

#include "search_page.h"

namespace praxis {

namespace {

// Atom wants an RFC 3339 time; entries carry a date only.
std::string AtomTime(const std::string& iso_date) {
  return (iso_date.size() == 10 ? iso_date : std::string("1970-01-01")) + "T00:00:00Z";
}

}  // namespace

std::string SearchQueryString(const SearchRequest& request) {
  SearchRequest plain = request;
  plain.page = 1;
  plain.per_page = 20;
  plain.sort.reset();
  std::string out;
  for (const auto& [name, value] : SearchRequestToParams(plain)) {
    out += (out.empty() ? "?" : "&") + UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

MustacheData FeedData(const PageContext& ctx, const SearchRequest& request,
                      const SearchResult& result, const std::string& self_path) {
  MustacheData d;
  d.set("lang", ctx.t.lang());
  d.set("title", request.q.empty() && !request.HasFilters()
                     ? ctx.t.Get("feed_title")
                     : ctx.t.Get("feed_title") + ": " + SearchPageTitle(ctx, request));
  d.set("self_path", self_path);
  d.set("search_path", SearchUrl(ctx, request));
  // A stable id for the same search: the tag URI scheme needs no domain we do not own.
  d.set("feed_id", "urn:praxis:feed:" + UrlEncode(SearchQueryString(request)));
  std::string newest;
  MustacheData entries{MustacheData::type::list};
  for (const SearchHit& hit : result.hits) {
    const Entry& e = hit.entry;
    newest = std::max(newest, e.updated);
    MustacheData item;
    item.set("id", "urn:praxis:practice:" + e.id);
    item.set("title", e.title);
    item.set("path", "/practices/" + UrlEncode(e.id));
    item.set("updated", AtomTime(e.updated));
    item.set("summary", e.summary);
    MustacheData categories{MustacheData::type::list};
    for (const std::string& theme : e.themes) {
      MustacheData c;
      c.set("term", theme);
      const VocabularyValue* v = ctx.vocabulary.Find("themes", theme);
      c.set("label", v ? v->label : theme);
      categories.push_back(c);
    }
    item.set("categories", categories);
    item.set("countries", CountryNames(ctx, e.countries));
    entries.push_back(item);
  }
  d.set("updated", AtomTime(newest));
  d.set("entries", entries);
  return d;
}

}  // namespace praxis
