#include "core/rules/jsonlogic.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace tongban::rules {

enum class Op {
  Literal,
  List,  // an array of rules: each evaluated
  Var,
  Missing,
  MissingSome,
  Eq,
  StrictEq,
  Ne,
  StrictNe,
  Not,
  NotNot,
  Or,
  And,
  If,
  Gt,
  Ge,
  Lt,
  Le,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  Min,
  Max,
  In,
  Cat,
  Substr,
  Merge,
  Map,
  Filter,
  Reduce,
  All,
  Some,
  None,
};

struct Logic::Node {
  Op op = Op::Literal;
  Value literal;  // Op::Literal
  std::vector<Node> args;
};

namespace {

constexpr int kMany = std::numeric_limits<int>::max();

struct OpInfo {
  std::string_view name;
  Op op;
  int min_args;
  int max_args;
};

constexpr std::array<OpInfo, 34> kOps{{
    {"var", Op::Var, 0, 2},
    {"missing", Op::Missing, 0, kMany},
    {"missing_some", Op::MissingSome, 2, 2},
    {"==", Op::Eq, 2, 2},
    {"===", Op::StrictEq, 2, 2},
    {"!=", Op::Ne, 2, 2},
    {"!==", Op::StrictNe, 2, 2},
    {"!", Op::Not, 1, 1},
    {"!!", Op::NotNot, 1, 1},
    {"or", Op::Or, 1, kMany},
    {"and", Op::And, 1, kMany},
    {"if", Op::If, 0, kMany},
    {"?:", Op::If, 3, 3},
    {">", Op::Gt, 2, 2},
    {">=", Op::Ge, 2, 2},
    {"<", Op::Lt, 2, 3},
    {"<=", Op::Le, 2, 3},
    {"+", Op::Add, 0, kMany},
    {"-", Op::Sub, 1, 2},
    {"*", Op::Mul, 1, kMany},
    {"/", Op::Div, 2, 2},
    {"%", Op::Mod, 2, 2},
    {"min", Op::Min, 1, kMany},
    {"max", Op::Max, 1, kMany},
    {"in", Op::In, 2, 2},
    {"cat", Op::Cat, 0, kMany},
    {"substr", Op::Substr, 2, 3},
    {"merge", Op::Merge, 0, kMany},
    {"map", Op::Map, 2, 2},
    {"filter", Op::Filter, 2, 2},
    {"reduce", Op::Reduce, 2, 3},
    {"all", Op::All, 2, 2},
    {"some", Op::Some, 2, 2},
    {"none", Op::None, 2, 2},
}};

// ---- compiling ---------------------------------------------------------------------------

class Compiler {
 public:
  explicit Compiler(const Limits& l) : limits_(l) {}

  Result<Logic::Node> compile(const Value& v, const std::string& path, int depth) {
    if (depth > limits_.max_depth)
      return fail(path, "nested deeper than " + std::to_string(limits_.max_depth));
    if (++nodes_ > limits_.max_nodes)
      return fail(path, "more than " + std::to_string(limits_.max_nodes) + " nodes");
    Logic::Node n;
    if (v.is_array()) {
      n.op = Op::List;
      const auto& a = v.as_array();
      for (std::size_t i = 0; i < a.size(); ++i) {
        auto c = compile(a[i], path + "[" + std::to_string(i) + "]", depth + 1);
        if (!c) return c.error();
        n.args.push_back(std::move(*c));
      }
      return n;
    }
    if (!v.is_object()) {
      n.literal = v;
      return n;
    }
    const auto& o = v.as_object();
    if (o.size() != 1)
      return fail(path, "an object must be exactly one operator, this one has " +
                            std::to_string(o.size()) + " keys");
    const std::string& name = o.begin()->first;
    const Value& operand = o.begin()->second;
    const auto* info =
        std::find_if(kOps.begin(), kOps.end(), [&](const OpInfo& i) { return i.name == name; });
    const std::string here = path.empty() ? name : path + "." + name;
    if (info == kOps.end()) return fail(here, "unknown operator \"" + name + "\"");
    n.op = info->op;
    // Unary sugar: {"var": "a"} is {"var": ["a"]}.
    const Array one{operand};
    const Array& args = operand.is_array() ? operand.as_array() : one;
    const auto count = static_cast<std::int64_t>(args.size());
    if (count < info->min_args || count > info->max_args) {
      std::string want = std::to_string(info->min_args);
      if (info->max_args == kMany)
        want = "at least " + want;
      else if (info->max_args != info->min_args)
        want += ".." + std::to_string(info->max_args);
      return fail(here, "expects " + want + " arguments, has " + std::to_string(count));
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
      auto c = compile(args[i], here + "[" + std::to_string(i) + "]", depth + 1);
      if (!c) return c.error();
      n.args.push_back(std::move(*c));
    }
    return n;
  }

 private:
  static Error fail(const std::string& path, const std::string& why) {
    return Error{ErrorCode::RuleInvalid, (path.empty() ? "rule" : path) + ": " + why, "logic"};
  }
  const Limits& limits_;
  std::int64_t nodes_ = 0;
};

// ---- evaluating --------------------------------------------------------------------------

struct StepLimit {};

// Code point boundaries of a UTF-8 string (bytes that do not continue a sequence).
std::vector<std::size_t> code_points(const std::string& s) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) at.push_back(i);
  return at;
}

// ToIntegerOrInfinity.
double to_integer(double d) {
  if (std::isnan(d)) return 0;
  return std::trunc(d);
}

// String.prototype.substr(start, length), over code points.
std::string substr(const std::string& s, double start, std::optional<double> length) {
  const auto at = code_points(s);
  const auto size = static_cast<double>(at.size());
  double from = to_integer(start);
  from = from < 0 ? std::max(size + from, 0.0) : std::min(from, size);
  double len = length ? to_integer(*length) : size;
  len = std::clamp(len, 0.0, size);
  const double to = std::min(from + len, size);
  if (to <= from) return {};
  const auto b = at[static_cast<std::size_t>(from)];
  const auto e = to >= size ? s.size() : at[static_cast<std::size_t>(to)];
  return s.substr(b, e - b);
}

class Evaluator {
 public:
  explicit Evaluator(std::int64_t steps) : steps_(steps) {}

  Value eval(const Logic::Node& n, const Value& data) {
    charge(1);
    switch (n.op) {
      case Op::Literal:
        return n.literal;
      case Op::List: {
        Array out;
        out.reserve(n.args.size());
        for (const auto& a : n.args) out.push_back(eval(a, data));
        return out;
      }
      case Op::If: {
        std::size_t i = 0;
        for (; i + 1 < n.args.size(); i += 2)
          if (truthy(eval(n.args[i], data))) return eval(n.args[i + 1], data);
        return i < n.args.size() ? eval(n.args[i], data) : Value();
      }
      case Op::And:
      case Op::Or: {
        Value current;
        for (const auto& a : n.args) {
          current = eval(a, data);
          if (truthy(current) == (n.op == Op::Or)) return current;
        }
        return current;
      }
      case Op::Map:
      case Op::Filter:
      case Op::All:
      case Op::Some:
      case Op::None:
        return scoped(n, data);
      case Op::Reduce: {
        const Value list = eval(n.args[0], data);
        Value acc = n.args.size() > 2 ? eval(n.args[2], data) : Value();
        if (!list.is_array()) return acc;
        for (const auto& current : list.as_array())
          acc = eval(n.args[1], Value(Object{{"current", current}, {"accumulator", acc}}));
        return acc;
      }
      default:
        break;
    }
    std::vector<Value> v;
    v.reserve(n.args.size());
    for (const auto& a : n.args) v.push_back(eval(a, data));
    return operate(n.op, v, data);
  }

 private:
  void charge(std::int64_t n) {
    steps_ -= n;
    if (steps_ < 0) throw StepLimit{};
  }
  // ToString with its work paid for (arrays can be long).
  std::string str(const Value& v) {
    if (v.is_string()) return v.as_string();
    auto s = to_string(v);
    charge(static_cast<std::int64_t>(s.size() / 16));
    return s;
  }
  Value prim(const Value& v) { return v.is_array() || v.is_object() ? Value(str(v)) : v; }

  Value scoped(const Logic::Node& n, const Value& data) {
    const Value list = eval(n.args[0], data);
    const auto& logic = n.args[1];
    const bool has = list.is_array() && !list.as_array().empty();
    switch (n.op) {
      case Op::Map: {
        Array out;
        if (!list.is_array()) return out;
        charge(static_cast<std::int64_t>(list.as_array().size()));
        for (const auto& e : list.as_array()) out.push_back(eval(logic, e));
        return out;
      }
      case Op::Filter: {
        Array out;
        if (!list.is_array()) return out;
        for (const auto& e : list.as_array())
          if (truthy(eval(logic, e))) out.push_back(e);
        return out;
      }
      case Op::All:
        if (!has) return false;
        for (const auto& e : list.as_array())
          if (!truthy(eval(logic, e))) return false;
        return true;
      case Op::Some:
        if (!has) return false;
        for (const auto& e : list.as_array())
          if (truthy(eval(logic, e))) return true;
        return false;
      default:  // None
        if (!has) return true;
        for (const auto& e : list.as_array())
          if (truthy(eval(logic, e))) return false;
        return true;
    }
  }

  Value var(const Value& key, const Value* fallback, const Value& data) {
    Value not_found = fallback ? *fallback : Value();
    if (key.is_null() || (key.is_string() && key.as_string().empty())) return data;
    const std::string path = str(key);
    const Value* cur = &data;
    std::size_t start = 0;
    while (true) {
      charge(1);
      const auto dot = path.find('.', start);
      const std::string_view part =
          std::string_view(path).substr(start, dot == std::string::npos ? dot : dot - start);
      if (cur->is_null()) return not_found;
      if (cur->is_object()) {
        cur = cur->find(part);
      } else if (cur->is_array()) {
        const auto& a = cur->as_array();
        // A canonical array index ("0", "12"; not "01", "-1", "1.0").
        const bool index =
            !part.empty() && part.size() <= 9 &&
            std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            (part.size() == 1 || part[0] != '0');
        const std::size_t i = index ? std::stoul(std::string(part)) : a.size();
        cur = i < a.size() ? &a[i] : nullptr;
      } else {
        cur = nullptr;
      }
      if (cur == nullptr) return not_found;
      if (dot == std::string::npos) return *cur;
      start = dot + 1;
    }
  }

  Array missing(const Array& keys, const Value& data) {
    Array out;
    for (const auto& k : keys) {
      const Value v = var(k, nullptr, data);
      if (v.is_null() || (v.is_string() && v.as_string().empty())) out.push_back(k);
    }
    return out;
  }

  double num(const Value& v) { return to_number(prim(v)); }

  Value operate(Op op, const std::vector<Value>& v, const Value& data) {
    switch (op) {
      case Op::Var:
        return var(v.empty() ? Value() : v[0], v.size() > 1 ? &v[1] : nullptr, data);
      case Op::Missing:
        return missing(!v.empty() && v[0].is_array() ? v[0].as_array() : Array(v), data);
      case Op::MissingSome: {
        const Array options = v[1].is_array() ? v[1].as_array() : Array{v[1]};
        const Array gone = missing(options, data);
        const Value present(static_cast<double>(options.size() - gone.size()));
        return less_equal(v[0], present) ? Array{} : gone;
      }
      case Op::Eq:
        return loose_equal(prim_if_array(v[0], v[1]), prim_if_array(v[1], v[0]));
      case Op::Ne:
        return !loose_equal(prim_if_array(v[0], v[1]), prim_if_array(v[1], v[0]));
      case Op::StrictEq:
        return strict_equal(v[0], v[1]);
      case Op::StrictNe:
        return !strict_equal(v[0], v[1]);
      case Op::Not:
        return !truthy(v[0]);
      case Op::NotNot:
        return truthy(v[0]);
      case Op::Gt:
        return less_than(prim(v[1]), prim(v[0]));
      case Op::Ge:
        return less_equal(prim(v[1]), prim(v[0]));
      case Op::Lt:
      case Op::Le: {
        auto cmp = [&](const Value& a, const Value& b) {
          return op == Op::Lt ? less_than(prim(a), prim(b)) : less_equal(prim(a), prim(b));
        };
        if (v.size() == 2) return cmp(v[0], v[1]);
        return cmp(v[0], v[1]) && cmp(v[1], v[2]);
      }
      case Op::Add: {
        double sum = 0;
        for (const auto& x : v) sum += parse_float(prim(x));
        return sum;
      }
      case Op::Mul: {
        double product = parse_float(prim(v[0]));
        for (std::size_t i = 1; i < v.size(); ++i) product *= parse_float(prim(v[i]));
        return product;
      }
      case Op::Sub:
        return v.size() == 1 ? -num(v[0]) : num(v[0]) - num(v[1]);
      case Op::Div:
        return num(v[0]) / num(v[1]);
      case Op::Mod:
        return std::fmod(num(v[0]), num(v[1]));
      case Op::Min:
      case Op::Max: {
        double out = op == Op::Min ? std::numeric_limits<double>::infinity()
                                   : -std::numeric_limits<double>::infinity();
        for (const auto& x : v) {
          const double d = num(x);
          if (std::isnan(d)) return d;
          out = op == Op::Min ? std::min(out, d) : std::max(out, d);
        }
        return out;
      }
      case Op::In: {
        const Value& hay = v[1];
        if (hay.is_string()) {
          if (hay.as_string().empty()) return false;
          charge(static_cast<std::int64_t>(hay.as_string().size() / 16));
          return hay.as_string().find(str(v[0])) != std::string::npos;
        }
        if (!hay.is_array()) return false;
        charge(static_cast<std::int64_t>(hay.as_array().size()));
        for (const auto& e : hay.as_array())
          if (strict_equal(e, v[0])) return true;
        return false;
      }
      case Op::Cat: {
        std::string out;
        for (const auto& x : v)
          if (!x.is_null()) out += str(x);
        charge(static_cast<std::int64_t>(out.size() / 16));
        return out;
      }
      case Op::Substr: {
        const std::string s = str(v[0]);
        charge(static_cast<std::int64_t>(s.size() / 16));
        const double start = num(v[1]);
        if (v.size() < 3) return substr(s, start, std::nullopt);
        const double len = num(v[2]);
        if (len < 0) {
          const std::string tail = substr(s, start, std::nullopt);
          return substr(tail, 0, static_cast<double>(code_points(tail).size()) + to_integer(len));
        }
        return substr(s, start, len);
      }
      case Op::Merge: {
        Array out;
        for (const auto& x : v) {
          if (x.is_array()) {
            charge(static_cast<std::int64_t>(x.as_array().size()));
            out.insert(out.end(), x.as_array().begin(), x.as_array().end());
          } else {
            out.push_back(x);
          }
        }
        return out;
      }
      default:
        return Value();  // unreachable: compile() knows every operator
    }
  }

  // == against a number, string or boolean looks at an array's string (paid for).
  Value prim_if_array(const Value& x, const Value& other) {
    if ((x.is_array() || x.is_object()) && !(other.is_array() || other.is_object()) &&
        !other.is_null())
      return prim(x);
    return x;
  }

  std::int64_t steps_;
};

}  // namespace

Result<Logic> Logic::compile(const Value& rule, const Limits& limits) {
  Compiler c(limits);
  auto root = c.compile(rule, "", 0);
  if (!root) return root.error();
  Logic l;
  l.root_ = std::make_shared<const Node>(std::move(*root));
  l.limits_ = limits;
  return l;
}

Result<Value> Logic::apply(const Value& data) const {
  try {
    Evaluator e(limits_.max_steps);
    return e.eval(*root_, data);
  } catch (const StepLimit&) {
    return Error{ErrorCode::RuleInvalid,
                 "evaluation exceeds " + std::to_string(limits_.max_steps) + " steps", "logic"};
  }
}

Result<Value> evaluate(const Value& rule, const Value& data, const Limits& limits) {
  auto l = Logic::compile(rule, limits);
  if (!l) return l.error();
  return l->apply(data);
}

}  // namespace tongban::rules
