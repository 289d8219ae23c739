// ae_linear_fit: logistic and softmax regression by L-BFGS, with OWL-QN (Andrew & Gao, 2007) for the
// L1 term, minimizing ML.NET's objective for its L-BFGS trainers:
//   (sum_i w_i loss_i + l2 / 2 |W|^2) / sum_i w_i + l1 / rows |W|_1      (biases not regularized).
#include <c10/core/InferenceMode.h>

#include <cmath>
#include <deque>
#include <limits>

#include "boundary.h"
#include "model_handle.h"

namespace {

// Improvement is averaged over this many iterations before it is compared with the tolerance (as ML.NET's criterion).
constexpr int kImprovementWindow = 5;
constexpr int kMaximumLineSearchSteps = 40;
constexpr double kSufficientDecrease = 1e-4;

struct Problem {
  torch::Tensor x;        // rows x cols float32
  torch::Tensor labels;   // rows: class index (softmax) or 0/1 (logistic), int64
  torch::Tensor weights;  // rows float32
  int64_t classes;        // 1 = logistic
  double weight_sum;
  double l1, l2;
  bool non_negative;
};

// The smooth part (data term and L2) of the objective at parameters p = [biases (classes), weights
// (classes x cols)], in double, and its gradient.
double smooth_objective(const Problem& problem, const torch::Tensor& p, torch::Tensor& gradient) {
  const int64_t classes = problem.classes, cols = problem.x.size(1);
  const torch::Tensor bias = p.narrow(0, 0, classes).to(torch::kFloat32);
  const torch::Tensor weight = p.narrow(0, classes, classes * cols).view({classes, cols});
  const torch::Tensor margins = torch::addmm(bias, problem.x, weight.to(torch::kFloat32).t());
  torch::Tensor losses, margin_gradient;
  if (classes == 1) {
    const torch::Tensor m = margins.squeeze(1);
    const torch::Tensor y = problem.labels.to(torch::kFloat32);
    losses = torch::softplus((1 - 2 * y) * m);
    margin_gradient = ((torch::sigmoid(m) - y) * problem.weights).unsqueeze(1);
  } else {
    const torch::Tensor log_probabilities = torch::log_softmax(margins, 1);
    losses = -log_probabilities.gather(1, problem.labels.unsqueeze(1)).squeeze(1);
    margin_gradient = log_probabilities.exp();
    margin_gradient.scatter_add_(1, problem.labels.unsqueeze(1), torch::full({problem.x.size(0), 1}, -1.0f));
    margin_gradient.mul_(problem.weights.unsqueeze(1));
  }

  const double data_loss = (losses * problem.weights).to(torch::kDouble).sum().item<double>();
  gradient.narrow(0, 0, classes).copy_(margin_gradient.sum(0).to(torch::kDouble));
  gradient.narrow(0, classes, classes * cols).view({classes, cols}).copy_(margin_gradient.t().mm(problem.x).to(torch::kDouble));
  gradient.narrow(0, classes, classes * cols).add_(weight.reshape({-1}), problem.l2);
  gradient.div_(problem.weight_sum);
  return (data_loss + 0.5 * problem.l2 * weight.pow(2).sum().item<double>()) / problem.weight_sum;
}

// The L1 coefficient on each parameter: zero on the biases.
torch::Tensor l1_coefficients(const Problem& problem, int64_t size) {
  torch::Tensor c = torch::full({size}, problem.l1 / static_cast<double>(problem.x.size(0)), torch::kDouble);
  c.narrow(0, 0, problem.classes).zero_();
  return c;
}

// The steepest-descent direction's negative for the full objective: the gradient where the L1 term
// is differentiable, the smallest subgradient at zero, and zero where no move lowers it (a weight
// at zero that could only go negative, when weights must not).
torch::Tensor pseudo_gradient(const torch::Tensor& p, const torch::Tensor& g, const torch::Tensor& c, const torch::Tensor& constrained) {
  const torch::Tensor right = g + c, left = g - c;
  torch::Tensor at_zero = torch::where(right < 0, right, torch::where(left > 0, left, torch::zeros_like(g)));
  at_zero = torch::where(constrained & (at_zero > 0), torch::zeros_like(g), at_zero);
  return torch::where(p > 0, right, torch::where(p < 0, left, at_zero));
}

}  // namespace

AE_API int32_t ae_linear_fit(const float* x, const float* labels, const float* weights, int64_t rows, int64_t cols, int64_t classes,
                             float l1, float l2, float tolerance, int32_t history, int32_t max_iterations, int32_t non_negative,
                             float* out_parameters, int32_t* out_iterations, double* out_objective) {
  return ae::guard(__func__, [&] {
    ae::require_not_null(x, "x");
    ae::require_not_null(labels, "labels");
    ae::require_not_null(out_parameters, "out_parameters");
    ae::require_not_null(out_iterations, "out_iterations");
    ae::require_not_null(out_objective, "out_objective");
    if (rows < 1 || cols < 1) throw std::invalid_argument("rows and cols must be at least 1");
    if (classes < 1) throw std::invalid_argument("classes must be at least 1 (1 = logistic regression)");
    if (!(l1 >= 0) || !(l2 >= 0)) throw std::invalid_argument("l1 and l2 must be non-negative");
    if (!(tolerance > 0)) throw std::invalid_argument("tolerance must be positive");
    if (history < 1 || max_iterations < 1) throw std::invalid_argument("history and max_iterations must be at least 1");
    c10::InferenceMode inference;

    Problem problem;
    problem.x = torch::from_blob(const_cast<float*>(x), {rows, cols}, torch::kFloat32);
    const torch::Tensor label_values = torch::from_blob(const_cast<float*>(labels), {rows}, torch::kFloat32);
    const double highest = classes == 1 ? 1.0 : static_cast<double>(classes - 1);
    if (!(label_values.ge(0).all().item<bool>() && label_values.le(highest).all().item<bool>() &&
          label_values.eq(label_values.round()).all().item<bool>())) {
      throw std::invalid_argument("labels must be whole numbers from 0 to " + std::to_string(static_cast<int64_t>(highest)));
    }
    problem.labels = label_values.to(torch::kInt64);
    problem.weights = weights == nullptr ? torch::ones({rows}, torch::kFloat32)
                                         : torch::from_blob(const_cast<float*>(weights), {rows}, torch::kFloat32);
    problem.weight_sum = problem.weights.to(torch::kDouble).sum().item<double>();
    if (!(problem.weight_sum > 0) || problem.weights.lt(0).any().item<bool>()) {
      throw std::invalid_argument("row weights must be non-negative with a positive sum");
    }
    problem.classes = classes;
    problem.l1 = l1;
    problem.l2 = l2;
    problem.non_negative = non_negative != 0;

    const int64_t size = classes * (cols + 1);
    const torch::Tensor c = l1_coefficients(problem, size);
    torch::Tensor constrained = torch::full({size}, problem.non_negative, torch::kBool);
    constrained.narrow(0, 0, classes).fill_(false);
    const torch::Tensor restricted = c.gt(0) | constrained;
    const auto total = [&](const torch::Tensor& p, torch::Tensor& g) {
      return smooth_objective(problem, p, g) + (c * p.abs()).sum().item<double>();
    };

    torch::Tensor p = torch::zeros({size}, torch::kDouble), g = torch::zeros({size}, torch::kDouble);
    double value = total(p, g);
    std::deque<torch::Tensor> steps, changes;
    std::deque<double> curvatures;  // steps[k] . changes[k], positive
    std::deque<double> values{value};
    int32_t iteration = 0;
    while (iteration < max_iterations) {
      const torch::Tensor pg = pseudo_gradient(p, g, c, constrained);
      const double pg_norm = pg.norm().item<double>();
      if (!(pg_norm > 0)) break;

      // Two-loop recursion: direction = -H pg, H the L-BFGS inverse-Hessian estimate.
      torch::Tensor direction = -pg;
      std::vector<double> alphas(steps.size());
      for (int64_t k = static_cast<int64_t>(steps.size()) - 1; k >= 0; --k) {
        alphas[k] = steps[k].dot(direction).item<double>() / curvatures[k];
        direction.add_(changes[k], -alphas[k]);
      }
      if (!steps.empty()) {
        direction.mul_(curvatures.back() / changes.back().dot(changes.back()).item<double>());
      }
      for (size_t k = 0; k < steps.size(); ++k) {
        const double beta = changes[k].dot(direction).item<double>() / curvatures[k];
        direction.add_(steps[k], alphas[k] - beta);
      }
      // Where the L1 term or the sign constraint applies, keep to the orthant the pseudo-gradient points into.
      direction = torch::where(restricted & (direction * pg >= 0), torch::zeros_like(direction), direction);
      const torch::Tensor orthant = torch::where(p != 0, p.sign(), -pg.sign());

      double step = steps.empty() ? 1.0 / pg_norm : 1.0;
      torch::Tensor next, next_g = torch::zeros_like(g);
      double next_value = std::numeric_limits<double>::infinity();
      bool accepted = false;
      for (int attempt = 0; attempt < kMaximumLineSearchSteps && !accepted; ++attempt, step *= 0.5) {
        next = p + direction * step;
        next = torch::where(~restricted | (next.sign() == orthant), next, torch::zeros_like(next));
        next = torch::where(constrained & (next < 0), torch::zeros_like(next), next);
        next_value = total(next, next_g);
        accepted = std::isfinite(next_value) && next_value <= value + kSufficientDecrease * pg.dot(next - p).item<double>();
      }
      if (!accepted) break;  // no decrease along the direction: as converged as float32 allows

      const torch::Tensor s = next - p, y = next_g - g;
      const double curvature = s.dot(y).item<double>();
      if (curvature > 1e-12) {
        steps.push_back(s);
        changes.push_back(y);
        curvatures.push_back(curvature);
        if (static_cast<int32_t>(steps.size()) > history) {
          steps.pop_front();
          changes.pop_front();
          curvatures.pop_front();
        }
      }
      p = next;
      g = next_g;
      value = next_value;
      ++iteration;
      values.push_back(value);
      if (static_cast<int>(values.size()) > kImprovementWindow) {
        values.pop_front();
        const double improvement = (values.front() - values.back()) / kImprovementWindow;
        if (improvement <= tolerance * std::abs(value)) break;
      }
    }

    torch::from_blob(out_parameters, {size}, torch::kFloat32).copy_(p);
    *out_iterations = iteration;
    *out_objective = value;
  });
}
