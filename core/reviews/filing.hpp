// Multi-level review (三级联审): a filing of a project is reviewed in parallel by review posts
// at county, city and province level, each within its limit (2 working days); when every post
// has answered, the supplement points are consolidated into one notice to the owner (一次性
// 告知), the owner resubmits, and the posts that asked review again — round after round until
// every post approves. Self-checks (core/rules/self_check.hpp) run before each sending. Pure
// rules and values; no I/O. Written down in docs/projects.md §8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/time.hpp"

namespace tongban::reviews {

inline constexpr int kReviewLimitDays = 2;  // working days each post has, per round

// ---- levels and posts ------------------------------------------------------------------------

enum class Level { County, City, Province };
[[nodiscard]] std::string_view to_string(Level l);  // county | city | province
[[nodiscard]] std::optional<Level> level_from_string(std::string_view s);

struct LevelRegion {
  Level level = Level::County;
  std::string region_code;
};

// The levels above and including a GB/T 2260 region, from the bottom: a county (XXYYZZ,
// ZZ ≠ 00) gives county XXYYZZ, city XXYY00, province XX0000 (450502 → 450502, 450500,
// 450000); a city (XXYY00) its city and province; a province (XX0000) itself.
// validation_failed (field "region_code") for anything but six digits with a province part.
[[nodiscard]] Result<std::vector<LevelRegion>> review_levels(std::string_view region_code);

// Which department reviews a filing kind in a region (data: data/projects/review-posts.json).
struct PostAssignment {
  std::string kind;
  std::string region_code;
  std::string department_code;
};

struct Post {
  Level level = Level::County;
  std::string region_code;
  std::string department_code;
  bool operator==(const Post&) const = default;
};

// One post per level of review_levels(region_code), its department from `table`.
// review_post_missing (detail "<level> <region>") when a level has none for the kind.
[[nodiscard]] Result<std::vector<Post>> assign_posts(std::string_view kind,
                                                     std::string_view region_code,
                                                     const std::vector<PostAssignment>& table);

// ---- the filing ------------------------------------------------------------------------------

// draft → in_review → (supplement_requested → in_review)* → approved.
enum class FilingState { Draft, InReview, SupplementRequested, Approved };
[[nodiscard]] std::string_view to_string(FilingState s);  // draft | in_review | ...
[[nodiscard]] std::optional<FilingState> filing_state_from_string(std::string_view s);

enum class Decision { Approve, Supplement };
[[nodiscard]] std::string_view to_string(Decision d);  // approve | supplement
[[nodiscard]] std::optional<Decision> decision_from_string(std::string_view s);

// One post's review in one round.
struct Review {
  int round = 1;
  Post post;
  Date sent_on{};
  Date due_on{};  // sent_on + kReviewLimitDays working days
  std::optional<Decision> decision;
  std::optional<Date> answered_on;
  std::string opinion;
  std::vector<std::string> points;  // supplement points (补正要点)
  std::string reviewer;             // username
  bool late = false;                // answered after due_on
};

struct Filing {
  FilingState state = FilingState::Draft;
  int round = 0;            // 0 while a draft
  std::vector<Post> posts;  // fixed when first sent
  std::vector<Review> reviews;
};

// The posts that review in the next round: every post for round 1; afterwards the posts
// whose latest answer asked for supplements (an approval stands).
[[nodiscard]] std::vector<Post> posts_for_next_round(const Filing& f);

// filing_state_invalid unless a draft (send) / supplement_requested (resubmit).
[[nodiscard]] Status check_send(const Filing& f);
[[nodiscard]] Status check_resubmit(const Filing& f);

// Starts the next round: round + 1, state in_review, one review per post of
// posts_for_next_round with its due date (`due_of(post)`, computed on the post's calendar).
// REQUIRES: check_send or check_resubmit passed; due.size() == posts_for_next_round().size().
void start_round(Filing& f, Date sent_on, const std::vector<Date>& due);

// The index in f.reviews of `department_code`'s review in the current round. Errors:
// filing_state_invalid (detail "approved", "draft", "supplement_requested") unless in review;
// not_review_post when the department is no post of this round; filing_state_invalid
// ("answered") when it has answered this round.
[[nodiscard]] Result<std::size_t> check_answer(const Filing& f, std::string_view department_code);

struct Answer {
  Decision decision = Decision::Approve;
  std::string opinion;
  std::vector<std::string> points;
  std::string reviewer;
};
// validation_failed: a supplement without points (field "points"), an approval with points,
// a point empty or over 500 bytes, more than 50 points, an opinion over 2000 bytes.
[[nodiscard]] Status validate_answer(const Answer& a);

// Records the answer at review `index` (late when answered_on > due_on). When it was the
// round's last, the filing moves on: approved when every post's latest answer approves,
// supplement_requested otherwise. Returns true when the round completed.
bool record_answer(Filing& f, std::size_t index, const Answer& a, Date answered_on);

// ---- the consolidated supplement notice (一次性补正告知) -----------------------------------

struct NoticePoint {
  std::string text;
  std::vector<Level> also_by;  // later posts that raised the same point
};
struct NoticeGroup {
  Post post;
  std::vector<NoticePoint> points;
};
struct Notice {
  int round = 0;
  std::vector<NoticeGroup> groups;  // county, city, province order; posts without points left out
  [[nodiscard]] std::size_t point_count() const;
};
// The round's supplement points grouped by post (county first), each point once: repeats
// within a post are dropped, a point an earlier post already raised is listed there with
// the later post in also_by. Points compare after trimming and collapsing white space.
[[nodiscard]] Notice consolidate(const Filing& f, int round);

// Reviews of the current round still unanswered past their due date on `today`.
[[nodiscard]] std::vector<const Review*> overdue_reviews(const Filing& f, Date today);

}  // namespace tongban::reviews
