import { useEffect, useRef, useState } from 'react';
import { crmDatabase, readHomeCurrency } from '@/lib/db';
import { planImport, type ImportPlan } from '@/lib/io/import-plan';
import { runImport, type ImportProgress, type ImportResult } from '@/lib/io/import-run';
import { recallMapping, rememberMapping } from '@/lib/io/mapping-memory';
import type { ColumnMapping, ParsedImport } from '@/lib/io/types';
import { errorText } from '../ui/error-text';
import { guessMapping, headerSignature, ImportFileError, parseImportFile } from './formats-api';
import { useCancellableRun } from './use-cancellable-run';

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export type ImportStep =
  | { kind: 'choose' }
  | { kind: 'reading'; fileName: string; done: number; total: number }
  | { kind: 'mapping'; file: ChosenFile; parsed: ParsedImport; initial: ColumnMapping; remembered: boolean }
  | { kind: 'preview'; file: ChosenFile; parsed: ParsedImport; plan: ImportPlan }
  | { kind: 'running'; plan: ImportPlan; progress: ImportProgress }
  | { kind: 'done'; plan: ImportPlan; result: ImportResult };

/**
 * The import's steps and what moves between them: choose → reading → (mapping, for a CSV of
 * unknown layout) → preview → running → done. Nothing is written before `confirm`. A failure
 * goes back to choose with `error` saying what happened.
 */
export function useImportFlow() {
  const [step, setStep] = useState<ImportStep>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);
  const [createFromPurchases, setCreateFromPurchases] = useState(false);
  const [currency, setChosenCurrency] = useState('USD');
  const currencyChosen = useRef(false);
  const running = useCancellableRun();

  // Amounts without a currency are in the home currency tiers add up in, until the user picks one.
  useEffect(() => {
    void readHomeCurrency(crmDatabase())
      .then((home) => {
        if (!currencyChosen.current) setChosenCurrency(home);
      })
      .catch(() => undefined); // unreadable: USD, which the field shows and the user can change
  }, []);

  function setCurrency(next: string) {
    currencyChosen.current = true;
    setChosenCurrency(next);
  }

  function stop(message: string) {
    setStep({ kind: 'choose' });
    setError(message);
  }

  async function preview(file: ChosenFile, parsed: ParsedImport, update: boolean, fromPurchases: boolean = createFromPurchases) {
    const plan = await planImport(crmDatabase(), parsed, { updateExisting: update, createFromPurchases: fromPurchases });
    setStep({ kind: 'preview', file, parsed, plan });
  }

  async function read(file: ChosenFile, mapping?: ColumnMapping): Promise<ParsedImport> {
    setStep({ kind: 'reading', fileName: file.name, done: 0, total: file.bytes.length });
    return parseImportFile(file.bytes, {
      fileName: file.name,
      mapping,
      defaultCurrency: currency,
      onProgress: ({ processed, total }) => setStep({ kind: 'reading', fileName: file.name, done: processed, total }),
    });
  }

  async function chooseFile(picked: File | undefined) {
    if (!picked) return;
    setError(null);
    try {
      const file = { name: picked.name, bytes: new Uint8Array(await picked.arrayBuffer()) };
      let parsed = await read(file);
      if (parsed.format === 'backup-json') return stop('This file is a full Sidebar CRM backup: restore it under “Backup and restore” below.');
      if (parsed.format === 'csv' && parsed.headers) {
        const headers = parsed.headers;
        const remembered = await recallMapping(crmDatabase(), headerSignature(headers));
        if (remembered) parsed = await read(file, remembered);
        setStep({ kind: 'mapping', file, parsed, initial: remembered ?? parsed.mapping ?? guessMapping(headers), remembered: !!remembered });
        return;
      }
      await preview(file, parsed, updateExisting);
    } catch (failure) {
      stop(failure instanceof ImportFileError ? `${picked.name}: ${failure.message}` : `Could not read ${picked.name}: ${errorText(failure)}`);
    }
  }

  async function confirmMapping(file: ChosenFile, headers: readonly string[], mapping: ColumnMapping) {
    try {
      await rememberMapping(crmDatabase(), headerSignature([...headers]), mapping);
      await preview(file, await read(file, mapping), updateExisting);
    } catch (failure) {
      stop(`Could not read ${file.name}: ${errorText(failure)}`);
    }
  }

  /** Re-plans the previewed file with or without updating stored contacts. */
  function changeUpdateExisting(file: ChosenFile, parsed: ParsedImport, update: boolean) {
    setUpdateExisting(update);
    void preview(file, parsed, update).catch((failure: unknown) => setError(errorText(failure)));
  }

  /** Re-plans the previewed file with or without contacts made from purchase rows. */
  function changeCreateFromPurchases(file: ChosenFile, parsed: ParsedImport, create: boolean) {
    setCreateFromPurchases(create);
    void preview(file, parsed, updateExisting, create).catch((failure: unknown) => setError(errorText(failure)));
  }

  async function confirm(plan: ImportPlan) {
    setStep({ kind: 'running', plan, progress: { phase: 'contacts', done: 0, total: 0 } });
    try {
      await running.run(async (signal) => {
        const result = await runImport(crmDatabase(), plan, {
          signal,
          onProgress: (progress) => setStep((current) => (current.kind === 'running' ? { ...current, progress } : current)),
        });
        setStep({ kind: 'done', plan, result });
      });
    } catch (failure) {
      stop(`The import stopped: ${errorText(failure)}. What was written before the error is kept; importing the same file again adds the rest.`);
    }
  }

  function restart() {
    setStep({ kind: 'choose' });
    setError(null);
  }

  return {
    step,
    error,
    currency,
    setCurrency,
    updateExisting,
    createFromPurchases,
    chooseFile,
    confirmMapping,
    changeUpdateExisting,
    changeCreateFromPurchases,
    confirm,
    cancel: running.cancel,
    restart,
  };
}
