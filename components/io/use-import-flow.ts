import { useEffect, useRef, useState } from 'react';
import { crmDatabase, readHomeCurrency } from '@/lib/db';
import type { ImportClient } from '@/lib/io/import-client';
import { importClient } from '@/lib/io/start-import';
import type { ImportProgress, ImportResult, PlanPreview, ReadSummary } from '@/lib/io/import-session';
import { recallMapping, rememberMapping } from '@/lib/io/mapping-memory';
import type { ColumnMapping } from '@/lib/io/types';
import { errorText } from '../ui/error-text';
import { guessMapping, headerSignature, ImportFileError } from './formats-api';
import { useCancellableRun } from './use-cancellable-run';

/** The file being imported, as the page knows it: its bytes went to the import's worker. */
export interface ChosenFile {
  name: string;
}

export type ImportStep =
  | { kind: 'choose' }
  | { kind: 'reading'; fileName: string; done: number; total: number }
  | { kind: 'mapping'; file: ChosenFile; parsed: ReadSummary; initial: ColumnMapping; remembered: boolean }
  | { kind: 'preview'; file: ChosenFile; plan: PlanPreview }
  | { kind: 'running'; plan: PlanPreview; progress: ImportProgress }
  | { kind: 'done'; plan: PlanPreview; result: ImportResult };

/**
 * The import's steps and what moves between them: choose → reading → (mapping, for a CSV of
 * unknown layout) → preview → running → done. Nothing is written before `confirm`. A failure
 * goes back to choose with `error` saying what happened. The reading, planning and writing run
 * in a worker (lib/io/import-client.ts): the page only shows the steps.
 */
export function useImportFlow() {
  const [step, setStep] = useState<ImportStep>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);
  const [createFromPurchases, setCreateFromPurchases] = useState(false);
  const [currency, setChosenCurrency] = useState('USD');
  const currencyChosen = useRef(false);
  const running = useCancellableRun();
  const client = useRef<ImportClient | null>(null);
  const importer = () => (client.current ??= importClient(crmDatabase));

  // Leaving the page's import (the options page closing, a test unmounting) ends its worker.
  useEffect(
    () => () => {
      client.current?.close();
      client.current = null;
    },
    [],
  );

  // Amounts without a currency are in the home currency tiers add up in, until the user picks one.
  useEffect(() => {
    void readHomeCurrency(crmDatabase())
      .then((home) => {
        if (!currencyChosen.current) setChosenCurrency(home);
      })
      .catch(() => undefined); // unreadable: USD, which the field shows and the user can change
  }, []);

  /** The user is choosing a file: the worker starts and opens the database meanwhile. */
  function warm() {
    void importer().warm();
  }

  /**
   * The file dialog closed without a file: the worker started for it ends (it would otherwise wait,
   * with the database open, until the options page closes). Choosing again starts another.
   */
  function release() {
    client.current?.close();
    client.current = null;
  }

  function setCurrency(next: string) {
    currencyChosen.current = true;
    setChosenCurrency(next);
  }

  function stop(message: string) {
    setStep({ kind: 'choose' });
    setError(message);
  }

  async function preview(file: ChosenFile, update: boolean, fromPurchases: boolean = createFromPurchases) {
    const plan = await importer().preview({ updateExisting: update, createFromPurchases: fromPurchases });
    setStep({ kind: 'preview', file, plan });
  }

  /** Reads the chosen file (`bytes`: a new file; without: the one read before, e.g. with a mapping). */
  async function read(file: ChosenFile, bytes: Uint8Array | undefined, size: number, mapping?: ColumnMapping): Promise<ReadSummary> {
    setStep({ kind: 'reading', fileName: file.name, done: 0, total: size });
    return importer().read(bytes ? { name: file.name, bytes } : undefined, { mapping, defaultCurrency: currency }, ({ processed, total }) =>
      setStep({ kind: 'reading', fileName: file.name, done: processed, total }),
    );
  }

  async function chooseFile(picked: File | undefined) {
    if (!picked) return;
    setError(null);
    try {
      const file = { name: picked.name };
      let parsed = await read(file, new Uint8Array(await picked.arrayBuffer()), picked.size);
      if (parsed.format === 'backup-json') return stop('This file is a full Sidebar CRM backup: restore it under “Backup and restore” below.');
      if (parsed.format === 'csv' && parsed.headers) {
        const headers = parsed.headers;
        const remembered = await recallMapping(crmDatabase(), headerSignature(headers));
        if (remembered) parsed = await read(file, undefined, picked.size, remembered);
        setStep({ kind: 'mapping', file, parsed, initial: remembered ?? parsed.mapping ?? guessMapping(headers), remembered: !!remembered });
        return;
      }
      await preview(file, updateExisting);
    } catch (failure) {
      stop(failure instanceof ImportFileError ? `${picked.name}: ${failure.message}` : `Could not read ${picked.name}: ${errorText(failure)}`);
    }
  }

  async function confirmMapping(file: ChosenFile, headers: readonly string[], mapping: ColumnMapping) {
    try {
      await rememberMapping(crmDatabase(), headerSignature([...headers]), mapping);
      await read(file, undefined, 0, mapping);
      await preview(file, updateExisting);
    } catch (failure) {
      stop(`Could not read ${file.name}: ${errorText(failure)}`);
    }
  }

  /** Re-plans the previewed file with or without updating stored contacts. */
  function changeUpdateExisting(file: ChosenFile, update: boolean) {
    setUpdateExisting(update);
    void preview(file, update).catch((failure: unknown) => setError(errorText(failure)));
  }

  /** Re-plans the previewed file with or without contacts made from purchase rows. */
  function changeCreateFromPurchases(file: ChosenFile, create: boolean) {
    setCreateFromPurchases(create);
    void preview(file, updateExisting, create).catch((failure: unknown) => setError(errorText(failure)));
  }

  async function confirm(plan: PlanPreview) {
    setStep({ kind: 'running', plan, progress: { phase: 'contacts', done: 0, total: 0 } });
    try {
      await running.run(async (signal) => {
        const result = await importer().run((progress) => setStep((current) => (current.kind === 'running' ? { ...current, progress } : current)), signal);
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
    warm,
    release,
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
