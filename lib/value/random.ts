/**
 * Seeded pseudo-random numbers for simulation and tests: reproducible runs, no Math.random.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) seeded through splitmix32.
 */

export type Uniform = () => number;

/** Uniform on the open interval (0, 1), so logs of draws are always finite. */
export function seededUniform(seed: number): Uniform {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i += 1) next();
  return () => (next() + 0.5) / 4294967296;
}

export function sampleExponential(uniform: Uniform, rate: number): number {
  return -Math.log(uniform()) / rate;
}

function sampleStandardNormal(uniform: Uniform): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Gamma(shape, rate) by Marsaglia & Tsang (2000); for shape < 1, Gamma(shape+1)·U^(1/shape).
 */
export function sampleGamma(uniform: Uniform, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(uniform, shape + 1, rate) * Math.pow(uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = sampleStandardNormal(uniform);
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function sampleBeta(uniform: Uniform, a: number, b: number): number {
  const x = sampleGamma(uniform, a, 1);
  const y = sampleGamma(uniform, b, 1);
  return x / (x + y);
}
