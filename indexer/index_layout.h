// The index layout: every term prefix, value slot and metadata key that praxis-index writes and
// praxis-server reads. This header is the single definition; docs/index-layout.md explains it.
//
// Terms
//   (none)  unstemmed words of title, title_local, summary, body, organisation, tags, and the
//           labels of the entry's themes and countries (positional)
//   Z       stemmed words, stemmed in the entry's own language (Xapian's STEM_SOME convention)
//   S       title words (positional), for the `title:` field
//   XO      organisation words, for `organisation:`
//   K       tags, whole and lower-cased (boolean), also searchable as `tag:`
//   Q       the entry id (boolean, unique): Q<id>
//   facets  one boolean term per value, prefix + lower-cased value (see kFacets)
//   Y       start year (boolean), e.g. Y2015
//
// Value slots
//   kSlotStartYear  sortable_serialise(start_year)
//   kSlotUpdated    the `updated` date as YYYY-MM-DD (sorts bytewise)
//   kSlotTitleSort  the title, lower-cased, for sort=title
//   kSlotFileState  "<id>\t<size>\t<mtime_ns>\t<xxh3 hex>" of the source file, for incremental runs
//   kSlotBody       the body as Markdown, as written
//   kSlotSnippetText  the summary and the start of the body as plain text, for result snippets
//   kSlotCsvCodes   the entry's CSV export record with codes (csv_record.h)
//   kSlotCsvLabels  the same with vocabulary labels
//   kSlotListEntry  the fields a result list shows, as JSON (stored_entry.h)
//
// Document data: the Entry as JSON (entry.h) without its body (stored_entry.h reads it back).
//
// Database metadata
//   kMetaSchema        layout version; the server refuses an index of another version
//   kMetaConfigHash    hash of the vocabulary and synonyms the index was built with
//   kMetaBuiltAt       ISO time of the last change
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <xapian.h>

namespace praxis::layout {

inline constexpr const char* kSchemaVersion = "3";

inline constexpr const char* kPrefixId = "Q";
inline constexpr const char* kPrefixStem = "Z";
inline constexpr const char* kPrefixTitle = "S";
inline constexpr const char* kPrefixOrganisation = "XO";
inline constexpr const char* kPrefixTag = "K";
inline constexpr const char* kPrefixYear = "Y";

inline constexpr Xapian::valueno kSlotStartYear = 0;
inline constexpr Xapian::valueno kSlotUpdated = 1;
inline constexpr Xapian::valueno kSlotTitleSort = 2;
inline constexpr Xapian::valueno kSlotFileState = 3;
inline constexpr Xapian::valueno kSlotBody = 4;
inline constexpr Xapian::valueno kSlotSnippetText = 5;
inline constexpr Xapian::valueno kSlotCsvCodes = 6;
inline constexpr Xapian::valueno kSlotCsvLabels = 7;
inline constexpr Xapian::valueno kSlotListEntry = 8;

inline constexpr const char* kMetaSchema = "praxis:schema";
inline constexpr const char* kMetaConfigHash = "praxis:config-hash";
inline constexpr const char* kMetaBuiltAt = "praxis:built-at";

// Field weights: title words count four times, summary words twice, body words once.
inline constexpr Xapian::termcount kTitleWeight = 4;
inline constexpr Xapian::termcount kSummaryWeight = 2;
inline constexpr Xapian::termcount kBodyWeight = 1;
// The labels of an entry's themes count like its summary: they are an editor's description.
inline constexpr Xapian::termcount kThemeLabelWeight = 2;

// A facet: a field users filter and count by.
struct Facet {
  const char* param;       // the query-string parameter and JSON key: "country", "theme", ...
  const char* field;       // the entry field: "countries", "themes", ...
  const char* prefix;      // the boolean term prefix
  const char* vocabulary;  // the vocabulary list that labels its values; "" for booleans
};

inline constexpr std::array<Facet, 12> kFacets = {{
    {"country", "countries", "XC", "countries"},
    {"region", "regions", "XR", "regions"},
    {"theme", "themes", "XT", "themes"},
    {"target_group", "target_groups", "XG", "target_groups"},
    {"age_band", "age_bands", "XA", "age_bands"},
    {"prevention_level", "prevention_levels", "XP", "prevention_levels"},
    {"setting", "settings", "XS", "settings"},
    {"actor", "actors", "XW", "actors"},
    {"evidence", "evidence", "XE", "evidence"},
    {"language", "language", "L", "languages"},
    {"youth_participation", "youth_participation", "XY", ""},
    {"gender_responsive", "gender_responsive", "XF", ""},
}};

const Facet* FindFacet(std::string_view param);

// The boolean term for a facet value. Values are lower-cased so that a value starting with a
// capital letter cannot be mistaken for a longer prefix.
std::string FacetTerm(const Facet& facet, std::string_view value);

// The value back from a term of this facet (country codes return to upper case).
std::string FacetValueFromTerm(const Facet& facet, std::string_view term);

}  // namespace praxis::layout
