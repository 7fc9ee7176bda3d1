/**
 * Command line for the lifetime-value model (lib/value): fit BG/NBD + Gamma-Gamma to a purchase
 * file and print one JSON document with the parameters and every customer's predictions, or time
 * the fits (bench).
 * Run `npm run -s clv -- --help`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fitBgNbd } from '../lib/value/bgnbd';
import { parseCdnow } from '../lib/value/cdnow';
import type { Rfm } from '../lib/value/compact';
import { parsePurchasesCsv } from '../lib/value/csv';
import { parseIsoDay } from '../lib/value/days';
import { fitGammaGamma, type Spend } from '../lib/value/gammagamma';
import { computeValues } from '../lib/value/model';
import { PurchaseFileError } from '../lib/value/parse-error';
import { median } from '../lib/value/quantile';
import { simulateCustomers } from '../lib/value/simulate';
import { summarisePurchases, type Purchase } from '../lib/value/summary';

const USAGE = `Usage: npm run -s clv -- fit FILE --format cdnow|csv --calibration-end YYYY-MM-DD
                        [--horizon-weeks N] [--discount-rate D] [--min-repeat N]
       npm run -s clv -- bench [--customers N] [--runs K] [--cdnow FILE]

Fits BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader & Hardie 2013) to the purchases
in FILE up to the calibration end and prints one JSON document to stdout:
  {"fitted", "reason"?, "bgnbd": {"r","alpha","a","b","logLik"} | null,
   "gammaGamma": {"p","q","gamma","logLik"} | null, "fitMs",
   "customers": [{"id","x","t_x","T","mbar","historical","expectedPurchases","pAlive",
                  "expectedSpend","clv","tier","atRisk","explanation","rank"}]}
When the data cannot support a fit, "fitted" is false, "reason" says why, and every model
number is null; customers are ranked by spend and recency instead.

Formats:
  cdnow   whitespace-separated: master id, customer id, YYYYMMDD, number of CDs, dollar value
  csv     header "contact,date,amount", dates YYYY-MM-DD, plain amounts ≥ 0

Options:
  --format F            cdnow or csv (required)
  --calibration-end D   last day of the calibration period, YYYY-MM-DD (required); later
                        purchases are ignored
  --horizon-weeks N     prediction horizon in weeks (default 52)
  --discount-rate D     annual discount rate for CLV, e.g. 0.1 (default 0)
  --min-repeat N        fewest customers with a repeat purchase needed to fit (default 30)
  -h, --help            show this help

bench times the two model fits (BG/NBD + Gamma-Gamma, from summaries) on N synthetic customers
drawn from the BG/NBD process with a fixed seed (default 100000) and, with --cdnow, on CDNOW
(calibration end 1997-09-30); prints the median of K runs (default 5) as JSON.

Exit codes: 0 ok, 1 unreadable data in FILE, 2 bad arguments.

Example:
  npm run -s clv -- fit ../shared/datasets/cdnow/CDNOW_sample.txt --format cdnow \\
    --calibration-end 1997-09-30 --horizon-weeks 39
`;

class UsageError extends Error {}

interface FitArgs {
  file: string;
  format: 'cdnow' | 'csv';
  calibrationEnd: string;
  horizonWeeks: number;
  discountRate: number;
  minRepeat: number;
}

interface BenchArgs {
  customers: number;
  runs: number;
  cdnow: string | undefined;
}

type Command = { kind: 'help' } | { kind: 'fit'; args: FitArgs } | { kind: 'bench'; args: BenchArgs };

const OPTIONS = {
  format: { type: 'string' },
  'calibration-end': { type: 'string' },
  'horizon-weeks': { type: 'string' },
  'discount-rate': { type: 'string' },
  'min-repeat': { type: 'string' },
  customers: { type: 'string' },
  runs: { type: 'string' },
  cdnow: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...rest] = positionals;
  if (command === 'fit') return { kind: 'fit', args: fitArgs(values, rest) };
  if (command === 'bench') return { kind: 'bench', args: benchArgs(values, rest) };
  throw new UsageError(command === undefined ? 'missing command "fit" or "bench"' : `unknown command "${command}"`);
}

function fitArgs(values: OptionValues, positionals: string[]): FitArgs {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('missing FILE');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.format !== 'cdnow' && values.format !== 'csv') throw new UsageError('--format must be cdnow or csv');
  const calibrationEnd = values['calibration-end'];
  if (calibrationEnd === undefined) throw new UsageError('missing --calibration-end');
  if (parseIsoDay(calibrationEnd) === null) throw new UsageError(`--calibration-end must be a YYYY-MM-DD date, got "${calibrationEnd}"`);
  return {
    file,
    format: values.format,
    calibrationEnd,
    horizonWeeks: numberOption('--horizon-weeks', values['horizon-weeks'], 52, (n) => n > 0),
    discountRate: numberOption('--discount-rate', values['discount-rate'], 0, (n) => n >= 0),
    minRepeat: numberOption('--min-repeat', values['min-repeat'], 30, (n) => Number.isInteger(n) && n >= 1),
  };
}

function benchArgs(values: OptionValues, positionals: string[]): BenchArgs {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return {
    customers: numberOption('--customers', values.customers, 100_000, (n) => Number.isInteger(n) && n >= 1),
    runs: numberOption('--runs', values.runs, 5, (n) => Number.isInteger(n) && n >= 1),
    cdnow: values.cdnow,
  };
}

function numberOption(name: string, text: string | undefined, fallback: number, valid: (n: number) => boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !valid(value)) throw new UsageError(`${name}: bad value "${text}"`);
  return value;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readPurchases(args: FitArgs): Purchase[] {
  const text = readText(args.file);
  return args.format === 'cdnow' ? parseCdnow(text) : parsePurchasesCsv(text);
}

/** Median wall time of fitting both models to `summaries`, over `runs` runs. */
function timeFits(summaries: readonly (Rfm & Spend)[], runs: number): { medianMs: number; runsMs: number[] } {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    fitBgNbd(summaries);
    fitGammaGamma(summaries);
    runsMs.push(Math.round((performance.now() - started) * 10) / 10);
  }
  return { medianMs: median(runsMs), runsMs };
}

function bench(args: BenchArgs): string {
  const result: Record<string, unknown> = {};
  if (args.cdnow !== undefined) {
    const summaries = summarisePurchases(parseCdnow(readText(args.cdnow)), '1997-09-30');
    result.cdnow = { customers: summaries.length, ...timeFits(summaries, args.runs) };
  }
  const synthetic = simulateCustomers({
    customers: args.customers,
    bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
    seed: 42,
  });
  result.synthetic = { customers: args.customers, ...timeFits(synthetic, args.runs) };
  return JSON.stringify(result);
}

function fit(args: FitArgs): string {
  const purchases = readPurchases(args);
  const started = performance.now();
  const model = computeValues(purchases, {
    calibrationEnd: args.calibrationEnd,
    horizonWeeks: args.horizonWeeks,
    discountRate: args.discountRate,
    minRepeatCustomers: args.minRepeat,
  });
  const fitMs = performance.now() - started;
  const { bgnbd, gammaGamma } = model;
  return JSON.stringify({
    fitted: model.fitted,
    ...(model.reason === undefined ? {} : { reason: model.reason }),
    calibrationEnd: args.calibrationEnd,
    horizonWeeks: args.horizonWeeks,
    discountRate: args.discountRate,
    bgnbd: bgnbd ? { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a, b: bgnbd.b, logLik: bgnbd.logLik } : null,
    gammaGamma: gammaGamma ? { p: gammaGamma.p, q: gammaGamma.q, gamma: gammaGamma.gamma, logLik: gammaGamma.logLik } : null,
    fitMs: Math.round(fitMs),
    customers: model.customers,
  });
}

function main(argv: string[]): number {
  try {
    const command = parseCommandLine(argv);
    if (command.kind === 'help') process.stdout.write(USAGE);
    else process.stdout.write(`${command.kind === 'fit' ? fit(command.args) : bench(command.args)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`clv: ${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    if (error instanceof PurchaseFileError) {
      process.stderr.write(`clv: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
