#include "core/reviews/filing.hpp"

#include <algorithm>

namespace tongban::reviews {
namespace {

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Trimmed, inner white space runs collapsed to one space.
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The latest review of each post, in post order.
std::vector<const Review*> latest(const Filing& f) {
  std::vector<const Review*> out;
  for (const auto& p : f.posts) {
    const Review* last = nullptr;
    for (const auto& r : f.reviews)
      if (r.post == p && (last == nullptr || r.round > last->round)) last = &r;
    out.push_back(last);
  }
  return out;
}

}  // namespace

std::string_view to_string(Level l) {
  switch (l) {
    case Level::County:
      return "county";
    case Level::City:
      return "city";
    case Level::Province:
      return "province";
  }
  return "county";
}

std::optional<Level> level_from_string(std::string_view s) {
  for (auto l : {Level::County, Level::City, Level::Province})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

Result<std::vector<LevelRegion>> review_levels(std::string_view region_code) {
  if (region_code.size() != 6 || !digits(region_code) || region_code.substr(0, 2) < "11" ||
      region_code.substr(0, 2) > "82")
    return Error{ErrorCode::ValidationFailed, "six digits (GB/T 2260)", "region_code"};
  const std::string code(region_code);
  const std::string city = code.substr(0, 4) + "00";
  const std::string province = code.substr(0, 2) + "0000";
  std::vector<LevelRegion> out;
  if (code != city) out.push_back({Level::County, code});
  if (city != province) out.push_back({Level::City, city});
  out.push_back({Level::Province, province});
  return out;
}

Result<std::vector<Post>> assign_posts(std::string_view kind, std::string_view region_code,
                                       const std::vector<PostAssignment>& table) {
  auto levels = review_levels(region_code);
  if (!levels) return levels.error();
  std::vector<Post> out;
  for (const auto& lr : *levels) {
    auto it = std::find_if(table.begin(), table.end(), [&](const PostAssignment& a) {
      return a.kind == kind && a.region_code == lr.region_code;
    });
    if (it == table.end())
      return Error{ErrorCode::ReviewPostMissing,
                   std::string(to_string(lr.level)) + " " + lr.region_code, "kind"};
    out.push_back({lr.level, lr.region_code, it->department_code});
  }
  return out;
}

std::string_view to_string(FilingState s) {
  switch (s) {
    case FilingState::Draft:
      return "draft";
    case FilingState::InReview:
      return "in_review";
    case FilingState::SupplementRequested:
      return "supplement_requested";
    case FilingState::Approved:
      return "approved";
  }
  return "draft";
}

std::optional<FilingState> filing_state_from_string(std::string_view s) {
  for (auto st : {FilingState::Draft, FilingState::InReview, FilingState::SupplementRequested,
                  FilingState::Approved})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::string_view to_string(Decision d) { return d == Decision::Approve ? "approve" : "supplement"; }

std::optional<Decision> decision_from_string(std::string_view s) {
  if (s == "approve") return Decision::Approve;
  if (s == "supplement") return Decision::Supplement;
  return std::nullopt;
}

std::vector<Post> posts_for_next_round(const Filing& f) {
  if (f.round == 0) return f.posts;
  std::vector<Post> out;
  const auto last = latest(f);
  for (std::size_t i = 0; i < f.posts.size(); ++i)
    if (last[i] == nullptr || last[i]->decision != Decision::Approve) out.push_back(f.posts[i]);
  return out;
}

Status check_send(const Filing& f) {
  if (f.state != FilingState::Draft)
    return Error{ErrorCode::FilingStateInvalid, std::string(to_string(f.state))};
  return ok_status();
}

Status check_resubmit(const Filing& f) {
  if (f.state != FilingState::SupplementRequested)
    return Error{ErrorCode::FilingStateInvalid, std::string(to_string(f.state))};
  return ok_status();
}

void start_round(Filing& f, Date sent_on, const std::vector<Date>& due) {
  const auto posts = posts_for_next_round(f);
  ++f.round;
  f.state = FilingState::InReview;
  for (std::size_t i = 0; i < posts.size(); ++i) {
    Review r;
    r.round = f.round;
    r.post = posts[i];
    r.sent_on = sent_on;
    r.due_on = due.at(i);
    f.reviews.push_back(std::move(r));
  }
}

Result<std::size_t> check_answer(const Filing& f, std::string_view department_code) {
  if (f.state != FilingState::InReview)
    return Error{ErrorCode::FilingStateInvalid, std::string(to_string(f.state))};
  for (std::size_t i = 0; i < f.reviews.size(); ++i) {
    const auto& r = f.reviews[i];
    if (r.round != f.round || r.post.department_code != department_code) continue;
    if (r.decision) return Error{ErrorCode::FilingStateInvalid, "answered"};
    return i;
  }
  return Error{
      ErrorCode::NotReviewPost,
      std::string(department_code) + " reviews nothing in round " + std::to_string(f.round),
      "department_code"};
}

Status validate_answer(const Answer& a) {
  auto bad = [](std::string why, std::string field) {
    return Error{ErrorCode::ValidationFailed, std::move(why), std::move(field)};
  };
  if (a.opinion.size() > 2000) return bad("at most 2000 bytes", "opinion");
  if (a.decision == Decision::Supplement && a.points.empty())
    return bad("a supplement request lists its points", "points");
  if (a.decision == Decision::Approve && !a.points.empty())
    return bad("an approval has no supplement points", "points");
  if (a.points.size() > 50) return bad("at most 50 points", "points");
  for (std::size_t i = 0; i < a.points.size(); ++i)
    if (normalize(a.points[i]).empty() || a.points[i].size() > 500)
      return bad("1..500 bytes", "points[" + std::to_string(i) + "]");
  return ok_status();
}

bool record_answer(Filing& f, std::size_t index, const Answer& a, Date answered_on) {
  auto& r = f.reviews.at(index);
  r.decision = a.decision;
  r.opinion = a.opinion;
  r.points = a.points;
  r.reviewer = a.reviewer;
  r.answered_on = answered_on;
  r.late = answered_on > r.due_on;
  const bool done = std::all_of(f.reviews.begin(), f.reviews.end(), [&](const Review& x) {
    return x.round != f.round || x.decision.has_value();
  });
  if (!done) return false;
  const auto last = latest(f);
  const bool all_approve = std::all_of(last.begin(), last.end(), [](const Review* x) {
    return x != nullptr && x->decision == Decision::Approve;
  });
  f.state = all_approve ? FilingState::Approved : FilingState::SupplementRequested;
  return true;
}

std::size_t Notice::point_count() const {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.points.size();
  return n;
}

Notice consolidate(const Filing& f, int round) {
  Notice n;
  n.round = round;
  std::vector<const Review*> rs;
  for (const auto& r : f.reviews)
    if (r.round == round && r.decision == Decision::Supplement) rs.push_back(&r);
  std::stable_sort(rs.begin(), rs.end(),
                   [](const Review* a, const Review* b) { return a->post.level < b->post.level; });
  struct Seen {
    std::string key;
    std::size_t group;
    std::size_t point;
  };
  std::vector<Seen> seen;
  for (const auto* r : rs) {
    NoticeGroup g{r->post, {}};
    const std::size_t gi = n.groups.size();
    for (const auto& p : r->points) {
      const auto key = normalize(p);
      auto it = std::find_if(seen.begin(), seen.end(), [&](const Seen& s) { return s.key == key; });
      if (it == seen.end()) {
        seen.push_back({key, gi, g.points.size()});
        g.points.push_back({key, {}});
      } else if (it->group != gi) {
        auto& also = n.groups[it->group].points[it->point].also_by;
        if (std::find(also.begin(), also.end(), r->post.level) == also.end())
          also.push_back(r->post.level);
      }
    }
    if (!g.points.empty()) n.groups.push_back(std::move(g));
  }
  return n;
}

std::vector<const Review*> overdue_reviews(const Filing& f, Date today) {
  std::vector<const Review*> out;
  for (const auto& r : f.reviews)
    if (r.round == f.round && !r.decision && today > r.due_on) out.push_back(&r);
  return out;
}

}  // namespace tongban::reviews
