// praxis-bench-floor: the floor for indexing speed. A minimal single-threaded loop that reads
// every *.md file of a folder, splits the front matter crudely, feeds title (weight 4), summary
// (weight 2) and body to one Xapian TermGenerator (English stemmer, positions) and adds the
// documents to one database, committing once at the end. No validation, no Markdown, no
// facets, no spelling data: what any indexer of these files must at least do.
//
//   praxis-bench-floor CONTENT_DIR DATABASE
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <xapian.h>

namespace fs = std::filesystem;

namespace {

// The value of a one-line `key: value` field, without surrounding quotes.
std::string Field(const std::string& front, const std::string& key) {
  size_t at = front.find("\n" + key + ": ");
  if (at == std::string::npos) return "";
  at += key.size() + 3;
  std::string value = front.substr(at, front.find('\n', at) - at);
  if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: praxis-bench-floor CONTENT_DIR DATABASE\n";
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  int entries = 0;
  for (const auto& item : fs::directory_iterator(argv[1])) {
    if (item.path().extension() != ".md") continue;
    std::ifstream in(item.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const size_t end = text.find("\n---\n", 3);
    if (text.rfind("---\n", 0) != 0 || end == std::string::npos) continue;
    const std::string front = text.substr(3, end - 3);

    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(Field(front, "title"), 4);
    generator.increase_termpos(100);
    generator.index_text(Field(front, "summary"), 2);
    generator.increase_termpos(100);
    generator.index_text(text.substr(end + 5));
    db.add_document(doc);
    ++entries;
  }
  db.commit();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << entries << " entries in " << seconds << " s: " << entries / seconds
            << " entries/s\n";
  return entries > 0 ? 0 : 1;
}
