// `praxis-index review`: what editors do with web submissions (see review_desk.h).
#include <cstdio>
#include <iostream>

#include "cli_commands.h"
#include "review_desk.h"

namespace praxis::cli {

namespace {

std::string Score(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

ReviewPaths PathsOf(const Settings& s) { return {s.submissions, s.content, s.index}; }

int List(const Settings& s, const ReviewDesk& desk) {
  std::vector<PendingSubmission> pending;
  std::string error;
  if (!desk.store().List(&pending, &error)) return Fail(error);
  if (s.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const PendingSubmission& p : pending) {
      SubmissionCheck check;
      desk.Check(p.id, &check, &error);
      list.push_back({{"id", p.id}, {"path", p.path}, {"receipt", p.receipt},
                      {"received", p.received}, {"title", check.entry.title},
                      {"valid", check.valid}, {"overlaps", check.overlaps.size()}});
    }
    std::cout << nlohmann::json{{"pending", list}}.dump(2) << "\n";
    return 0;
  }
  if (pending.empty()) {
    std::cout << "no pending submissions in " << desk.store().dir() << "/pending\n";
    return 0;
  }
  for (const PendingSubmission& p : pending) {
    SubmissionCheck check;
    desk.Check(p.id, &check, &error);
    const auto summary = Summarize(check.diagnostics);
    auto count = [](size_t n, const char* what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    std::string state = check.valid ? "valid" : count(summary.errors, "error");
    if (!check.overlaps.empty()) state += ", " + count(check.overlaps.size(), "possible overlap");
    std::cout << p.id << "  " << (p.received.empty() ? "-" : p.received) << "  "
              << (p.receipt.empty() ? "-" : p.receipt) << "  " << check.entry.title << "  ("
              << state << ")\n";
  }
  return 0;
}

int Show(const Settings& s, const ReviewDesk& desk, const std::string& id) {
  SubmissionCheck check;
  std::string error;
  if (!desk.Check(id, &check, &error)) return Fail(error);
  if (s.format == "json") {
    nlohmann::json overlaps = nlohmann::json::array();
    for (const OverlapMatch& m : check.overlaps) overlaps.push_back(OverlapMatchJson(m));
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const Diagnostic& d : check.diagnostics) diagnostics.push_back(DiagnosticToJson(d));
    std::cout << nlohmann::json{{"id", id}, {"path", check.submission.path},
                                {"receipt", check.submission.receipt},
                                {"received", check.submission.received}, {"valid", check.valid},
                                {"diagnostics", diagnostics}, {"overlaps", overlaps},
                                {"text", check.submission.text}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << "submission " << id << " (" << check.submission.path << ")\n";
  if (!check.submission.receipt.empty()) {
    std::cout << "receipt " << check.submission.receipt << ", received "
              << check.submission.received << "\n";
  }
  std::cout << (check.valid ? "valid" : "INVALID: approve will refuse it") << "\n";
  for (const Diagnostic& d : check.diagnostics) std::cout << FormatDiagnostic(d) << "\n";
  for (const OverlapMatch& m : check.overlaps) {
    std::cout << "  overlaps " << m.id << " (" << m.title << "): score " << Score(m.score)
              << ", text " << Score(m.text_score) << "\n";
  }
  std::cout << "\n" << check.submission.text;
  return 0;
}

int Approve(const Settings& s, ReviewDesk& desk, const std::string& id) {
  SubmissionCheck check;
  std::string error;
  std::vector<Diagnostic> overlap_warnings;
  if (desk.Check(id, &check, &error)) {
    for (const Diagnostic& d : check.diagnostics) {
      if (d.severity == Severity::kWarning && d.message.rfind("possible overlap", 0) == 0) {
        overlap_warnings.push_back(d);
      }
    }
  }
  ApproveResult r = desk.Approve(id);
  for (const Diagnostic& d : r.diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
  if (!r.published) return Fail(r.error);
  for (const Diagnostic& d : overlap_warnings) std::cerr << FormatDiagnostic(d) << "\n";
  std::cout << "approved " << id << ": " << r.content_path << "\n";
  if (!r.indexed) {
    for (const Diagnostic& d : r.index.diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
    return Fail(r.error);
  }
  if (!s.quiet) std::cout << "index " << s.index << " updated\n";
  return 0;
}

}  // namespace

int RunReview(const Settings& s, const IndexConfig& config, const EntryValidator& validator,
              const ReviewOptions& options) {
  ReviewDesk desk(PathsOf(s), config, validator);
  if (options.action == "list") return List(s, desk);
  if (options.action == "show") return Show(s, desk, options.id);
  if (options.action == "approve") return Approve(s, desk, options.id);
  std::string error;
  if (!desk.Reject(options.id, options.reason, &error)) return Fail(error);
  std::cout << "rejected " << options.id << ": moved to " << desk.store().dir() << "/rejected\n";
  return 0;
}

}  // namespace praxis::cli
