#include "stored_entry.h"

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
  doc->add_value(layout::kSlotCsvCodes, CsvRecord(entry, nullptr));
  if (vocabulary) doc->add_value(layout::kSlotCsvLabels, CsvRecord(entry, vocabulary));
}

Entry StoredEntry(const Xapian::Document& doc, WithBody with_body) {
  Entry entry = nlohmann::json::parse(doc.get_data()).get<Entry>();
  if (with_body == WithBody::kYes) entry.body = doc.get_value(layout::kSlotBody);
  return entry;
}

std::string StoredSnippetText(const Xapian::Document& doc) {
  return doc.get_value(layout::kSlotSnippetText);
}

std::string StoredCsvRecord(const Xapian::Document& doc, bool labels) {
  return doc.get_value(labels ? layout::kSlotCsvLabels : layout::kSlotCsvCodes);
}

}  // namespace praxis
