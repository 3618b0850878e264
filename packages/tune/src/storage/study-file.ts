/** The JSON layout of a study file and its validation (shared by `FileStorage` and tools that read it). */
import { SerializationError } from '@convkit/core';
import type { TrialRecord } from '../types';
import type { StudyData } from './study-data';

/** The `format` tag every study file starts with. */
export const STUDY_FILE_FORMAT = 'convkit-tune-study';
/** The layout version this code writes and reads. */
export const STUDY_FILE_VERSION = 1;

/** A study file: one or more studies by name. */
export interface StudyFile {
  format: typeof STUDY_FILE_FORMAT;
  version: number;
  studies: Record<string, StudyData>;
}

const STATES = new Set(['running', 'complete', 'pruned', 'failed']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkTrial(path: string, where: string, t: unknown, index: number): asserts t is TrialRecord {
  const bad = (what: string) => new SerializationError(`${path} is not a valid study file: ${where}[${index}] ${what}`);
  if (!isObject(t)) throw bad('is not an object');
  if (t.number !== index) throw bad(`has number ${JSON.stringify(t.number)}, expected ${index}`);
  if (typeof t.state !== 'string' || !STATES.has(t.state)) throw bad(`has unknown state ${JSON.stringify(t.state)}`);
  if (!isObject(t.params)) throw bad('has no params object');
  if (!isObject(t.distributions)) throw bad('has no distributions object');
  if (!isObject(t.intermediate)) throw bad('has no intermediate object');
  if (typeof t.startedAt !== 'string') throw bad('has no startedAt time');
  if (t.value !== undefined && (typeof t.value !== 'number' || !Number.isFinite(t.value)))
    throw bad(`has a non-numeric value ${JSON.stringify(t.value)}`);
  if (t.state === 'complete' && t.value === undefined) throw bad('is complete without a value');
  for (const [k, v] of Object.entries(t.intermediate)) {
    if (!/^\d+$/.test(k) || typeof v !== 'number')
      throw bad(`has a bad intermediate value at step ${JSON.stringify(k)}`);
  }
}

/**
 * Parses and validates the text of a study file.
 *
 * @param path - The file, for messages.
 * @param text - Its content.
 * @returns The studies.
 * @throws {SerializationError} when the text is not JSON, not a study file, of an unknown version,
 *   or holds a malformed study or trial (the message names the key).
 */
export function parseStudyFile(path: string, text: string): StudyFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SerializationError(`${path} is not a study file: it is not JSON (${(e as Error).message})`);
  }
  if (!isObject(data) || data.format !== STUDY_FILE_FORMAT) {
    throw new SerializationError(
      `${path} is not a study file (no "format": "${STUDY_FILE_FORMAT}"); refusing to use it — choose a new path`,
    );
  }
  if (data.version !== STUDY_FILE_VERSION) {
    throw new SerializationError(
      `${path}: unsupported study file version ${JSON.stringify(data.version)} (this version reads ${STUDY_FILE_VERSION})`,
    );
  }
  if (!isObject(data.studies))
    throw new SerializationError(`${path} is not a valid study file: "studies" is not an object`);
  for (const [name, s] of Object.entries(data.studies)) {
    const where = `studies[${JSON.stringify(name)}]`;
    if (!isObject(s) || !isObject(s.info) || !Array.isArray(s.trials)) {
      throw new SerializationError(`${path} is not a valid study file: ${where} needs "info" and "trials"`);
    }
    const info = s.info;
    if (
      info.name !== name ||
      (info.direction !== 'minimize' && info.direction !== 'maximize') ||
      typeof info.createdAt !== 'string'
    ) {
      throw new SerializationError(
        `${path} is not a valid study file: ${where}.info needs name ${JSON.stringify(name)}, direction and createdAt`,
      );
    }
    s.trials.forEach((t, i) => checkTrial(path, `${where}.trials`, t, i));
  }
  return data as unknown as StudyFile;
}
