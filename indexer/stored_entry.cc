#include "stored_entry.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "csv_record.h"
#include "index_layout.h"
#include "text_util.h"

namespace praxis {

namespace {

// Enough text for a passage where the query's words occur; a snippet shows about 260 bytes.
constexpr size_t kSnippetTextBytes = 2800;

}  // namespace

void StoreEntry(const Entry& entry, std::string_view body_text, const Vocabulary* vocabulary,
                Xapian::Document* doc) {
  nlohmann::json data = entry;
  data.erase("body");
  doc->set_data(data.dump());
  doc->add_value(layout::kSlotBody, entry.body);
  std::string text = entry.summary + "\n";
  text += Utf8Prefix(body_text, kSnippetTextBytes);
  doc->add_value(layout::kSlotSnippetText, std::string(Utf8Prefix(text, kSnippetTextBytes)));
  const nlohmann::json list_fields = {
      {"id", entry.id},         {"title", entry.title},         {"title_local", entry.title_local},
      {"language", entry.language}, {"summary", entry.summary}, {"countries", entry.countries},
      {"themes", entry.themes}, {"evidence", entry.evidence},   {"start_year", entry.start_year},
      {"updated", entry.updated}};
  doc->add_value(layout::kSlotListEntry, list_fields.dump());
  doc->add_value(layout::kSlotCsvCodes, CsvRecord(entry, nullptr));
  if (vocabulary) doc->add_value(layout::kSlotCsvLabels, CsvRecord(entry, vocabulary));
}

Entry StoredEntry(const Xapian::Document& doc, WithBody with_body) {
  Entry entry = nlohmann::json::parse(doc.get_data()).get<Entry>();
  if (with_body == WithBody::kYes) entry.body = doc.get_value(layout::kSlotBody);
  return entry;
}

Entry StoredListEntry(const Xapian::Document& doc) {
  const nlohmann::json j = nlohmann::json::parse(doc.get_value(layout::kSlotListEntry));
  Entry entry;
  entry.id = j.at("id").get<std::string>();
  entry.title = j.at("title").get<std::string>();
  entry.title_local = j.at("title_local").get<std::string>();
  entry.language = j.at("language").get<std::string>();
  entry.summary = j.at("summary").get<std::string>();
  entry.countries = j.at("countries").get<std::vector<std::string>>();
  entry.themes = j.at("themes").get<std::vector<std::string>>();
  entry.evidence = j.at("evidence").get<std::string>();
  entry.start_year = j.at("start_year").get<int>();
  entry.updated = j.at("updated").get<std::string>();
  return entry;
}

std::string StoredId(const Xapian::Document& doc) {
  std::string state = doc.get_value(layout::kSlotFileState);
  state.resize(std::min(state.size(), state.find('\t')));
  return state;
}

std::string StoredSnippetText(const Xapian::Document& doc) {
  return doc.get_value(layout::kSlotSnippetText);
}

std::string StoredCsvRecord(const Xapian::Document& doc, bool labels) {
  return doc.get_value(labels ? layout::kSlotCsvLabels : layout::kSlotCsvCodes);
}

}  // namespace praxis
