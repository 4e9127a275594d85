// An entry as a contributor typed it (web form, JSON submission, `praxis-index new`), and how
// it becomes an entry file.
//
// A draft holds every field as text, unchecked. RenderEntryFile() writes it as front matter that
// keeps the user's text exactly (every string double-quoted and escaped), so that EntryValidator
// — the one judge of an entry — reports each problem with the same message `praxis-index --check`
// gives. Nothing here decides whether a value is valid, except what the YAML needs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace praxis {

struct SourceDraft {
  std::string title, url, year;
  bool empty() const { return title.empty() && url.empty() && year.empty(); }
};

struct EvaluationDraft {
  std::string design, year, finding, url;
  bool empty() const { return design.empty() && year.empty() && finding.empty() && url.empty(); }
};

struct RatingDraft {
  std::string registry, rating, url, checked;
  bool empty() const { return registry.empty() && rating.empty() && url.empty() && checked.empty(); }
};

struct EntryDraft {
  std::string id;
  std::string title;
  std::string title_local;
  std::string summary;
  std::string language;
  std::vector<std::string> countries;
  std::vector<std::string> themes;
  std::vector<std::string> target_groups;
  std::vector<std::string> settings;
  std::vector<std::string> actors;
  std::vector<std::string> age_bands;
  std::vector<std::string> prevention_levels;
  std::string evidence;
  std::vector<RatingDraft> registry_ratings;
  std::vector<EvaluationDraft> evaluations;
  std::string start_year;
  std::string end_year;
  std::string organisation;
  std::string website;
  std::string youth_participation;  // "true" or "false" when well formed
  std::string gender_responsive;
  std::vector<SourceDraft> sources;
  std::string updated;
  std::vector<std::string> tags;
  std::vector<std::string> contributors;
  std::string body;  // Markdown
};

// The recommended sections of an entry's body, as in schemas/entry-template.md.
const std::vector<std::string>& RecommendedBodySections();

// "## Context\n\n## What was done\n\n..." with a line of guidance under each heading.
std::string SkeletonBody();

// The front matter and body of an entry file. Empty fields and empty rows are left out (a
// missing required field is then reported as such); `comments` become `# ` lines at the top of
// the front matter. CRLF line endings in the body become LF.
std::string RenderEntryFile(const EntryDraft& draft, const std::vector<std::string>& comments = {});

// A YAML double-quoted scalar holding exactly `text`: quotes, backslashes, control characters
// and Unicode line separators escaped, so a value can never end the front matter or add a field.
std::string YamlQuote(std::string_view text);

// An id for a title: Cyrillic transliterated, Latin accents folded, lowercase words joined by
// hyphens, at most 80 characters. Empty when the title has no letters or digits to use.
std::string IdFromTitle(std::string_view title);

// True for an id the validator accepts: lowercase ASCII letters and digits joined by single
// hyphens, 1-80 characters. Only such ids are ever used to build a file name.
bool IsValidEntryId(std::string_view id);

// Today's date (UTC) as YYYY-MM-DD.
std::string TodayIsoDate();

// Splits "a, b; c" or one value per line into trimmed, non-empty values.
std::vector<std::string> SplitList(std::string_view text);

}  // namespace praxis
