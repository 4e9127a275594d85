#include "contribution_form.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "entry_validator.h"
#include "markdown.h"
#include "text_util.h"

namespace praxis {

namespace {

using List = MustacheData;

MustacheData NewList() { return MustacheData(MustacheData::type::list); }

// The diagnostics of the form, by the field they belong to.
class FieldProblems {
 public:
  explicit FieldProblems(const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics) by_field_[d.field].push_back(&d);
  }
  // The problems of `field`, marked as shown.
  std::vector<const Diagnostic*> Take(const std::string& field) {
    shown_.insert(field);
    auto it = by_field_.find(field);
    return it == by_field_.end() ? std::vector<const Diagnostic*>() : it->second;
  }
  // Problems of fields no input showed (file-level ones, or rows the form does not have).
  std::vector<const Diagnostic*> Unshown() const {
    std::vector<const Diagnostic*> out;
    for (const auto& [field, list] : by_field_) {
      if (!shown_.count(field)) out.insert(out.end(), list.begin(), list.end());
    }
    return out;
  }
  bool Shown(const std::string& field) const { return shown_.count(field) > 0; }

 private:
  std::map<std::string, std::vector<const Diagnostic*>> by_field_;
  std::set<std::string> shown_;
};

// Adds {errors, has_errors, describedby} for the problems of `field` to `item`.
void PutProblems(FieldProblems& problems, const std::string& field, const std::string& id,
                 bool has_hint, MustacheData* item) {
  MustacheData errors = NewList();
  std::string describedby = has_hint ? id + "-hint" : "";
  int n = 0;
  for (const Diagnostic* d : problems.Take(field)) {
    MustacheData e;
    const std::string error_id = id + "-problem-" + std::to_string(++n);
    e.set("id", error_id);
    e.set("message", d->message);
    e.set("severity", SeverityName(d->severity));
    errors.push_back(e);
    describedby += (describedby.empty() ? "" : " ") + error_id;
  }
  item->set("errors", errors);
  item->set("has_errors", n > 0);
  item->set("describedby", OptionalText(describedby));
}

MustacheData Input(const PageContext& ctx, FieldProblems& problems, const std::string& name,
                   const std::string& value, const std::string& label_key,
                   const std::string& hint_key, bool required, const char* type = "text") {
  MustacheData f;
  const std::string id = FieldAnchor(name);
  f.set("name", name);
  f.set("id", id);
  f.set("label", ctx.t.Get(label_key));
  const std::string hint = hint_key.empty() ? "" : ctx.t.Get(hint_key);
  f.set("hint", OptionalText(hint));
  f.set("value", value);
  f.set("required", required);
  // Every flag is set on every input, so that a template never finds one in an outer context.
  const std::string kind = type;
  f.set("type", kind == "year" ? "text" : kind);
  f.set("textarea", kind == "textarea");
  f.set("plain", kind != "textarea");
  f.set("select", false);
  f.set("checkbox", false);
  f.set("checked", false);
  f.set("numeric", kind == "year");
  f.set("rows", name == "body" ? "18" : name == "summary" ? "5" : "3");
  PutProblems(problems, name, id, !hint.empty(), &f);
  return f;
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A fieldset of checkboxes (or radio buttons) over a vocabulary list.
MustacheData Choices(const PageContext& ctx, FieldProblems& problems, const std::string& field,
                     const std::vector<std::string>& selected, const std::string& hint_key,
                     bool required, bool radio = false) {
  MustacheData group;
  const std::string id = FieldAnchor(field);
  group.set("name", field);
  group.set("id", id);
  group.set("legend", ctx.t.Get("contribute_field_" + field));
  group.set("hint", ctx.t.Get(hint_key));
  group.set("required", required);
  group.set("radio", radio);
  MustacheData options = NewList();
  int n = 0;
  for (const VocabularyValue& v : *ctx.vocabulary.List(field == "evidence" ? "evidence" : field)) {
    MustacheData o;
    o.set("value", v.id);
    o.set("label", v.Label(ctx.t.lang()));
    o.set("definition", OptionalText(v.Definition(ctx.t.lang())));
    o.set("checked", Contains(selected, v.id));
    o.set("id", id + "-" + std::to_string(++n));
    options.push_back(o);
  }
  group.set("options", options);
  PutProblems(problems, field, id, true, &group);
  return group;
}

MustacheData CountryGroups(const PageContext& ctx, FieldProblems& problems,
                           const std::vector<std::string>& selected_codes) {
  std::set<std::string> selected;
  for (const std::string& c : selected_codes) selected.insert(AsciiUpper(Trim(c)));
  MustacheData field;
  field.set("id", FieldAnchor("countries"));
  MustacheData regions = NewList();
  for (const VocabularyValue& region : *ctx.vocabulary.List("regions")) {
    MustacheData countries = NewList();
    for (const Country& c : ctx.vocabulary.countries()) {
      if (c.region != region.id) continue;
      MustacheData o;
      o.set("value", c.code);
      o.set("label", c.Name(ctx.t.lang()));
      o.set("checked", selected.count(c.code) > 0);
      o.set("id", "field-countries-" + AsciiLower(c.code));
      countries.push_back(o);
    }
    MustacheData r;
    r.set("label", region.Label(ctx.t.lang()));
    r.set("countries", countries);
    regions.push_back(r);
  }
  field.set("regions", regions);
  PutProblems(problems, "countries", FieldAnchor("countries"), true, &field);
  return field;
}

MustacheData Select(const PageContext& ctx, const std::vector<std::pair<std::string, std::string>>& items,
                    const std::string& selected) {
  MustacheData options = NewList();
  MustacheData none;
  none.set("value", "");
  none.set("label", ctx.t.Get("contribute_choose"));
  none.set("selected", selected.empty());
  options.push_back(none);
  bool found = selected.empty();
  for (const auto& [value, label] : items) {
    MustacheData o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", value == selected);
    found = found || value == selected;
    options.push_back(o);
  }
  if (!found) {  // keep a value the list does not have, so the user sees what was sent
    MustacheData o;
    o.set("value", selected);
    o.set("label", selected);
    o.set("selected", true);
    options.push_back(o);
  }
  return options;
}

// Turns an input into a select over `options`.
void SetOptions(MustacheData* input, MustacheData options) {
  input->set("options", std::move(options));
  input->set("select", true);
  input->set("plain", false);
}

// Rows of a repeatable group: the user's rows, then empty ones up to `minimum` plus `extra`.
template <typename Row, typename Fill>
MustacheData Rows(const PageContext& ctx, FieldProblems& problems, const std::string& list,
                  const std::vector<Row>& rows, size_t minimum, int extra, Fill fill) {
  MustacheData group;
  const size_t count = std::max(rows.size(), minimum) + static_cast<size_t>(std::max(0, extra));
  MustacheData items = NewList();
  for (size_t i = 0; i < count; ++i) {
    const Row row = i < rows.size() ? rows[i] : Row{};
    const std::string prefix = list + "[" + std::to_string(i + 1) + "]";
    MustacheData item;
    item.set("n", std::to_string(i + 1));
    item.set("label", ctx.t.Format("contribute_row", {{"n", std::to_string(i + 1)}}));
    fill(row, prefix, &item);
    PutProblems(problems, prefix, FieldAnchor(prefix), false, &item);
    items.push_back(item);
  }
  group.set("rows", items);
  group.set("id", FieldAnchor(list));
  group.set("legend", ctx.t.Get("contribute_field_" + list));
  group.set("hint", ctx.t.Get("contribute_hint_" + list));
  PutProblems(problems, list, FieldAnchor(list), true, &group);
  return group;
}

std::string Score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

}  // namespace

std::string FieldAnchor(const std::string& field) {
  std::string out = "field-";
  bool dash = false;
  for (char c : field) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      if (dash && out.back() != '-') out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

MustacheData OverlapItems(const PageContext& ctx, const std::vector<OverlapMatch>& overlaps) {
  MustacheData items = NewList();
  for (const OverlapMatch& m : overlaps) {
    std::vector<std::string> shared;
    for (const std::string& c : m.shared_countries) {
      const Country* country = ctx.vocabulary.FindCountry(c);
      shared.push_back(country ? country->Name(ctx.t.lang()) : c);
    }
    for (const std::string& t : m.shared_themes) {
      const VocabularyValue* v = ctx.vocabulary.Find("themes", t);
      shared.push_back(v ? v->Label(ctx.t.lang()) : t);
    }
    MustacheData item;
    item.set("title", m.title);
    item.set("url", PracticeUrl(ctx, m.id));
    item.set("score", ctx.t.Format("contribute_overlap_score", {{"score", Score(m.score)}}));
    item.set("shared", shared.empty() ? MustacheData(false)
                                      : MustacheData(ctx.t.Format("contribute_overlap_shared",
                                                                  {{"shared", Joined(shared)}})));
    items.push_back(item);
  }
  return items;
}

MustacheData ContributeFormData(const PageContext& ctx, const FormState& s) {
  const EntryDraft& d = s.draft;
  FieldProblems problems(s.diagnostics);
  MustacheData data;
  data.set("page_title", ctx.t.Get("contribute_title"));
  data.set("action_url", PageUrl(ctx, "/contribute"));
  data.set("honeypot_name", kHoneypotField);

  data.set("f_title", Input(ctx, problems, "title", d.title, "contribute_field_title", "contribute_hint_title", true));
  data.set("f_title_local", Input(ctx, problems, "title_local", d.title_local, "contribute_field_title_local", "contribute_hint_title_local", false));
  data.set("f_id", Input(ctx, problems, "id", d.id, "contribute_field_id", "contribute_hint_id", false));
  data.set("f_summary", Input(ctx, problems, "summary", d.summary, "contribute_field_summary", "contribute_hint_summary", true, "textarea"));
  data.set("f_organisation", Input(ctx, problems, "organisation", d.organisation, "contribute_field_organisation", "contribute_hint_organisation", false));
  data.set("f_website", Input(ctx, problems, "website", d.website, "contribute_field_website", "contribute_hint_website", false, "url"));
  data.set("f_start_year", Input(ctx, problems, "start_year", d.start_year, "contribute_field_start_year", "", true, "year"));
  data.set("f_end_year", Input(ctx, problems, "end_year", d.end_year, "contribute_field_end_year", "contribute_hint_end_year", false, "year"));
  data.set("f_tags", Input(ctx, problems, "tags", Joined(d.tags), "contribute_field_tags", "contribute_hint_tags", false));
  data.set("f_contributors", Input(ctx, problems, "contributors", Joined(d.contributors), "contribute_field_contributors", "contribute_hint_contributors", false));
  data.set("f_body", Input(ctx, problems, "body", d.body, "contribute_field_body", "contribute_hint_body", true, "textarea"));

  MustacheData language = Input(ctx, problems, "language", "", "contribute_field_language", "contribute_hint_language", true);
  std::vector<std::pair<std::string, std::string>> languages;
  for (const VocabularyValue& v : *ctx.vocabulary.List("languages")) {
    languages.emplace_back(v.id, v.Label(ctx.t.lang()) + " (" + v.id + ")");
  }
  SetOptions(&language, Select(ctx, languages, d.language));
  data.set("f_language", language);

  data.set("f_countries", CountryGroups(ctx, problems, d.countries));
  data.set("f_themes", Choices(ctx, problems, "themes", d.themes, "contribute_hint_pick", true));
  data.set("f_target_groups", Choices(ctx, problems, "target_groups", d.target_groups, "contribute_hint_pick", true));
  data.set("f_settings", Choices(ctx, problems, "settings", d.settings, "contribute_hint_pick", true));
  data.set("f_actors", Choices(ctx, problems, "actors", d.actors, "contribute_hint_pick", true));
  data.set("f_age_bands", Choices(ctx, problems, "age_bands", d.age_bands, "contribute_hint_optional", false));
  data.set("f_prevention_levels", Choices(ctx, problems, "prevention_levels", d.prevention_levels, "contribute_hint_optional", false));
  data.set("f_evidence", Choices(ctx, problems, "evidence", {d.evidence}, "contribute_hint_evidence", true, true));
  for (const char* flag : {"youth_participation", "gender_responsive"}) {
    const std::string value = std::string(flag) == "youth_participation" ? d.youth_participation : d.gender_responsive;
    MustacheData f = Input(ctx, problems, flag, "true", std::string("contribute_field_") + flag, "", false);
    f.set("plain", false);
    f.set("checkbox", true);
    f.set("checked", value == "true");
    data.set(std::string("f_") + flag, f);
  }

  data.set("f_sources", Rows(ctx, problems, "sources", d.sources, 2, s.extra_sources,
      [&](const SourceDraft& r, const std::string& p, MustacheData* item) {
        item->set("title", Input(ctx, problems, p + ".title", r.title, "contribute_field_source_title", "", true));
        item->set("url", Input(ctx, problems, p + ".url", r.url, "contribute_field_url", "", true, "url"));
        item->set("year", Input(ctx, problems, p + ".year", r.year, "contribute_field_year", "", false, "year"));
      }));
  std::vector<std::pair<std::string, std::string>> designs;
  for (const std::string& design : EvaluationDesigns()) designs.emplace_back(design, ctx.t.Get("contribute_design_" + design));
  data.set("f_evaluations", Rows(ctx, problems, "evaluations", d.evaluations, 1, s.extra_evaluations,
      [&](const EvaluationDraft& r, const std::string& p, MustacheData* item) {
        MustacheData design = Input(ctx, problems, p + ".design", "", "contribute_field_design", "", false);
        SetOptions(&design, Select(ctx, designs, r.design));
        item->set("design", design);
        item->set("year", Input(ctx, problems, p + ".year", r.year, "contribute_field_year", "", false, "year"));
        item->set("finding", Input(ctx, problems, p + ".finding", r.finding, "contribute_field_finding", "", false, "textarea"));
        item->set("url", Input(ctx, problems, p + ".url", r.url, "contribute_field_url", "", false, "url"));
      }));
  data.set("f_registry_ratings", Rows(ctx, problems, "registry_ratings", d.registry_ratings, 1, s.extra_ratings,
      [&](const RatingDraft& r, const std::string& p, MustacheData* item) {
        item->set("registry", Input(ctx, problems, p + ".registry", r.registry, "contribute_field_registry", "", false));
        item->set("rating", Input(ctx, problems, p + ".rating", r.rating, "contribute_field_rating", "", false));
        item->set("url", Input(ctx, problems, p + ".url", r.url, "contribute_field_url", "", false, "url"));
        item->set("checked_on", Input(ctx, problems, p + ".checked", r.checked, "contribute_field_checked", "", false));
      }));

  // The summary at the top: every problem, linked to its input; problems of fields the form
  // has no input for are listed there only.
  MustacheData summary = NewList();
  int errors = 0;
  for (const Diagnostic& diag : s.diagnostics) {
    if (diag.severity == Severity::kError) ++errors;
    if (diag.severity == Severity::kNote) continue;
    MustacheData item;
    item.set("message", diag.message);
    item.set("anchor", problems.Shown(diag.field) ? FieldAnchor(diag.field) : std::string("contribute-form"));
    summary.push_back(item);
  }
  data.set("has_problems", errors > 0);
  data.set("problems", summary);
  data.set("problems_heading", ctx.t.Plural("contribute_problems_heading", errors));
  data.set("notice", OptionalText(s.notice));
  data.set("confirmation", OptionalText(errors == 0 ? s.confirmation : ""));
  data.set("has_overlaps", !s.overlaps.empty());
  data.set("overlaps", OverlapItems(ctx, s.overlaps));
  data.set("preview_html", s.show_preview && !Trim(d.body).empty() ? MustacheData(MarkdownToHtml(d.body))
                                                                   : MustacheData(false));
  return data;
}

MustacheData ReceivedPageData(const PageContext& ctx, const SubmissionOutcome& o) {
  MustacheData data;
  data.set("page_title", ctx.t.Get("contribute_received_title"));
  data.set("receipt", ctx.t.Format("contribute_receipt", {{"receipt", o.receipt}}));
  data.set("receipt_number", o.receipt);
  data.set("entry_title", o.prepared.entry.title);
  data.set("publish_step", ctx.t.Format("contribute_next_publish", {{"url", "/practices/" + o.prepared.id}}));
  data.set("has_overlaps", !o.overlaps.empty());
  data.set("overlaps", OverlapItems(ctx, o.overlaps));
  data.set("contribute_url", PageUrl(ctx, "/contribute"));
  data.set("search_url", PageUrl(ctx, "/"));
  return data;
}

}  // namespace praxis
