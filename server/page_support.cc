#include "page_support.h"

#include "text_util.h"

namespace praxis {

namespace L = layout;

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3 / 2);
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string PageUrl(const PageContext& ctx, std::string_view path,
                    std::vector<std::pair<std::string, std::string>> params) {
  if (!ctx.lang_param.empty()) params.emplace_back("lang", ctx.lang_param);
  std::string url(path);
  char separator = '?';
  for (const auto& [name, value] : params) {
    url += separator;
    url += UrlEncode(name);
    url += '=';
    url += UrlEncode(value);
    separator = '&';
  }
  return url;
}

std::string SearchUrl(const PageContext& ctx, const SearchRequest& request) {
  return PageUrl(ctx, "/", SearchRequestToParams(request));
}

std::string FacetSearchUrl(const PageContext& ctx, std::string_view param, std::string_view value) {
  return PageUrl(ctx, "/", {{std::string(param), std::string(value)}});
}

std::string PracticeUrl(const PageContext& ctx, std::string_view id) {
  return PageUrl(ctx, "/practices/" + UrlEncode(id));
}

std::string FacetValueLabel(const PageContext& ctx, const L::Facet& facet,
                            const std::string& value) {
  if (facet.vocabulary[0] == '\0') {
    if (value == "true") return ctx.t.Get("value_true");
    if (value == "false") return ctx.t.Get("value_false");
    return value;
  }
  const std::string_view list = facet.vocabulary;
  if (list == "countries") {
    if (const Country* c = ctx.vocabulary.FindCountry(value)) return c->Name(ctx.t.lang());
    return value;
  }
  if (const VocabularyValue* v = ctx.vocabulary.Find(list, value)) return v->Label(ctx.t.lang());
  return value;
}

std::string FacetName(const PageContext& ctx, const L::Facet& facet) {
  return ctx.t.Get("facet_" + std::string(facet.param));
}

std::string LongDate(const PageContext& ctx, const std::string& iso_date) {
  if (!IsIsoDate(iso_date)) return iso_date;
  const int month = std::stoi(iso_date.substr(5, 2));
  const int day = std::stoi(iso_date.substr(8, 2));
  return ctx.t.Format("date_long", {{"day", std::to_string(day)},
                                    {"month", ctx.t.Get("month_" + std::to_string(month))},
                                    {"year", iso_date.substr(0, 4)}});
}

MustacheData FacetLinks(const PageContext& ctx, const L::Facet& facet,
                        const std::vector<std::string>& values) {
  MustacheData list(MustacheData::type::list);
  for (const std::string& value : values) {
    MustacheData item;
    item.set("label", FacetValueLabel(ctx, facet, value));
    item.set("url", FacetSearchUrl(ctx, facet.param, value));
    list.push_back(item);
  }
  return list;
}

MustacheData EvidenceBadge(const PageContext& ctx, const std::string& level) {
  MustacheData badge;
  badge.set("id", level);
  const VocabularyValue* v = ctx.vocabulary.Find("evidence", level);
  badge.set("label", v ? v->Label(ctx.t.lang()) : level);
  badge.set("definition", v ? v->Definition(ctx.t.lang()) : "");
  return badge;
}

MustacheData OptionalText(const std::string& text) {
  return text.empty() ? MustacheData(false) : MustacheData(text);
}

std::string CountryNames(const PageContext& ctx, const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (!out.empty()) out += ctx.t.Get("list_separator");
    const Country* c = ctx.vocabulary.FindCountry(code);
    out += c ? c->Name(ctx.t.lang()) : code;
  }
  return out;
}

}  // namespace praxis
