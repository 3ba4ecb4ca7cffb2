import type { Knex } from 'knex';
import {
  formatNumberedId,
  parseNumberedId,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { ConflictError } from '@backstage/errors';
import { COUNTERS } from './tables';

/** The largest number a numbered id can carry: nine digits, as the id patterns allow. */
export const MAX_ID_NUMBER = 999_999_999;

/** How far above the ids in use an observed id may lie and still raise its counter. */
export const DEFAULT_MAX_ID_JUMP = 1000;

/** An observed id that does not raise its prefix's counter, and why. */
export interface RefusedId {
  id: string;
  prefix: string;
  /** What the counter may rise to at most from this sync. */
  ceiling: number;
  highestInUse: number;
}

/** The numbered ids among these, by prefix. */
function numberedByPrefix(ids: string[]) {
  const byPrefix = new Map<string, Array<{ id: string; number: number }>>();
  for (const id of ids) {
    // Ids whose number the next-id allocation must stay above: `SPEC-0042`, `feat-7`.
    const numbered = parseNumberedId(id);
    if (numbered) {
      const list = byPrefix.get(numbered.prefix) ?? [];
      list.push({ id, number: numbered.number });
      byPrefix.set(numbered.prefix, list);
    }
  }
  return byPrefix;
}

/**
 * The id counters of a write, read once and then kept in memory while the write's locations are
 * screened and observed one after the other, as if each were written on its own.
 */
export class IdCounters {
  readonly #highest: Map<string, number>;
  readonly #raised = new Set<string>();

  private constructor(highest: Map<string, number>) {
    this.#highest = highest;
  }

  /** The stored counters of the prefixes of these ids. */
  static async read(tx: Knex.Transaction, ids: string[]): Promise<IdCounters> {
    const prefixes = [...numberedByPrefix(ids).keys()];
    const highest = new Map<string, number>();
    if (prefixes.length) {
      const rows = await tx(COUNTERS)
        .whereIn('prefix', prefixes)
        .select('prefix', 'highest');
      rows.forEach(row => highest.set(String(row.prefix), Number(row.highest)));
    }
    return new IdCounters(highest);
  }

  /**
   * Which of these ids may raise their counters. One spec file claiming `SPEC-999999999` would
   * otherwise push every later id past what the id patterns accept, so an id more than `maxJump`
   * above its prefix's counter (or above the count of its prefix's ids seen here, which lets a
   * first index of a long-numbered folder through) is refused and reported instead.
   */
  screen(ids: string[], maxJump: number): RefusedId[] {
    const refused: RefusedId[] = [];
    for (const [prefix, seen] of numberedByPrefix(ids)) {
      const highestInUse = this.#highest.get(prefix) ?? 0;
      const ceiling =
        Math.max(highestInUse, new Set(seen.map(s => s.number)).size) + maxJump;
      for (const { id, number } of seen) {
        if (number > ceiling) {
          refused.push({ id, prefix, ceiling, highestInUse });
        }
      }
    }
    return refused;
  }

  /** Raises the counters of the prefixes of these ids to their numbers; never lowers one. */
  observe(ids: string[]) {
    for (const [prefix, seen] of numberedByPrefix(ids)) {
      const top = Math.max(...seen.map(s => s.number));
      if (top > (this.#highest.get(prefix) ?? 0)) {
        this.#highest.set(prefix, top);
        this.#raised.add(prefix);
      }
    }
  }

  /** Stores the raised counters in one statement, in prefix order (the lock order of every writer). */
  async write(tx: Knex.Transaction) {
    if (!this.#raised.size) {
      return;
    }
    const rows = [...this.#raised]
      .sort()
      .map(prefix => ({ prefix, highest: this.#highest.get(prefix)! }));
    // Another instance may have raised one meanwhile: the counter never goes down.
    await tx(COUNTERS)
      .insert(rows)
      .onConflict('prefix')
      .merge({
        highest: tx.raw(
          'case when ?? < excluded.highest then excluded.highest else ?? end',
          [`${COUNTERS}.highest`, `${COUNTERS}.highest`],
        ),
      });
  }
}

/** Hands out the next id of a prefix, atomically, also across instances. */
export async function allocateId(knex: Knex, prefix: string): Promise<string> {
  const key = prefix.toUpperCase();
  const rows = await knex(COUNTERS)
    .insert({ prefix: key, highest: 1 })
    .onConflict('prefix')
    .merge({ highest: knex.raw('?? + 1', [`${COUNTERS}.highest`]) })
    .returning('highest');
  const row = rows[0] as { highest: number | string } | number;
  const number = Number(typeof row === 'object' ? row.highest : row);
  if (number > MAX_ID_NUMBER) {
    throw new ConflictError(
      `Every ${key} id is taken: ids have at most nine digits (${formatNumberedId(
        key,
        MAX_ID_NUMBER,
      )}); start a new prefix`,
    );
  }
  return formatNumberedId(key, number);
}

/** The id {@link allocateId} would hand out now. */
export async function peekId(knex: Knex, prefix: string): Promise<string> {
  const key = prefix.toUpperCase();
  const row = await knex(COUNTERS).where({ prefix: key }).first('highest');
  return formatNumberedId(key, Number(row?.highest ?? 0) + 1);
}
