// How an entry is kept in its index document, and read back. index_layout.h says where each
// part lives: the metadata as JSON in the document data, the Markdown body and the text for
// result snippets in value slots of their own.
//
// Why split: a result list needs the metadata of twenty entries and a few lines of text, and
// reading and parsing whole bodies for them cost more than the search itself. Value slots are
// read only when asked for, so a result, a feed item or a CSV row never touches the body. CSV
// records are stored ready-made: an export of every entry then streams them without parsing.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

#include "entry.h"
#include "vocabulary.h"

namespace praxis {

// Writes the entry into `doc`: document data, body slot, list record, snippet-text slot and CSV records
// (with labels from `vocabulary` when given). `body_text` is the body as plain text
// (MarkdownToPlainText), which the caller has usually made already.
void StoreEntry(const Entry& entry, std::string_view body_text, const Vocabulary* vocabulary,
                Xapian::Document* doc);

enum class WithBody { kNo, kYes };

// The entry stored in `doc`. With WithBody::kNo the body is left empty (and not read).
// Throws nlohmann::json::exception on document data that is not an entry.
Entry StoredEntry(const Xapian::Document& doc, WithBody with_body);

// The fields a result list, a feed item and the API's search results show: id, title,
// title_local, language, summary, countries, themes, evidence, start_year, updated. Every other
// field of the returned entry is empty. Read from a small record of its own (a value slot),
// several times faster than the whole metadata. Throws like StoredEntry.
Entry StoredListEntry(const Xapian::Document& doc);

// The entry's id, read from the file-state slot: the cheapest way from a document to its id.
std::string StoredId(const Xapian::Document& doc);

// The plain text result snippets are cut from: the summary, then the start of the body as text.
std::string StoredSnippetText(const Xapian::Document& doc);

// The entry's CSV record (csv_record.h), with labels or codes; "" when the index holds none.
std::string StoredCsvRecord(const Xapian::Document& doc, bool labels);

}  // namespace praxis
