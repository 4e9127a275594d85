#include "entry_draft.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <regex>

#include "text_util.h"

namespace praxis {

namespace {

// Latin letters for the Cyrillic alphabets of OSCE participating States (Russian, Ukrainian,
// Belarusian, Bulgarian, Serbian, Macedonian, Kazakh, Kyrgyz), after the BGN/PCGN style the
// existing ids use ("soobshchi-gde-torguyut-smertyu"). Lower-case code points only: upper case
// is mapped down first.
const char* CyrillicToLatin(uint32_t cp) {
  static const char* const kBasic[32] = {
      "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};
  if (cp >= 0x430 && cp <= 0x44F) return kBasic[cp - 0x430];
  switch (cp) {
    case 0x451: return "yo";   // ё
    case 0x452: return "dj";   // ђ
    case 0x453: return "gj";   // ѓ
    case 0x454: return "ye";   // є
    case 0x455: return "dz";   // ѕ
    case 0x456: return "i";    // і
    case 0x457: return "yi";   // ї
    case 0x458: return "j";    // ј
    case 0x459: return "lj";   // љ
    case 0x45A: return "nj";   // њ
    case 0x45B: return "c";    // ћ
    case 0x45C: return "kj";   // ќ
    case 0x45E: return "u";    // ў
    case 0x45F: return "dz";   // џ
    case 0x491: return "g";    // ґ
    case 0x493: return "gh";   // ғ
    case 0x49B: return "q";    // қ
    case 0x4A3: return "ng";   // ң
    case 0x4AF: return "u";    // ү
    case 0x4B1: return "u";    // ұ
    case 0x4BB: return "h";    // һ
    case 0x4D9: return "a";    // ә
    case 0x4E9: return "o";    // ө
  }
  return nullptr;
}

uint32_t CyrillicLower(uint32_t cp) {
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x460 && cp <= 0x4FF && (cp % 2 == 0)) return cp + 1;  // paired letters
  return cp;
}

std::string Transliterate(std::string_view text) {
  std::string out;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size();) {
    if (s[i] == 0xD0 || s[i] == 0xD1 || s[i] == 0xD2 || s[i] == 0xD3) {
      if (i + 1 < text.size() && (s[i + 1] & 0xC0) == 0x80) {
        const uint32_t cp = CyrillicLower(((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu));
        if (const char* latin = CyrillicToLatin(cp)) {
          out += latin;
          i += 2;
          continue;
        }
      }
    }
    out += static_cast<char>(s[i]);
    ++i;
  }
  return out;
}

void PutText(std::string* out, const char* key, const std::string& value) {
  if (value.empty()) return;
  *out += key;
  *out += ": ";
  *out += YamlQuote(value);
  *out += '\n';
}

// Years are written bare when they are digits, so YAML reads them as numbers as a hand-written
// file would; anything else is quoted and left to the validator's "must be a year" message.
void PutYear(std::string* out, const char* key, const std::string& value, const char* indent = "") {
  if (value.empty()) return;
  static const std::regex kDigits("^[0-9]{1,9}$");
  *out += indent;
  *out += key;
  *out += ": ";
  *out += std::regex_match(value, kDigits) ? value : YamlQuote(value);
  *out += '\n';
}

// Booleans are written bare only as true or false: a quoted value is text to the validator.
void PutBool(std::string* out, const char* key, const std::string& value) {
  if (value.empty()) return;
  *out += key;
  *out += ": ";
  *out += (value == "true" || value == "false") ? value : YamlQuote(value);
  *out += '\n';
}

void PutList(std::string* out, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  *out += key;
  *out += ": [";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) *out += ", ";
    *out += YamlQuote(values[i]);
  }
  *out += "]\n";
}

void PutItemField(std::string* out, bool* first, const char* key, const std::string& value,
                  bool year = false) {
  if (value.empty()) return;
  const char* indent = *first ? "  - " : "    ";
  *first = false;
  if (year) return PutYear(out, key, value, indent);
  *out += indent;
  *out += key;
  *out += ": ";
  *out += YamlQuote(value);
  *out += '\n';
}

template <typename Row, typename Fn>
void PutRows(std::string* out, const char* key, const std::vector<Row>& rows, Fn put_row) {
  bool any = false;
  for (const Row& row : rows) any = any || !row.empty();
  if (!any) return;
  *out += key;
  *out += ":\n";
  for (const Row& row : rows) {
    if (row.empty()) continue;
    bool first = true;
    put_row(row, &first);
  }
}

}  // namespace

const std::vector<std::string>& RecommendedBodySections() {
  static const std::vector<std::string> kSections = {
      "Context", "What was done", "Role of the police and partners", "Evidence and results",
      "Lessons and transferability"};
  return kSections;
}

std::string SkeletonBody() {
  static const char* const kGuidance[] = {
      "The problem the practice answers, where, and for whom.",
      "The activities, who delivered them, how often and for how long.",
      "What the police did, with which partners, and how they worked together.",
      "What evaluations or monitoring found; say so when nothing is known yet.",
      "What others should know before adapting it: costs, conditions, pitfalls."};
  std::string body;
  const auto& sections = RecommendedBodySections();
  for (size_t i = 0; i < sections.size(); ++i) {
    body += "## " + sections[i] + "\n\n" + kGuidance[i] + "\n\n";
  }
  body.pop_back();
  return body;
}

std::string YamlQuote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
    }
    if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
      continue;
    }
    // U+0085 (NEL), U+2028 and U+2029 are line breaks to YAML 1.1.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      out += "\\u0085";
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      continue;
    }
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
        static_cast<unsigned char>(text[i + 2]) == 0xBF) {
      out += "\\uFEFF";  // a byte order mark inside a value
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
  return out;
}

std::string RenderEntryFile(const EntryDraft& d, const std::vector<std::string>& comments) {
  std::string out = "---\n";
  for (const std::string& comment : comments) {
    std::string line = comment;
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    out += "# " + line + "\n";
  }
  PutText(&out, "id", d.id);
  PutText(&out, "title", d.title);
  PutText(&out, "title_local", d.title_local);
  PutText(&out, "summary", d.summary);
  PutText(&out, "language", d.language);
  PutList(&out, "countries", d.countries);
  PutList(&out, "themes", d.themes);
  PutList(&out, "target_groups", d.target_groups);
  PutList(&out, "settings", d.settings);
  PutList(&out, "actors", d.actors);
  PutList(&out, "age_bands", d.age_bands);
  PutList(&out, "prevention_levels", d.prevention_levels);
  PutText(&out, "evidence", d.evidence);
  PutRows(&out, "registry_ratings", d.registry_ratings, [&](const RatingDraft& r, bool* first) {
    PutItemField(&out, first, "registry", r.registry);
    PutItemField(&out, first, "rating", r.rating);
    PutItemField(&out, first, "url", r.url);
    PutItemField(&out, first, "checked", r.checked);
  });
  PutRows(&out, "evaluations", d.evaluations, [&](const EvaluationDraft& e, bool* first) {
    PutItemField(&out, first, "design", e.design);
    PutItemField(&out, first, "year", e.year, true);
    PutItemField(&out, first, "finding", e.finding);
    PutItemField(&out, first, "url", e.url);
  });
  PutYear(&out, "start_year", d.start_year);
  PutYear(&out, "end_year", d.end_year);
  PutText(&out, "organisation", d.organisation);
  PutText(&out, "website", d.website);
  PutBool(&out, "youth_participation", d.youth_participation);
  PutBool(&out, "gender_responsive", d.gender_responsive);
  PutRows(&out, "sources", d.sources, [&](const SourceDraft& s, bool* first) {
    PutItemField(&out, first, "title", s.title);
    PutItemField(&out, first, "url", s.url);
    PutItemField(&out, first, "year", s.year, true);
  });
  PutText(&out, "updated", d.updated);
  PutList(&out, "tags", d.tags);
  PutList(&out, "contributors", d.contributors);
  out += "---\n\n";

  std::string body;
  body.reserve(d.body.size());
  for (size_t i = 0; i < d.body.size(); ++i) {
    if (d.body[i] == '\r') {
      if (i + 1 < d.body.size() && d.body[i + 1] == '\n') continue;
      body += '\n';
      continue;
    }
    body += d.body[i];
  }
  while (!body.empty() && body.front() == '\n') body.erase(body.begin());
  out += body;
  if (!body.empty() && body.back() != '\n') out += '\n';
  return out;
}

std::string IdFromTitle(std::string_view title) { return Slugify(Transliterate(title), 80); }

bool IsValidEntryId(std::string_view id) {
  if (id.empty() || id.size() > 80 || id.front() == '-' || id.back() == '-') return false;
  char previous = 0;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

std::string TodayIsoDate() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',' || text[i] == ';' || text[i] == '\n') {
      std::string_view item = Trim(text.substr(start, i - start));
      if (!item.empty()) out.emplace_back(item);
      start = i + 1;
    }
  }
  return out;
}

}  // namespace praxis
