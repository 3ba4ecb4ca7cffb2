import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  BLAST_RADIUS_LEVELS,
  DOWNTIME_REQUIREMENTS,
  ROLLBACK_COMPLEXITIES,
  SPEC_ID_PREFIX_PATTERN,
  SPEC_SORT_FIELDS,
  SPEC_COST_DRIFTS,
  SPEC_STATUSES,
  vocabularyValues,
  type SpecSortField,
  type VocabularyEntry,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseRef } from '../refs';
import {
  componentRefOf,
  TooManyRefreshesError,
  type SpecService,
} from './SpecService';

/** Repeated params and comma lists both become one list: `status=a&status=b,c`. */
function toList(value: unknown): unknown {
  if (value === undefined) {
    return undefined;
  }
  const raw = Array.isArray(value) ? value : [value];
  if (!raw.every(v => typeof v === 'string')) {
    return value;
  }
  return (raw as string[])
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

const values = <T extends string>(
  vocabulary: ReadonlyArray<VocabularyEntry<T>>,
) => z.enum(vocabularyValues(vocabulary));

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(toList, z.array(item).max(100).optional());

function entityRefList(defaultKind: string) {
  return list(z.string().min(1).max(255)).transform((refs, ctx) => {
    if (!refs) return undefined;
    const out: string[] = [];
    for (const ref of refs) {
      try {
        out.push(parseRef(ref, { defaultKind }));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `'${ref}' is not an entity ref`,
        });
        return z.NEVER;
      }
    }
    return out;
  });
}

const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess(v => (Array.isArray(v) ? v[v.length - 1] : v), schema);

const listQuerySchema = z.object({
  status: list(values(SPEC_STATUSES)),
  format: list(z.string().min(1).max(255)),
  component: entityRefList('component'),
  owner: entityRefList('group'),
  blastRadius: list(values(BLAST_RADIUS_LEVELS)),
  rollback: list(values(ROLLBACK_COMPLEXITIES)),
  downtime: list(values(DOWNTIME_REQUIREMENTS)),
  costDrift: list(values(SPEC_COST_DRIFTS)),
  q: single(z.string().max(200).optional()),
  limit: single(z.coerce.number().int().min(1).max(500).default(50)),
  cursor: single(z.string().max(4096).optional()),
  sort: single(
    z
      .string()
      .regex(
        new RegExp(`^-?(${SPEC_SORT_FIELDS.join('|')})$`),
        `sort must be one of ${SPEC_SORT_FIELDS.join(
          ', ',
        )}, optionally prefixed with -`,
      )
      .default('-updated'),
  ),
  includeRemoved: single(z.enum(['true', 'false']).optional()),
  includeProposed: single(z.enum(['true', 'false']).optional()),
});

const changesQuerySchema = z.object({
  since: single(z.string().max(4096).optional()),
  limit: single(z.coerce.number().int().min(1).max(1000).default(500)),
});

const summaryQuerySchema = z.object({
  entityRef: single(z.string().max(512).optional()),
});

const nextIdQuerySchema = z.object({
  prefix: single(
    z
      .string()
      .regex(
        SPEC_ID_PREFIX_PATTERN,
        'prefix must be a letter followed by up to 31 letters or digits',
      )
      .default('SPEC'),
  ),
});

const reserveIdBodySchema = z
  .object({
    prefix: nextIdQuerySchema.shape.prefix,
    entityRef: z
      .string({
        message:
          'the component the new spec is for (infra-specs.spec.create is decided on it), e.g. component:default/payments-api',
      })
      .min(1)
      .max(512),
  })
  .strict();

const refreshBodySchema = z
  .object({ entityRef: z.string().min(1).max(512).optional() })
  .strict();

const lintBodySchema = z
  .object({ markdown: z.string(), path: z.string().max(1024).optional() })
  .strict();

function parse<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map(i => `${i.path.join('.') || what}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/**
 * The REST API: validates input, calls {@link SpecService}, lets errors reach the standard
 * middleware. Every route needs user or service credentials through the default auth policy.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  service: SpecService;
  lintMaxBytes: number;
}): express.Router {
  const { httpAuth, service, lintMaxBytes } = options;
  const router = Router();
  // JSON escaping can double the markdown; the exact limit is checked on the decoded text.
  const lintJson = express.json({ limit: lintMaxBytes * 2 + 16 * 1024 });

  router.get('/specs', async (req, res) => {
    const query = parse(listQuerySchema, req.query, 'query');
    const descending = query.sort.startsWith('-');
    const field = query.sort.replace(/^-/, '') as SpecSortField;
    res.json(
      await service.listSpecs(
        {
          filter: {
            status: query.status,
            format: query.format,
            component: query.component,
            owner: query.owner,
            blastRadius: query.blastRadius,
            rollback: query.rollback,
            downtime: query.downtime,
            costDrift: query.costDrift,
            q: query.q,
            includeRemoved: query.includeRemoved === 'true',
            includeProposed: query.includeProposed === 'true',
          },
          limit: query.limit,
          cursor: query.cursor,
          sort: { field, order: descending ? 'desc' : 'asc' },
        },
        await httpAuth.credentials(req),
      ),
    );
  });

  router.get('/specs/:name', async (req, res) => {
    const name = parse(
      z.string().min(1).max(255),
      req.params.name,
      'spec name',
    );
    res.json(await service.getSpec(name, await httpAuth.credentials(req)));
  });

  router.get('/entity/:kind/:namespace/:name/specs', async (req, res) => {
    const { kind, namespace, name } = req.params;
    const ref = componentRefOf(`${kind}:${namespace}/${name}`);
    res.json(
      await service.getEntitySpecs(ref, await httpAuth.credentials(req)),
    );
  });

  router.get('/summary', async (req, res) => {
    const query = parse(summaryQuerySchema, req.query, 'query');
    const ref = query.entityRef ? componentRefOf(query.entityRef) : undefined;
    res.json(await service.getSummary(ref, await httpAuth.credentials(req)));
  });

  router.get('/changes', async (req, res) => {
    const query = parse(changesQuerySchema, req.query, 'query');
    res.json(
      await service.getChanges(
        query.since,
        query.limit,
        await httpAuth.credentials(req),
      ),
    );
  });

  // GET previews the next id (forms show it while people type); POST reserves it for a new spec.
  router.get('/next-id', async (req, res) => {
    const query = parse(nextIdQuerySchema, req.query, 'query');
    res.json(await service.nextId(query.prefix, { reserve: false }));
  });

  router.post('/next-id', express.json({ limit: '16kb' }), async (req, res) => {
    const body = parse(reserveIdBodySchema, req.body ?? {}, 'body');
    res.json(
      await service.nextId(body.prefix, {
        reserve: true,
        componentRef: componentRefOf(body.entityRef),
        credentials: await httpAuth.credentials(req),
      }),
    );
  });

  router.post('/refresh', express.json({ limit: '16kb' }), async (req, res) => {
    const body = parse(refreshBodySchema, req.body ?? {}, 'body');
    let result;
    try {
      result = await service.refresh(
        body.entityRef,
        await httpAuth.credentials(req),
      );
    } catch (error) {
      if (error instanceof TooManyRefreshesError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    res.status(result.accepted ? 202 : 200).json(result.response);
  });

  router.post('/lint', lintJson, async (req, res) => {
    const body = parse(lintBodySchema, req.body, 'body');
    res.json(await service.lint(body.markdown, body.path));
  });

  return router;
}
