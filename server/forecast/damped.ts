// Additive damped-trend exponential smoothing, ETS(A,Ad,N) (Gardner & McKenzie 1985), in the
// state-space form of Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing" (2008):
//   y_t = l_{t-1} + φ b_{t-1} + ε_t,  l_t = l_{t-1} + φ b_{t-1} + α ε_t,  b_t = φ b_{t-1} + β ε_t.
// Fitted by least one-step SSE (grid, then Nelder–Mead) with 0 < β ≤ α < 1 and φ in [0.8, 0.98];
// h-step variance σ²(1 + Σ_{j<h} c_j²), c_j = α + βφ(1−φ^j)/(1−φ) (class 1, Table 6.1 there).
// Shares are fitted on the logit, counts on the raw scale. Pure; tested in tests/unit/forecast-damped.test.ts.

export interface DampedParams {
  alpha: number;
  beta: number;
  phi: number;
}

export interface DampedFit extends DampedParams {
  level: number; // l_n
  trend: number; // b_n
  sigma: number; // residual standard deviation (SSE / (n − 5): 3 parameters, 2 initial states)
  n: number;
}

export interface FitOptions {
  /** bounds of φ; [1, 1] gives Holt's undamped linear trend */
  phi?: [number, number];
}

/** Initial states from the least-squares line through the first (up to) 10 observations. */
function initialStates(y: number[]): { l0: number; b0: number } {
  const m = Math.min(y.length, 10);
  const mx = (m - 1) / 2;
  const my = y.slice(0, m).reduce((s, v) => s + v, 0) / m;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    sxy += (i - mx) * (y[i] - my);
    sxx += (i - mx) ** 2;
  }
  const b0 = sxx > 0 ? sxy / sxx : 0;
  return { l0: my - b0 * mx - b0, b0 }; // the line one step before the first observation
}

/** Runs the recursions; returns the SSE of one-step errors and the final states. */
export function runFilter(y: number[], p: DampedParams): { sse: number; level: number; trend: number } {
  let { l0: level, b0: trend } = initialStates(y);
  let sse = 0;
  for (const v of y) {
    const e = v - (level + p.phi * trend);
    level = level + p.phi * trend + p.alpha * e;
    trend = p.phi * trend + p.beta * e;
    sse += e * e;
  }
  return { sse, level, trend };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Nelder–Mead minimisation of f from x0 (standard coefficients 1, 2, ½, ½). */
function nelderMead(f: (x: number[]) => number, x0: number[], step = 0.5, iters = 200): number[] {
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, f: f(x) }));
  const lerp = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (let k = 0; k < iters; k++) {
    simplex.sort((a, b) => a.f - b.f);
    if (Math.abs(simplex.at(-1)!.f - simplex[0].f) < 1e-12 * (1 + Math.abs(simplex[0].f))) break;
    const worst = simplex.at(-1)!;
    const centroid = x0.map((_, i) => simplex.slice(0, -1).reduce((s, p) => s + p.x[i], 0) / (simplex.length - 1));
    const at = (t: number) => {
      const x = lerp(centroid, worst.x, t);
      return { x, f: f(x) };
    };
    const reflected = at(-1);
    if (reflected.f < simplex[0].f) {
      const expanded = at(-2);
      simplex[simplex.length - 1] = expanded.f < reflected.f ? expanded : reflected;
    } else if (reflected.f < simplex.at(-2)!.f) {
      simplex[simplex.length - 1] = reflected;
    } else {
      const contracted = at(0.5);
      if (contracted.f < worst.f) simplex[simplex.length - 1] = contracted;
      else
        simplex = simplex.map((p, i) =>
          i === 0 ? p : (({ x }) => ({ x, f: f(x) }))({ x: lerp(simplex[0].x, p.x, 0.5) }),
        );
    }
  }
  return simplex.sort((a, b) => a.f - b.f)[0].x;
}

/** Fits α, β, φ by least one-step SSE: a coarse grid, then Nelder–Mead on an unconstrained map. */
export function fitDamped(y: number[], opts: FitOptions = {}): DampedFit {
  if (y.length < 3) throw new Error('fitDamped needs at least 3 observations');
  const [phiLo, phiHi] = opts.phi ?? [0.8, 0.98];
  const A = [0.001, 0.999];
  // u = (a, r, c): α = A0 + (A1−A0)·σ(a), β = α·σ(r), φ = phiLo + (phiHi−phiLo)·σ(c)
  const params = (u: number[]): DampedParams => {
    const alpha = A[0] + (A[1] - A[0]) * sigmoid(u[0]);
    return { alpha, beta: alpha * sigmoid(u[1]), phi: phiLo + (phiHi - phiLo) * sigmoid(u[2]) };
  };
  const cost = (u: number[]) => runFilter(y, params(u)).sse;
  let best = { u: [0, 0, 0], f: Infinity };
  for (const a of [-3, -1.5, 0, 1.5, 3])
    for (const r of [-4, -2, 0, 2])
      for (const c of [-2, 0, 2]) {
        const f = cost([a, r, c]);
        if (f < best.f) best = { u: [a, r, c], f };
      }
  const p = params(nelderMead(cost, best.u));
  const { sse, level, trend } = runFilter(y, p);
  return { ...p, level, trend, sigma: Math.sqrt(sse / Math.max(1, y.length - 5)), n: y.length };
}

/** Point forecast h steps ahead: l_n + (φ + … + φ^h) b_n. */
export function forecastMean(fit: DampedFit, h: number): number {
  let damp = 0;
  for (let i = 1; i <= h; i++) damp += fit.phi ** i;
  return fit.level + damp * fit.trend;
}

/** Variance of the h-step forecast error: σ²(1 + Σ_{j=1}^{h−1} c_j²). */
export function forecastVariance(fit: DampedParams & { sigma: number }, h: number): number {
  let sum = 1;
  for (let j = 1; j < h; j++) {
    const damp = fit.phi === 1 ? j : (fit.phi * (1 - fit.phi ** j)) / (1 - fit.phi);
    sum += (fit.alpha + fit.beta * damp) ** 2;
  }
  return fit.sigma ** 2 * sum;
}

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}

export type FitScale = 'logit' | 'raw';
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;
/**
 * Shares are clamped to [0.5, 99.5] % before the logit: the fitted scale cannot tell 99.5 % from
 * 100 %, so it is read as censored there: a quantile at or past a clamp is reported as 100 % (or 0 %).
 */
export const SHARE_CLAMP: [number, number] = [0.5, 99.5];
const Z_CLAMP = SHARE_CLAMP.map((p) => logit(p / 100));

export const toScale = (scale: FitScale, v: number): number =>
  scale === 'raw' ? v : logit(Math.min(SHARE_CLAMP[1], Math.max(SHARE_CLAMP[0], v)) / 100);
export function fromScale(scale: FitScale, z: number): number {
  if (scale === 'raw') return z;
  if (z >= Z_CLAMP[1] - 1e-9) return 100;
  if (z <= Z_CLAMP[0] + 1e-9) return 0;
  return 100 * sigmoid(z);
}

export interface Prediction {
  mean: number; // the fitted scale
  sd: number; // the fitted scale
  median: number; // the indicator's scale (the back-transformed mean)
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** The h-step forecast of a fit made on `scale`, with back-transformed quantiles. */
export function predictAt(fit: DampedFit, scale: FitScale, h: number): Prediction {
  const mean = forecastMean(fit, h);
  const sd = Math.sqrt(forecastVariance(fit, h));
  const q = (z: number) => fromScale(scale, mean + z * sd);
  return { mean, sd, median: q(0), lo80: q(-Z80), hi80: q(Z80), lo95: q(-Z95), hi95: q(Z95) };
}

/** Fits on the chosen scale and gives the h-step forecast. */
export function predict(
  values: number[],
  scale: FitScale,
  h: number,
  opts?: FitOptions,
): { fit: DampedFit; at: Prediction } {
  const fit = fitDamped(
    values.map((v) => toScale(scale, v)),
    opts,
  );
  return { fit, at: predictAt(fit, scale, h) };
}

/** Predictive probability that the value is on the target's side (normal on the fitted scale). */
export function probabilityMeeting(
  at: Pick<Prediction, 'mean' | 'sd'>,
  scale: FitScale,
  comparator: '>=' | '<=',
  target: number,
): number {
  const t = toScale(scale, target);
  if (at.sd === 0 || !Number.isFinite(at.sd)) {
    const eps = 1e-9 * (1 + Math.abs(t));
    return comparator === '>=' ? (at.mean >= t - eps ? 1 : 0) : at.mean <= t + eps ? 1 : 0;
  }
  const below = normalCdf((t - at.mean) / at.sd);
  return comparator === '>=' ? 1 - below : below;
}

/** Monthly pace still needed, in the indicator's units per month; null when met or no month is left. */
export function paceNeeded(target: number, current: number, monthsLeft: number, met: boolean): number | null {
  if (met || monthsLeft <= 0) return null;
  return (target - current) / monthsLeft;
}
