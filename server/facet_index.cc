#include "facet_index.h"

#include <algorithm>
#include <numeric>

namespace praxis {

namespace L = layout;

namespace {

int32_t DateKey(const std::string& iso) {
  // "YYYY-MM-DD" -> YYYYMMDD; anything else sorts first.
  if (iso.size() != 10) return 0;
  return std::atoi(iso.substr(0, 4).c_str()) * 10000 + std::atoi(iso.substr(5, 2).c_str()) * 100 +
         std::atoi(iso.substr(8, 2).c_str());
}

}  // namespace

std::shared_ptr<const FacetIndex> FacetIndex::Build(Xapian::Database& db) {
  auto index = std::make_shared<FacetIndex>();
  const Xapian::docid size = db.get_lastdocid() + 1;
  index->document_count_ = db.get_doccount();
  index->all_ = DocBitmap(size);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) index->all_.Set(*it);

  for (const L::Facet& facet : L::kFacets) {
    auto& values = index->values_[facet.param];
    std::vector<std::pair<Xapian::doccount, std::string>> languages;
    for (auto t = db.allterms_begin(facet.prefix); t != db.allterms_end(facet.prefix); ++t) {
      const std::string term = *t;
      DocBitmap bitmap(size);
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) bitmap.Set(*p);
      values.push_back(L::FacetValueFromTerm(facet, term));
      if (std::string_view(facet.param) == "language") {
        languages.emplace_back(t.get_termfreq(), values.back());
      }
      index->bitmaps_.emplace(term, std::move(bitmap));
    }
    std::sort(languages.begin(), languages.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (auto& [count, language] : languages) index->languages_.push_back(language);
  }

  index->years_.assign(size, 0);
  index->updated_.assign(size, 0);
  index->min_year_ = 9999;
  for (auto v = db.valuestream_begin(L::kSlotStartYear); v != db.valuestream_end(L::kSlotStartYear);
       ++v) {
    const int year = static_cast<int>(Xapian::sortable_unserialise(*v));
    index->years_[v.get_docid()] = static_cast<int16_t>(year);
    index->min_year_ = std::min(index->min_year_, year);
    index->max_year_ = std::max(index->max_year_, year);
  }
  if (index->max_year_ == 0) index->min_year_ = 0;
  for (auto v = db.valuestream_begin(L::kSlotUpdated); v != db.valuestream_end(L::kSlotUpdated); ++v) {
    index->updated_[v.get_docid()] = DateKey(*v);
  }
  std::vector<std::pair<std::string, Xapian::docid>> titles;
  titles.reserve(index->document_count_);
  for (auto v = db.valuestream_begin(L::kSlotTitleSort); v != db.valuestream_end(L::kSlotTitleSort);
       ++v) {
    titles.emplace_back(*v, v.get_docid());
  }
  std::sort(titles.begin(), titles.end());
  index->title_rank_.assign(size, 0);
  for (size_t i = 0; i < titles.size(); ++i) {
    index->title_rank_[titles[i].second] = static_cast<uint32_t>(i + 1);
  }
  return index;
}

const DocBitmap& FacetIndex::Value(const L::Facet& facet, const std::string& value) const {
  static const DocBitmap kEmpty;
  auto it = bitmaps_.find(L::FacetTerm(facet, value));
  return it == bitmaps_.end() ? kEmpty : it->second;
}

const std::vector<std::string>& FacetIndex::Values(const L::Facet& facet) const {
  static const std::vector<std::string> kNone;
  auto it = values_.find(facet.param);
  return it == values_.end() ? kNone : it->second;
}

}  // namespace praxis
